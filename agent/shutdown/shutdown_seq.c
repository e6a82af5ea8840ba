/*
 * shutdown_seq.c — the shutdown sequence without I/O: which shutdown
 * events hold, the warnings they cause, the shutdown request at the end
 * of the warning period, the UPS shut-off, the cancel when every event
 * ended in time, the shutdown test, and Wake-on-LAN once power is back
 * after a shutdown caused by an AC failure.  Every step is logged through
 * the ops; the warning, request and cancel are notified (traps 20, 21, 26).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "shutdown_seq.h"

static void say(struct nv_sd_seq *q, enum nv_ev_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void say(struct nv_sd_seq *q, enum nv_ev_level level, const char *fmt, ...)
{
	char text[NV_EV_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	q->ops->log(q->arg, level, text);
}

void nv_sd_seq_init(struct nv_sd_seq *q, const struct nv_sd_seq_ops *ops, void *arg)
{
	memset(q, 0, sizeof(*q));
	q->ops = ops;
	q->arg = arg;
	q->lead = NV_SD_SEQ_NO_EVENT;
}

/* ---- events ------------------------------------------------------------ */

static bool is_schedule(int e)
{
	return e == NV_SDE_WEEKLY_SCHEDULE || e == NV_SDE_SPECIAL_DAY;
}

/* Device D's own view of this turn. */
static struct nv_sd_seq_device device(const struct nv_sd_seq_input *in, size_t d)
{
	struct nv_sd_seq_device one = { in->sys, in->comm_ok };

	return in->ndev == 0 ? one : in->dev[d];
}

static size_t ndevices(const struct nv_sd_seq_input *in)
{
	size_t n = in->ndev == 0 ? 1 : in->ndev;

	return n < NV_SD_DEVICES_MAX ? n : NV_SD_DEVICES_MAX;
}

/* The devices event E is decided on: those it watches that feed the
 * sequence's clients. */
static unsigned relevant(const struct nv_sd_seq_input *in, int e)
{
	unsigned m = (1u << ndevices(in)) - 1;

	if (in->cfg->ev[e].device_mask != 0)
		m &= in->cfg->ev[e].device_mask;
	if (in->feeds != 0)
		m &= in->feeds;
	return m;
}

/* Device D (its system unit U) meets event E's condition. */
static bool event_holds(const struct nv_sd_seq *q, const struct nv_sd_seq_input *in,
    enum nv_sd_event e, size_t d, const struct nv_unit *u)
{
	const struct nv_sd_event_cfg *ec = &in->cfg->ev[e];
	int span = ec->warning_period_s + 120;

	switch (e) {
	case NV_SDE_ON_BATTERY:
		return nv_cond_get(u, NV_C_ON_BATTERY);
	case NV_SDE_BATTERY_LOW:
		return nv_cond_get(u, NV_C_BATTERY_LOW) || nv_cond_get(u, NV_C_BATTERY_DISCHARGED);
	case NV_SDE_BATTERY_LEVEL:
		/* while discharging only: a recharging battery is not a reason */
		return nv_cond_get(u, NV_C_ON_BATTERY) && u->ups.batt_charge != NV_NA &&
		    u->ups.batt_charge < ec->level;
	case NV_SDE_IMMINENT_STOP:
		return nv_cond_get(u, NV_C_IMMINENT_STOP) || nv_cond_get(u, NV_C_STS_IMMINENT_STOP);
	case NV_SDE_OVERLOAD:
		return nv_cond_get(u, NV_C_OVERLOAD) || nv_cond_get(u, NV_C_STS_OVERLOAD);
	case NV_SDE_TEMPERATURE:
		return nv_cond_get(u, NV_C_TEMPERATURE) || nv_cond_get(u, NV_C_STS_TEMPERATURE);
	case NV_SDE_ON_BYPASS:
		return nv_cond_get(u, NV_C_ON_BYPASS);
	case NV_SDE_WEEKLY_SCHEDULE:
	case NV_SDE_SPECIAL_DAY:
		/* from the schedule's start for the period and two minutes */
		return (q->sched_started[e] & 1u << d) &&
		    in->now_ms < q->sched_from_ms[e][d] + (uint64_t)span * 1000;
	case NV_SDE_EMD_TEMPERATURE:
		return nv_cond_get(u, NV_C_EMD_TEMP_CRIT_HIGH);
	case NV_SDE_EMD_HUMIDITY:
		return nv_cond_get(u, NV_C_EMD_HUM_CRIT_HIGH);
	case NV_SDE_EMD_INPUT1:
		return nv_cond_get(u, NV_C_EMD_INPUT1);
	case NV_SDE_EMD_INPUT2:
		return nv_cond_get(u, NV_C_EMD_INPUT2);
	default:
		return false;
	}
}

