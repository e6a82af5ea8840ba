/*
 * modbus_link.c — libmodbus RTU master on a serial device.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <modbus.h>

#include "private/modbus_link.h"

int nv_link_open(struct nv_link *l, const char *dev, int baud, int timeout_ms)
{
	modbus_t *ctx;
	int saved;

	nv_link_close(l);
	ctx = modbus_new_rtu(dev, baud, 'N', 8, 1);
	if (ctx == NULL)
		return -1;
	if (modbus_set_response_timeout(ctx, timeout_ms / 1000,
	    (timeout_ms % 1000) * 1000) == -1 ||
	    modbus_set_error_recovery(ctx, MODBUS_ERROR_RECOVERY_PROTOCOL) == -1 ||
	    modbus_connect(ctx) == -1) {
		saved = errno;
		modbus_free(ctx);
		errno = saved;
		return -1;
	}
	/* stale bytes in the tty would shift every later reply by a frame */
	modbus_flush(ctx);
	l->ctx = ctx;
	snprintf(l->device, sizeof(l->device), "%s", dev);
	l->baud = baud;
	l->timeout_ms = timeout_ms;
	return 0;
}

void nv_link_close(struct nv_link *l)
{
	if (l->ctx == NULL)
		return;
	modbus_close(l->ctx);
	modbus_free(l->ctx);
	l->ctx = NULL;
}

static enum nv_link_err classify(int e)
{
	if (e == ETIMEDOUT)
		return NV_LINK_TIMEOUT;
	if (e == EMBBADCRC || e == EMBBADDATA || e == EMBBADSLAVE ||
	    e == EMBMDATA || e == EMBBADEXC)
		return NV_LINK_CRC;
	if (e > MODBUS_ENOBASE && e < MODBUS_ENOBASE + 0x20)
		return NV_LINK_EXCEPTION;
	/* ECONNRESET: libmodbus's word for end of file on the tty */
	if (e == EIO || e == ENOENT || e == ENXIO || e == EBADF || e == ENODEV ||
	    e == EPIPE || e == ECONNRESET)
		return NV_LINK_GONE;
	return NV_LINK_OTHER;
}

/* One exchange into the trace log, when tracing is on: function 3 shows
 * the registers read, functions 6 and 16 the registers written.  wall0 and t0
 * are the request's wall and monotonic clocks. */
static void trace_exchange(struct nv_link *l, int function, int slave, uint16_t addr,
    int n, const uint16_t *words, int rc, int err, const struct timespec *wall0,
    const struct timespec *t0)
{
	struct nv_trace_entry e;
	struct timespec t1;

	memset(&e, 0, sizeof(e));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	e.when = *wall0;
	e.ms = (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
	e.slave = slave;
	e.function = function;
	e.addr = addr;
	e.count = n;
	e.got = rc;
	for (int i = 0; i < rc && i < NV_TRACE_WORDS; i++)
		e.words[i] = words[i];
	if (rc != n)
		snprintf(e.error, sizeof(e.error), "%s: %s", nv_link_err_name(
		    rc == -1 ? classify(err) : NV_LINK_CRC), modbus_strerror(rc == -1 ? err : EMBMDATA));
	nv_trace_add(l->trace, &e);
}

/* Function 1 (coils) or 2 (discrete inputs), one word 0 / 1 per bit. */
static int read_bits(modbus_t *ctx, int function, uint16_t addr, int n, uint16_t *dst)
{
	uint8_t bits[MODBUS_MAX_READ_BITS];
	int rc;

	if (n < 1 || n > MODBUS_MAX_READ_BITS) {
		errno = EINVAL;
		return -1;
	}
	rc = function == 1 ? modbus_read_bits(ctx, addr, n, bits) :
	    modbus_read_input_bits(ctx, addr, n, bits);
	for (int i = 0; i < rc; i++)
		dst[i] = bits[i] ? 1 : 0;
	return rc;
}

/* One request: function 3 reads into dst, function 6 (one word) or 16
 * writes src; traced and counted in *st. */
static enum nv_link_err exchange(struct nv_link *l, int slave, int function,
    uint16_t addr, int n, uint16_t *dst, const uint16_t *src, struct nv_poll_stats *st)
{
	struct timespec wall0, t0;
	bool tracing = l->trace != NULL && nv_trace_is_on(l->trace);
	int rc;

	if (l->ctx == NULL)
		return NV_LINK_GONE;
	st->requests++;
	if (modbus_set_slave(l->ctx, slave) == -1) {
		st->errors++;
		return NV_LINK_OTHER;
	}
	if (tracing) {
		clock_gettime(CLOCK_REALTIME, &wall0);
		clock_gettime(CLOCK_MONOTONIC, &t0);
	}
	if (function == 3)
		rc = modbus_read_registers(l->ctx, addr, n, dst);
	else if (function == 4)
		rc = modbus_read_input_registers(l->ctx, addr, n, dst);
	else if (function == 1 || function == 2)
		rc = read_bits(l->ctx, function, addr, n, dst);
	else if (function == 6)
		rc = modbus_write_register(l->ctx, addr, src[0]);
	else
		rc = modbus_write_registers(l->ctx, addr, n, src);
	if (tracing) {
		int saved = errno;      /* read below, the trace must not change it */

		trace_exchange(l, function, slave, addr, n, dst != NULL ? dst : src,
		    rc, saved, &wall0, &t0);
		errno = saved;
	}
	if (rc == n)
		return NV_LINK_OK;
	return nv_link_failed(l, rc == -1 ? errno : EMBMDATA, dst != NULL, st);
}

enum nv_link_err nv_link_failed(struct nv_link *l, int e, bool reading,
    struct nv_poll_stats *st)
{
	enum nv_link_err err = classify(e);

	l->last_errno = e;
	st->errors++;
	if (err == NV_LINK_TIMEOUT)
		st->timeouts++;
	else if (err == NV_LINK_CRC && reading)
		st->crc_errors++;       /* a write's short count is no bad frame */
	else if (err == NV_LINK_EXCEPTION)
		st->exceptions++;
	return err;
}

enum nv_link_err nv_link_read(struct nv_link *l, int slave, uint16_t addr,
    int n, uint16_t *dst, struct nv_poll_stats *st)
{
	return exchange(l, slave, 3, addr, n, dst, NULL, st);
}

enum nv_link_err nv_link_read_fn(struct nv_link *l, int slave, int function,
    uint16_t addr, int n, uint16_t *dst, struct nv_poll_stats *st)
{
	if (function < 1 || function > 4)
		return NV_LINK_OTHER;
	return exchange(l, slave, function, addr, n, dst, NULL, st);
}

enum nv_link_err nv_link_write(struct nv_link *l, int slave, uint16_t addr,
    int n, const uint16_t *src, struct nv_poll_stats *st)
{
	return exchange(l, slave, 16, addr, n, NULL, src, st);
}

enum nv_link_err nv_link_write_one(struct nv_link *l, int slave, uint16_t addr,
    uint16_t value, struct nv_poll_stats *st)
{
	return exchange(l, slave, 6, addr, 1, NULL, &value, st);
}

const char *nv_link_err_name(enum nv_link_err e)
{
	switch (e) {
	case NV_LINK_OK:        return "ok";
	case NV_LINK_TIMEOUT:   return "timeout";
	case NV_LINK_EXCEPTION: return "exception";
	case NV_LINK_CRC:       return "bad reply";
	case NV_LINK_GONE:      return "device gone";
	case NV_LINK_OTHER:     break;
	}
	return "error";
}

const char *nv_link_strerror(const struct nv_link *l)
{
	return modbus_strerror(l->last_errno);
}
