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
/* The same, and the raw registers it was decoded from (reg_image.h),
 * taken under the same lock so that both describe one poll. */
struct nv_reg_image;
bool nv_poller_take_with_image(struct nv_poller *p, struct nv_snapshot *dst,
    struct nv_reg_image *image);

/* New line settings (SIGHUP); applied by the thread between cycles. */
void nv_poller_reconfigure(struct nv_poller *p, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll);

/*
 * For benchmarks: wall time in ms of the newest complete read of every
 * register block of unit 1, back to back (done after each detection; a
 * reconfigure forces one).  0 before the first.
 */
double nv_poller_full_read_ms(struct nv_poller *p);

/*
 * Control commands (UPS shut-off / restart).  The main thread submits; the
 * poller runs each between two polling passes (writes with 0x10, the
 * exception checked, the block read back), then queues a result and
 * publishes a snapshot so that the main loop wakes and collects it with
 * nv_poller_result().  Register values come from the device profile,
 * each field of the override replacing the profile's when >= 0.
 */
struct nv_control_override {
	int perm_addr, perm_words, perm_remote_bit;
	int shutoff_addr, type_restart, type_stay_off, type_cancel;
};

enum nv_cmd_kind { NV_CMD_SHUTOFF = 1, NV_CMD_SHUTOFF_CANCEL };
enum nv_cmd_status { NV_CMDS_DONE = 1, NV_CMDS_REFUSED, NV_CMDS_FAILED };

struct nv_command {
	enum nv_cmd_kind kind;
	int delay_s;            /* NV_CMD_SHUTOFF */
	int restart_min;        /* 0: stay off */
	struct nv_control_override ovr;
};

struct nv_command_result {
	unsigned id;
	enum nv_cmd_kind kind;
	enum nv_cmd_status status;
	char text[200];         /* what was written, or why not */
};

/* What the poller knows of the device's controls now. */
struct nv_control_caps {
	bool detected;          /* a profile is known */
	bool has_shutoff;       /* after the override */
	int remote;             /* 1 granted, 0 refused, -1 unknown / no bit */
	int min_delay_s, max_delay_s, max_restart_min;
};

#define NV_POLLER_MAX_COMMANDS 8

/* Queue a command; its id in *id.  0, or -1 when the queue is full. */
int nv_poller_submit(struct nv_poller *p, const struct nv_command *c, unsigned *id);

/* Pop the oldest finished command's result; false when there is none. */
bool nv_poller_result(struct nv_poller *p, struct nv_command_result *r);

void nv_poller_control_caps(struct nv_poller *p, const struct nv_control_override *ovr,
    struct nv_control_caps *caps);

/* The serial exchange log (nvctl trace); lives as long as the poller. */
struct nv_trace *nv_poller_trace(struct nv_poller *p);

/* Stop and join the thread, free everything. */
void nv_poller_stop(struct nv_poller *p);

#endif
