/*
 * schedule.c — run the schedules on the host's clock (see schedule.h).
 * The plan is asked again only when its next action is due, when the
 * clock went back, or when the schedule changed (at start, once the device
 * answered, so that a catch-up is not refused for want of a first poll); "done up to" is written
 * to state-dir whenever an action ran or the rule moved it, so a restart
 * neither repeats nor loses one (schedule_plan.h has the clock rules).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "device.h"
#include "events.h"
#include "diag_log.h"
#include "logs.h"
#include "schedule.h"
#include "schedule_plan.h"
#include "schedule_store.h"
#include "textbuf.h"
#include "ups_control.h"

/* At start, how long the schedule waits for the device to answer before
 * running what is due anyway (a command is then refused and logged). */
#define START_WAIT_MS   60000u

struct nv_sched {
	time_t done_until;
	uint64_t started_ms;            /* monotonic, at start */
	bool device_seen;               /* communicating since start, or waited */
	time_t last_now;                /* the clock at the last turn */
	bool replan;                    /* the schedule changed */
	bool has_next;
	struct nv_sched_action next;
};

static void remember(struct nv_ctx *ctx)
{
	char err[512];

	if (nv_schedule_state_save(ctx->cfg.state_dir, ctx->sched->done_until, err,
	    sizeof(err)) != 0)
		nv_log(LOG_ERR, "schedules: cannot keep the last action done: %s", err);
}

int nv_schedule_start(struct nv_ctx *ctx)
{
	struct nv_sched *s = calloc(1, sizeof(*s));
	time_t now = time(NULL);

	if (s == NULL)
		return -1;
	ctx->sched = s;
	switch (nv_schedule_state_load(ctx->cfg.state_dir, &s->done_until)) {
	case 0:
		break;
	case 1:                         /* first start: nothing is owed */
		s->done_until = now;
		remember(ctx);
		break;
	default:
		nv_log(LOG_ERR, "schedules: %s/%s unreadable: counting from now",
		    ctx->cfg.state_dir, NV_SCHEDULE_STATE_FILE);
		s->done_until = now;
		break;
	}
	s->last_now = now;
	s->replan = true;
	s->started_ms = nv_now_ms();
	return 0;
}

void nv_schedule_stop(struct nv_ctx *ctx)
{
	if (ctx->sched == NULL)
		return;
	remember(ctx);
	free(ctx->sched);
	ctx->sched = NULL;
}

void nv_schedule_changed(struct nv_ctx *ctx)
{
	struct nv_sched *s = ctx->sched;
	time_t now = time(NULL);

	if (s == NULL)
		return;
	if (now > s->done_until) {
		s->done_until = now;
		remember(ctx);
	}
	s->replan = true;
}

/* ---- what an action does ------------------------------------------------- */

static const char *kind_word(enum nv_sched_kind k)
{
	static const char *const w[] = { "weekly", "special-day", "eco-mode", "battery-test" };

	return (unsigned)k < 4 ? w[k] : "?";
}

/* "weekly" for a shut-off or restart; the other names say their kind. */
static const char *owner(const struct nv_sched_action *a)
{
	return a->what == NV_SCHA_OFF || a->what == NV_SCHA_RESTART ? kind_word(a->kind) : "";
}

static void stamp(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (t == 0 || localtime_r(&t, &tm) == NULL)
		snprintf(buf, len, "none");
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S %Z", &tm);
}

static void shut_off(struct nv_ctx *ctx, const struct nv_sched_action *a,
    nv_schedule_emit_fn *emit, void *arg)
{
	enum nv_sd_event ev = a->kind == NV_SCHK_WEEKLY ? NV_SDE_WEEKLY_SCHEDULE :
	    NV_SDE_SPECIAL_DAY;
	struct nv_notification n;
	char off[48], restart[48];

	stamp(a->off, off, sizeof(off));
	stamp(a->restart, restart, sizeof(restart));
	if (!ctx->cfg.shutdown.enabled || ctx->cfg.shutdown.ev[ev].action != NV_SDA_SHUTDOWN) {
		nv_agentlog(ctx->logs, NV_EV_WARNING, "Standby schedule of %s not run: "
		    "event %s is not set to shutdown in the shutdown section", off,
		    nv_sd_event_name(ev));
		return;
	}
	nv_agentlog(ctx->logs, NV_EV_WARNING, "Standby schedule sent: %s shut-off at %s, "
	    "restart %s; clients warned first", kind_word(a->kind), off, restart);
	memset(&n, 0, sizeof(n));
	n.kind = NV_NOTE_SCHEDULE;
	n.event = nv_sd_event_name(ev);
	n.severity = NV_SEV_WARNING;
	n.device = ctx->snap.kind;
	n.wallclock = a->off;
	n.restart_at = a->restart;
	n.when_ms = nv_now_ms();
	snprintf(n.text, sizeof(n.text), "%s shut-off at %s", kind_word(a->kind), off);
	emit(&n, arg);
}

