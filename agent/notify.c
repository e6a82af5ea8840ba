/*
 * notify.c — glue between the main loop, the event engine and the
 * notification plug-ins (see notify.h).
 */
#include <stdlib.h>

#include "handler.h"
#include "log.h"
#include "notify.h"
#include "receivers_store.h"

struct nv_notify {
	struct nv_events *ev;
	struct nv_handlers handlers;
	struct nv_handler_env env;
};

static uint64_t ms_of(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000u + (uint64_t)ts->tv_nsec / 1000000u;
}

static struct nv_events_cfg engine_cfg(const struct nv_ctx *ctx)
{
	struct nv_events_cfg c = {
		.debounce_ms = ctx->cfg.traps.debounce_ms,
		.started_ms = ms_of(&ctx->started),
	};

	return c;
}

int nv_notify_start(struct nv_ctx *ctx)
{
	struct nv_notify *nf = calloc(1, sizeof(*nf));
	struct nv_events_cfg ec = engine_cfg(ctx);

	if (nf == NULL) {
		nv_log(LOG_ERR, "notifications: out of memory");
		return -1;
	}
	nv_receivers_use_saved(ctx->cfg.state_dir, &ctx->cfg.traps);
	nf->env.cfg = &ctx->cfg;
	nf->env.snap = &ctx->snap;
	nf->env.started = &ctx->started;
	nf->env.logs = &ctx->logs;
	nf->env.image = ctx->image;
	nf->env.resolver = ctx->resolver;
	nv_handlers_init(&nf->handlers, nv_builtin_handlers, &nf->env);
	nf->ev = nv_events_new(&ec, nv_handlers_emit, &nf->handlers);
	if (nf->ev == NULL) {
		nv_log(LOG_ERR, "notifications: out of memory");
		nv_handlers_fini(&nf->handlers);
		free(nf);
		return -1;
	}
	nv_events_set_alarm_table(nf->ev, ctx->alarms);
	ctx->notify = nf;
	nv_events_agent(nf->ev, NV_AE_RESTARTING, nv_now_ms());
	return 0;
}

void nv_notify_snapshot(struct nv_ctx *ctx)
{
	if (ctx->notify == NULL)
		return;
	/* the alarm table may have been created after start */
	nv_events_set_alarm_table(ctx->notify->ev, ctx->alarms);
	nv_events_snapshot(ctx->notify->ev, &ctx->snap, nv_now_ms());
}

void nv_notify_fill_timeout(const struct nv_ctx *ctx, struct timeval *tv)
{
	uint64_t next, now, wait_ms;

	if (ctx->notify == NULL)
		return;
	next = nv_events_next_ms(ctx->notify->ev);
	if (next == UINT64_MAX)
		return;
	now = nv_now_ms();
	wait_ms = next > now ? next - now : 0;
	if ((uint64_t)tv->tv_sec * 1000u + (uint64_t)tv->tv_usec / 1000u > wait_ms) {
		tv->tv_sec = (time_t)(wait_ms / 1000u);
		tv->tv_usec = (suseconds_t)((wait_ms % 1000u) * 1000u);
	}
}

void nv_notify_fill_fds(const struct nv_ctx *ctx, fd_set *rd, fd_set *wr, int *maxfd,
    struct timeval *tv)
{
	if (ctx->notify != NULL)
		nv_handlers_fill_fds(&ctx->notify->handlers, rd, wr, maxfd, tv);
}

void nv_notify_process_fds(struct nv_ctx *ctx, const fd_set *rd, const fd_set *wr)
{
	if (ctx->notify != NULL)
		nv_handlers_process_fds(&ctx->notify->handlers, rd, wr);
}

void nv_notify_timers(struct nv_ctx *ctx)
{
	if (ctx->notify == NULL)
		return;
	if (ctx->traps_changed) {       /* a SET of the receivers table */
		ctx->traps_changed = false;
		nv_notify_reload(ctx);
	}
	nv_events_tick(ctx->notify->ev, nv_now_ms());
	nv_handlers_tick(&ctx->notify->handlers);
}

void *nv_notify_handler_state(struct nv_ctx *ctx, const char *name)
{
	return ctx->notify != NULL ? nv_handlers_state(&ctx->notify->handlers, name) : NULL;
}

void nv_notify_reload(struct nv_ctx *ctx)
{
	struct nv_events_cfg ec;

	if (ctx->notify == NULL)
		return;
	nv_receivers_use_saved(ctx->cfg.state_dir, &ctx->cfg.traps);
	ec = engine_cfg(ctx);
	nv_events_set_cfg(ctx->notify->ev, &ec);
	nv_handlers_reload(&ctx->notify->handlers, &ctx->notify->env);
}

void nv_notify_agent(struct nv_ctx *ctx, enum nv_agent_event what)
{
	if (ctx->notify != NULL)
		nv_events_agent(ctx->notify->ev, what, nv_now_ms());
}

void nv_notify_stop(struct nv_ctx *ctx)
{
	if (ctx->notify == NULL)
		return;
	nv_handlers_fini(&ctx->notify->handlers);
	nv_events_free(ctx->notify->ev);
	free(ctx->notify);
	ctx->notify = NULL;
}
