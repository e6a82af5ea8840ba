/*
 * ups_countdown.c — RFC 1628 upsControl over the UPS's delayed off /
 * restart order (see ups_countdown.h).  The UPS keeps one order: off
 * after a delay in seconds, then back on after a delay in whole minutes
 * (once mains is present), or off for good.  The RFC's shutdown and
 * startup countdowns are that order's two halves; a startup asked while
 * no order runs is kept by the agent until a shutdown uses it (NUT's
 * shutdown.return sets the startup first).
 */
#include <string.h>

#include "ups_countdown.h"

#define REBOOT_MAX_S 300        /* upsRebootWithDuration's SYNTAX */

void nv_cd_init(struct nv_countdown *c)
{
	memset(c, 0, sizeof(*c));
	c->auto_restart = true;
}

void nv_cd_set_init(struct nv_cd_set *s)
{
	s->type = s->shutdown = s->startup = s->reboot = s->auto_restart = NV_CD_UNSET;
}

void nv_cd_taken(struct nv_countdown *c, double now, int delay_s, int restart_min,
    bool reboot)
{
	c->order = true;
	c->taken_at = now;
	c->delay_s = delay_s;
	c->restart_min = restart_min;
	c->reboot = reboot && restart_min > 0;
	c->startup = false;
}

void nv_cd_cancelled(struct nv_countdown *c)
{
	c->order = false;
	c->reboot = false;
}

/* s rounded up (libm is not linked for this) */
static int64_t round_up(double s)
{
	int64_t i = (int64_t)s;

	return (double)i < s ? i + 1 : i;
}

static int32_t whole(double s)
{
	return s < 0 ? -1 : (int32_t)round_up(s);
}

int32_t nv_cd_off_in(const struct nv_countdown *c, double now)
{
	return c->order ? whole(c->taken_at + c->delay_s - now) : -1;
}

/* When the order's restart falls (monotonic s), or -1. */
static double restart_at(const struct nv_countdown *c)
{
	if (!c->order || c->restart_min <= 0)
		return -1;
	return c->taken_at + c->delay_s + 60.0 * c->restart_min;
}

int32_t nv_cd_start_in(const struct nv_countdown *c, double now)
{
	if (restart_at(c) >= 0)
		return whole(restart_at(c) - now);
	return c->startup ? whole(c->startup_at - now) : -1;
}

int32_t nv_cd_reboot_in(const struct nv_countdown *c, double now)
{
	return c->reboot ? whole(restart_at(c) - now) : -1;
}

/* Minutes from off_at to start_at, at least the UPS's one minute. */
static int64_t restart_minutes(double off_at, double start_at)
{
	int64_t m = round_up((start_at - off_at) / 60.0);

	return m < 1 ? 1 : m;
}

static enum nv_cd_err order(struct nv_cd_plan *p, const struct nv_cd_limits *lim,
    int64_t delay, int64_t restart, const char **why)
{
	if (delay > lim->max_delay_s) {
		*why = "longer than the UPS's longest shut-off delay";
		return NV_CD_WRONG_VALUE;
	}
	if (restart > lim->max_restart_min) {
		*why = "longer than the UPS's longest restart delay";
		return NV_CD_WRONG_VALUE;
	}
	p->what = NV_CD_ORDER;
	/* the UPS counts at least its shortest delay: 0 means "as soon as it can" */
	p->delay_s = delay < lim->min_delay_s ? lim->min_delay_s : (int)delay;
	p->restart_min = (int)restart;
	return NV_CD_OK;
}

static enum nv_cd_err plan_reboot(const struct nv_countdown *c, double now,
    const struct nv_cd_limits *lim, int64_t v, struct nv_cd_plan *p, const char **why)
{
	if (v == -1) {
		p->what = c->reboot && nv_cd_start_in(c, now) >= 0 ? NV_CD_CANCEL : NV_CD_NOTHING;
		return NV_CD_OK;
	}
	p->reboot = true;
	p->startup = -1;
	return order(p, lim, 0, restart_minutes(0, (double)v), why);
}

