/*
 * modbus_link.h — the serial line as the poller sees it: open the device
 * at a baud rate, read a block of holding registers, classify failures.
 * Only the poller thread uses it.
 */
#ifndef NV_MODBUS_LINK_H
#define NV_MODBUS_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "trace.h"

enum nv_link_err {
	NV_LINK_OK = 0,
	NV_LINK_TIMEOUT,        /* no (complete) reply */
	NV_LINK_EXCEPTION,      /* the device answered with an exception */
	NV_LINK_CRC,            /* garbled reply */
	NV_LINK_GONE,           /* device disappeared: close and reopen */
	NV_LINK_OTHER,
};

struct nv_link {
	void *ctx;              /* modbus_t *, private to modbus_link.c */
	char device[256];
	int baud;
	int timeout_ms;
	int last_errno;         /* of the last failed read */
	struct nv_trace *trace; /* exchange log (nvctl trace), NULL = none */
};

/* Open dev at baud (8N1).  0, or -1 with errno set and *err filled. */
int nv_link_open(struct nv_link *l, const char *dev, int baud, int timeout_ms);
void nv_link_close(struct nv_link *l);
static inline int nv_link_is_open(const struct nv_link *l) { return l->ctx != 0; }

/* Read n holding registers (function 03) of slave at addr; counts stats. */
enum nv_link_err nv_link_read(struct nv_link *l, int slave, uint16_t addr,
    int n, uint16_t *dst, struct nv_poll_stats *st);

/* Read with function 1 (coils), 2 (discrete inputs: one word 0 / 1 per
 * bit), 3 (holding) or 4 (input registers); counts stats. */
enum nv_link_err nv_link_read_fn(struct nv_link *l, int slave, int function,
    uint16_t addr, int n, uint16_t *dst, struct nv_poll_stats *st);

/* Write n registers (function 0x10) of slave at addr; counts stats. */
enum nv_link_err nv_link_write(struct nv_link *l, int slave, uint16_t addr,
    int n, const uint16_t *src, struct nv_poll_stats *st);

/* Write one register (function 0x06) of slave at addr; counts stats. */
enum nv_link_err nv_link_write_one(struct nv_link *l, int slave, uint16_t addr,
    uint16_t value, struct nv_poll_stats *st);

/* A failed exchange (e: errno or libmodbus error): kept for
 * nv_link_strerror, classified and counted; returns the class. */
enum nv_link_err nv_link_failed(struct nv_link *l, int e, bool reading,
    struct nv_poll_stats *st);

const char *nv_link_err_name(enum nv_link_err e);
/* Text of the last failed read's error (libmodbus or system). */
const char *nv_link_strerror(const struct nv_link *l);

#endif
