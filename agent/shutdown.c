/*
 * shutdown.c — the shutdown sequence: which shutdown events are active,
 * the warnings they cause, the shutdown request at the end of the warning
 * period, the UPS shut-off, the cancel when every event ended in time,
 * the shutdown test, and Wake-on-LAN once power is back after a shutdown
 * caused by an AC failure.  Every step goes to the agent event log and
 * the warning, request and cancel raise traps 20, 21 and 26.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_proto.h"
#include "ctx.h"
#include "events.h"
#include "log.h"
#include "logs.h"
#include "notify.h"
#include "shutdown.h"
#include "shutdown_server.h"
#include "ups_control.h"
#include "wol.h"

enum seq { SEQ_IDLE, SEQ_WARNING, SEQ_SHUTDOWN };

struct nv_shutdown {
	struct nv_sd_server *srv;
	struct nv_ctx *ctx;
	bool active[NV_SDE_COUNT];      /* the event holds now */
	uint64_t since_ms[NV_SDE_COUNT];
	enum seq seq;
	int lead;                       /* event whose settings rule the sequence */
	uint64_t deadline_ms;           /* shutdown request; 0 = warnings only */
	uint64_t next_warning_ms;
	unsigned warnings;
	bool test;                      /* the sequence is a shutdown test */
	uint64_t test_end_ms;           /* 0 = no test running */
	bool wol_pending;               /* shut down after an AC failure */
	char listen[64];                /* what the socket was opened with */
	int max_clients;
};

#define SEQ_EVENT_NONE (-1)

