/*
 * poller_read.c — register blocks read from the device and decoded into
 * the poller's work snapshot (through the device profile's tables).
 */
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "private/poller_private.h"

enum nv_link_err pl_read_block(struct nv_poller *p, int unit, int b)
{
	const struct nv_block *blk = &p->prof->blocks[b];
	enum nv_link_err e;

	e = nv_link_read(&p->link, p->serial.slave + unit, blk->addr, blk->count,
	    p->regs[unit].w[b], &p->work.stats);
	if (e == NV_LINK_OK) {
		p->regs[unit].have[b] = true;
		return e;
	}
	if (e == NV_LINK_GONE)
		nv_link_close(&p->link);
	return e;
}

enum nv_link_err pl_read_span(struct nv_poller *p, int unit, int a, int b)
{
	const struct nv_block *ba = &p->prof->blocks[a], *bb = &p->prof->blocks[b];
	uint16_t w[2 * NV_PROFILE_MAX_WORDS];
	enum nv_link_err e;

	if (ba->addr + ba->count != bb->addr)
		return NV_LINK_EXCEPTION;
	e = nv_link_read(&p->link, p->serial.slave + unit, ba->addr,
	    ba->count + bb->count, w, &p->work.stats);
	if (e == NV_LINK_GONE)
		nv_link_close(&p->link);
	if (e != NV_LINK_OK)
		return e;
	memcpy(p->regs[unit].w[a], w, ba->count * sizeof(w[0]));
	memcpy(p->regs[unit].w[b], w + ba->count, bb->count * sizeof(w[0]));
	p->regs[unit].have[a] = p->regs[unit].have[b] = true;
	return e;
}

/* Words first .. first + count - 1 of a block; the block is whole (have)
 * once its last piece is read. */
enum nv_link_err pl_read_piece(struct nv_poller *p, int unit, int b,
    int first, int count)
{
	const struct nv_block *blk = &p->prof->blocks[b];
	enum nv_link_err e;

	e = nv_link_read(&p->link, p->serial.slave + unit, (uint16_t)(blk->addr + first),
	    count, p->regs[unit].w[b] + first, &p->work.stats);
	if (e == NV_LINK_GONE)
		nv_link_close(&p->link);
	return e;
}

bool pl_profile_gives_seconds(const struct nv_profile *prof)
{
	for (int i = 0; i < prof->n_meas; i++)
		if (prof->meas[i].field == offsetof(struct nv_unit, ups.batt_seconds_on))
			return true;
	return false;
}

/* Seconds on battery: the device's when it gives them, else counted here;
 * 0 whenever the unit is not on battery. */
static void seconds_on_battery(struct nv_poller *p, int k)
{
	struct nv_unit *u = &p->work.unit[k];
	struct timespec now;

	if (p->prof->kind != NV_KIND_UPS)
		return;
	if (!nv_cond_get(u, NV_C_ON_BATTERY)) {
		p->on_batt[k] = false;
		u->ups.batt_seconds_on = 0;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!p->on_batt[k]) {
		p->on_batt[k] = true;
		p->batt_since[k] = now;
	}
	if (!p->dev_gives_seconds || u->ups.batt_seconds_on == NV_NA)
		u->ups.batt_seconds_on = (int32_t)(now.tv_sec - p->batt_since[k].tv_sec);
}

/*
 * A modular system's modules are numbered across units, as the NET VISION
 * shows them: unit 1's present modules by position first, then unit 2's,
 * and so on, at most NV_MAX_MODULES in all.
 */
static void decode_system_modules(struct nv_poller *p, int k)
{
	struct nv_module bits[16];
	int m = p->mod_first[k];

	memset(bits, 0, sizeof(bits));
	nv_profile_decode_modules(p->prof, &p->regs[k], 16, bits);
	for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++) {
		if (!((p->mod_mask[k] >> j) & 1u))
			continue;
		bits[j].present = true;
		p->work.module[m++] = bits[j];
	}
}

/* A unit that stopped answering: its modules' states are unknown, not stale. */
void pl_clear_system_modules(struct nv_poller *p, int k)
{
	int m = p->mod_first[k];

	for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++)
		if ((p->mod_mask[k] >> j) & 1u) {
			memset(&p->work.module[m], 0, sizeof(p->work.module[m]));
			p->work.module[m++].present = true;
		}
}

void pl_decode_status(struct nv_poller *p, int k)
{
	struct nv_unit *u = &p->work.unit[k];
	struct nv_unit before = *u;

	nv_profile_decode_status(p->prof, &p->regs[k], u);
	if (p->work.topo == NV_TOPO_PARALLEL || p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		nv_cond_set(u, NV_C_PARALLEL, true);
	seconds_on_battery(p, k);
	if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		decode_system_modules(p, k);
	else if (k == 0 && p->work.n_modules > 0)
		nv_profile_decode_modules(p->prof, &p->regs[0], p->work.n_modules,
		    p->work.module);
	if (memcmp(before.cond, u->cond, sizeof(u->cond)) != 0 ||
	    memcmp(before.status_raw, u->status_raw, sizeof(u->status_raw)) != 0 ||
	    memcmp(before.alarm_raw, u->alarm_raw, sizeof(u->alarm_raw)) != 0)
		p->dirty = true;
}

void pl_decode_block(struct nv_poller *p, int k, int b)
{
	switch (p->prof->blocks[b].cls) {
	case NV_BLK_STATUS:
	case NV_BLK_ALARM:
		pl_decode_status(p, k);
		break;
	case NV_BLK_MEAS:
		nv_profile_decode_meas(p->prof, &p->regs[k], b, &p->work.unit[k]);
		seconds_on_battery(p, k);
		p->dirty = true;
		break;
	case NV_BLK_IDENTITY:
	case NV_BLK_CONFIG:
		if (k == 0) {
			p->prof->identity(&p->regs[0], &p->work.id);
			pl_system_nominal(p);
		}
		break;
	}
}

void pl_clear_identity(struct nv_identity *id)
{
	memset(id, 0, sizeof(*id));
	id->type_code = NV_NA;
	id->nominal_kva = id->nominal_kw = id->unit_kva = NV_NA;
	id->nominal_vin = id->nominal_vout = NV_NA;
	id->nominal_fin = id->nominal_fout = NV_NA;
	id->battery_ah = NV_NA;
	id->phases_in = id->phases_out = 1;
}

/* ---- detection and the first complete read ---- */

/*
 * Every block of one unit, back to back.  0, or the first error.  A block
 * unit 1 refuses with an exception (a model without it) is left out from
 * then on; its values stay NV_NA.
 */
enum nv_link_err pl_read_all_blocks(struct nv_poller *p, int k)
{
	memset(&p->regs[k].have, 0, sizeof(p->regs[k].have));
	for (int b = 0; b < p->prof->n_blocks; b++) {
		enum nv_link_err e;

		if (p->skip[b])
			continue;
		e = pl_read_block(p, k, b);
		if (e == NV_LINK_EXCEPTION && k == 0 && b != p->prof->probe_block) {
			nv_log(LOG_WARNING, "serial: the device refuses block 0x%04X x%u; "
			    "its values are left unknown", p->prof->blocks[b].addr,
			    p->prof->blocks[b].count);
			p->skip[b] = true;
			continue;
		}
		if (e != NV_LINK_OK)
			return e;
	}
	return NV_LINK_OK;
}

void pl_decode_all(struct nv_poller *p, int k)
{
	for (int b = 0; b < p->prof->n_blocks; b++)
		pl_decode_block(p, k, b);
}
