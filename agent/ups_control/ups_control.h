/*
 * ups_control.h — UPS shut-off and restart, as Modbus writes queued to the
 * poller thread.  Which registers and values a device takes is data in its
 * profile (device/private/profile.h, struct nv_control_map), overridable per profile
 * by the config's "controls" section; nothing here knows an address.
 * Main thread only.
 */
#ifndef NV_UPS_CONTROL_H
#define NV_UPS_CONTROL_H

#include <stdbool.h>
#include <stddef.h>

struct nv_ctx;

/*
 * Every request names WHO asked ("uid 1000", "an SNMP manager", "the
 * shutdown sequence").  It returns 0 when queued: DONE(COOKIE, status,
 * text) is then called from the main loop once the device has answered
 * (or did not; DONE may be NULL), and the outcome is in the agent log.
 * Otherwise it returns why not now (the reason in why and the agent log;
 * DONE is not called):
 */
enum {
	NV_UPSCMD_NO_COMM = 1,          /* not communicating with the device */
	NV_UPSCMD_NO_REGISTER,          /* no public register for it on this device */
	NV_UPSCMD_OUT_OF_RANGE,         /* a delay the device does not take */
	NV_UPSCMD_NOT_GRANTED,          /* the device grants no remote control */
	NV_UPSCMD_BUSY,                 /* too many commands waiting for the line */
};
typedef void nv_ups_done_fn(void *cookie, int status, const char *text);

/*
 * The UPS's delayed off / restart order (JBUSP 0x1580, community
 * documented; a profile without the register refuses it, see
 * nvagentd(8)): the output goes off delay_s seconds after the UPS took
 * the order and, with restart_min > 0, comes back restart_min minutes
 * after the off once mains is present; 0 stays off.  A new order replaces
 * the pending one; ORDER NULL cancels it.  reboot only marks the order as
 * upsRebootWithDuration's for its read-back (ctx->countdown).
 */
struct nv_ups_order {
	int delay_s;
	int restart_min;
	bool reboot;
};
int nv_ups_order(struct nv_ctx *ctx, const struct nv_ups_order *order, const char *who,
    nv_ups_done_fn *done, void *cookie, char *why, size_t whylen);
/* Would it be queued now?  The same codes, nothing logged; the remote
 * grant is left to nv_ups_order() (an SNMP SET answers it at commit). */
int nv_ups_order_check(const struct nv_ctx *ctx, const struct nv_ups_order *order,
    char *why, size_t whylen);

/* nv_ups_order() for the plug-ins' act hooks (struct nv_handler_actions):
 * 0 queued, -1 refused (logged). */
int nv_ups_shutoff(struct nv_ctx *ctx, int delay_s, int restart_delay_min);
int nv_ups_shutoff_cancel(struct nv_ctx *ctx);
/* The longest shut-off delay the device takes (s); 0 while not known. */
int nv_ups_shutoff_max_delay(struct nv_ctx *ctx);
/* The device's delay limits; false while not known. */
struct nv_cd_limits;
bool nv_ups_order_limits(const struct nv_ctx *ctx, struct nv_cd_limits *lim);

/*
 * A one-word control (enum nv_cmd_kind from NV_CMD_STANDBY_ON on: eco
 * mode, battery test, load to bypass ...).  nv_ups_command_check(): can
 * the device take KIND now?  0, or why not (in why, and in the agent log
 * with WHO).
 */
int nv_ups_command_check(const struct nv_ctx *ctx, int kind, const char *who,
    char *why, size_t whylen);

/* Has the device a register for KIND now?  Nothing logged (listings). */
bool nv_ups_command_available(const struct nv_ctx *ctx, int kind);
int nv_ups_command(struct nv_ctx *ctx, int kind, const char *who,
    nv_ups_done_fn *done, void *cookie, char *why, size_t whylen);

/* The layer's state (ctx->upsctl): created at start, freed at stop (a
 * command still in flight is then answered as failed). */
int nv_ups_control_start(struct nv_ctx *ctx);
void nv_ups_control_stop(struct nv_ctx *ctx);

/*
 * Every main-loop turn: the oldest finished command, logged in the agent
 * log, as an NV_NOTE_CONTROL notification into *n; false when none.
 */
struct nv_notification;
bool nv_ups_control_result(struct nv_ctx *ctx, struct nv_notification *n);

/* Every main-loop turn: the UPS clock set from the host's once the device
 * answers, then every 24 hours (NV_CMD_CLOCK_SYNC, where the profile has
 * a writable clock). */
void nv_ups_control_tick(struct nv_ctx *ctx);

/* One line: the last command and its result (nvctl ups status). */
void nv_ups_control_describe(const struct nv_ctx *ctx, char *buf, size_t len);

#endif
