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

struct nv_outputs {
	struct nv_events *ev;
	struct nv_handlers handlers;
	struct nv_handler_env env;
	struct nv_handler_actions act;
	struct nv_handler_device devices[1];
	struct client_sources clients;
	char device_name[NV_DEVICE_NAME_MAX];
};

/* Every notification names its device before a plug-in sees it. */
static void emit_stamped(const struct nv_notification *n, void *arg)
{
	struct nv_outputs *nf = arg;
	struct nv_notification c = *n;

	memcpy(c.device_name, nf->device_name, sizeof(c.device_name));
	c.device_no = 0;
	nv_handlers_dispatch(&nf->handlers, &c);
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

	return nut != NULL ? nv_nut_longest_client(nut, who, wholen) : 0;
}

/* The client table: nvshutdown clients, then the NUT sessions. */
static size_t protected_clients(const void *src, nv_shutdown_client_fn fn, void *arg)
{
	const struct client_sources *cs = src;

	return nv_shutdown_clients(cs->shutdown, fn, arg) + nv_nut_clients(cs->nut, fn, arg);
}

/* ---- the main loop's calls -------------------------------------------- */

int nv_outputs_start(struct nv_ctx *ctx, char *err, size_t errlen)
{
	struct nv_outputs *nf = calloc(1, sizeof(*nf));
	struct nv_events_cfg ec = engine_cfg(ctx);

	if (nf == NULL) {
		snprintf(err, errlen, "notifications: out of memory");
		return -1;
	}
	nv_receivers_use_saved(ctx->cfg.state_dir, &ctx->cfg.traps);
	nv_schedule_use_saved(ctx->cfg.state_dir, &ctx->cfg.schedule);
	nf->act = (struct nv_handler_actions){ ctx, act_agent_event, act_ups_shutoff,
	    act_ups_shutoff_cancel, act_ups_shutoff_max_delay, act_wol_send,
	    act_ups_command, act_ups_command_available, act_clients_longest };
	snprintf(nf->device_name, sizeof(nf->device_name), "%s", ctx->cfg.devices[0].name);
	nf->devices[0] = (struct nv_handler_device){ .name = nf->device_name,
	    .snap = &ctx->snap, .image = ctx->image, .logs = &ctx->logs, .act = &nf->act };
	nf->env = (struct nv_handler_env){ .snap = &ctx->snap, .started = &ctx->started,
	    .logs = &ctx->logs, .resolver = ctx->resolver, .act = &nf->act,
	    .image = ctx->image, .devices = nf->devices, .ndevices = 1 };
	/* the engine first: a plug-in may raise an agent event from init */
	nf->ev = nv_events_new(&ec, emit_stamped, nf);
	if (nf->ev == NULL) {
		snprintf(err, errlen, "notifications: out of memory");
		free(nf);
		return -1;
	}
	ctx->outputs = nf;
	if (nv_handlers_init(&nf->handlers, nv_builtin_handlers, &nf->env, &ctx->cfg,
	    err, errlen) != 0) {
		nv_events_free(nf->ev);
		free(nf);
		ctx->outputs = NULL;
		return -1;
	}
	ctx->view.alarms = nv_events_alarm_table(nf->ev, NV_FAM_SOCOMEC);
	ctx->view.rfc_alarms = nv_events_alarm_table(nf->ev, NV_FAM_RFC1628);
	ctx->view.rfc_state = nv_events_rfc1628_state(nf->ev);
	nf->clients.shutdown = nv_handlers_state(&nf->handlers, "shutdown");
	nf->clients.nut = nv_handlers_state(&nf->handlers, "nut");
	ctx->view.shutdown_clients.each = protected_clients;
	ctx->view.shutdown_clients.src = &nf->clients;
	nv_events_agent(nf->ev, NV_AE_RESTARTING, nv_now_ms());
	if (nv_schedule_start(ctx) != 0) {
		snprintf(err, errlen, "schedules: out of memory");
		nv_outputs_stop(ctx);
		return -1;
	}
	return 0;
}

