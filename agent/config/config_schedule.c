/*
 * config_schedule.c — parse and check the schedule section of
 * nvagent.conf (see config_schedule.h).  Times carry optional seconds so
 * that a test can make an entry fall due a few seconds ahead.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <confuse.h>

#include "config_schedule.h"
#include "confuse_file.h"

#define WEEK_S  (7 * 86400)

static cfg_opt_t weekly_opts[] = {
	CFG_STR("off", NULL, CFGF_NODEFAULT),
	CFG_STR("restart", NULL, CFGF_NODEFAULT),
	CFG_END()
};

static cfg_opt_t eco_opts[] = {
	CFG_STR("on", NULL, CFGF_NODEFAULT),
	CFG_STR("off", NULL, CFGF_NODEFAULT),
	CFG_END()
};

static cfg_opt_t battery_opts[] = {
	CFG_STR("start", NULL, CFGF_NODEFAULT),
	CFG_INT("every", 0, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t schedule_opts[] = {
	CFG_SEC("weekly", weekly_opts, CFGF_MULTI),
	CFG_SEC("special-day", weekly_opts, CFGF_MULTI),
	CFG_SEC("eco-mode", eco_opts, CFGF_MULTI),
	CFG_SEC("battery-test", battery_opts, CFGF_MULTI),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_SEC("schedule", schedule_opts, CFGF_NODEFAULT),
	CFG_END()
};

static const char *const wdays[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

cfg_opt_t *nv_config_schedule_opts(void)
{
	return top_opts;
}

bool nv_config_schedule_section(const char *name)
{
	return strcmp(name, "schedule") == 0;
}

/* ---- values ------------------------------------------------------------ */

int nv_sched_parse_clock(const char *s)
{
	int h, m, sec = 0, n = 0;

	if (!isdigit((unsigned char)s[0]) || sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 ||
	    n != 5)
		return -1;
	if (s[n] == ':') {
		int k = 0;

		if (!isdigit((unsigned char)s[n + 1]) || !isdigit((unsigned char)s[n + 2]) ||
		    sscanf(s + n + 1, "%2d%n", &sec, &k) != 1 || k != 2)
			return -1;
		n += 3;
	}
	if (s[n] != '\0' || h < 0 || h > 23 || m < 0 || m > 59 || sec < 0 || sec > 59)
		return -1;
	return h * 3600 + m * 60 + sec;
}

/* The day word and where the clock starts; -1 when there is no blank. */
static int split_day(const char *s, char *day, size_t len)
{
	const char *sp = strchr(s, ' ');

	if (sp == NULL || (size_t)(sp - s) >= len || sp[1] == ' ')
		return -1;
	memcpy(day, s, (size_t)(sp - s));
	day[sp - s] = '\0';
	return (int)(sp - s) + 1;
}

int nv_sched_parse_weektime(const char *s, struct nv_sched_weektime *w)
{
	char day[8];
	int at = split_day(s, day, sizeof(day));

	if (at < 0)
		return -1;
	w->wday = -1;
	for (int i = 0; i < 7; i++)
		if (strcasecmp(day, wdays[i]) == 0)
			w->wday = i;
	if (w->wday < 0 || (w->sec = nv_sched_parse_clock(s + at)) < 0)
		return -1;
	return 0;
}

bool nv_sched_valid_date(int year, int month, int mday)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

	if (year < 2000 || year > 2099 || month < 1 || month > 12 || mday < 1)
		return false;
	return mday <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

int nv_sched_parse_datetime(const char *s, struct nv_sched_datetime *d)
{
	char day[16];
	int at = split_day(s, day, sizeof(day)), k = 0;

	if (at < 0 || sscanf(day, "%4d-%2d-%2d%n", &d->year, &d->month, &d->mday, &k) != 3 ||
	    k != 10 || day[k] != '\0' || !nv_sched_valid_date(d->year, d->month, d->mday))
		return -1;
	return (d->sec = nv_sched_parse_clock(s + at)) < 0 ? -1 : 0;
}

