/*
 * notify.h — what the main loop calls to run the event engine and the
 * notification plug-ins: start, after each snapshot, on its timers, at
 * reload and at stop.  State lives in ctx->notify.
 */
#ifndef NV_NOTIFY_H
#define NV_NOTIFY_H

#include <sys/select.h>
#include <sys/time.h>

#include "ctx.h"
#include "events.h"

/* After the agent is up (net-snmp initialised).  Sends trap 27. */
int nv_notify_start(struct nv_ctx *ctx);
/* After ctx->snap changed and the MIB followed it (alarm table updated). */
void nv_notify_snapshot(struct nv_ctx *ctx);
/* Shorten *tv so that the loop wakes for the engine's next timer. */
void nv_notify_fill_timeout(const struct nv_ctx *ctx, struct timeval *tv);
/* Sockets of the plug-ins that serve a network protocol (gateways). */
void nv_notify_fill_fds(const struct nv_ctx *ctx, fd_set *rd, fd_set *wr, int *maxfd,
    struct timeval *tv);
void nv_notify_process_fds(struct nv_ctx *ctx, const fd_set *rd, const fd_set *wr);
/* Run due timers (debounce ends, trap 1 repeat); cheap, call every turn. */
void nv_notify_timers(struct nv_ctx *ctx);
/* ctx->cfg changed (SIGHUP, SNMP SET of a receiver). */
void nv_notify_reload(struct nv_ctx *ctx);
/* An agent event (test trap, shutdown steps ...). */
void nv_notify_agent(struct nv_ctx *ctx, enum nv_agent_event what);
void nv_notify_stop(struct nv_ctx *ctx);
/* The state of the running plug-in NAME ("mail" ...), or NULL. */
void *nv_notify_handler_state(struct nv_ctx *ctx, const char *name);

#endif