static void alog(struct nv_ctx *ctx, enum nv_ev_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void alog(struct nv_ctx *ctx, enum nv_ev_level level, const char *fmt, ...)
{
	char text[NV_EV_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (ctx->logs != NULL)
		nv_agentlog(ctx->logs, level, "%s", text);
	else
		nv_log(level == NV_EV_INFO ? LOG_INFO : LOG_WARNING, "%s", text);
}

static void server_note(void *arg, int level, const char *text)
{
	alog(arg, level == 0 ? NV_EV_INFO : NV_EV_WARNING, "%s", text);
}

static const struct nv_shutdown_cfg *scfg(const struct nv_ctx *ctx)
{
	return &ctx->cfg.shutdown;
}

/* ---- events ------------------------------------------------------------ */

static bool cond(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

/* Does a weekly-schedule / special-day start time fall within the last
 * `span` seconds?  The event then holds for the whole span. */
static bool scheduled(const struct nv_sd_event_cfg *e, bool weekly, time_t now, int span)
{
	for (size_t i = 0; i < e->n_when; i++) {
		const struct nv_sd_when *w = &e->when[i];

		for (int back = 0; back <= 8; back++) {
			time_t day = now - (time_t)back * 86400;
			struct tm tm;
			time_t start;

			localtime_r(&day, &tm);
			if (weekly ? tm.tm_wday != w->wday :
			    tm.tm_year + 1900 != w->year || tm.tm_mon + 1 != w->month ||
			    tm.tm_mday != w->mday)
				continue;
			tm.tm_hour = w->minute / 60;
			tm.tm_min = w->minute % 60;
			tm.tm_sec = 0;
			tm.tm_isdst = -1;
			start = mktime(&tm);
			if (start != (time_t)-1 && now >= start && now < start + span)
				return true;
		}
	}
	return false;
}

static bool event_holds(const struct nv_ctx *ctx, enum nv_sd_event e)
{
	const struct nv_unit *u = &ctx->snap.sys;
	const struct nv_sd_event_cfg *ec = &scfg(ctx)->ev[e];
	int span = ec->warning_period_s + 120;

	switch (e) {
	case NV_SDE_ON_BATTERY:
		return cond(u, NV_C_ON_BATTERY);
	case NV_SDE_BATTERY_LOW:
		return cond(u, NV_C_BATTERY_LOW) || cond(u, NV_C_BATTERY_DISCHARGED);
	case NV_SDE_BATTERY_LEVEL:
		/* while discharging only: a recharging battery is not a reason */
		return cond(u, NV_C_ON_BATTERY) && u->ups.batt_charge != NV_NA &&
		    u->ups.batt_charge < ec->level;
	case NV_SDE_IMMINENT_STOP:
		return cond(u, NV_C_IMMINENT_STOP) || cond(u, NV_C_STS_IMMINENT_STOP);
	case NV_SDE_OVERLOAD:
		return cond(u, NV_C_OVERLOAD) || cond(u, NV_C_STS_OVERLOAD);
	case NV_SDE_TEMPERATURE:
		return cond(u, NV_C_TEMPERATURE) || cond(u, NV_C_STS_TEMPERATURE);
	case NV_SDE_ON_BYPASS:
		return cond(u, NV_C_ON_BYPASS);
	case NV_SDE_WEEKLY_SCHEDULE:
	case NV_SDE_SPECIAL_DAY:
		return scheduled(ec, e == NV_SDE_WEEKLY_SCHEDULE, time(NULL), span);
	default:
		return false;
	}
}

static bool is_ac_failure(int e)
{
	return e == NV_SDE_ON_BATTERY || e == NV_SDE_BATTERY_LOW || e == NV_SDE_BATTERY_LEVEL;
}

/* Follow the snapshot.  Without communication the device's state is not
 * known: the events keep what they were (a countdown is not cancelled
 * because the serial cable fell out). */
static void update_events(struct nv_shutdown *sd, uint64_t now)
{
	struct nv_ctx *ctx = sd->ctx;
	bool comm = ctx->snap.comm == NV_COMM_OK;

	for (int e = 0; e < NV_SDE_COUNT; e++) {
		bool timed = e == NV_SDE_WEEKLY_SCHEDULE || e == NV_SDE_SPECIAL_DAY;
		bool on;

		if (scfg(ctx)->ev[e].action == NV_SDA_DISABLED) {
			sd->active[e] = false;
			continue;
		}
		if (!comm && !timed)
			continue;
		on = event_holds(ctx, (enum nv_sd_event)e);
		if (e == NV_SDE_ON_BATTERY && sd->test_end_ms != 0)
			on = true;      /* the test simulates an AC failure */
		if (on && !sd->active[e])
			sd->since_ms[e] = now;
		sd->active[e] = on;
	}
}

/* The event that rules: the shutdown event whose period ends first, else
 * the warning-only event active longest. */
static int lead_event(const struct nv_shutdown *sd, uint64_t *deadline)
{
	const struct nv_shutdown_cfg *c = scfg(sd->ctx);
	int lead = SEQ_EVENT_NONE;

	*deadline = 0;
	for (int e = 0; e < NV_SDE_COUNT; e++) {
		uint64_t d;

		if (!sd->active[e] || c->ev[e].action != NV_SDA_SHUTDOWN)
			continue;
		d = sd->since_ms[e] + (uint64_t)c->ev[e].warning_period_s * 1000;
		if (lead == SEQ_EVENT_NONE || d < *deadline) {
			lead = e;
			*deadline = d;
		}
	}
	if (lead != SEQ_EVENT_NONE)
		return lead;
	for (int e = 0; e < NV_SDE_COUNT; e++)
		if (sd->active[e] && c->ev[e].action == NV_SDA_WARNING &&
		    (lead == SEQ_EVENT_NONE || sd->since_ms[e] < sd->since_ms[lead]))
			lead = e;
	return lead;
}

/* ---- steps ------------------------------------------------------------- */

static uint8_t flags(const struct nv_shutdown *sd)
{
	return sd->test ? NV_SD_FLAG_TEST : 0;
}

static const char *what(const struct nv_shutdown *sd)
{
	return sd->test ? "Shutdown test: " : "";
}

static void publish_state(struct nv_shutdown *sd, uint64_t now)
{
	time_t deadline = 0;
	/* clients hear of a sequence from its first warning on, not before */
	enum nv_sd_state st = sd->seq == SEQ_WARNING && sd->warnings > 0 ? NV_SD_WARNING_ON :
	    sd->seq == SEQ_SHUTDOWN ? NV_SD_SHUTDOWN_ON : NV_SD_IDLE;

	if (sd->seq == SEQ_WARNING && sd->deadline_ms != 0)
		deadline = time(NULL) + (time_t)((sd->deadline_ms > now ?
		    sd->deadline_ms - now : 0) + 999) / 1000;
	nv_sd_server_set_state(sd->srv, st, deadline,
	    st == NV_SD_IDLE ? "" : nv_sd_event_name(sd->lead), flags(sd));
}

static void send_warning(struct nv_shutdown *sd, uint64_t now)
{
	const struct nv_sd_event_cfg *ec = &scfg(sd->ctx)->ev[sd->lead];
	int left = sd->deadline_ms != 0 ?
	    (int)((sd->deadline_ms > now ? sd->deadline_ms - now : 0) + 999) / 1000 : -1;
	size_t n = nv_sd_server_send_all(sd->srv, NV_SD_WARNING, left,
	    nv_sd_event_name(sd->lead), flags(sd));

	if (left >= 0)
		alog(sd->ctx, NV_EV_WARNING, "%sShutdown warning sent to %zu clients (%s, "
		    "shutdown in %d s)", what(sd), n, nv_sd_event_name(sd->lead), left);
	else
		alog(sd->ctx, NV_EV_WARNING, "%sWarning sent to %zu clients (%s)",
		    what(sd), n, nv_sd_event_name(sd->lead));
	if (sd->warnings++ == 0)
		nv_notify_agent(sd->ctx, NV_AE_SHUTDOWN_WARNING);
	sd->next_warning_ms += (uint64_t)ec->warning_interval_s * 1000;
	if (sd->next_warning_ms <= now)
		sd->next_warning_ms = now + (uint64_t)ec->warning_interval_s * 1000;
}

static void send_cancel(struct nv_shutdown *sd, const char *why)
{
	size_t n = nv_sd_server_send_all(sd->srv, NV_SD_CANCEL, 0,
	    nv_sd_event_name(sd->lead), flags(sd));

	alog(sd->ctx, NV_EV_INFO, "%sShutdown cancelled (%s), cancel sent to %zu clients",
	    what(sd), why, n);
	nv_notify_agent(sd->ctx, NV_AE_SHUTDOWN_CANCELLED);
}

static void ups_shutoff(struct nv_shutdown *sd)
{
	const struct nv_shutdown_cfg *c = scfg(sd->ctx);
	char who[NV_SD_NAME_LEN];
	int longest = nv_sd_server_max_duration(sd->srv, who, sizeof(who));
	int delay = c->ups_shutoff_delay_s;

	if (longest > delay) {
		/* never cut a server that said it needs longer */
		alog(sd->ctx, NV_EV_WARNING, "Client %s needs %d s to shut down, more than "
		    "ups-shutoff-delay %d s: the UPS shut-off waits %d s", who, longest,
		    delay, longest);
		delay = longest;
	}
	if (nv_ups_shutoff(sd->ctx, delay, c->ups_restart_delay_min) == 0)
		alog(sd->ctx, NV_EV_WARNING, "UPS shut-off sent (output off in %d s, restart "
		    "%d min after mains returns%s)", delay, c->ups_restart_delay_min,
		    c->ups_restart_delay_min == 0 ? ": none" : "");
	else
		alog(sd->ctx, NV_EV_CRITICAL, "UPS shut-off refused (see the log)");
}

static void send_shutdown(struct nv_shutdown *sd)
{
	size_t n = nv_sd_server_send_all(sd->srv, NV_SD_SHUTDOWN, 0,
	    nv_sd_event_name(sd->lead), flags(sd));

	alog(sd->ctx, NV_EV_CRITICAL, "%sShutdown request sent to %zu clients (%s)",
	    what(sd), n, nv_sd_event_name(sd->lead));
	nv_notify_agent(sd->ctx, NV_AE_SHUTDOWN_REQUEST);
	if (sd->test)
		return;
	if (scfg(sd->ctx)->ups_shutoff)
		ups_shutoff(sd);
	if (is_ac_failure(sd->lead))
		sd->wol_pending = true;
}

static void start_sequence(struct nv_shutdown *sd, int lead, uint64_t deadline)
{
	const struct nv_sd_event_cfg *ec = &scfg(sd->ctx)->ev[lead];

	sd->seq = SEQ_WARNING;
	sd->lead = lead;
	sd->deadline_ms = deadline;
	sd->warnings = 0;
	sd->test = sd->test_end_ms != 0;
	sd->next_warning_ms = sd->since_ms[lead] + (uint64_t)ec->first_warning_s * 1000;
	if (deadline != 0)
		alog(sd->ctx, NV_EV_WARNING, "%sShutdown sequence started by %s: shutdown "
		    "request in %d s", what(sd), nv_sd_event_name(lead), ec->warning_period_s);
	else
		alog(sd->ctx, NV_EV_WARNING, "%sWarning sequence started by %s", what(sd),
		    nv_sd_event_name(lead));
}

static void step_warning(struct nv_shutdown *sd, int lead, uint64_t deadline, uint64_t now)
{
	if (lead == SEQ_EVENT_NONE) {
		send_cancel(sd, sd->test ? "end of the test" : "the event ended");
		sd->seq = SEQ_IDLE;
		return;
	}
	if (lead != sd->lead)
		alog(sd->ctx, NV_EV_WARNING, "%sShutdown sequence now led by %s", what(sd),
		    nv_sd_event_name(lead));
	sd->lead = lead;
	sd->deadline_ms = deadline;
	if (deadline != 0 && now >= deadline) {
		send_shutdown(sd);
		sd->seq = SEQ_SHUTDOWN;
	} else if (now >= sd->next_warning_ms) {
		send_warning(sd, now);
	}
}

/* Power back after a shutdown for an AC failure: wake the servers. */
static void maybe_wake(struct nv_shutdown *sd)
{
	const struct nv_snapshot *s = &sd->ctx->snap;

	if (!sd->wol_pending || s->comm != NV_COMM_OK ||
	    !nv_cond_get(&s->sys, NV_C_INPUT_PRESENT) ||
	    nv_cond_get(&s->sys, NV_C_ON_BATTERY) || nv_cond_get(&s->sys, NV_C_LOAD_OFF))
		return;
	sd->wol_pending = false;
	if (nv_wol_send_all(sd->ctx) >= 0)
		alog(sd->ctx, NV_EV_INFO, "Mains and UPS output are back: Wake-on-LAN sent");
	else
		alog(sd->ctx, NV_EV_WARNING, "Mains and UPS output are back: Wake-on-LAN failed");
}

static void run(struct nv_shutdown *sd)
{
	uint64_t now = nv_now_ms(), deadline;
	int lead;

	if (sd->test_end_ms != 0 && now >= sd->test_end_ms) {
		sd->test_end_ms = 0;
		if (sd->seq == SEQ_SHUTDOWN && sd->test) {
			send_cancel(sd, "end of the test");
			sd->seq = SEQ_IDLE;
		}
	}
	update_events(sd, now);
	lead = lead_event(sd, &deadline);
	switch (sd->seq) {
	case SEQ_IDLE:
		if (lead != SEQ_EVENT_NONE) {
			start_sequence(sd, lead, deadline);
			step_warning(sd, lead, deadline, now);
		}
		break;
	case SEQ_WARNING:
		step_warning(sd, lead, deadline, now);
		break;
	case SEQ_SHUTDOWN:
		if (lead == SEQ_EVENT_NONE) {
			alog(sd->ctx, NV_EV_INFO, "Shutdown events ended; ready for a new sequence");
			sd->seq = SEQ_IDLE;
		}
		break;
	}
	publish_state(sd, now);
	maybe_wake(sd);
}

/* ---- main loop ----------------------------------------------------------- */

int nv_shutdown_start(struct nv_ctx *ctx, char *err, size_t errlen)
{
	struct nv_shutdown *sd;

	ctx->shutdown = NULL;
	if (!scfg(ctx)->enabled)
		return 0;
	sd = calloc(1, sizeof(*sd));
	if (sd == NULL) {
		snprintf(err, errlen, "shutdown: out of memory");
		return -1;
	}
	if (nv_sd_server_open(&sd->srv, scfg(ctx)->listen, scfg(ctx)->secret_file,
	    scfg(ctx)->max_clients, err, errlen) != 0) {
		free(sd);
		return -1;
	}
	sd->ctx = ctx;
	sd->lead = SEQ_EVENT_NONE;
	memcpy(sd->listen, scfg(ctx)->listen, sizeof(sd->listen));
	sd->max_clients = scfg(ctx)->max_clients;
	nv_sd_server_set_note(sd->srv, server_note, ctx);
	nv_sd_server_set_sender(sd->srv, ctx->cfg.system.name);
	ctx->shutdown = sd;
	nv_log(LOG_INFO, "shutdown clients: listening on %s", scfg(ctx)->listen);
	return 0;
}

void nv_shutdown_stop(struct nv_ctx *ctx)
{
	if (ctx->shutdown == NULL)
		return;
	nv_sd_server_close(ctx->shutdown->srv);
	free(ctx->shutdown);
	ctx->shutdown = NULL;
}

void nv_shutdown_reload(struct nv_ctx *ctx)
{
	char err[512];

	if (ctx->shutdown == NULL) {
		if (scfg(ctx)->enabled && nv_shutdown_start(ctx, err, sizeof(err)) != 0)
			nv_log(LOG_ERR, "reload: %s", err);
		return;
	}
	if (!scfg(ctx)->enabled) {
		nv_log(LOG_WARNING, "reload: the shutdown section is gone; clients are no "
		    "longer served");
		nv_shutdown_stop(ctx);
		return;
	}
	if (strcmp(ctx->shutdown->listen, scfg(ctx)->listen) != 0 ||
	    ctx->shutdown->max_clients != scfg(ctx)->max_clients)
		nv_log(LOG_WARNING, "reload: shutdown listen / max-clients changed; restart "
		    "nvagentd to apply them");
	if (nv_sd_server_rekey(ctx->shutdown->srv, scfg(ctx)->secret_file, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "reload: keeping the old shutdown secret: %s", err);
	nv_sd_server_set_sender(ctx->shutdown->srv, ctx->cfg.system.name);
}

static uint64_t next_due(const struct nv_shutdown *sd)
{
	uint64_t due = UINT64_MAX;

	if (sd->seq == SEQ_WARNING) {
		due = sd->next_warning_ms;
		if (sd->deadline_ms != 0 && sd->deadline_ms < due)
			due = sd->deadline_ms;
	}
	if (sd->test_end_ms != 0 && sd->test_end_ms < due)
		due = sd->test_end_ms;
	return due;
}

void nv_shutdown_fill(const struct nv_ctx *ctx, fd_set *rd, int *maxfd,
    struct timeval *tv)
{
	const struct nv_shutdown *sd = ctx->shutdown;
	uint64_t due, now;
	int fd;

	if (sd == NULL)
		return;
	fd = nv_sd_server_fd(sd->srv);
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
	due = next_due(sd);
	if (due == UINT64_MAX)
		return;
	now = nv_now_ms();
	due = due > now ? due - now : 0;
	if ((uint64_t)tv->tv_sec * 1000 + (uint64_t)tv->tv_usec / 1000 > due) {
		tv->tv_sec = (time_t)(due / 1000);
		tv->tv_usec = (suseconds_t)(due % 1000) * 1000;
	}
}

void nv_shutdown_process(struct nv_ctx *ctx, const fd_set *rd)
{
	struct nv_shutdown *sd = ctx->shutdown;

	if (sd == NULL)
		return;
	/* the sequence first, so a heartbeat is answered with the state now */
	run(sd);
	if (FD_ISSET(nv_sd_server_fd(sd->srv), rd))
		nv_sd_server_receive(sd->srv);
	nv_sd_server_expire(sd->srv, scfg(ctx)->client_timeout_s);
}

size_t nv_shutdown_clients(const struct nv_ctx *ctx, nv_shutdown_client_fn fn,
    void *arg)
{
	if (ctx->shutdown == NULL)
		return 0;
	return nv_sd_server_clients(ctx->shutdown->srv, fn, arg);
}

/* ---- control commands ---------------------------------------------------- */

static void print_row(const struct nv_shutdown_client_row *r, void *arg)
{
	struct nv_text *t = arg;
	struct tm tm;
	char since[32];

	localtime_r(&r->connected_since, &tm);
	strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S", &tm);
	nv_text_printf(t, "%-5d %-21s %-20s %-19s %-9s %-8s %d\n", r->index, r->address,
	    r->name, since, r->status == NV_SDC_CONNECTED ? "connected" : "lost",
	    r->severity == NV_SDS_SHUTDOWN ? "shutdown" :
	    r->severity == NV_SDS_WARNING ? "warning" : "none", r->duration_s);
}

void nv_shutdown_cmd_clients(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out)
{
	const struct nv_sd_counters *c;
	struct nv_text body;

	(void)argv;
	if (argc != 1) {
		nv_ctl_reply_err(out, "usage: clients");
		return;
	}
	if (ctx->shutdown == NULL) {
		nv_ctl_reply_err(out, "shutdown management is not configured (no shutdown section)");
		return;
	}
	nv_text_init(&body);
	nv_text_printf(&body, "%-5s %-21s %-20s %-19s %-9s %-8s %s\n", "INDEX", "ADDRESS",
	    "NAME", "CONNECTED-SINCE", "STATUS", "STATE", "DURATION-S");
	nv_shutdown_clients(ctx, print_row, &body);
	c = nv_sd_server_counters(ctx->shutdown->srv);
	nv_text_printf(&body, "packets: received %llu, accepted %llu, malformed %llu, "
	    "bad-auth %llu, stale %llu, replayed %llu, table-full %llu; sent %llu, "
	    "send-errors %llu\n",
	    (unsigned long long)c->received, (unsigned long long)c->accepted,
	    (unsigned long long)c->malformed, (unsigned long long)c->bad_mac,
	    (unsigned long long)c->stale, (unsigned long long)c->replay,
	    (unsigned long long)c->table_full, (unsigned long long)c->sent,
	    (unsigned long long)c->send_errors);
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}

void nv_shutdown_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out)
{
	struct nv_shutdown *sd = ctx->shutdown;
	char msg[128];

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: shutdown test");
		return;
	}
	if (sd == NULL) {
		nv_ctl_reply_err(out, "shutdown management is not configured (no shutdown section)");
		return;
	}
	if (scfg(ctx)->ev[NV_SDE_ON_BATTERY].action == NV_SDA_DISABLED) {
		nv_ctl_reply_err(out, "the on-battery event is disabled: the test uses its settings");
		return;
	}
	if (sd->seq != SEQ_IDLE || sd->test_end_ms != 0) {
		nv_ctl_reply_err(out, "a shutdown sequence or test is already running");
		return;
	}
	sd->test_end_ms = nv_now_ms() + (uint64_t)scfg(ctx)->test_cancel_after_s * 1000;
	alog(ctx, NV_EV_INFO, "Shutdown test started (cancel in %d s)",
	    scfg(ctx)->test_cancel_after_s);
	run(sd);
	snprintf(msg, sizeof(msg), "shutdown test started: on-battery settings, cancel in %d s\n",
	    scfg(ctx)->test_cancel_after_s);
	nv_ctl_reply_ok(out, msg);
}
