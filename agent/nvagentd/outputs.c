/*
 * outputs.c — glue between the main loop, the event engine and the
 * notification plug-ins (see outputs.h): the plug-ins' view and actions,
 * the engine's clock, and the UPS commands' results as notifications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_log.h"
#include "handler.h"
#include "handler_nut.h"
#include "mib_state.h"
#include "outputs.h"
#include "schedule.h"
#include "schedule_store.h"
#include "shutdown.h"
#include "trap_receivers_store.h"
#include "ups_control.h"
#include "wol.h"

/* The plug-ins that serve protected clients: each publishes its own. */
struct client_sources {
	const void *shutdown, *nut;
};

/* One device's event engine and where its notifications come from. */
struct engine {
	struct nv_outputs *nf;
	struct nv_ctx *ctx;
	struct nv_events *ev;
	struct nv_handler_actions act;  /* what plug-ins may ask of this device */
};

/* Every device's engine feeds the one set of plug-ins. */
struct nv_outputs {
	struct nv_config *cfg;          /* the agent's (main.c), the plug-ins' sections */
	size_t n;
	struct engine eng[NV_DEVICES_MAX];
	struct nv_handler_device devices[NV_DEVICES_MAX];
	struct nv_handlers handlers;
	struct nv_handler_env env;
	struct client_sources clients;
};

/* Every notification names its device before a plug-in sees it. */
static void emit_stamped(const struct nv_notification *n, void *arg)
{
	const struct engine *e = arg;
	struct nv_notification c = *n;

	memcpy(c.device_name, e->ctx->name, sizeof(c.device_name));
	c.device_no = e->ctx->no;
	nv_handlers_dispatch(&e->nf->handlers, &c);
}

static uint64_t ms_of(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000u + (uint64_t)ts->tv_nsec / 1000000u;
}

/* upsAlarmTime is on the MIB's TimeStamp clock (the master's sysUpTime). */
static uint32_t alarm_clock(void *arg)
{
	const struct nv_ctx *ctx = arg;

	return nv_mib_uptime_ticks(&ctx->view);
}

static struct nv_events_cfg engine_cfg(struct nv_ctx *ctx)
{
	struct nv_events_cfg c = {
		.debounce_ms = ctx->cfg.traps.debounce_ms,
		.started_ms = ms_of(&ctx->started),
		.data_unit = ctx->cfg.data_unit,
		.uptime = alarm_clock,
		.uptime_arg = ctx,
	};

	return c;
}

/* ---- what plug-ins may ask of the agent ------------------------------- */

static void act_agent_event(void *arg, int what)
{
	nv_outputs_agent(arg, (enum nv_agent_event)what);
}

static int act_ups_shutoff(void *arg, int delay_s, int restart_min)
{
	return nv_ups_shutoff(arg, delay_s, restart_min);
}

static int act_ups_shutoff_cancel(void *arg)
{
	return nv_ups_shutoff_cancel(arg);
}

static int act_ups_shutoff_max_delay(void *arg)
{
	return nv_ups_shutoff_max_delay(arg);
}

static int act_wol_send(void *arg)
{
	return nv_wol_send_all(arg);
}

static int act_ups_command(void *arg, int kind, const char *who,
    void (*done)(void *cookie, int status, const char *text), void *cookie,
    char *why, size_t whylen)
{
	return nv_ups_command(arg, kind, who, done, cookie, why, whylen);
}

static bool act_ups_command_available(void *arg, int kind)
{
	return nv_ups_command_available(arg, kind);
}

static int act_clients_longest(void *arg, char *who, size_t wholen)
{
	struct nv_ctx *ctx = arg;
	void *nut = nv_outputs_handler_state(ctx, "nut");

	return nut != NULL ? nv_nut_longest_client_of(nut, ctx->no, who, wholen) : 0;
}

/* The nvshutdown clients a device feeds (those that say nothing: all). */
struct fed_by {
	nv_shutdown_client_fn fn;
	void *arg;
	unsigned no;
	size_t n;
};

static void fed_row(const struct nv_shutdown_client_row *row, void *arg)
{
	struct fed_by *f = arg;

	if (row->feeds_mask == 0 || (row->feeds_mask & (1u << f->no))) {
		f->fn(row, f->arg);
		f->n++;
	}
}

/* A device's client table: the nvshutdown clients it feeds, then the NUT
 * sessions logged in to it. */
static size_t protected_clients(const void *src, nv_shutdown_client_fn fn, void *arg)
{
	const struct engine *e = src;
	struct fed_by f = { fn, arg, e->ctx->no, 0 };

	nv_shutdown_clients(e->nf->clients.shutdown, fed_row, &f);
	return f.n + nv_nut_clients_of(e->nf->clients.nut, e->ctx->no, fn, arg);
}