static void format_clock(int sec, char *buf, size_t len)
{
	if (sec % 60 != 0)
		snprintf(buf, len, "%02d:%02d:%02d", sec / 3600, sec / 60 % 60, sec % 60);
	else
		snprintf(buf, len, "%02d:%02d", sec / 3600, sec / 60 % 60);
}

void nv_sched_format_weektime(const struct nv_sched_weektime *w, char *buf, size_t len)
{
	char clock[16];

	format_clock(w->sec, clock, sizeof(clock));
	snprintf(buf, len, "%s %s", w->wday >= 0 && w->wday < 7 ? wdays[w->wday] : "?", clock);
}

void nv_sched_format_datetime(const struct nv_sched_datetime *d, char *buf, size_t len)
{
	char clock[16];

	format_clock(d->sec, clock, sizeof(clock));
	snprintf(buf, len, "%04d-%02d-%02d %s", d->year, d->month, d->mday, clock);
}

/* ---- the rules ----------------------------------------------------------- */

static int whyf(char *why, size_t len, int *line, int at, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int whyf(char *why, size_t len, int *line, int at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, len, fmt, ap);
	va_end(ap);
	*line = at;
	return -1;
}

static long week_pos(const struct nv_sched_weektime *w)
{
	return (long)w->wday * 86400 + w->sec;
}

/* Seconds from A forward to B around the week (0 when equal). */
static long week_span(const struct nv_sched_weektime *a, const struct nv_sched_weektime *b)
{
	return ((week_pos(b) - week_pos(a)) % WEEK_S + WEEK_S) % WEEK_S;
}

/* Do [a, a + alen) and [b, b + blen) meet on the circle of the week? */
static bool week_overlap(long a, long alen, long b, long blen)
{
	long d_ab = ((b - a) % WEEK_S + WEEK_S) % WEEK_S;
	long d_ba = ((a - b) % WEEK_S + WEEK_S) % WEEK_S;

	return d_ab < (alen > 0 ? alen : 1) || d_ba < (blen > 0 ? blen : 1);
}

