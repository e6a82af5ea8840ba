/*
 * ring.h — a fixed-size ring file of fixed-size records, safe against a
 * crash or a power loss at any moment.
 *
 * Layout: a 64-byte header (magic, schema id and version, record size,
 * capacity, header CRC), then `capacity` slots.  A slot is a sequence
 * number, a CRC32 over the sequence number and the payload, and the
 * payload.  Record N (N >= 1) always lives in slot N % capacity, so the
 * file is written in place, one pwrite per record, and never grows.
 *
 * On open every slot is checked; the newest valid record gives the next
 * sequence number.  A slot whose CRC or position does not match (a record
 * torn by a crash, or garbage) is skipped; the records committed before it
 * are untouched.  A file written with another schema, record size or
 * magic is re-created empty (the caller is told, to log it); a file with
 * another capacity keeps its newest records.
 *
 * fdatasync is rate-limited to once per `sync_interval` seconds (and done
 * at close), which bounds the flash write rate.
 */
#ifndef NV_RING_H
#define NV_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nv_ring;

/* What nv_ring_open() found. */
enum nv_ring_found {
	NV_RING_OK = 0,         /* existing file, same schema */
	NV_RING_CREATED,        /* no file yet */
	NV_RING_RECREATED,      /* other schema / record size: started empty */
	NV_RING_CORRUPT,        /* unreadable header: started empty */
	NV_RING_RESIZED,        /* other capacity: newest records kept */
};

struct nv_ring_schema {
	uint32_t id;            /* which log (a four-letter tag) */
	uint32_t version;       /* bump when the record layout changes */
	uint32_t record_size;   /* payload bytes */
};

/*
 * Open or create PATH for `capacity` records.  Returns NULL with a
 * one-line reason in err.  *found says what was on disk.
 */
struct nv_ring *nv_ring_open(const char *path, const struct nv_ring_schema *schema,
    uint32_t capacity, int sync_interval, enum nv_ring_found *found,
    char *err, size_t errlen);

/* Sync if needed and close; NULL is fine. */
void nv_ring_close(struct nv_ring *r);

/* Append one record of schema.record_size bytes; returns its sequence
 * number, or 0 on a write error (reason in err). */
uint64_t nv_ring_append(struct nv_ring *r, const void *rec, char *err, size_t errlen);

/* fdatasync now if something was written since the last sync. */
int nv_ring_sync(struct nv_ring *r);

/* Sync only when the last sync is older than sync_interval. */
int nv_ring_sync_due(struct nv_ring *r);

/* Forget every record (the file keeps its size).  0 or -1 (err). */
int nv_ring_clear(struct nv_ring *r, char *err, size_t errlen);

uint64_t nv_ring_newest_seq(const struct nv_ring *r);  /* 0 when empty */
uint32_t nv_ring_count(const struct nv_ring *r);       /* valid records */
const char *nv_ring_found_text(enum nv_ring_found f);

/*
 * Visit the valid records oldest to newest.  The callback gets the
 * sequence number and the payload; returning non-zero stops the walk.
 * Returns -1 on a read error, else 0.
 */
typedef int (*nv_ring_visit_fn)(uint64_t seq, const void *rec, void *arg);
int nv_ring_foreach(struct nv_ring *r, nv_ring_visit_fn fn, void *arg);
/* A walk in steps: from sequence *pos (0: the oldest) to upto, looking
 * at most max slots; *pos is where the next step starts.  1 = more to
 * see, 0 = done (or fn stopped it), -1 = read error. */
int nv_ring_foreach_from(struct nv_ring *r, uint64_t *pos, uint64_t upto, uint32_t max,
    nv_ring_visit_fn fn, void *arg);

uint32_t nv_crc32(uint32_t crc, const void *buf, size_t len);

#endif