static bool is_ac_failure(int e)
{
	return e == NV_SDE_ON_BATTERY || e == NV_SDE_BATTERY_LOW || e == NV_SDE_BATTERY_LEVEL;
}

/* Follow the snapshots, device by device.  Without communication a
 * device's state is not known: it keeps what it was (a countdown is not
 * cancelled because the serial cable fell out).  The room sensor's events
 * do not depend on the UPS's line (its own loss keeps its conditions). */
static void update_devices(struct nv_sd_seq *q, const struct nv_sd_seq_input *in, int e,
    unsigned want)
{
	bool timed = is_schedule(e);
	bool room = e >= NV_SDE_EMD_TEMPERATURE;

	for (size_t d = 0; d < ndevices(in); d++) {
		struct nv_sd_seq_device dv = device(in, d);
		bool on;

		if (!(want & 1u << d) || (!dv.comm_ok && !timed && !room))
			continue;
		on = event_holds(q, in, (enum nv_sd_event)e, d, dv.sys);
		if (e == NV_SDE_ON_BATTERY && q->test_end_ms != 0)
			on = true;      /* the test simulates an AC failure */
		if (on)
			q->held[e] |= 1u << d;
		else
			q->held[e] &= ~(1u << d);
	}
	q->held[e] &= want;
}

/* An event holds when any, or all, of its devices meet its condition. */
static void update_events(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	for (int e = 0; e < NV_SDE_COUNT; e++) {
		unsigned want = relevant(in, e);
		bool on;

		if (in->cfg->ev[e].action == NV_SDA_DISABLED) {
			q->active[e] = false;
			q->held[e] = 0;
			continue;
		}
		update_devices(q, in, e, want);
		on = want != 0 && (in->cfg->ev[e].when == NV_SDW_ALL ?
		    q->held[e] == want : q->held[e] != 0);
		if (on && !q->active[e])
			q->since_ms[e] = in->now_ms;
		q->active[e] = on;
	}
}

/* The event that rules: the shutdown event whose period ends first, else
 * the warning-only event active longest. */
static int lead_event(const struct nv_sd_seq *q, const struct nv_shutdown_cfg *c,
    uint64_t *deadline)
{
	int lead = NV_SD_SEQ_NO_EVENT;

	*deadline = 0;
	for (int e = 0; e < NV_SDE_COUNT; e++) {
		uint64_t d;

		if (!q->active[e] || c->ev[e].action != NV_SDA_SHUTDOWN)
			continue;
		d = q->since_ms[e] + (uint64_t)c->ev[e].warning_period_s * 1000;
		if (lead == NV_SD_SEQ_NO_EVENT || d < *deadline) {
			lead = e;
			*deadline = d;
		}
	}
	if (lead != NV_SD_SEQ_NO_EVENT)
		return lead;
	for (int e = 0; e < NV_SDE_COUNT; e++)
		if (q->active[e] && c->ev[e].action == NV_SDA_WARNING &&
		    (lead == NV_SD_SEQ_NO_EVENT || q->since_ms[e] < q->since_ms[lead]))
			lead = e;
	return lead;
}

/* ---- steps ------------------------------------------------------------- */

