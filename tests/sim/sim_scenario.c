/*
 * sim_scenario.c — the named scenarios of `nvsim ctl SOCK scenario NAME`:
 * each changes the physics' state (sim_physics.c) and renders it at once.
 */
#include <config.h>

#include <string.h>

#include "sim.h"

static void
release_all(struct sim_ctx *c)
{
	int k;

	for (k = 0; k < c->units; k++)
		memset(c->unit[k]->pin, 0, sizeof(c->unit[k]->pin));
	memset(c->fault, 0, sizeof(c->fault));
	c->slow_ms = 0;
}

/* Scenarios change the state; "clear" also drops pins and faults. */
int
sim_scenario(struct sim_ctx *c, const char *name)
{
	struct sim_phys *s = &c->phys;
	bool sts = c->prof->proto == SIM_STS;

	if (c->prof->proto == SIM_ENV) {
		if (strcmp(name, "clear") == 0)
			release_all(c);
		return sim_env_scenario(c, name);
	}
	if (c->env_slave != 0 && strncmp(name, "room-", 5) == 0)
		return sim_env_scenario(c, name);
	if (strcmp(name, "clear") == 0) {
		release_all(c);
		sim_phys_normal(s);
	} else if (strcmp(name, "mains-fail") == 0 ||
	    (sts && strcmp(name, "source1-fail") == 0)) {
		s->mains_ok = false;
		s->bypass_ok = sts ? s->bypass_ok : false;
	} else if (strcmp(name, "mains-restore") == 0 ||
	    (sts && strcmp(name, "source1-restore") == 0)) {
		s->mains_ok = true;
		s->bypass_ok = true;
		s->on_bypass = false;
	} else if (sts && strcmp(name, "source2-fail") == 0) {
		s->bypass_ok = false;
	} else if (sts && strcmp(name, "source2-restore") == 0) {
		s->bypass_ok = true;
	} else if (sts && strcmp(name, "transfer") == 0) {
		s->on_bypass = !s->on_bypass;
	} else if (!sts && strcmp(name, "battery-low") == 0) {
		s->mains_ok = false;
		s->bypass_ok = false;
		if (s->charge > SIM_LOW_CHARGE - 1.0)
			s->charge = SIM_LOW_CHARGE - 1.0;
	} else if (!sts && strcmp(name, "battery-depleted") == 0) {
		/* the end of a mains failure: nothing left, output off */
		s->mains_ok = false;
		s->bypass_ok = false;
		s->charge = 0.0;
		s->discharged = true;
		s->load_off = true;
	} else if (strcmp(name, "overload") == 0) {
		s->overload = true;
	} else if (!sts && strcmp(name, "on-bypass") == 0) {
		s->on_bypass = true;
	} else if (strcmp(name, "general-alarm") == 0) {
		s->general_alarm = true;
	} else {
		return -1;
	}
	sim_render(c);
	return 0;
}
