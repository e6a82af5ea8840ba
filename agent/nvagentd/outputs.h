/*
 * outputs.h — what the main loop calls to run the event engine and the
 * notification plug-ins: start, after each snapshot, every turn (timers,
 * the plug-ins' descriptors, UPS command results), at reload and at stop.
 * State lives in ctx->outputs.
 */
#ifndef NV_OUTPUTS_H
#define NV_OUTPUTS_H

#include <stddef.h>
#include <sys/select.h>
#include <sys/time.h>

#include "ctx.h"
#include "events.h"
#include "shutdown.h"

struct nv_outputs;

/* After the agent is up (net-snmp initialised): one event engine per
 * device of DEVS (each ctx->outputs then points at the result), the
 * plug-ins on CFG, the agent's whole configuration (kept: reloads change
 * it in place).  Sends trap 27 per device.  NULL with one line in err (a
 * plug-in the config asks for cannot start). */
struct nv_outputs *nv_outputs_start(struct nv_config *cfg, struct nv_ctx *const *devs,
    size_t n, char *err, size_t errlen);
/* After ctx->snap changed: its device's engine compares it with the last. */
void nv_outputs_snapshot(struct nv_ctx *ctx);
/* The main loop's turn: the plug-ins' descriptors and timers, every
 * device's UPS command results, engine timers and schedules. */
void nv_outputs_fill(struct nv_outputs *nf, fd_set *rd, int *maxfd, struct timeval *tv);
void nv_outputs_process(struct nv_outputs *nf, const fd_set *rd);
/* After the agent's configuration changed (SIGHUP; the devices' ctx->cfg
 * already follow it) or the trap receivers were set. */
void nv_outputs_reload(struct nv_outputs *nf);
/* An agent event (trap 27, test trap ...) about ctx's device. */
void nv_outputs_agent(struct nv_ctx *ctx, enum nv_agent_event what);
void nv_outputs_stop(struct nv_outputs *nf);
/* Every protected client of the agent, whatever device feeds it (nvctl
 * clients): the nvshutdown clients, then the NUT sessions. */
size_t nv_outputs_clients(struct nv_ctx *ctx, nv_shutdown_client_fn fn, void *arg);
/* The state of the running plug-in NAME, or NULL (control commands). */
void *nv_outputs_handler_state(struct nv_ctx *ctx, const char *name);

#endif
