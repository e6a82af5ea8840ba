/*
 * ring_crash_writer — helper of tests/integration/logs_crash.sh.
 *
 *   ring_crash_writer write PATH CAPACITY COMMITTED_FILE
 *       append records as fast as possible; after each append returns,
 *       write its sequence number to COMMITTED_FILE (the test kills us
 *       with SIGKILL at a random moment);
 *   ring_crash_writer check PATH CAPACITY LAST_COMMITTED
 *       open the ring as nvagentd would and verify: every record's
 *       content matches its sequence number, sequence numbers are
 *       consecutive, the newest is at least LAST_COMMITTED, and the ring
 *       holds min(newest, CAPACITY) records.  Prints the newest; exit 1
 *       with the reason on a violation.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ring.h"

#define REC 256         /* slots of 272 bytes: some straddle pages */

static const struct nv_ring_schema schema = { 0x48535243, 1, REC };

static void fill(uint64_t seq, unsigned char *rec)
{
	memcpy(rec, &seq, sizeof(seq));
	for (int i = 8; i < REC; i++)
		rec[i] = (unsigned char)(seq * 131 + i * 7);
}

static int do_write(const char *path, uint32_t cap, const char *committed)
{
	enum nv_ring_found found;
	unsigned char rec[REC];
	char err[512], line[32];
	struct nv_ring *r = nv_ring_open(path, &schema, cap, 1, &found, err, sizeof(err));
	int fd = open(committed, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (r == NULL || fd < 0) {
		fprintf(stderr, "ring_crash_writer: %s\n", r == NULL ? err : strerror(errno));
		return 1;
	}
	for (;;) {
		uint64_t seq = nv_ring_newest_seq(r) + 1;
		int n;

		fill(seq, rec);
		if (nv_ring_append(r, rec, err, sizeof(err)) != seq) {
			fprintf(stderr, "ring_crash_writer: %s\n", err);
			return 1;
		}
		/* the line goes out only once the record is in the file */
		n = snprintf(line, sizeof(line), "%llu\n", (unsigned long long)seq);
		if (pwrite(fd, line, n, 0) != n)
			return 1;
	}
}

struct check {
	uint64_t prev;
	uint32_t n;
	char why[128];
};

static int verify(uint64_t seq, const void *rec, void *arg)
{
	struct check *c = arg;
	unsigned char want[REC];

	fill(seq, want);
	if (memcmp(rec, want, REC) != 0)
		snprintf(c->why, sizeof(c->why), "record %llu holds garbage",
		    (unsigned long long)seq);
	else if (c->prev != 0 && seq != c->prev + 1)
		snprintf(c->why, sizeof(c->why), "record %llu follows %llu",
		    (unsigned long long)seq, (unsigned long long)c->prev);
	c->prev = seq;
	c->n++;
	return c->why[0] != '\0';
}

static int do_check(const char *path, uint32_t cap, uint64_t last)
{
	enum nv_ring_found found;
	char err[512];
	struct check c = { 0, 0, "" };
	struct nv_ring *r = nv_ring_open(path, &schema, cap, 1, &found, err, sizeof(err));
	uint64_t newest;

	if (r == NULL) {
		fprintf(stderr, "check: %s\n", err);
		return 1;
	}
	if (found != NV_RING_OK && found != NV_RING_CREATED) {
		fprintf(stderr, "check: ring %s\n", nv_ring_found_text(found));
		return 1;
	}
	newest = nv_ring_newest_seq(r);
	if (nv_ring_foreach(r, verify, &c) < 0)
		snprintf(c.why, sizeof(c.why), "read error");
	if (c.why[0] == '\0' && newest < last)
		snprintf(c.why, sizeof(c.why), "committed record %llu lost (newest %llu)",
		    (unsigned long long)last, (unsigned long long)newest);
	if (c.why[0] == '\0' && c.n != (newest < cap ? newest : cap))
		snprintf(c.why, sizeof(c.why), "%u records, expected %llu", c.n,
		    (unsigned long long)(newest < cap ? newest : cap));
	if (c.why[0] == '\0' && c.n > 0 && c.prev != newest)
		snprintf(c.why, sizeof(c.why), "walk ended at %llu, newest is %llu",
		    (unsigned long long)c.prev, (unsigned long long)newest);
	nv_ring_close(r);
	if (c.why[0] != '\0') {
		fprintf(stderr, "check: %s\n", c.why);
		return 1;
	}
	printf("%llu\n", (unsigned long long)newest);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "write") == 0)
		return do_write(argv[2], (uint32_t)strtoul(argv[3], NULL, 10), argv[4]);
	if (argc == 5 && strcmp(argv[1], "check") == 0)
		return do_check(argv[2], (uint32_t)strtoul(argv[3], NULL, 10),
		    strtoull(argv[4], NULL, 10));
	fprintf(stderr, "usage: ring_crash_writer write|check PATH CAPACITY ARG\n");
	return 2;
}
