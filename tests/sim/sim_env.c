/*
 * sim_env.c — the environment sensor nvsim simulates (profile env-sensor):
 * a room whose temperature ramps towards a target, optional noise (a
 * random +/- every tick), a
 * humidity and two dry contacts.  Input registers 0 / 1 hold the
 * temperature (signed) and the humidity in 0.1; the contacts are coils /
 * discrete inputs 0 / 1 (sim_wire.c).  With --env-slave the same sensor
 * answers beside a UPS profile, at that slave id on the UPS's pty.
 */
#include <config.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define ROOM_TEMP      22.0
#define ROOM_HUM       45.0
#define OVERHEAT_TEMP  65.0     /* past both high set points (50, 60) */
#define COLD_TEMP       0.0     /* past both low ones (10, 5) */

static void
room_normal(struct sim_env *e)
{
	memset(e, 0, sizeof(*e));
	e->temp = e->target = ROOM_TEMP;
	e->hum = ROOM_HUM;
	e->rate = 1.0;
	e->noise_sign = 1;
}

bool
sim_has_env(const struct sim_ctx *c)
{
	return c->prof->proto == SIM_ENV || c->env_slave != 0;
}

void
sim_env_init(struct sim_ctx *c)
{
	if (c->prof->proto == SIM_ENV)
		c->env_unit = c->unit[0];
	room_normal(&c->env);
	sim_env_render(c);
}

void
sim_env_step(struct sim_ctx *c, double dt)
{
	struct sim_env *e = &c->env;
	double step = e->rate * dt;

	if (fabs(e->target - e->temp) <= step)
		e->temp = e->target;
	else
		e->temp += e->target > e->temp ? step : -step;
	/* a sign drawn every tick: whoever samples the room sees both */
	c->rng = c->rng * 1103515245u + 12345u;
	e->noise_sign = (c->rng >> 16) & 1 ? 1 : -1;
}

static uint16_t
tenths(double v)
{
	long t = lround(v * 10.0);

	return (uint16_t)(t & 0xFFFF);
}

void
sim_env_render(struct sim_ctx *c)
{
	const struct sim_env *e = &c->env;

	if (c->env_unit == NULL)
		return;
	sim_put(c->env_unit, 0x0000, tenths(e->temp + e->noise * e->noise_sign));
	sim_put(c->env_unit, 0x0001, tenths(e->hum));
}

static int
number(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return errno != 0 || end == s || *end != '\0' || !(*out >= lo && *out <= hi) ? -1 : 0;
}

int
sim_env_set(struct sim_ctx *c, const char *name, const char *value, char *reply, size_t cap)
{
	struct sim_env *e = &c->env;
	double v;

	if (strcmp(name, "input1") == 0 || strcmp(name, "input2") == 0) {
		if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0) {
			snprintf(reply, cap, "ERR %s: 1 (closed) or 0 (open)", name);
			return 1;
		}
		e->in[name[5] - '1'] = value[0] == '1';
	} else if (strcmp(name, "temperature") == 0) {
		if (number(value, -40.0, 125.0, &v) < 0) {
			snprintf(reply, cap, "ERR temperature: -40..125 degC");
			return 1;
		}
		e->temp = e->target = v;
	} else if (strcmp(name, "humidity") == 0) {
		if (number(value, 0.0, 100.0, &v) < 0) {
			snprintf(reply, cap, "ERR humidity: 0..100 %%");
			return 1;
		}
		e->hum = v;
	} else if (strcmp(name, "noise") == 0 || strcmp(name, "ramp-rate") == 0) {
		if (number(value, 0.0, 100.0, &v) < 0) {
			snprintf(reply, cap, "ERR %s: 0..100", name);
			return 1;
		}
		if (name[0] == 'n')
			e->noise = v;
		else
			e->rate = v;
	} else {
		return 0;
	}
	sim_env_render(c);
	snprintf(reply, cap, "OK");
	return 1;
}

int
sim_env_get(struct sim_ctx *c, const char *name, char *reply, size_t cap)
{
	const struct sim_env *e = &c->env;

	if (strcmp(name, "temperature") == 0)
		snprintf(reply, cap, "%.1f", e->temp);
	else if (strcmp(name, "humidity") == 0)
		snprintf(reply, cap, "%.1f", e->hum);
	else if (strcmp(name, "input1") == 0 || strcmp(name, "input2") == 0)
		snprintf(reply, cap, "%d", e->in[name[5] - '1'] ? 1 : 0);
	else
		return 0;
	return 1;
}

/* room-overheat ramps through both high set points, room-cold through
 * both low ones, room-normal back to 22 degC; clear: the room at once */
int
sim_env_scenario(struct sim_ctx *c, const char *name)
{
	struct sim_env *e = &c->env;

	if (strcmp(name, "room-overheat") == 0)
		e->target = OVERHEAT_TEMP;
	else if (strcmp(name, "room-cold") == 0)
		e->target = COLD_TEMP;
	else if (strcmp(name, "room-normal") == 0)
		e->target = ROOM_TEMP;
	else if (strcmp(name, "clear") == 0)
		room_normal(e);
	else
		return -1;
	sim_env_render(c);
	return 0;
}