static uint8_t flags(const struct nv_sd_seq *q)
{
	return q->test ? NV_SD_FLAG_TEST : 0;
}

static const char *what(const struct nv_sd_seq *q)
{
	return q->test ? "Shutdown test: " : "";
}

static const char *lead_name(const struct nv_sd_seq *q)
{
	return nv_sd_event_name((enum nv_sd_event)q->lead);
}

/* Whole seconds until the request, rounded up; -1 without a request. */
static int seconds_left(const struct nv_sd_seq *q, uint64_t now)
{
	if (q->deadline_ms == 0)
		return -1;
	return (int)(((q->deadline_ms > now ? q->deadline_ms - now : 0) + 999) / 1000);
}

static void publish_state(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	time_t deadline = 0;
	/* clients hear of a sequence from its first warning on, not before */
	enum nv_sd_state st = q->phase == NV_SDQ_WARNING && q->warnings > 0 ? NV_SD_WARNING_ON :
	    q->phase == NV_SDQ_SHUTDOWN ? NV_SD_SHUTDOWN_ON : NV_SD_IDLE;

	if (q->phase == NV_SDQ_WARNING && q->deadline_ms != 0)
		deadline = in->wall + seconds_left(q, in->now_ms);
	q->ops->publish(q->arg, st, deadline, st == NV_SD_IDLE ? "" : lead_name(q), flags(q));
}

static void send_warning(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	uint64_t interval = (uint64_t)in->cfg->ev[q->lead].warning_interval_s * 1000;
	int left = seconds_left(q, in->now_ms);
	size_t n = q->ops->send(q->arg, NV_SD_WARNING, left, lead_name(q), flags(q));

	if (left >= 0)
		say(q, NV_EV_WARNING, "%sShutdown warning sent to %zu clients (%s, "
		    "shutdown in %d s)", what(q), n, lead_name(q), left);
	else
		say(q, NV_EV_WARNING, "%sWarning sent to %zu clients (%s)",
		    what(q), n, lead_name(q));
	if (q->warnings++ == 0)
		q->ops->notify(q->arg, NV_AE_SHUTDOWN_WARNING);
	/* keep the cadence; after a stall, count from now */
	q->next_warning_ms += interval;
	if (q->next_warning_ms <= in->now_ms)
		q->next_warning_ms = in->now_ms + interval;
}

static void send_cancel(struct nv_sd_seq *q, const char *why)
{
	size_t n = q->ops->send(q->arg, NV_SD_CANCEL, 0, lead_name(q), flags(q));

	say(q, NV_EV_INFO, "%sShutdown cancelled (%s), cancel sent to %zu clients",
	    what(q), why, n);
	q->ops->notify(q->arg, NV_AE_SHUTDOWN_CANCELLED);
}

/* The restart delay of this shut-off (min): the config's, or for a
 * schedule the minutes from the output off to its restart time. */
static int restart_minutes(const struct nv_sd_seq *q, const struct nv_shutdown_cfg *c,
    time_t wall, int delay)
{
	long left;

	if (!is_schedule(q->lead))
		return c->ups_restart_delay_min;
	if (q->sched_restart == 0)
		return 0;
	left = (long)(q->sched_restart - (wall + delay));
	left = left > 0 ? (left + 59) / 60 : 1;
	return left > NV_SCHED_RESTART_MAX_MIN ? NV_SCHED_RESTART_MAX_MIN : (int)left;
}

/* The devices whose condition started the shutdown: the healthy feeds
 * of the clients keep their power. */
