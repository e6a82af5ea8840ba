/* ring.c — crash-safe fixed-size ring file; see ring.h for the format. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ring.h"

#define RING_MAGIC      "NVRING\0\1"
#define HDR_SIZE        64
#define SLOT_HDR        16      /* u64 seq, u32 crc, u32 length */
#define SCAN_CHUNK      64      /* slots read per pread while scanning */
#define MAX_RECORD      4096
#define MAX_CAPACITY    (1u << 20)

struct ring_hdr {
	char magic[8];
	uint32_t schema_id, schema_version, record_size, capacity;
	uint32_t reserved[9];
	uint32_t crc;                   /* over everything before it */
};
_Static_assert(sizeof(struct ring_hdr) == HDR_SIZE, "ring header is 64 bytes");

struct nv_ring {
	int fd;
	char path[PATH_MAX];
	struct nv_ring_schema schema;
	uint32_t cap;
	size_t slot_size;
	uint64_t newest;                /* 0: empty */
	uint32_t count;
	uint64_t *slot_seq;             /* seq held by each slot, 0 = none */
	unsigned char *slot;            /* one slot of scratch */
	int sync_interval;
	double last_sync;
	bool dirty;
};

/* CRC-32 (IEEE 802.3, as zlib), four bits at a time from a fixed table. */
uint32_t nv_crc32(uint32_t crc, const void *buf, size_t len)
{
	static const uint32_t tab[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
		0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
		0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};
	const unsigned char *p = buf;

	crc = ~crc;
	while (len-- > 0) {
		crc ^= *p++;
		crc = (crc >> 4) ^ tab[crc & 15];
		crc = (crc >> 4) ^ tab[crc & 15];
	}
	return ~crc;
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "PATH: what: strerror" */
static void errf(char *err, size_t len, const char *path, const char *what)
{
	snprintf(err, len, "%s: %s%s%s", path, what, *what != '\0' ? ": " : "",
	    strerror(errno));
}

static off_t slot_off(const struct nv_ring *r, uint32_t i)
{
	return (off_t)HDR_SIZE + (off_t)i * (off_t)r->slot_size;
}

static uint32_t slot_crc(const unsigned char *slot, size_t payload)
{
	uint32_t crc = nv_crc32(0, slot, 8);            /* seq */

	crc = nv_crc32(crc, slot + 12, 4);              /* length */
	return nv_crc32(crc, slot + SLOT_HDR, payload);
}

/* The sequence number a slot holds, or 0 when it is torn or garbage. */
static uint64_t slot_check(const struct nv_ring *r, const unsigned char *slot, uint32_t i)
{
	uint64_t seq;
	uint32_t crc, len;

	memcpy(&seq, slot, 8);
	memcpy(&crc, slot + 8, 4);
	memcpy(&len, slot + 12, 4);
	if (seq == 0 || seq % r->cap != i || len != r->schema.record_size)
		return 0;
	return slot_crc(slot, len) == crc ? seq : 0;
}

static void hdr_fill(struct ring_hdr *h, const struct nv_ring_schema *s, uint32_t cap)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, RING_MAGIC, 8);
	h->schema_id = s->id;
	h->schema_version = s->version;
	h->record_size = s->record_size;
	h->capacity = cap;
	h->crc = nv_crc32(0, h, offsetof(struct ring_hdr, crc));
}

