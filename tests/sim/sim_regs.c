/*
 * sim_regs.c — one unit's register store.  A bit pinned by the control
 * socket keeps its value: the physics writes only the bits not pinned.
 */
#include <config.h>

#include <stdlib.h>

#include "sim.h"

struct sim_unit *
sim_unit_new(void)
{
	return calloc(1, sizeof(struct sim_unit));
}

void
sim_put(struct sim_unit *u, uint16_t addr, uint16_t v)
{
	uint16_t pin = u->pin[addr];

	u->val[addr] = (uint16_t)((v & ~pin) | (u->val[addr] & pin));
}

void
sim_put_bit(struct sim_unit *u, uint16_t base, int n, bool on)
{
	uint16_t addr = sim_bit_word(base, n), mask = sim_bit_mask(n);

	sim_put(u, addr, on ? (uint16_t)(u->val[addr] | mask) :
	    (uint16_t)(u->val[addr] & ~mask));
}

void
sim_pin(struct sim_unit *u, const struct sim_reg *r, uint16_t v)
{
	uint16_t mask = r->bit < 0 ? 0xFFFF : (uint16_t)(1u << r->bit);
	uint16_t bits = r->bit < 0 ? v : (v ? mask : 0);

	u->pin[r->addr] |= mask;
	u->val[r->addr] = (uint16_t)((u->val[r->addr] & ~mask) | bits);
}

void
sim_release(struct sim_unit *u, const struct sim_reg *r)
{
	u->pin[r->addr] &= r->bit < 0 ? 0 : (uint16_t)~(1u << r->bit);
}

uint16_t
sim_get(const struct sim_unit *u, const struct sim_reg *r)
{
	uint16_t v = u->val[r->addr];

	return r->bit < 0 ? v : (uint16_t)((v >> r->bit) & 1);
}
