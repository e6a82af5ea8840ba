/*
 * schedule.h — the schedules run by nvagentd on the host's clock: every
 * main-loop turn the pure plan (schedule_plan.h) says what is due; a
 * shut-off becomes an NV_NOTE_SCHEDULE notification that starts the
 * shutdown sequence (clients warned first, then the UPS shut-off that
 * programs the restart), eco-mode and battery tests go through the UPS
 * control path asked by "schedule".  "Done up to" is kept in state-dir.
 * Main thread only; the state is ctx->sched.
 */
#ifndef NV_SCHEDULE_H
#define NV_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#include "notification.h"

struct nv_ctx;
struct nv_text;

typedef void nv_schedule_emit_fn(const struct nv_notification *n, void *arg);

/* After the config is loaded (ctx->cfg.schedule with the saved tables
 * laid over); 0, or -1 out of memory. */
int nv_schedule_start(struct nv_ctx *ctx);
/* Keep "done up to" and free the state. */
void nv_schedule_stop(struct nv_ctx *ctx);
/* The schedule changed (SIGHUP, SNMP SET): a time already past when the
 * change is made does not run. */
void nv_schedule_changed(struct nv_ctx *ctx);
/* Every turn: run what is due; shut-offs go to EMIT. */
void nv_schedule_run(struct nv_ctx *ctx, nv_schedule_emit_fn *emit, void *arg);
/* Seconds until the next action is due (for the loop's timeout); -1 none. */
long nv_schedule_wait_s(const struct nv_ctx *ctx);
/* The entries, the next action and "done up to", for nvctl schedule. */
void nv_schedule_describe(const struct nv_ctx *ctx, struct nv_text *out);

#endif
