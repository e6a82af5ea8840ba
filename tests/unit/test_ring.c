/* test_ring.c — the ring file: order, wrap-around, torn records, schema. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "ring.h"

/* The documented layout: 64-byte header, slots of 16 + payload bytes. */
#define HDR 64
#define REC 32
#define SLOT (16 + REC)

static const struct nv_ring_schema schema = { 0x54534554, 1, REC };
static char dir[64], path[96];
static char err[256];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_ring.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/r.ring", dir);
}

static void teardown(void)
{
	unlink(path);
	rmdir(dir);
}

static void make_rec(uint64_t seq, unsigned char *rec)
{
	for (int i = 0; i < REC; i++)
		rec[i] = (unsigned char)(seq * 31 + i);
}

static struct nv_ring *open_ring(uint32_t cap, enum nv_ring_found *found)
{
	struct nv_ring *r = nv_ring_open(path, &schema, cap, 3600, found, err, sizeof(err));

	ck_assert_msg(r != NULL, "%s", err);
	return r;
}

static void append_n(struct nv_ring *r, int n)
{
	unsigned char rec[REC];

	for (int i = 0; i < n; i++) {
		uint64_t want = nv_ring_newest_seq(r) + 1;

		make_rec(want, rec);
		ck_assert_uint_eq(nv_ring_append(r, rec, err, sizeof(err)), want);
	}
}

struct seen {
	uint64_t seq[8192];
	int n;
	int bad;
};

static int collect(uint64_t seq, const void *rec, void *arg)
{
	struct seen *s = arg;
	unsigned char want[REC];

	make_rec(seq, want);
	if (memcmp(rec, want, REC) != 0)
		s->bad++;
	s->seq[s->n++] = seq;
	return 0;
}

static struct seen *walk(struct nv_ring *r)
{
	static struct seen s;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(nv_ring_foreach(r, collect, &s), 0);
	ck_assert_int_eq(s.bad, 0);
	for (int i = 1; i < s.n; i++)
		ck_assert_msg(s.seq[i] > s.seq[i - 1], "records out of order");
	return &s;
}

static void poke(off_t off, const char *bytes, size_t n)
{
	int fd = open(path, O_WRONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pwrite(fd, bytes, n, off), (ssize_t)n);
	close(fd);
}

START_TEST(records_survive_reopen_in_order)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);
	struct seen *s;

	ck_assert_int_eq(f, NV_RING_CREATED);
	append_n(r, 5);
	nv_ring_close(r);
	r = open_ring(16, &f);
	ck_assert_int_eq(f, NV_RING_OK);
	s = walk(r);
	ck_assert_int_eq(s->n, 5);
	ck_assert_uint_eq(s->seq[0], 1);
	ck_assert_uint_eq(s->seq[4], 5);
	nv_ring_close(r);
}
END_TEST

START_TEST(wraps_after_2048_records_keeping_the_newest)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(2048, &f);
	struct seen *s;

	append_n(r, 5000);
	ck_assert_uint_eq(nv_ring_count(r), 2048);
	nv_ring_close(r);
	r = open_ring(2048, &f);
	ck_assert_int_eq(f, NV_RING_OK);
	ck_assert_uint_eq(nv_ring_count(r), 2048);
	s = walk(r);
	ck_assert_int_eq(s->n, 2048);
	ck_assert_uint_eq(s->seq[0], 5000 - 2048 + 1);
	ck_assert_uint_eq(s->seq[2047], 5000);
	append_n(r, 1);
	s = walk(r);
	ck_assert_uint_eq(s->seq[0], 5001 - 2048 + 1);
	ck_assert_uint_eq(s->seq[2047], 5001);
	nv_ring_close(r);
	/* the file never grows */
	FILE *fp = fopen(path, "r");
	fseek(fp, 0, SEEK_END);
	ck_assert_int_eq(ftell(fp), HDR + 2048 * SLOT);
	fclose(fp);
}
END_TEST

START_TEST(torn_record_is_skipped_and_the_rest_survives)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);
	struct seen *s;

	append_n(r, 10);
	nv_ring_close(r);
	/* record 7 half written: garbage in the middle of its payload */
	poke(HDR + 7 * SLOT + 16 + 10, "\xde\xad\xbe\xef", 4);
	r = open_ring(16, &f);
	s = walk(r);
	ck_assert_int_eq(s->n, 9);
	for (int i = 0; i < s->n; i++)
		ck_assert_uint_ne(s->seq[i], 7);
	ck_assert_uint_eq(nv_ring_newest_seq(r), 10);
	nv_ring_close(r);
}
END_TEST

START_TEST(torn_newest_record_is_dropped_and_its_number_reused)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);
	struct seen *s;

	append_n(r, 10);
	nv_ring_close(r);
	poke(HDR + 10 * SLOT + 4, "\x01", 1);  /* sequence number torn */
	r = open_ring(16, &f);
	ck_assert_uint_eq(nv_ring_newest_seq(r), 9);
	append_n(r, 1);
	s = walk(r);
	ck_assert_int_eq(s->n, 10);
	ck_assert_uint_eq(s->seq[9], 10);
	nv_ring_close(r);
}
END_TEST