static void command(struct nv_ctx *ctx, const struct nv_sched_action *a, int kind,
    const char *what)
{
	char why[160];

	if (nv_ups_command(ctx, kind, "schedule", NULL, NULL, why, sizeof(why)) == 0)
		nv_agentlog(ctx->logs, NV_EV_INFO, "%s schedule sent: %s",
		    what, nv_sched_what_name(a->what));
	/* a refusal is in the agent log already, with "schedule" as who */
}

static void run_action(struct nv_ctx *ctx, const struct nv_sched_action *a,
    nv_schedule_emit_fn *emit, void *arg)
{
	char at[48];

	switch (a->what) {
	case NV_SCHA_OFF:
		shut_off(ctx, a, emit, arg);
		break;
	case NV_SCHA_RESTART:
		stamp(a->at, at, sizeof(at));
		nv_agentlog(ctx->logs, NV_EV_INFO, "Standby schedule: %s restart time %s "
		    "(programmed in the UPS with its shut-off)", kind_word(a->kind), at);
		break;
	case NV_SCHA_ECO_ON:
		command(ctx, a, NV_CMD_ECO_MODE, "Eco mode");
		break;
	case NV_SCHA_ECO_OFF:
		command(ctx, a, NV_CMD_NORMAL_MODE, "Eco mode");
		break;
	case NV_SCHA_BATTERY_TEST:
		command(ctx, a, NV_CMD_BATTERY_TEST, "Battery test");
		break;
	}
}

static void plan_in(const struct nv_ctx *ctx, time_t now, struct nv_sched_plan_in *in)
{
	const struct nv_shutdown_cfg *sd = &ctx->cfg.shutdown;

	memset(in, 0, sizeof(*in));
	in->cfg = &ctx->cfg.schedule;
	in->off_lead_s[NV_SCHK_WEEKLY] = sd->ev[NV_SDE_WEEKLY_SCHEDULE].warning_period_s;
	in->off_lead_s[NV_SCHK_SPECIAL] = sd->ev[NV_SDE_SPECIAL_DAY].warning_period_s;
	in->done_until = ctx->sched->done_until;
	in->now = now;
}

static void report(struct nv_ctx *ctx, const struct nv_sched_plan_out *o, time_t before,
    time_t now)
{
	char at[48];

	if (o->rewound)
		nv_agentlog(ctx->logs, NV_EV_WARNING, "Schedules: the clock went back %ld h "
		    "(more than %d h): taken as a clock correction, schedules count from now",
		    (long)(before - now) / 3600, NV_SCHED_REWIND_MAX_S / 3600);
	else if (o->waiting)
		nv_agentlog(ctx->logs, NV_EV_INFO, "Schedules: the clock is %ld s behind the "
		    "last action done: none is repeated, the next runs when due",
		    (long)(before - now));
	for (size_t i = 0; i < o->n_missed; i++) {
		stamp(o->missed[i].at, at, sizeof(at));
		nv_agentlog(ctx->logs, NV_EV_WARNING, "Schedules: %s %s of %s missed (%ld min "
		    "ago, more than the %d min catch-up): not run", kind_word(o->missed[i].kind),
		    nv_sched_what_name(o->missed[i].what), at,
		    (long)(now - o->missed[i].at) / 60, NV_SCHED_CATCH_UP_S / 60);
	}
}

