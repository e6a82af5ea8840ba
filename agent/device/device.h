/*
 * device.h — the device layer's public face: the poller thread that owns
 * the serial line, and the UPS commands it runs.
 *
 * The thread detects the device (baud, protocol, range, topology), polls
 * it, and publishes snapshots to the main thread through a double buffer;
 * the returned fd becomes readable when a new snapshot is ready.  Nothing
 * here knows SNMP.  Registers, the Modbus link, detection and the device
 * profiles are the layer's own (agent/device/): nothing outside it sees a
 * register address.
 */
#ifndef NV_DEVICE_H
#define NV_DEVICE_H

#include "config_serial.h"
#include "model.h"

struct nv_controls_cfg;
struct nv_poller;

/* Start the thread on the line and polling settings, with the config's
 * control register overrides.  Returns 0, or -1 with errno set. */
int nv_poller_start(struct nv_poller **out, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll, const struct nv_controls_cfg *controls);

/* Readable when a new snapshot was published (read it with nv_poller_take). */
int nv_poller_fd(const struct nv_poller *p);

/* Copy the newest snapshot into *dst; returns true when it is newer than
 * the one the caller had (dst->seq).  Main thread only; never blocks on
 * the serial line. */
bool nv_poller_take(struct nv_poller *p, struct nv_snapshot *dst);
/* The same, and the raw registers it was decoded from (reg_image.h: for
 * the register gateways only), under the same lock: both describe one poll. */
struct nv_reg_image;
bool nv_poller_take_with_image(struct nv_poller *p, struct nv_snapshot *dst,
    struct nv_reg_image *image);

/* New settings (SIGHUP); applied by the thread between cycles.  A new
 * line or polling setting restarts detection. */
void nv_poller_reconfigure(struct nv_poller *p, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll, const struct nv_controls_cfg *controls);

/*
 * For benchmarks: wall time in ms of the newest complete read of every
 * register block of unit 1, back to back (done after each detection; a
 * reconfigure forces one).  0 before the first.
 */
double nv_poller_full_read_ms(struct nv_poller *p);

/*
 * Control commands (UPS shut-off / restart, the one-word controls).  The
 * main thread submits; the poller runs each between two polling passes
 * (permissions read, the write, the exception checked, the block or the
 * status bit it should change read back), then queues a result and
 * publishes a snapshot so that the main loop wakes and collects it with
 * nv_poller_result().  Register values come from the device profile and
 * the config's controls section.
 */
enum nv_cmd_kind {
	NV_CMD_SHUTOFF = 1, NV_CMD_SHUTOFF_CANCEL,
	/* one-word device controls (private/profile.h, struct nv_ctl_action) */
	NV_CMD_STANDBY_ON, NV_CMD_STANDBY_OFF, NV_CMD_ECO_MODE, NV_CMD_NORMAL_MODE,
	NV_CMD_ALARM_RESET, NV_CMD_TO_BYPASS, NV_CMD_TO_INVERTER,
	NV_CMD_BATTERY_TEST, NV_CMD_PREFER_S1, NV_CMD_PREFER_S2,
	NV_CMD_TRANSFER_S1, NV_CMD_TRANSFER_S2,
	NV_CMD_CLOCK_SYNC,      /* the UPS clock set to the host's (profile's clock_addr) */
	NV_CMD_END
};

/* "eco-mode", "battery-test" ... (nvctl ups NAME); NULL when out of range. */
const char *nv_cmd_name(enum nv_cmd_kind k);
/* The kind a name stands for, 0 when none. */
enum nv_cmd_kind nv_cmd_by_name(const char *name);

/* The shut-off delay every SOCOMEC profile documents (JBUSP, VU-MAP, STS):
 * the device refuses the whole command outside it. */
#define NV_SHUTOFF_DELAY_MIN_S  20
#define NV_SHUTOFF_DELAY_MAX_S  600
enum nv_cmd_status { NV_CMDS_DONE = 1, NV_CMDS_REFUSED, NV_CMDS_FAILED };

struct nv_command {
	enum nv_cmd_kind kind;
	int delay_s;            /* NV_CMD_SHUTOFF */
	int restart_min;        /* 0: stay off */
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
	bool has_shutoff;       /* with the config's override */
	uint32_t actions;       /* bit k: the profile has a register for kind k */
	int remote;             /* 1 granted, 0 refused, -1 unknown / no bit */
	int min_delay_s, max_delay_s, max_restart_min;
};

#define NV_POLLER_MAX_COMMANDS 8

/* Queue a command; its id in *id.  0, or -1 when the queue is full. */
int nv_poller_submit(struct nv_poller *p, const struct nv_command *c, unsigned *id);

/* Pop the oldest finished command's result; false when there is none. */
bool nv_poller_result(struct nv_poller *p, struct nv_command_result *r);

void nv_poller_control_caps(struct nv_poller *p, struct nv_control_caps *caps);

/* The serial exchange log (nvctl trace); lives as long as the poller. */
struct nv_trace *nv_poller_trace(struct nv_poller *p);

/* The environment sensor's settings.  When it shares this line
 * (cfg->enabled && cfg->shared) the thread reads it between two polling
 * passes, every cfg->poll_interval_s, and snapshots carry its reading in
 * env (configured); otherwise env stays unconfigured.  Main thread. */
struct nv_env_cfg;
void nv_poller_share_env(struct nv_poller *p, const struct nv_env_cfg *cfg);

/* Stop and join the thread, free everything. */
void nv_poller_stop(struct nv_poller *p);

#endif
