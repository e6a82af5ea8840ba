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
 * Queue "output off after delay_s seconds, restart restart_delay_min
 * minutes after mains returns (0 = stay off)".  Returns 0 when queued,
 * -1 when refused (device grants no remote control, not communicating,
 * or its profile has no such control); the reason is logged.
 */
int nv_ups_shutoff(struct nv_ctx *ctx, int delay_s, int restart_delay_min);

/* Queue the cancel of a pending delayed shut-off.  0 queued, -1 refused. */
int nv_ups_shutoff_cancel(struct nv_ctx *ctx);
/* The longest shut-off delay the device takes (s); 0 while not known. */
int nv_ups_shutoff_max_delay(struct nv_ctx *ctx);

/*
 * A one-word control (enum nv_cmd_kind from NV_CMD_STANDBY_ON on: eco
 * mode, battery test, load to bypass ...), asked by WHO ("uid 1000", "an
 * SNMP manager").  Returns 0 when queued: DONE(COOKIE, status, text) is
 * called from the main loop once the device has answered (or did not),
 * and the outcome is in the agent log.  Returns -1 when refused now (not
 * communicating, no public register for it on this device): the reason is
 * in why and the agent log, and DONE is not called.
 */
/* Can the device take KIND now?  0, or why not (in why, and in the agent
 * log with WHO). */
enum { NV_UPSCMD_NO_COMM = 1, NV_UPSCMD_NO_REGISTER };
int nv_ups_command_check(const struct nv_ctx *ctx, int kind, const char *who,
    char *why, size_t whylen);

/* Has the device a register for KIND now?  Nothing logged (listings). */
bool nv_ups_command_available(const struct nv_ctx *ctx, int kind);

typedef void nv_ups_done_fn(void *cookie, int status, const char *text);
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

/* One line: the last command and its result (nvctl ups status). */
void nv_ups_control_describe(const struct nv_ctx *ctx, char *buf, size_t len);

#endif