void nv_outputs_snapshot(struct nv_ctx *ctx)
{
	if (ctx->outputs == NULL)
		return;
	nv_events_snapshot(ctx->outputs->ev, &ctx->snap, nv_now_ms());
}

static void shorten(struct timeval *tv, uint64_t wait_ms)
{
	if ((uint64_t)tv->tv_sec * 1000u + (uint64_t)tv->tv_usec / 1000u > wait_ms) {
		tv->tv_sec = (time_t)(wait_ms / 1000u);
		tv->tv_usec = (suseconds_t)((wait_ms % 1000u) * 1000u);
	}
}

void nv_outputs_fill(struct nv_ctx *ctx, fd_set *rd, int *maxfd, struct timeval *tv)
{
	uint64_t next, now;

	if (ctx->outputs == NULL)
		return;
	nv_handlers_fill(&ctx->outputs->handlers, rd, maxfd, tv);
	if (nv_schedule_wait_s(ctx) >= 0)
		shorten(tv, (uint64_t)nv_schedule_wait_s(ctx) * 1000u);
	next = nv_events_next_ms(ctx->outputs->ev);
	if (next == UINT64_MAX)
		return;
	now = nv_now_ms();
	shorten(tv, next > now ? next - now : 0);
}

void nv_outputs_process(struct nv_ctx *ctx, const fd_set *rd)
{
	struct nv_notification n;

	if (ctx->outputs == NULL)
		return;
	if (ctx->traps_changed) {       /* a SET of the receivers table */
		ctx->traps_changed = false;
		nv_outputs_reload(ctx);
	}
	if (ctx->schedule_changed) {    /* a SET of a schedule table */
		ctx->schedule_changed = false;
		nv_schedule_changed(ctx);
	}
	while (nv_ups_control_result(ctx, &n))
		emit_stamped(&n, ctx->outputs);
	nv_ups_control_tick(ctx);
	nv_events_tick(ctx->outputs->ev, nv_now_ms());
	nv_handlers_tick(&ctx->outputs->handlers);
	nv_handlers_process(&ctx->outputs->handlers, rd);
	nv_schedule_run(ctx, emit_stamped, ctx->outputs);
}

void *nv_outputs_handler_state(struct nv_ctx *ctx, const char *name)
{
	return ctx->outputs != NULL ? nv_handlers_state(&ctx->outputs->handlers, name) : NULL;
}

void nv_outputs_reload(struct nv_ctx *ctx)
{
	struct nv_events_cfg ec;

	if (ctx->outputs == NULL)
		return;
	nv_receivers_use_saved(ctx->cfg.state_dir, &ctx->cfg.traps);
	nv_schedule_use_saved(ctx->cfg.state_dir, &ctx->cfg.schedule);
	nv_schedule_changed(ctx);
	ec = engine_cfg(ctx);
	nv_events_set_cfg(ctx->outputs->ev, &ec);
	nv_handlers_reload(&ctx->outputs->handlers, &ctx->outputs->env, &ctx->cfg);
}

void nv_outputs_agent(struct nv_ctx *ctx, enum nv_agent_event what)
{
	if (ctx->outputs != NULL)
		nv_events_agent(ctx->outputs->ev, what, nv_now_ms());
}

void nv_outputs_stop(struct nv_ctx *ctx)
{
	nv_schedule_stop(ctx);
	if (ctx->outputs == NULL)
		return;
	ctx->view.shutdown_clients.each = NULL;
	ctx->view.shutdown_clients.src = NULL;
	nv_handlers_fini(&ctx->outputs->handlers);
	ctx->view.alarms = ctx->view.rfc_alarms = NULL;
	ctx->view.rfc_state = NULL;
	nv_events_free(ctx->outputs->ev);
	free(ctx->outputs);
	ctx->outputs = NULL;
}