static void ups_shutoff(struct nv_sd_seq *q, const struct nv_sd_seq_input *in,
    unsigned devices)
{
	const struct nv_shutdown_cfg *c = in->cfg;
	char who[NV_SD_NAME_LEN] = "";
	int longest = q->ops->longest_client(q->arg, who, sizeof(who));
	int delay = c->ups_shutoff_delay_s;
	int device_max = q->ops->shutoff_max_delay(q->arg, devices);
	int restart;

	/* one client must not be able to stretch the delay past what the site
	 * declared, nor past what the device takes (it would refuse the whole
	 * command and the battery would run flat) */
	if (c->max_client_duration_s > 0 && longest > c->max_client_duration_s) {
		say(q, NV_EV_WARNING, "Client %s announces %d s to shut down, more than "
		    "max-client-duration %d s: counted as %d s", who, longest,
		    c->max_client_duration_s, c->max_client_duration_s);
		longest = c->max_client_duration_s;
	}
	if (longest > delay) {
		/* never cut a server that said it needs longer */
		say(q, NV_EV_WARNING, "Client %s needs %d s to shut down, more than "
		    "ups-shutoff-delay %d s: the UPS shut-off waits %d s", who, longest,
		    delay, longest);
		delay = longest;
	}
	if (device_max > 0 && delay > device_max) {
		say(q, NV_EV_WARNING, "Client %s asks for a UPS shut-off delay of %d s, "
		    "more than the device takes: the UPS shut-off waits its maximum, %d s",
		    who, delay, device_max);
		delay = device_max;
	}
	restart = restart_minutes(q, c, in->wall, delay);
	if (q->ops->ups_shutoff(q->arg, devices, delay, restart) == 0)
		say(q, NV_EV_WARNING, "UPS shut-off sent (output off in %d s, restart "
		    "%d min %s%s)", delay, restart, is_schedule(q->lead) ? "later" :
		    "after mains returns", restart == 0 ? ": none" : "");
	else
		say(q, NV_EV_CRITICAL, "UPS shut-off refused (see the log)");
}

static void send_shutdown(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	const struct nv_shutdown_cfg *c = in->cfg;
	unsigned devices = q->held[q->lead];
	size_t n = q->ops->send(q->arg, NV_SD_SHUTDOWN, 0, lead_name(q), flags(q));

	say(q, NV_EV_CRITICAL, "%sShutdown request sent to %zu clients (%s)",
	    what(q), n, lead_name(q));
	q->ops->notify(q->arg, NV_AE_SHUTDOWN_REQUEST);
	if (q->test)
		return;
	/* a schedule's shut-off is the UPS's: it also programs the restart */
	if (c->ups_shutoff || is_schedule(q->lead))
		ups_shutoff(q, in, devices);
	if (is_ac_failure(q->lead)) {
		q->wol_pending = true;
		q->wol_devices = devices;
	}
}

static void start_sequence(struct nv_sd_seq *q, const struct nv_shutdown_cfg *c,
    int lead, uint64_t deadline)
{
	const struct nv_sd_event_cfg *ec = &c->ev[lead];

	q->phase = NV_SDQ_WARNING;
	q->lead = lead;
	q->deadline_ms = deadline;
	q->warnings = 0;
	q->test = q->test_end_ms != 0;
	q->next_warning_ms = q->since_ms[lead] + (uint64_t)ec->first_warning_s * 1000;
	if (deadline != 0)
		say(q, NV_EV_WARNING, "%sShutdown sequence started by %s: shutdown "
		    "request in %d s", what(q), lead_name(q), ec->warning_period_s);
	else
		say(q, NV_EV_WARNING, "%sWarning sequence started by %s", what(q),
		    lead_name(q));
}

static void step_warning(struct nv_sd_seq *q, const struct nv_sd_seq_input *in,
    int lead, uint64_t deadline)
{
	if (lead == NV_SD_SEQ_NO_EVENT) {
		send_cancel(q, q->test ? "end of the test" : "the event ended");
		q->phase = NV_SDQ_IDLE;
		return;
	}
	if (lead != q->lead) {
		q->lead = lead;
		say(q, NV_EV_WARNING, "%sShutdown sequence now led by %s", what(q),
		    lead_name(q));
	}
	q->deadline_ms = deadline;
	if (deadline != 0 && in->now_ms >= deadline) {
		send_shutdown(q, in);
		q->phase = NV_SDQ_SHUTDOWN;
	} else if (in->now_ms >= q->next_warning_ms) {
		send_warning(q, in);
	}
}

