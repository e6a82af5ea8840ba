/*
 * trace.h — the serial exchange log of the troubleshooting page: the last
 * NV_TRACE_MAX Modbus requests with their replies, errors and timings.
 * Filled by the poller thread (modbus_link.c) only while tracing is on,
 * read by the main thread (`nvctl trace show`); a mutex guards it.
 */
#ifndef NV_TRACE_H
#define NV_TRACE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "textbuf.h"

#define NV_TRACE_MAX 256        /* exchanges kept */
#define NV_TRACE_WORDS 8        /* reply registers kept per exchange */

struct nv_trace_entry {
	uint64_t seq;                   /* 1, 2, ... since tracing was turned on */
	struct timespec when;           /* wall clock at the request */
	double ms;                      /* request to reply (or to failure) */
	int slave, function;
	uint16_t addr;
	int count;                      /* registers asked */
	int got;                        /* registers in the reply, -1 on failure */
	uint16_t words[NV_TRACE_WORDS]; /* the first reply registers */
	char error[64];                 /* "" when the exchange worked */
};

struct nv_trace {
	pthread_mutex_t lock;
	bool on;
	uint64_t next;                  /* seq of the next entry */
	struct nv_trace_entry ring[NV_TRACE_MAX];
};

int nv_trace_init(struct nv_trace *t);          /* 0, or an errno */
void nv_trace_destroy(struct nv_trace *t);

/* Turning tracing on starts a fresh log; off keeps it for `show`. */
void nv_trace_set(struct nv_trace *t, bool on);
bool nv_trace_is_on(struct nv_trace *t);

/* Record one exchange (seq is assigned here); a no-op when tracing is off. */
void nv_trace_add(struct nv_trace *t, const struct nv_trace_entry *e);

/* The kept exchanges, oldest first: a table, or CSV with a header. */
void nv_trace_render(struct nv_trace *t, bool csv, struct nv_text *out);

#endif
