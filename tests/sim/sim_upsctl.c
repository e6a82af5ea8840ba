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