START_TEST(torn_write_over_the_oldest_after_wrap)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(8, &f);
	struct seen *s;

	append_n(r, 20);               /* holds 13..20 */
	nv_ring_close(r);
	/* a crash while writing 21 over 13: slot 21 % 8 = 5 is garbage */
	poke(HDR + 5 * SLOT + 20, "garbage", 7);
	r = open_ring(8, &f);
	s = walk(r);
	ck_assert_int_eq(s->n, 7);
	ck_assert_uint_eq(s->seq[0], 14);
	ck_assert_uint_eq(s->seq[6], 20);
	nv_ring_close(r);
}
END_TEST

START_TEST(schema_change_recreates_the_log)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);
	struct nv_ring_schema v2 = schema;

	append_n(r, 3);
	nv_ring_close(r);
	v2.version = 2;
	r = nv_ring_open(path, &v2, 16, 3600, &f, err, sizeof(err));
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(f, NV_RING_RECREATED);
	ck_assert_uint_eq(nv_ring_count(r), 0);
	nv_ring_close(r);
}
END_TEST

START_TEST(garbage_header_recreates_the_log)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);

	append_n(r, 3);
	nv_ring_close(r);
	poke(20, "xx", 2);
	r = open_ring(16, &f);
	ck_assert_int_eq(f, NV_RING_CORRUPT);
	ck_assert_uint_eq(nv_ring_count(r), 0);
	append_n(r, 1);
	nv_ring_close(r);
}
END_TEST

START_TEST(new_capacity_keeps_the_newest_records)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(100, &f);
	struct seen *s;

	append_n(r, 150);
	nv_ring_close(r);
	r = open_ring(50, &f);
	ck_assert_int_eq(f, NV_RING_RESIZED);
	s = walk(r);
	ck_assert_int_eq(s->n, 50);
	ck_assert_uint_eq(s->seq[0], 101);
	ck_assert_uint_eq(s->seq[49], 150);
	append_n(r, 1);
	ck_assert_uint_eq(nv_ring_newest_seq(r), 151);
	nv_ring_close(r);
	r = open_ring(200, &f);
	ck_assert_int_eq(f, NV_RING_RESIZED);
	ck_assert_uint_eq(nv_ring_count(r), 50);
	nv_ring_close(r);
}
END_TEST

START_TEST(clear_empties_the_log_for_good)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);

	append_n(r, 30);
	ck_assert_int_eq(nv_ring_clear(r, err, sizeof(err)), 0);
	ck_assert_uint_eq(nv_ring_count(r), 0);
	nv_ring_close(r);
	r = open_ring(16, &f);
	ck_assert_int_eq(f, NV_RING_OK);
	ck_assert_uint_eq(nv_ring_count(r), 0);
	append_n(r, 2);
	ck_assert_int_eq(walk(r)->n, 2);
	nv_ring_close(r);
}
END_TEST

START_TEST(truncated_file_keeps_what_is_left)
{
	enum nv_ring_found f;
	struct nv_ring *r = open_ring(16, &f);

	append_n(r, 10);
	nv_ring_close(r);
	ck_assert_int_eq(truncate(path, HDR + 4 * SLOT + 5), 0);
	r = open_ring(16, &f);
	ck_assert_int_eq(f, NV_RING_OK);
	ck_assert_int_eq(walk(r)->n, 3);        /* 1, 2, 3: slot 4 is cut */
	append_n(r, 1);
	nv_ring_close(r);
}
END_TEST

START_TEST(crc32_matches_the_standard_check_value)
{
	ck_assert_uint_eq(nv_crc32(0, "123456789", 9), 0xcbf43926u);
}
END_TEST

START_TEST(unwritable_path_is_a_clear_error)
{
	enum nv_ring_found f;

	ck_assert_ptr_null(nv_ring_open("/nonexistent-dir/x.ring", &schema, 16, 1, &f,
	    err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "/nonexistent-dir/x.ring"));
}
END_TEST

static Suite *ring_suite(void)
{
	Suite *s = suite_create("ring");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, records_survive_reopen_in_order);
	tcase_add_test(tc, wraps_after_2048_records_keeping_the_newest);
	tcase_add_test(tc, torn_record_is_skipped_and_the_rest_survives);
	tcase_add_test(tc, torn_newest_record_is_dropped_and_its_number_reused);
	tcase_add_test(tc, torn_write_over_the_oldest_after_wrap);
	tcase_add_test(tc, schema_change_recreates_the_log);
	tcase_add_test(tc, garbage_header_recreates_the_log);
	tcase_add_test(tc, new_capacity_keeps_the_newest_records);
	tcase_add_test(tc, clear_empties_the_log_for_good);
	tcase_add_test(tc, truncated_file_keeps_what_is_left);
	tcase_add_test(tc, crc32_matches_the_standard_check_value);
	tcase_add_test(tc, unwritable_path_is_a_clear_error);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { ring_suite, NULL };