long nv_sched_day_number(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* A date-time as nominal seconds (no time zone: for ordering and spans). */
static long long nominal(const struct nv_sched_datetime *d)
{
	return (long long)nv_sched_day_number(d->year, d->month, d->mday) * 86400 + d->sec;
}

static int check_weekly(const struct nv_schedule_cfg *c, char *why, size_t len, int *line)
{
	for (size_t i = 0; i < c->n_weekly; i++) {
		const struct nv_sched_weekly *a = &c->weekly[i];
		long alen = a->restart.wday < 0 ? 0 : week_span(&a->off, &a->restart);

		if (a->restart.wday >= 0 && alen == 0)
			return whyf(why, len, line, a->line, "weekly: restart at the shut-off time");
		if (alen > NV_SCHED_RESTART_MAX_MIN * 60L)
			return whyf(why, len, line, a->line, "weekly: restart %ld min after the "
			    "shut-off, more than the UPS can count (%d min)", alen / 60,
			    NV_SCHED_RESTART_MAX_MIN);
		for (size_t j = 0; j < i; j++) {
			const struct nv_sched_weekly *b = &c->weekly[j];
			long blen = b->restart.wday < 0 ? 0 : week_span(&b->off, &b->restart);

			if (week_overlap(week_pos(&a->off), alen, week_pos(&b->off), blen))
				return whyf(why, len, line, a->line, "weekly: overlaps the entry "
				    "%zu (shut-off to restart)", j + 1);
		}
	}
	return 0;
}

static int check_special(const struct nv_schedule_cfg *c, char *why, size_t len, int *line)
{
	for (size_t i = 0; i < c->n_special; i++) {
		const struct nv_sched_special *a = &c->special[i];
		long long a0 = nominal(&a->off), a1 = a->restart.year ? nominal(&a->restart) : a0;

		if (a->restart.year != 0 && a1 <= a0)
			return whyf(why, len, line, a->line, "special-day: restart is not after "
			    "the shut-off");
		if (a1 - a0 > NV_SCHED_RESTART_MAX_MIN * 60LL)
			return whyf(why, len, line, a->line, "special-day: restart %lld min after "
			    "the shut-off, more than the UPS can count (%d min)", (a1 - a0) / 60,
			    NV_SCHED_RESTART_MAX_MIN);
		for (size_t j = 0; j < i; j++) {
			const struct nv_sched_special *b = &c->special[j];
			long long b0 = nominal(&b->off), b1 = b->restart.year ? nominal(&b->restart) : b0;

			if (a0 <= b1 && b0 <= a1)
				return whyf(why, len, line, a->line, "special-day: overlaps the "
				    "entry %zu (shut-off to restart)", j + 1);
		}
	}
	return 0;
}

static int check_eco(const struct nv_schedule_cfg *c, char *why, size_t len, int *line)
{
	for (size_t i = 0; i < c->n_eco; i++) {
		const struct nv_sched_eco *a = &c->eco[i];
		long alen = week_span(&a->on, &a->off);

		if (alen == 0)
			return whyf(why, len, line, a->line, "eco-mode: on and off at the same time");
		for (size_t j = 0; j < i; j++) {
			const struct nv_sched_eco *b = &c->eco[j];

			if (week_overlap(week_pos(&a->on), alen, week_pos(&b->on),
			    week_span(&b->on, &b->off)))
				return whyf(why, len, line, a->line, "eco-mode: overlaps the entry "
				    "%zu (on to off)", j + 1);
		}
	}
	return 0;
}

int nv_schedule_check(const struct nv_schedule_cfg *c, char *why, size_t whylen, int *line)
{
	*line = 0;
	if (check_weekly(c, why, whylen, line) || check_special(c, why, whylen, line) ||
	    check_eco(c, why, whylen, line))
		return -1;
	for (size_t i = 0; i < c->n_battery; i++)
		if (c->battery[i].every_weeks < 0 || c->battery[i].every_weeks > 52)
			return whyf(why, whylen, line, c->battery[i].line, "battery-test: every "
			    "%d is not a number of weeks 0..52 (0 = once)",
			    c->battery[i].every_weeks);
	return 0;
}

/* ---- the section --------------------------------------------------------- */

#define WEEK_SYNTAX "\"DAY HH:MM[:SS]\" (DAY = mon..sun)"
#define DATE_SYNTAX "\"YYYY-MM-DD HH:MM[:SS]\" (a real date)"

/* KEY of section S as a time of the week; absent: wday -1 (or an error
 * when required). */
static int get_weektime(cfg_t *s, const char *sec, const char *key, bool required,
    struct nv_sched_weektime *t, const struct nv_conf_where *w)
{
	const char *v;

	t->wday = -1;
	t->sec = 0;
	if (cfg_size(s, key) == 0)
		return required ? nv_conf_fail(w, "%s: needs %s = %s", sec, key, WEEK_SYNTAX) : 0;
	v = cfg_getstr(s, key);
	if (nv_sched_parse_weektime(v, t) != 0)
		return nv_conf_fail(w, "%s: %s '%s' is not %s", sec, key, v, WEEK_SYNTAX);
	return 0;
}

static int get_datetime(cfg_t *s, const char *sec, const char *key, bool required,
    struct nv_sched_datetime *d, const struct nv_conf_where *w)
{
	const char *v;

	memset(d, 0, sizeof(*d));
	if (cfg_size(s, key) == 0)
		return required ? nv_conf_fail(w, "%s: needs %s = %s", sec, key, DATE_SYNTAX) : 0;
	v = cfg_getstr(s, key);
	if (nv_sched_parse_datetime(v, d) != 0)
		return nv_conf_fail(w, "%s: %s '%s' is not %s", sec, key, v, DATE_SYNTAX);
	return 0;
}

static int too_many(const struct nv_conf_where *w, const char *sec, unsigned n, int max)
{
	if ((int)n <= max)
		return 0;
	return nv_conf_fail(w, "%s: at most %d entries (the MIB table's rows)", sec, max);
}

static int store_entries(cfg_t *s, struct nv_schedule_cfg *c, struct nv_conf_where *w)
{
	unsigned n;

	if (too_many(w, "weekly", cfg_size(s, "weekly"), NV_SCHED_WEEKLY_MAX) ||
	    too_many(w, "special-day", cfg_size(s, "special-day"), NV_SCHED_SPECIAL_MAX) ||
	    too_many(w, "eco-mode", cfg_size(s, "eco-mode"), NV_SCHED_ECO_MAX) ||
	    too_many(w, "battery-test", cfg_size(s, "battery-test"), NV_SCHED_BATTERY_MAX))
		return -1;
	n = cfg_size(s, "weekly");
	for (c->n_weekly = 0; c->n_weekly < n; c->n_weekly++) {
		cfg_t *e = cfg_getnsec(s, "weekly", (unsigned)c->n_weekly);
		struct nv_sched_weekly *x = &c->weekly[c->n_weekly];

		w->line = x->line = e->line;
		if (get_weektime(e, "weekly", "off", true, &x->off, w) ||
		    get_weektime(e, "weekly", "restart", false, &x->restart, w))
			return -1;
	}
	n = cfg_size(s, "special-day");
	for (c->n_special = 0; c->n_special < n; c->n_special++) {
		cfg_t *e = cfg_getnsec(s, "special-day", (unsigned)c->n_special);
		struct nv_sched_special *x = &c->special[c->n_special];

		w->line = x->line = e->line;
		if (get_datetime(e, "special-day", "off", true, &x->off, w) ||
		    get_datetime(e, "special-day", "restart", false, &x->restart, w))
			return -1;
	}
	n = cfg_size(s, "eco-mode");
	for (c->n_eco = 0; c->n_eco < n; c->n_eco++) {
		cfg_t *e = cfg_getnsec(s, "eco-mode", (unsigned)c->n_eco);
		struct nv_sched_eco *x = &c->eco[c->n_eco];

		w->line = x->line = e->line;
		if (get_weektime(e, "eco-mode", "on", true, &x->on, w) ||
		    get_weektime(e, "eco-mode", "off", true, &x->off, w))
			return -1;
	}
	n = cfg_size(s, "battery-test");
	for (c->n_battery = 0; c->n_battery < n; c->n_battery++) {
		cfg_t *e = cfg_getnsec(s, "battery-test", (unsigned)c->n_battery);
		struct nv_sched_battery *x = &c->battery[c->n_battery];

		w->line = x->line = e->line;
		if (get_datetime(e, "battery-test", "start", true, &x->start, w))
			return -1;
		x->every_weeks = (int)cfg_getint(e, "every");
	}
	return 0;
}

int nv_config_schedule_store(cfg_t *cfg, const char *path, struct nv_schedule_cfg *c,
    char *err, size_t errlen)
{
	struct nv_conf_where w = { path, 0, "schedule", err, errlen };
	char why[256];
	cfg_t *s;

	memset(c, 0, sizeof(*c));
	if (cfg_size(cfg, "schedule") == 0)
		return 0;
	s = cfg_getsec(cfg, "schedule");
	w.line = s->line;
	if (store_entries(s, c, &w) != 0)
		return -1;
	if (nv_schedule_check(c, why, sizeof(why), &w.line) != 0)
		return nv_conf_fail(&w, "%s", why);
	return 0;
}

int nv_config_schedule_load(const char *path, struct nv_schedule_cfg *c,
    char *err, size_t errlen)
{
	cfg_t *cfg = nv_confuse_parse(top_opts, path, err, errlen);
	int rc;

	if (cfg == NULL)
		return -1;
	rc = nv_config_schedule_store(cfg, path, c, err, errlen);
	cfg_free(cfg);
	return rc;
}
