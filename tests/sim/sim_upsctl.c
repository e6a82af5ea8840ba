/*
 * sim_upsctl.c — what a JBUSP device does with the delayed off / restart
 * block 0x1580 (five words written with 0x10, one byte each: off delay
 * high / low in seconds, restart delay high / low in minutes, schedule
 * type).  Type 4 turns the output off after the delay and back on once
 * mains has been present for the restart delay; type 1 turns it off and
 * leaves it off; type 0 cancels a pending order.  While status bit S06
 * ("remote controls disabled", `set S6 1`) is set the order is ignored,
 * as the manuals say a UPS does with a control it does not allow.
 * Delays run in simulated time (--time-scale).  What the device made of
 * a write is appended to its entry in the write log, e.g. "[cancel]".
 */
#include <config.h>

#include <string.h>
#include <time.h>

#include "sim.h"

#define SHUTOFF_ADDR    0x1580
#define SHUTOFF_WORDS   5
#define REMOTE_OFF_WORD 0x1020
#define REMOTE_OFF_BIT  6

const char *
sim_ctl_written(struct sim_ctx *c, struct sim_unit *u, unsigned addr, unsigned qty)
{
	struct sim_phys *s = &c->phys;
	const uint16_t *w = &u->val[SHUTOFF_ADDR];
	int delay, restart;

	if (c->prof->proto != SIM_JBUSP || addr > SHUTOFF_ADDR ||
	    addr + qty < SHUTOFF_ADDR + SHUTOFF_WORDS)
		return NULL;
	if (u->val[REMOTE_OFF_WORD] >> REMOTE_OFF_BIT & 1u)
		return "[ignored:remote-disabled]";
	delay = (w[0] & 0xFF) << 8 | (w[1] & 0xFF);
	restart = (w[2] & 0xFF) << 8 | (w[3] & 0xFF);
	switch (w[4]) {
	case 0:
		s->off_pending = false;
		s->restart_min = 0;
		return "[cancel]";
	case 1:
	case 4:
		s->off_pending = true;
		s->off_in_s = delay;
		s->restart_min = w[4] == 4 ? restart : 0;
		s->mains_back_s = 0;
		return w[4] == 4 ? "[off-then-restart]" : "[off-stay-off]";
	}
	return "[ignored:unknown-type]";
}

void
sim_ctl_step(struct sim_ctx *c, double dt)
{
	struct sim_phys *s = &c->phys;

	if (s->off_pending) {
		s->off_in_s -= dt;
		if (s->off_in_s <= 0) {
			s->off_pending = false;
			s->ctl_off = true;
			s->mains_back_s = 0;
		}
		return;
	}
	if (!s->ctl_off || s->restart_min == 0)
		return;
	s->mains_back_s = s->mains_ok ? s->mains_back_s + dt : 0;
	if (s->mains_back_s >= s->restart_min * 60.0) {
		s->ctl_off = false;
		s->restart_min = 0;
	}
}

/*
 * The UPS clock: four words of local time (minutes / seconds, day / hours,
 * month / day of week 1 Monday .. 7 Sunday, year - 2000), the host's plus
 * a skew.  VU-MAP takes all four in one function-0x10 write at 0x00CB;
 * JBUSP's 0x1360 is read only (not in its writable blocks).  Written
 * apart from the agent's device/ups_clock.c on purpose: the simulator is
 * the tests' oracle, so it must not share the agent's mistakes.
 */
#define VUMAP_CLOCK     0x00CB

void
sim_clock_words(const struct sim_ctx *c, uint16_t out[4])
{
	time_t now = time(NULL) + c->clock_skew_s;
	struct tm tm;

	localtime_r(&now, &tm);
	out[0] = (uint16_t)(tm.tm_min << 8 | tm.tm_sec);
	out[1] = (uint16_t)(tm.tm_mday << 8 | tm.tm_hour);
	out[2] = (uint16_t)((tm.tm_mon + 1) << 8 | (tm.tm_wday == 0 ? 7 : tm.tm_wday));
	out[3] = (uint16_t)(tm.tm_year + 1900 - 2000);
}

const char *
sim_clock_written(struct sim_ctx *c, struct sim_unit *u, unsigned addr, unsigned qty)
{
	const uint16_t *w = &u->val[VUMAP_CLOCK];
	struct tm tm;
	time_t t;

	if (c->prof->proto != SIM_VUMAP || addr > VUMAP_CLOCK ||
	    addr + qty < VUMAP_CLOCK + 4)
		return NULL;
	memset(&tm, 0, sizeof(tm));
	tm.tm_min = w[0] >> 8;
	tm.tm_sec = w[0] & 0xFF;
	tm.tm_mday = w[1] >> 8;
	tm.tm_hour = w[1] & 0xFF;
	tm.tm_mon = (w[2] >> 8) - 1;
	tm.tm_year = w[3] + 100;
	tm.tm_isdst = -1;
	if (tm.tm_min > 59 || tm.tm_sec > 59 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_mon < 0 || tm.tm_mon > 11 || w[3] > 99 ||
	    (w[2] & 0xFF) < 1 || (w[2] & 0xFF) > 7 || (t = mktime(&tm)) == (time_t)-1)
		return "[ignored:bad-clock]";
	c->clock_skew_s = (long)(t - time(NULL));
	sim_render(c);
	return "[clock-set]";
}