/* Write an empty ring: header, then zeroed slots (seq 0 = no record). */
static int ring_format(struct nv_ring *r, char *err, size_t errlen)
{
	struct ring_hdr h;

	hdr_fill(&h, &r->schema, r->cap);
	if (ftruncate(r->fd, 0) < 0 ||
	    pwrite(r->fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    ftruncate(r->fd, slot_off(r, r->cap)) < 0 ||
	    fsync(r->fd) < 0) {
		errf(err, errlen, r->path, "cannot format log file");
		return -1;
	}
	memset(r->slot_seq, 0, r->cap * sizeof(r->slot_seq[0]));
	r->newest = 0;
	r->count = 0;
	r->dirty = false;
	r->last_sync = mono_now();
	return 0;
}

/* Read every slot; keep the sequence numbers of the newest window. */
static int ring_scan(struct nv_ring *r, char *err, size_t errlen)
{
	size_t chunk = SCAN_CHUNK * r->slot_size;
	unsigned char *buf = malloc(chunk);
	uint64_t lo;

	if (buf == NULL) {
		snprintf(err, errlen, "%s: out of memory", r->path);
		return -1;
	}
	r->newest = 0;
	for (uint32_t i = 0; i < r->cap; i += SCAN_CHUNK) {
		uint32_t n = r->cap - i < SCAN_CHUNK ? r->cap - i : SCAN_CHUNK;
		ssize_t got = pread(r->fd, buf, n * r->slot_size, slot_off(r, i));

		if (got < 0) {
			errf(err, errlen, r->path, "read");
			free(buf);
			return -1;
		}
		for (uint32_t k = 0; k < n; k++) {
			/* a short file (truncated) leaves its tail as no record */
			uint64_t seq = (size_t)got >= (k + 1) * r->slot_size ?
			    slot_check(r, buf + k * r->slot_size, i + k) : 0;

			r->slot_seq[i + k] = seq;
			if (seq > r->newest)
				r->newest = seq;
		}
	}
	free(buf);
	/* anything older than the newest window is a leftover: forget it */
	lo = r->newest >= r->cap ? r->newest - r->cap + 1 : 1;
	r->count = 0;
	for (uint32_t i = 0; i < r->cap; i++) {
		if (r->slot_seq[i] != 0 && r->slot_seq[i] < lo)
			r->slot_seq[i] = 0;
		if (r->slot_seq[i] != 0)
			r->count++;
	}
	return 0;
}

static struct nv_ring *ring_alloc(const char *path, const struct nv_ring_schema *s,
    uint32_t cap, int sync_interval)
{
	struct nv_ring *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->fd = -1;
	snprintf(r->path, sizeof(r->path), "%s", path);
	r->schema = *s;
	r->cap = cap;
	r->slot_size = SLOT_HDR + ((s->record_size + 7) & ~(size_t)7);
	r->sync_interval = sync_interval;
	r->slot_seq = calloc(cap, sizeof(r->slot_seq[0]));
	r->slot = calloc(1, r->slot_size);
	if (r->slot_seq == NULL || r->slot == NULL) {
		free(r->slot_seq);
		free(r->slot);
		free(r);
		return NULL;
	}
	r->last_sync = mono_now();
	return r;
}

static void ring_free(struct nv_ring *r)
{
	if (r->fd >= 0)
		close(r->fd);
	free(r->slot_seq);
	free(r->slot);
	free(r);
}

struct saved {
	unsigned char *recs;
	uint64_t *seqs;
	uint32_t n, size;
};

static int save_one(uint64_t seq, const void *rec, void *arg)
{
	struct saved *sv = arg;

	memcpy(sv->recs + (size_t)sv->n * sv->size, rec, sv->size);
	sv->seqs[sv->n++] = seq;
	return 0;
}

/*
 * The file holds the same schema with another capacity: read its records
 * with the old geometry, re-format, and write back the newest that fit,
 * with their sequence numbers.
 */
static int ring_resize(struct nv_ring *r, uint32_t old_cap, char *err, size_t errlen)
{
	struct nv_ring *old = ring_alloc(r->path, &r->schema, old_cap, 0);
	struct saved sv = { NULL, NULL, 0, r->schema.record_size };
	uint32_t first;
	int rc = -1;

	if (old == NULL) {
		snprintf(err, errlen, "%s: out of memory", r->path);
		return -1;
	}
	old->fd = r->fd;
	if (ring_scan(old, err, errlen) < 0)
		goto out;
	sv.recs = malloc((size_t)old->count * sv.size + 1);
	sv.seqs = malloc((size_t)old->count * sizeof(uint64_t) + 1);
	if (sv.recs == NULL || sv.seqs == NULL) {
		snprintf(err, errlen, "%s: out of memory", r->path);
		goto out;
	}
	if (nv_ring_foreach(old, save_one, &sv) < 0 || ring_format(r, err, errlen) < 0)
		goto out;
	first = sv.n > r->cap ? sv.n - r->cap : 0;
	for (uint32_t i = first; i < sv.n; i++) {
		r->newest = sv.seqs[i] - 1;
		if (nv_ring_append(r, sv.recs + (size_t)i * sv.size, err, errlen) == 0)
			goto out;
	}
	rc = nv_ring_sync(r);
out:
	old->fd = -1;
	ring_free(old);
	free(sv.recs);
	free(sv.seqs);
	return rc;
}

/* Decide from the header what to do with an existing file. */
static enum nv_ring_found ring_judge(struct nv_ring *r, uint32_t *old_cap)
{
	struct ring_hdr h;
	struct stat st;

	if (fstat(r->fd, &st) == 0 && st.st_size == 0)
		return NV_RING_CREATED;
	if (pread(r->fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    memcmp(h.magic, RING_MAGIC, 8) != 0 ||
	    h.crc != nv_crc32(0, &h, offsetof(struct ring_hdr, crc)))
		return NV_RING_CORRUPT;
	if (h.schema_id != r->schema.id || h.schema_version != r->schema.version ||
	    h.record_size != r->schema.record_size)
		return NV_RING_RECREATED;
	if (h.capacity != r->cap) {
		*old_cap = h.capacity;
		if (h.capacity == 0 || h.capacity > MAX_CAPACITY)
			return NV_RING_CORRUPT;
		return NV_RING_RESIZED;
	}
	return NV_RING_OK;
}

struct nv_ring *nv_ring_open(const char *path, const struct nv_ring_schema *schema,
    uint32_t capacity, int sync_interval, enum nv_ring_found *found,
    char *err, size_t errlen)
{
	struct nv_ring *r;
	uint32_t old_cap = 0;
	int rc;

	if (capacity == 0 || capacity > MAX_CAPACITY ||
	    schema->record_size == 0 || schema->record_size > MAX_RECORD) {
		snprintf(err, errlen, "%s: bad ring geometry (%u records of %u bytes)",
		    path, capacity, schema->record_size);
		return NULL;
	}
	r = ring_alloc(path, schema, capacity, sync_interval);
	if (r == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	r->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (r->fd < 0) {
		errf(err, errlen, path, "");
		ring_free(r);
		return NULL;
	}
	*found = ring_judge(r, &old_cap);
	switch (*found) {
	case NV_RING_OK:
		rc = ring_scan(r, err, errlen);
		/* a file cut short (disk full, copy) is extended with no records */
		if (rc == 0 && ftruncate(r->fd, slot_off(r, r->cap)) < 0) {
			errf(err, errlen, path, "cannot extend");
			rc = -1;
		}
		break;
	case NV_RING_RESIZED:
		rc = ring_resize(r, old_cap, err, errlen);
		break;
	default:
		rc = ring_format(r, err, errlen);
		break;
	}
	if (rc < 0) {
		ring_free(r);
		return NULL;
	}
	return r;
}

void nv_ring_close(struct nv_ring *r)
{
	if (r == NULL)
		return;
	nv_ring_sync(r);
	ring_free(r);
}

uint64_t nv_ring_append(struct nv_ring *r, const void *rec, char *err, size_t errlen)
{
	uint64_t seq = r->newest + 1;
	uint32_t i = (uint32_t)(seq % r->cap);
	uint32_t len = r->schema.record_size;
	uint32_t crc;
	ssize_t n;

	memset(r->slot, 0, r->slot_size);
	memcpy(r->slot, &seq, 8);
	memcpy(r->slot + 12, &len, 4);
	memcpy(r->slot + SLOT_HDR, rec, len);
	crc = slot_crc(r->slot, len);
	memcpy(r->slot + 8, &crc, 4);

	n = pwrite(r->fd, r->slot, r->slot_size, slot_off(r, i));
	if (n != (ssize_t)r->slot_size) {
		if (n >= 0)
			errno = ENOSPC;
		errf(err, errlen, r->path, "write");
		/* whatever reached the slot is now torn: it holds no record */
		if (r->slot_seq[i] != 0) {
			r->slot_seq[i] = 0;
			r->count--;
		}
		return 0;
	}
	if (r->slot_seq[i] == 0)
		r->count++;
	r->slot_seq[i] = seq;
	r->newest = seq;
	r->dirty = true;
	nv_ring_sync_due(r);
	return seq;
}

int nv_ring_sync(struct nv_ring *r)
{
	if (!r->dirty)
		return 0;
	r->dirty = false;
	r->last_sync = mono_now();
	return fdatasync(r->fd);
}

int nv_ring_sync_due(struct nv_ring *r)
{
	if (!r->dirty || mono_now() - r->last_sync < r->sync_interval)
		return 0;
	return nv_ring_sync(r);
}

int nv_ring_clear(struct nv_ring *r, char *err, size_t errlen)
{
	return ring_format(r, err, errlen);
}

uint64_t nv_ring_newest_seq(const struct nv_ring *r)
{
	return r->newest;
}

uint32_t nv_ring_count(const struct nv_ring *r)
{
	return r->count;
}

const char *nv_ring_found_text(enum nv_ring_found f)
{
	switch (f) {
	case NV_RING_OK:        return "opened";
	case NV_RING_CREATED:   return "created";
	case NV_RING_RECREATED: return "schema changed, log re-created";
	case NV_RING_CORRUPT:   return "header unreadable, log re-created";
	case NV_RING_RESIZED:   return "size changed, newest records kept";
	}
	return "unknown";
}

int nv_ring_foreach_from(struct nv_ring *r, uint64_t *pos, uint64_t upto, uint32_t max,
    nv_ring_visit_fn fn, void *arg)
{
	uint64_t lo = r->newest >= r->cap ? r->newest - r->cap + 1 : 1;
	uint64_t seq = *pos > lo ? *pos : lo;
	uint64_t end = upto < r->newest ? upto : r->newest;

	for (; seq != 0 && seq <= end && max > 0; seq++, max--) {
		uint32_t i = (uint32_t)(seq % r->cap);

		if (r->slot_seq[i] != seq)
			continue;
		if (pread(r->fd, r->slot, r->slot_size, slot_off(r, i)) !=
		    (ssize_t)r->slot_size)
			return -1;
		/* re-check: the file may have been damaged since open */
		if (slot_check(r, r->slot, i) != seq)
			continue;
		if (fn(seq, r->slot + SLOT_HDR, arg) != 0)
			return 0;
	}
	*pos = seq;
	return seq != 0 && seq <= end ? 1 : 0;
}

int nv_ring_foreach(struct nv_ring *r, nv_ring_visit_fn fn, void *arg)
{
	uint64_t pos = 0;

	return nv_ring_foreach_from(r, &pos, UINT64_MAX, UINT32_MAX, fn, arg) < 0 ? -1 : 0;
}