/* ---- the main loop's calls -------------------------------------------- */

static void engine_views(struct engine *e)
{
	struct nv_ctx *ctx = e->ctx;

	ctx->view.alarms = nv_events_alarm_table(e->ev, NV_FAM_SOCOMEC);
	ctx->view.rfc_alarms = nv_events_alarm_table(e->ev, NV_FAM_RFC1628);
	ctx->view.rfc_state = nv_events_rfc1628_state(e->ev);
	ctx->view.shutdown_clients.each = protected_clients;
	ctx->view.shutdown_clients.src = e;
}

static int engine_start(struct nv_outputs *nf, struct nv_ctx *ctx)
{
	struct engine *e = &nf->eng[nf->n];
	struct nv_events_cfg ec = engine_cfg(ctx);

	e->nf = nf;
	e->ctx = ctx;
	e->act = (struct nv_handler_actions){ ctx, act_agent_event, act_ups_shutoff,
	    act_ups_shutoff_cancel, act_ups_shutoff_max_delay, act_wol_send,
	    act_ups_command, act_ups_command_available, act_clients_longest };
	nf->devices[nf->n] = (struct nv_handler_device){ .name = ctx->name,
	    .snap = &ctx->snap, .image = ctx->image, .logs = &ctx->logs, .act = &e->act };
	nv_schedule_use_saved(ctx->cfg.state_dir, &ctx->cfg.schedule);
	e->ev = nv_events_new(&ec, emit_stamped, e);
	if (e->ev == NULL)
		return -1;
	ctx->outputs = nf;
	nf->n++;
	return 0;
}

static void outputs_free(struct nv_outputs *nf)
{
	for (size_t i = 0; i < nf->n; i++) {
		nv_events_free(nf->eng[i].ev);
		nf->eng[i].ctx->outputs = NULL;
	}
	free(nf);
}

/* The plug-ins' env: devices[0] is also the one a one-device plug-in sees. */
static void plugin_env(struct nv_outputs *nf, const struct nv_ctx *first)
{
	nf->env = (struct nv_handler_env){ .snap = &first->snap, .started = &first->started,
	    .logs = &first->logs, .resolver = first->resolver, .act = &nf->eng[0].act,
	    .image = first->image, .devices = nf->devices, .ndevices = nf->n };
}

struct nv_outputs *nv_outputs_start(struct nv_config *cfg, struct nv_ctx *const *devs,
    size_t n, char *err, size_t errlen)
{
	struct nv_outputs *nf = calloc(1, sizeof(*nf));

	if (nf == NULL || n == 0 || n > NV_DEVICES_MAX) {
		snprintf(err, errlen, "notifications: out of memory");
		free(nf);
		return NULL;
	}
	nf->cfg = cfg;
	nv_receivers_use_saved(cfg->agent_state_dir, &cfg->traps);
	/* the engines first: a plug-in may raise an agent event from init */
	for (size_t i = 0; i < n; i++) {
		devs[i]->cfg.traps = cfg->traps;
		if (engine_start(nf, devs[i]) != 0) {
			snprintf(err, errlen, "notifications: out of memory");
			outputs_free(nf);
			return NULL;
		}
	}
	plugin_env(nf, devs[0]);
	if (nv_handlers_init(&nf->handlers, nv_builtin_handlers, &nf->env, cfg,
	    err, errlen) != 0) {
		outputs_free(nf);
		return NULL;
	}
	nf->clients.shutdown = nv_handlers_state(&nf->handlers, "shutdown");
	nf->clients.nut = nv_handlers_state(&nf->handlers, "nut");
	for (size_t i = 0; i < n; i++) {
		engine_views(&nf->eng[i]);
		nv_events_agent(nf->eng[i].ev, NV_AE_RESTARTING, nv_now_ms());
		if (nv_schedule_start(devs[i]) != 0) {
			snprintf(err, errlen, "schedules: out of memory");
			nv_outputs_stop(nf);
			return NULL;
		}
	}
	return nf;
}

static struct engine *engine_of(const struct nv_ctx *ctx)
{
	if (ctx->outputs == NULL || ctx->no >= ctx->outputs->n)
		return NULL;
	return &ctx->outputs->eng[ctx->no];
}

void nv_outputs_snapshot(struct nv_ctx *ctx)
{
	struct engine *e = engine_of(ctx);

	if (e != NULL)
		nv_events_snapshot(e->ev, &ctx->snap, nv_now_ms());
}