/*
 * One-word controls, as SOCOMEC's manuals describe them (see the device
 * profiles in agent/device/): JBUSP takes the control's number in 0x15B0
 * (permitted by bit n of 0x15C0-0x15C1, ignored while S06 says remote
 * controls are disabled); VU-MAP one bit in the second command word
 * (0x00CA, or 0x00C8 with --vumap-layout itys), permitted by the same bit
 * of the second permission word while P000 is set; the STS one bit in
 * 0x0190, permitted by the same bit of 0x0150 while S45 is set.  A
 * control the device does not allow is ignored, as the manuals say; with
 * `refuse-commands on` the device answers the write with an exception.
 * Command bits clear once taken.
 */
#define JBUSP_CMD       0x15B0
#define JBUSP_PERM      0x15C0
#define STS_CMD         0x0190
#define STS_PERM        0x0150
#define STS_REMOTE_WORD 0x0142
#define STS_REMOTE_BIT  13

static void
start_test(struct sim_ctx *c)
{
	c->phys.test_running = true;
	c->phys.test_left_s = c->test_s;
	c->phys.test_failed = false;
}

static const char *
jbusp_cmd(struct sim_ctx *c, struct sim_unit *u, uint16_t v)
{
	struct sim_phys *s = &c->phys;
	uint32_t perm = u->val[JBUSP_PERM] | (uint32_t)u->val[JBUSP_PERM + 1] << 16;

	if (u->val[REMOTE_OFF_WORD] >> REMOTE_OFF_BIT & 1u)
		return "[ignored:remote-disabled]";
	if (v > 31 || !(perm >> v & 1u))
		return "[ignored:not-permitted]";
	switch (v) {
	case 0x03: s->eco = true; return "[eco-mode]";
	case 0x04: s->eco = false; return "[normal-mode]";
	case 0x05: s->standby = true; return "[standby-on]";
	case 0x06: s->standby = false; return "[standby-off]";
	case 0x0A: s->on_bypass = true; return "[load-to-bypass]";
	case 0x0B: s->on_bypass = false; return "[load-to-inverter]";
	case 0x10: start_test(c); return "[battery-test]";
	}
	return "[ignored:unknown-control]";
}

static const char *
vumap_cmd(struct sim_ctx *c, struct sim_unit *u, unsigned word, uint16_t v)
{
	struct sim_phys *s = &c->phys;
	unsigned perm = c->vumap_swapped ? 0x00C9 : 0x00C7;

	if (word == 0 || !(u->val[perm] & 1u))
		return "[ignored:remote-disabled]";
	if (v == 0 || (v & (v - 1)) != 0 || (v & u->val[perm + 1]) == 0)
		return "[ignored:not-permitted]";
	switch (v) {
	case 1u << 0: s->eco = true; return "[eco-mode]";
	case 1u << 1: s->eco = false; return "[normal-mode]";
	case 1u << 12: start_test(c); return "[battery-test]";
	case 1u << 15: s->general_alarm = false; return "[alarm-reset]";
	}
	return "[ignored:unknown-control]";
}

static const char *
sts_cmd(struct sim_ctx *c, struct sim_unit *u, uint16_t v)
{
	struct sim_phys *s = &c->phys;

	if (!(u->val[STS_REMOTE_WORD] >> STS_REMOTE_BIT & 1u))
		return "[ignored:remote-disabled]";
	if (v == 0 || (v & (v - 1)) != 0 || (v & u->val[STS_PERM]) == 0)
		return "[ignored:not-permitted]";
	switch (v) {
	case 1u << 2: s->on_bypass = false; return "[transfer-s1]";
	case 1u << 3: s->on_bypass = true; return "[transfer-s2]";
	case 1u << 4: s->sts_prefer_s2 = false; return "[prefer-s1]";
	case 1u << 5: s->sts_prefer_s2 = true; return "[prefer-s2]";
	}
	return "[ignored:unknown-control]";
}

const char *
sim_cmd_written(struct sim_ctx *c, struct sim_unit *u, unsigned addr, uint16_t value,
    bool *refuse)
{
	unsigned vumap_cmd_addr = c->vumap_swapped ? 0x00C7 : 0x00C9;
	const char *what = NULL;

	*refuse = false;
	if (c->prof->proto == SIM_JBUSP && addr == JBUSP_CMD)
		what = c->refuse_commands ? "[exception]" : jbusp_cmd(c, u, value);
	else if (c->prof->proto == SIM_VUMAP && (addr == vumap_cmd_addr ||
	    addr == vumap_cmd_addr + 1))
		what = c->refuse_commands ? "[exception]" :
		    vumap_cmd(c, u, addr - vumap_cmd_addr, value);
	else if (c->prof->proto == SIM_STS && addr == STS_CMD)
		what = c->refuse_commands ? "[exception]" : sts_cmd(c, u, value);
	if (what == NULL)
		return NULL;
	*refuse = c->refuse_commands;
	u->val[addr] = 0;       /* a command word holds no state */
	sim_render(c);          /* status bits follow at once */
	return what;
}

/* The battery test runs its time and ends passed or failed. */
void
sim_test_step(struct sim_ctx *c, double dt)
{
	struct sim_phys *s = &c->phys;

	if (!s->test_running)
		return;
	s->test_left_s -= dt;
	if (s->test_left_s <= 0) {
		s->test_running = false;
		s->test_failed = c->test_fails;
	}
}
