/*
 * sim_synthesis.c — the system synthesis a parallel system's units serve,
 * derived from the units' own words as they stand (physics and pins), so
 * that a unit's alarm shows in the synthesis at once:
 *
 *   VU-MAP (every unit): S096+i unit i+1 operating (its S011), S112+i
 *     available (S012), A096+i in general alarm (any bit of its alarm
 *     words A000..A095), A112+i imminent stop (its A000).
 *   JBUSP (unit 1): S32+i unit i+1 present, A32+i unit i+1 in general
 *     alarm (any of its own alarm bits: A00..A31, A38..A63).
 *
 * A modular unit's S096../A096.. bits are its modules (sim_physics.c).
 */
#include <config.h>

#include "sim.h"

#define VUMAP_SYNTH_UNITS 15
#define JBUSP_SYNTH_UNITS 6

static bool
bit(const struct sim_unit *u, uint16_t base, int n)
{
	return (u->val[sim_bit_word(base, n)] & sim_bit_mask(n)) != 0;
}

static bool
any_word(const struct sim_unit *u, uint16_t addr, int words)
{
	for (int i = 0; i < words; i++)
		if (u->val[addr + i] != 0)
			return true;
	return false;
}

static void
vumap_synthesis(struct sim_ctx *c)
{
	for (int i = 0; i < VUMAP_SYNTH_UNITS; i++) {
		const struct sim_unit *v = i < c->units ? c->unit[i] : NULL;
		bool operating = v != NULL && bit(v, 0x0030, 11);
		bool available = v != NULL && bit(v, 0x0030, 12);
		bool alarm = v != NULL && any_word(v, 0x0038, 6);
		bool stop = v != NULL && bit(v, 0x0038, 0);

		for (int k = 0; k < c->units; k++) {
			struct sim_unit *u = c->unit[k];

			sim_put_bit(u, 0x0030, 96 + i, operating);
			sim_put_bit(u, 0x0030, 112 + i, available);
			sim_put_bit(u, 0x0038, 96 + i, alarm);
			sim_put_bit(u, 0x0038, 112 + i, stop);
		}
	}
}

static bool
jbusp_unit_alarm(const struct sim_unit *u)
{
	if (any_word(u, 0x1040, 2))
		return true;
	for (int n = 38; n < 64; n++)
		if (bit(u, 0x1040, n))
			return true;
	return false;
}

static void
jbusp_synthesis(struct sim_ctx *c)
{
	for (int i = 0; i < JBUSP_SYNTH_UNITS; i++) {
		bool here = i < c->units;

		sim_put_bit(c->unit[0], 0x1020, 32 + i, here);
		sim_put_bit(c->unit[0], 0x1040, 32 + i, here && jbusp_unit_alarm(c->unit[i]));
		for (int k = 1; k < c->units; k++) {
			sim_put_bit(c->unit[k], 0x1020, 32 + i, false);
			sim_put_bit(c->unit[k], 0x1040, 32 + i, false);
		}
	}
}

bool
sim_is_parallel(const struct sim_ctx *c)
{
	return c->units > 1 && c->prof->install_code != 0x0608;
}

void
sim_synthesis(struct sim_ctx *c)
{
	if (!sim_is_parallel(c))
		return;
	if (c->prof->proto == SIM_VUMAP)
		vumap_synthesis(c);
	else if (c->prof->proto == SIM_JBUSP)
		jbusp_synthesis(c);
}
