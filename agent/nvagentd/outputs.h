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

/* After the agent is up (net-snmp initialised).  Sends trap 27.  0, or
 * -1 with one line in err (a plug-in the config asks for cannot start). */
int nv_outputs_start(struct nv_ctx *ctx, char *err, size_t errlen);
/* After ctx->snap changed: the engine compares it with the last one. */
void nv_outputs_snapshot(struct nv_ctx *ctx);
/* Before select: the plug-ins' descriptors; shorten *tv so that the loop
 * wakes for the engine's and the plug-ins' next timer. */
void nv_outputs_fill(struct nv_ctx *ctx, fd_set *rd, int *maxfd, struct timeval *tv);
/* After select, every turn: due timers (debounce ends, trap 1 repeat),
 * UPS command results, the plug-ins' ticks and descriptors. */
void nv_outputs_process(struct nv_ctx *ctx, const fd_set *rd);
/* ctx->cfg changed (SIGHUP, SNMP SET of a receiver). */
void nv_outputs_reload(struct nv_ctx *ctx);
/* An agent event (test trap, shutdown steps ...). */
void nv_outputs_agent(struct nv_ctx *ctx, enum nv_agent_event what);
void nv_outputs_stop(struct nv_ctx *ctx);
/* The state of the running plug-in NAME ("mail" ...), or NULL. */
void *nv_outputs_handler_state(struct nv_ctx *ctx, const char *name);

#endif
