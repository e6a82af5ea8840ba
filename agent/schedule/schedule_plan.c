/*
 * schedule_plan.c — the due scheduled actions and the next one, pure (see
 * schedule_plan.h for the clock rules).  Occurrences are found by walking
 * local calendar days (day numbers, no time zone) and resolving each
 * entry's local time on that day into one instant.
 */
#include <stdlib.h>
#include <string.h>

#include "schedule_plan.h"

#define COLLECT_MAX     128
#define NEXT_SPAN_S     (400L * 86400)  /* a battery test may be 52 weeks away */
#define WALK_DAYS       10              /* a week, a day of lead, a margin */

struct collect {
	size_t n;
	struct nv_sched_action a[COLLECT_MAX];
};

const char *nv_sched_what_name(enum nv_sched_what w)
{
	switch (w) {
	case NV_SCHA_OFF:               return "shut-off";
	case NV_SCHA_RESTART:           return "restart";
	case NV_SCHA_ECO_ON:            return "eco-mode on";
	case NV_SCHA_ECO_OFF:           return "eco-mode off";
	case NV_SCHA_BATTERY_TEST:      return "battery test";
	}
	return "?";
}

/* ---- local time ------------------------------------------------------------ */

static void civil_of(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static long local_day(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return nv_sched_day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Local (day number, seconds after midnight) of T, as one ordered number. */
static long long local_stamp(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return (long long)nv_sched_day_number(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) *
	    86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
}

static time_t make(int y, int m, int d, int sec, int isdst)
{
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d,
	    .tm_hour = sec / 3600, .tm_min = sec / 60 % 60, .tm_sec = sec % 60,
	    .tm_isdst = isdst };

	return mktime(&tm);
}

time_t nv_sched_local(int y, int m, int d, int sec)
{
	long long want = (long long)nv_sched_day_number(y, m, d) * 86400 + sec;
	time_t best = (time_t)-1, lo, hi;

	/* the time as standard and as summer time: keep those that are it */
	for (int dst = 0; dst <= 1; dst++) {
		time_t t = make(y, m, d, sec, dst);

		if (t != (time_t)-1 && local_stamp(t) == want && (best == (time_t)-1 || t < best))
			best = t;
	}
	if (best != (time_t)-1)
		return best;
	/* in a gap: the first instant whose local time is past it; the two
	 * readings above straddle the change, local time rises between them */
	lo = make(y, m, d, sec, 1);
	hi = make(y, m, d, sec, 0);
	if (lo == (time_t)-1 || hi == (time_t)-1)
		return (time_t)-1;
	if (lo > hi) {
		time_t x = lo;

		lo = hi;
		hi = x;
	}
	while (lo < hi) {
		time_t mid = lo + (hi - lo) / 2;

		if (local_stamp(mid) >= want)
			hi = mid;
		else
			lo = mid + 1;
	}
	return local_stamp(lo) >= want ? lo : (time_t)-1;
}

/* ---- occurrences ----------------------------------------------------------- */

struct window {
	time_t a, b;            /* (a, b] */
	const struct nv_sched_plan_in *in;
	struct collect *col;
};

static void add(struct window *w, enum nv_sched_what what, enum nv_sched_kind kind,
    int entry, time_t at, time_t off, time_t restart)
{
	struct collect *c = w->col;

	if (at == (time_t)-1 || at <= w->a || at > w->b || c->n >= COLLECT_MAX)
		return;
	c->a[c->n++] = (struct nv_sched_action){ what, kind, entry, at, off, restart };
}

static time_t on_day(long day, int sec)
{
	int y, m, d;

	civil_of(day, &y, &m, &d);
	return nv_sched_local(y, m, d, sec);
}

static int wday_of(long day)
{
	return (int)(((day + 4) % 7 + 7) % 7);  /* 1970-01-01 was a Thursday */
}

/* The restart after an off on DAY: the first time of the week R after it. */
static time_t weekly_restart(long day, const struct nv_sched_weektime *off,
    const struct nv_sched_weektime *r)
{
	int ahead = ((r->wday - off->wday) % 7 + 7) % 7;

	if (r->wday < 0)
		return 0;
	if (ahead == 0 && r->sec <= off->sec)
		ahead = 7;
	return on_day(day + ahead, r->sec);
}

static void weekly_day(struct window *w, long day)
{
	const struct nv_schedule_cfg *c = w->in->cfg;
	int wd = wday_of(day);

	for (size_t i = 0; i < c->n_weekly; i++) {
		const struct nv_sched_weekly *e = &c->weekly[i];

		if (e->off.wday == wd) {
			time_t off = on_day(day, e->off.sec);

			if (off != (time_t)-1)
				add(w, NV_SCHA_OFF, NV_SCHK_WEEKLY, (int)i,
				    off - w->in->off_lead_s[NV_SCHK_WEEKLY], off,
				    weekly_restart(day, &e->off, &e->restart));
		}
		if (e->restart.wday == wd)
			add(w, NV_SCHA_RESTART, NV_SCHK_WEEKLY, (int)i, on_day(day, e->restart.sec),
			    0, 0);
	}
	for (size_t i = 0; i < c->n_eco; i++) {
		if (c->eco[i].on.wday == wd)
			add(w, NV_SCHA_ECO_ON, NV_SCHK_ECO, (int)i, on_day(day, c->eco[i].on.sec), 0, 0);
		if (c->eco[i].off.wday == wd)
			add(w, NV_SCHA_ECO_OFF, NV_SCHK_ECO, (int)i, on_day(day, c->eco[i].off.sec),
			    0, 0);
	}
}

static time_t at_date(const struct nv_sched_datetime *d)
{
	return d->year == 0 ? 0 : nv_sched_local(d->year, d->month, d->mday, d->sec);
}

static void special(struct window *w)
{
	const struct nv_schedule_cfg *c = w->in->cfg;

	for (size_t i = 0; i < c->n_special; i++) {
		time_t off = at_date(&c->special[i].off);
		time_t restart = at_date(&c->special[i].restart);

		if (off != (time_t)-1)
			add(w, NV_SCHA_OFF, NV_SCHK_SPECIAL, (int)i,
			    off - w->in->off_lead_s[NV_SCHK_SPECIAL], off,
			    restart == (time_t)-1 ? 0 : restart);
		if (restart != 0)
			add(w, NV_SCHA_RESTART, NV_SCHK_SPECIAL, (int)i, restart, 0, 0);
	}
}

static void battery(struct window *w, long d0, long d1)
{
	const struct nv_schedule_cfg *c = w->in->cfg;

	for (size_t i = 0; i < c->n_battery; i++) {
		const struct nv_sched_battery *e = &c->battery[i];
		long first = nv_sched_day_number(e->start.year, e->start.month, e->start.mday);
		long step = 7L * e->every_weeks, kmin = 0, kmax = 0;

		if (step > 0) {
			kmin = d0 > first ? (d0 - first) / step : 0;
			kmax = d1 > first ? (d1 - first) / step + 1 : 0;
		}
		if (kmax - kmin > 64)
			kmin = kmax - 64;
		for (long k = kmin; k <= kmax; k++)
			add(w, NV_SCHA_BATTERY_TEST, NV_SCHK_BATTERY, (int)i,
			    on_day(first + k * step, e->start.sec), 0, 0);
	}
}

/* Every action in (a, b]; the weekly walk covers WALK_DAYS from the
 * start (looking ahead) or up to the end (looking back). */
static void collect(const struct nv_sched_plan_in *in, time_t a, time_t b, bool ahead,
    struct collect *col)
{
	struct window w = { a, b, in, col };
	long d0 = local_day(a) - 1, d1 = local_day(b) + 2;
	long wd0 = d0, wd1 = d1;

	col->n = 0;
	if (ahead && wd1 > wd0 + WALK_DAYS)
		wd1 = wd0 + WALK_DAYS;
	if (!ahead && wd0 < wd1 - WALK_DAYS)
		wd0 = wd1 - WALK_DAYS;
	for (long day = wd0; day <= wd1; day++)
		weekly_day(&w, day);
	special(&w);
	battery(&w, d0, d1);
}

static int by_time(const void *pa, const void *pb)
{
	const struct nv_sched_action *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return a->entry - b->entry;
}

void nv_sched_plan(const struct nv_sched_plan_in *in, struct nv_sched_plan_out *out)
{
	static const struct nv_schedule_cfg none;
	struct nv_sched_plan_in fixed = *in;
	struct collect col;

	memset(out, 0, sizeof(*out));
	if (fixed.cfg == NULL)
		fixed.cfg = &none;
	out->done_until = in->done_until;
	if (in->now < in->done_until) {
		if (in->done_until - in->now > NV_SCHED_REWIND_MAX_S) {
			out->rewound = true;
			out->done_until = in->now;
		} else {
			out->waiting = true;
		}
	} else {
		collect(&fixed, in->done_until, in->now, false, &col);
		qsort(col.a, col.n, sizeof(col.a[0]), by_time);
		for (size_t i = 0; i < col.n; i++) {
			bool late = in->now - col.a[i].at > NV_SCHED_CATCH_UP_S;

			if (!late && out->n_due < NV_SCHED_MAX_DUE)
				out->due[out->n_due++] = col.a[i];
			else if (late && out->n_missed < NV_SCHED_MAX_DUE)
				out->missed[out->n_missed++] = col.a[i];
		}
		out->done_until = in->now;
	}
	collect(&fixed, out->done_until, out->done_until + NEXT_SPAN_S, true, &col);
	qsort(col.a, col.n, sizeof(col.a[0]), by_time);
	if (col.n > 0) {
		out->has_next = true;
		out->next = col.a[0];
	}
}