/* Mains and output are back on device D. */
static bool power_back(const struct nv_sd_seq_input *in, size_t d)
{
	struct nv_sd_seq_device dv = device(in, d);

	return dv.comm_ok && nv_cond_get(dv.sys, NV_C_INPUT_PRESENT) &&
	    !nv_cond_get(dv.sys, NV_C_ON_BATTERY) && !nv_cond_get(dv.sys, NV_C_LOAD_OFF);
}

/* Power back on every device of a shutdown for an AC failure: wake the
 * servers. */
static void maybe_wake(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	if (!q->wol_pending)
		return;
	for (size_t d = 0; d < ndevices(in); d++)
		if ((q->wol_devices & 1u << d) && !power_back(in, d))
			return;
	q->wol_pending = false;
	if (q->ops->wake(q->arg) >= 0)
		say(q, NV_EV_INFO, "Mains and UPS output are back: Wake-on-LAN sent");
	else
		say(q, NV_EV_WARNING, "Mains and UPS output are back: Wake-on-LAN failed");
}

void nv_sd_seq_run(struct nv_sd_seq *q, const struct nv_sd_seq_input *in)
{
	uint64_t deadline;
	int lead;

	if (q->test_end_ms != 0 && in->now_ms >= q->test_end_ms) {
		q->test_end_ms = 0;
		if (q->phase == NV_SDQ_SHUTDOWN && q->test) {
			send_cancel(q, "end of the test");
			q->phase = NV_SDQ_IDLE;
		}
	}
	update_events(q, in);
	lead = lead_event(q, in->cfg, &deadline);
	switch (q->phase) {
	case NV_SDQ_IDLE:
		if (lead != NV_SD_SEQ_NO_EVENT) {
			start_sequence(q, in->cfg, lead, deadline);
			step_warning(q, in, lead, deadline);
		}
		break;
	case NV_SDQ_WARNING:
		step_warning(q, in, lead, deadline);
		break;
	case NV_SDQ_SHUTDOWN:
		if (lead == NV_SD_SEQ_NO_EVENT) {
			say(q, NV_EV_INFO, "Shutdown events ended; ready for a new sequence");
			q->phase = NV_SDQ_IDLE;
		}
		break;
	}
	publish_state(q, in);
	maybe_wake(q, in);
}

uint64_t nv_sd_seq_next_due(const struct nv_sd_seq *q)
{
	uint64_t due = UINT64_MAX;

	if (q->phase == NV_SDQ_WARNING) {
		due = q->next_warning_ms;
		if (q->deadline_ms != 0 && q->deadline_ms < due)
			due = q->deadline_ms;
	}
	if (q->test_end_ms != 0 && q->test_end_ms < due)
		due = q->test_end_ms;
	return due;
}

bool nv_sd_seq_busy(const struct nv_sd_seq *q)
{
	return q->phase != NV_SDQ_IDLE || q->test_end_ms != 0;
}

void nv_sd_seq_test_start(struct nv_sd_seq *q, uint64_t now_ms, int cancel_after_s)
{
	q->test_end_ms = now_ms + (uint64_t)cancel_after_s * 1000;
}

void nv_sd_seq_schedule_device(struct nv_sd_seq *q, enum nv_sd_event e, size_t dev,
    uint64_t now_ms, time_t restart)
{
	if (!is_schedule(e) || dev >= NV_SD_DEVICES_MAX)
		return;
	q->sched_started[e] |= 1u << dev;
	q->sched_from_ms[e][dev] = now_ms;
	q->sched_restart = restart;
}

void nv_sd_seq_schedule(struct nv_sd_seq *q, enum nv_sd_event e, uint64_t now_ms,
    time_t restart)
{
	nv_sd_seq_schedule_device(q, e, 0, now_ms, restart);
}