void nv_schedule_run(struct nv_ctx *ctx, nv_schedule_emit_fn *emit, void *arg)
{
	struct nv_sched *s = ctx->sched;
	struct nv_sched_plan_in in;
	struct nv_sched_plan_out o;
	time_t now = time(NULL), before;
	bool back;

	if (s == NULL)
		return;
	/* a catch-up at start must not be refused for want of a first poll */
	if (!s->device_seen) {
		if (ctx->snap.comm == NV_COMM_DETECTING &&
		    nv_now_ms() - s->started_ms < START_WAIT_MS)
			return;
		s->device_seen = true;
	}
	back = now < s->last_now;
	s->last_now = now;
	if (!s->replan && !back && (!s->has_next || now < s->next.at))
		return;
	s->replan = false;
	before = s->done_until;
	plan_in(ctx, now, &in);
	nv_sched_plan(&in, &o);
	report(ctx, &o, before, now);
	for (size_t i = 0; i < o.n_due; i++)
		run_action(ctx, &o.due[i], emit, arg);
	s->done_until = o.done_until;
	s->has_next = o.has_next;
	s->next = o.next;
	if (o.n_due > 0 || o.n_missed > 0 || o.rewound)
		remember(ctx);
}

long nv_schedule_wait_s(const struct nv_ctx *ctx)
{
	const struct nv_sched *s = ctx->sched;
	time_t now = time(NULL);

	if (s == NULL || !s->has_next)
		return -1;
	return s->next.at > now ? (long)(s->next.at - now) : 0;
}

/* ---- nvctl schedule ------------------------------------------------------- */

static void describe_entries(const struct nv_schedule_cfg *c, struct nv_text *out)
{
	char a[32], b[32];

	for (size_t i = 0; i < c->n_weekly; i++) {
		nv_sched_format_weektime(&c->weekly[i].off, a, sizeof(a));
		nv_sched_format_weektime(&c->weekly[i].restart, b, sizeof(b));
		nv_text_printf(out, "weekly %zu: off %s, restart %s\n", i + 1, a,
		    c->weekly[i].restart.wday < 0 ? "none" : b);
	}
	for (size_t i = 0; i < c->n_special; i++) {
		nv_sched_format_datetime(&c->special[i].off, a, sizeof(a));
		nv_sched_format_datetime(&c->special[i].restart, b, sizeof(b));
		nv_text_printf(out, "special-day %zu: off %s, restart %s\n", i + 1, a,
		    c->special[i].restart.year == 0 ? "none" : b);
	}
	for (size_t i = 0; i < c->n_eco; i++) {
		nv_sched_format_weektime(&c->eco[i].on, a, sizeof(a));
		nv_sched_format_weektime(&c->eco[i].off, b, sizeof(b));
		nv_text_printf(out, "eco-mode %zu: on %s, off %s\n", i + 1, a, b);
	}
	for (size_t i = 0; i < c->n_battery; i++) {
		nv_sched_format_datetime(&c->battery[i].start, a, sizeof(a));
		if (c->battery[i].every_weeks > 0)
			nv_text_printf(out, "battery-test %zu: from %s every %d week(s)\n", i + 1,
			    a, c->battery[i].every_weeks);
		else
			nv_text_printf(out, "battery-test %zu: once at %s\n", i + 1, a);
	}
}

void nv_schedule_describe(const struct nv_ctx *ctx, struct nv_text *out)
{
	const struct nv_sched *s = ctx->sched;
	char at[48], extra[48];

	describe_entries(&ctx->cfg.schedule, out);
	if (s == NULL || !s->has_next) {
		nv_text_printf(out, "next: none\n");
	} else {
		stamp(s->next.at, at, sizeof(at));
		nv_text_printf(out, "next: %s%s%s at %s", owner(&s->next),
		    *owner(&s->next) != '\0' ? " " : "", nv_sched_what_name(s->next.what), at);
		if (s->next.what == NV_SCHA_OFF) {
			stamp(s->next.off, extra, sizeof(extra));
			nv_text_printf(out, " (warnings first; shut-off %s", extra);
			stamp(s->next.restart, extra, sizeof(extra));
			nv_text_printf(out, ", restart %s)", extra);
		}
		nv_text_printf(out, "\n");
	}
	if (s != NULL) {
		stamp(s->done_until, at, sizeof(at));
		nv_text_printf(out, "done up to: %s\n", at);
	}
}
