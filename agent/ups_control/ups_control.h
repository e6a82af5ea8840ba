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

/* The layer's state (ctx->upsctl): created at start, freed at stop. */
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