static enum nv_cd_err plan_shutdown(const struct nv_countdown *c, double now,
    const struct nv_cd_limits *lim, const struct nv_cd_device *dev,
    const struct nv_cd_set *s, bool auto_restart, struct nv_cd_plan *p, const char **why)
{
	int64_t v = s->shutdown, delay, restart = 0;
	double start_at = -1;

	if (v == -1) {
		/* aborts the off still ahead; after the off there is none */
		p->what = nv_cd_off_in(c, now) >= 0 ? NV_CD_CANCEL : NV_CD_NOTHING;
		return NV_CD_OK;
	}
	delay = v < lim->min_delay_s ? lim->min_delay_s : v;
	if (s->startup >= 0)
		start_at = now + (double)s->startup;
	else if (s->startup == NV_CD_UNSET && c->startup)
		start_at = c->startup_at;
	else if (s->startup == NV_CD_UNSET && !c->reboot && restart_at(c) >= 0)
		start_at = restart_at(c);
	if (start_at > now + (double)delay)
		restart = restart_minutes(now + (double)delay, start_at);
	else if (auto_restart && dev->on_battery)
		restart = 1;    /* back once mains has returned (the UPS's shortest) */
	p->startup = -1;
	return order(p, lim, v, restart, why);
}

static enum nv_cd_err plan_startup(const struct nv_countdown *c, double now,
    const struct nv_cd_limits *lim, const struct nv_cd_device *dev, int64_t v,
    struct nv_cd_plan *p, const char **why)
{
	int32_t off_in = nv_cd_off_in(c, now);

	if (v == -1) {
		p->startup = -1;
		if (off_in >= 0 && c->restart_min > 0)
			return order(p, lim, off_in, 0, why);
		p->what = nv_cd_start_in(c, now) >= 0 && c->order ? NV_CD_CANCEL : NV_CD_NOTHING;
		return NV_CD_OK;
	}
	if (off_in >= 0) {
		p->startup = -1;
		p->reboot = false;
		return order(p, lim, off_in, restart_minutes((double)off_in, (double)v), why);
	}
	if (dev->output_off || nv_cd_start_in(c, now) >= 0) {
		*why = "the output is off: the UPS takes its restart only with a shut-off "
		    "order (upsShutdownAfterDelay or upsRebootWithDuration)";
		return NV_CD_INCONSISTENT;
	}
	if ((double)v / 60.0 > lim->max_restart_min) {
		*why = "longer than the UPS's longest restart delay";
		return NV_CD_WRONG_VALUE;
	}
	/* the output is on: nothing to start now; a shut-off before it runs
	 * out orders the restart at that time */
	p->startup = 1;
	p->startup_at = now + (double)v;
	return NV_CD_OK;
}

enum nv_cd_err nv_cd_plan(const struct nv_countdown *c, double now,
    const struct nv_cd_limits *lim, const struct nv_cd_device *dev,
    const struct nv_cd_set *s, struct nv_cd_plan *p, const char **why)
{
	bool ar = c->auto_restart;

	memset(p, 0, sizeof(*p));
	p->auto_restart = -1;
	*why = NULL;
	if (s->type != NV_CD_UNSET && s->type != 1) {
		*why = s->type == 2 ? "the UPS turns off its output only, never the whole system" :
		    "no such shutdown type";
		return NV_CD_WRONG_VALUE;
	}
	if (s->auto_restart != NV_CD_UNSET) {
		if (s->auto_restart != 1 && s->auto_restart != 2) {
			*why = "upsAutoRestart is on(1) or off(2)";
			return NV_CD_WRONG_VALUE;
		}
		ar = s->auto_restart == 1;
		p->auto_restart = ar;
	}
	if (s->shutdown < -1 && s->shutdown != NV_CD_UNSET) {
		*why = "below -1";
		return NV_CD_WRONG_VALUE;
	}
	if (s->startup < -1 && s->startup != NV_CD_UNSET) {
		*why = "below -1";
		return NV_CD_WRONG_VALUE;
	}
	if (s->reboot != NV_CD_UNSET && (s->reboot < -1 || s->reboot > REBOOT_MAX_S)) {
		*why = "upsRebootWithDuration is -1..300";
		return NV_CD_WRONG_VALUE;
	}
	if (s->reboot != NV_CD_UNSET && (s->shutdown != NV_CD_UNSET || s->startup != NV_CD_UNSET)) {
		*why = "a reboot is its own shut-off and restart";
		return NV_CD_INCONSISTENT;
	}
	if (s->reboot != NV_CD_UNSET)
		return plan_reboot(c, now, lim, s->reboot, p, why);
	if (s->shutdown != NV_CD_UNSET)
		return plan_shutdown(c, now, lim, dev, s, ar, p, why);
	if (s->startup != NV_CD_UNSET)
		return plan_startup(c, now, lim, dev, s->startup, p, why);
	return NV_CD_OK;
}

void nv_cd_apply(struct nv_countdown *c, const struct nv_cd_plan *p)
{
	if (p->auto_restart >= 0)
		c->auto_restart = p->auto_restart == 1;
	if (p->startup > 0) {
		c->startup = true;
		c->startup_at = p->startup_at;
	} else if (p->startup < 0) {
		c->startup = false;
	}
}