static void shorten(struct timeval *tv, uint64_t wait_ms)
{
	if ((uint64_t)tv->tv_sec * 1000u + (uint64_t)tv->tv_usec / 1000u > wait_ms) {
		tv->tv_sec = (time_t)(wait_ms / 1000u);
		tv->tv_usec = (suseconds_t)((wait_ms % 1000u) * 1000u);
	}
}

void nv_outputs_fill(struct nv_outputs *nf, fd_set *rd, int *maxfd, struct timeval *tv)
{
	uint64_t now = nv_now_ms();

	if (nf == NULL)
		return;
	nv_handlers_fill(&nf->handlers, rd, maxfd, tv);
	for (size_t i = 0; i < nf->n; i++) {
		int wait_s = nv_schedule_wait_s(nf->eng[i].ctx);
		uint64_t next = nv_events_next_ms(nf->eng[i].ev);

		if (wait_s >= 0)
			shorten(tv, (uint64_t)wait_s * 1000u);
		if (next != UINT64_MAX)
			shorten(tv, next > now ? next - now : 0);
	}
}

/* A device's turn: SETs to apply, UPS command results, timers, schedules. */
static void engine_process(struct engine *e)
{
	struct nv_ctx *ctx = e->ctx;
	struct nv_notification n;

	if (ctx->schedule_changed) {    /* a SET of a schedule table */
		ctx->schedule_changed = false;
		nv_schedule_changed(ctx);
	}
	while (nv_ups_control_result(ctx, &n))
		emit_stamped(&n, e);
	nv_ups_control_tick(ctx);
	nv_events_tick(e->ev, nv_now_ms());
}

/* A SET of the receivers table, in any device's context, is the agent's. */
static bool traps_changed(struct nv_outputs *nf)
{
	bool changed = false;

	for (size_t i = 0; i < nf->n; i++) {
		changed |= nf->eng[i].ctx->traps_changed;
		nf->eng[i].ctx->traps_changed = false;
	}
	return changed;
}

void nv_outputs_process(struct nv_outputs *nf, const fd_set *rd)
{
	if (nf == NULL)
		return;
	if (traps_changed(nf))
		nv_outputs_reload(nf);
	for (size_t i = 0; i < nf->n; i++)
		engine_process(&nf->eng[i]);
	nv_handlers_tick(&nf->handlers);
	nv_handlers_process(&nf->handlers, rd);
	for (size_t i = 0; i < nf->n; i++)
		nv_schedule_run(nf->eng[i].ctx, emit_stamped, &nf->eng[i]);
}

size_t nv_outputs_clients(struct nv_ctx *ctx, nv_shutdown_client_fn fn, void *arg)
{
	if (ctx->outputs == NULL)
		return 0;
	return nv_shutdown_clients(ctx->outputs->clients.shutdown, fn, arg) +
	    nv_nut_clients(ctx->outputs->clients.nut, fn, arg);
}

void *nv_outputs_handler_state(struct nv_ctx *ctx, const char *name)
{
	return ctx->outputs != NULL ? nv_handlers_state(&ctx->outputs->handlers, name) : NULL;
}

void nv_outputs_reload(struct nv_outputs *nf)
{
	if (nf == NULL)
		return;
	nv_receivers_use_saved(nf->cfg->agent_state_dir, &nf->cfg->traps);
	for (size_t i = 0; i < nf->n; i++) {
		struct nv_ctx *ctx = nf->eng[i].ctx;
		struct nv_events_cfg ec;

		ctx->cfg.traps = nf->cfg->traps;
		nv_schedule_use_saved(ctx->cfg.state_dir, &ctx->cfg.schedule);
		nv_schedule_changed(ctx);
		ec = engine_cfg(ctx);
		nv_events_set_cfg(nf->eng[i].ev, &ec);
	}
	nv_handlers_reload(&nf->handlers, &nf->env, nf->cfg);
}

void nv_outputs_agent(struct nv_ctx *ctx, enum nv_agent_event what)
{
	struct engine *e = engine_of(ctx);

	if (e != NULL)
		nv_events_agent(e->ev, what, nv_now_ms());
}

void nv_outputs_stop(struct nv_outputs *nf)
{
	if (nf == NULL)
		return;
	for (size_t i = 0; i < nf->n; i++) {
		struct nv_ctx *ctx = nf->eng[i].ctx;

		nv_schedule_stop(ctx);
		ctx->view.shutdown_clients.each = NULL;
		ctx->view.shutdown_clients.src = NULL;
	}
	nv_handlers_fini(&nf->handlers);
	for (size_t i = 0; i < nf->n; i++) {
		struct nv_ctx *ctx = nf->eng[i].ctx;

		ctx->view.alarms = ctx->view.rfc_alarms = NULL;
		ctx->view.rfc_state = NULL;
	}
	outputs_free(nf);
}
