/*
 * poller.h — the thread that owns the serial line.
 *
 * It detects the device (baud, protocol, range, topology), polls it, and
 * publishes snapshots to the main thread through a double buffer; the
 * returned fd becomes readable when a new snapshot is ready.  Nothing here
 * knows SNMP; nothing outside the poller and the profiles knows a register.
 */
#ifndef NV_POLLER_H
#define NV_POLLER_H

#include "model.h"

struct nv_serial_cfg {
	char device[256];       /* e.g. /dev/ttyS0 */
	int baud;               /* 0 = auto (2400, 9600, 19200, 57600) */
	int slave;              /* Modbus slave id, 1 */
	int timeout_ms;         /* reply timeout per request */
};

struct nv_poll_cfg {
	int interval_s;         /* measurements every N s */
	int status_interval_ms; /* 0 = status/alarms back to back */
	int comm_loss_after;    /* failed cycles before "not communicating" */
};

struct nv_poller;

/* Start the thread.  Returns 0, or -1 with errno set. */
int nv_poller_start(struct nv_poller **out, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll);

/* Readable when a new snapshot was published (read it with nv_poller_take). */
int nv_poller_fd(const struct nv_poller *p);

/* Copy the newest snapshot into *dst; returns true when it is newer than
 * the one the caller had (dst->seq).  Main thread only; never blocks on
 * the serial line. */
bool nv_poller_take(struct nv_poller *p, struct nv_snapshot *dst);

/* New line settings (SIGHUP); applied by the thread between cycles. */
void nv_poller_reconfigure(struct nv_poller *p, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll);

/*
 * For benchmarks: wall time in ms of the newest complete read of every
 * register block of unit 1, back to back (done after each detection; a
 * reconfigure forces one).  0 before the first.
 */
double nv_poller_full_read_ms(struct nv_poller *p);

/* Stop and join the thread, free everything. */
void nv_poller_stop(struct nv_poller *p);

#endif
