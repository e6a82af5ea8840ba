/*
 * poller_detect.c — detection and the first complete read: the profile,
 * the topology (units, modules; a modular system's units are probed) and
 * the system's nominal power.
 */
#include <string.h>

#include "private/detect.h"
#include "private/poller_private.h"

static void apply_topology(struct nv_poller *p)
{
	struct nv_topo_info t;

	p->prof->topology(&p->regs[0], &t);
	p->work.topo = t.topo;
	p->work.n_units = t.n_units;
	p->work.n_modules = t.n_modules;
	for (int k = 0; k < NV_MAX_UNITS; k++) {
		nv_unit_clear(&p->work.unit[k]);
		p->work.unit[k].present = k < t.n_units && ((t.unit_mask >> k) & 1u);
	}
	for (int m = 0; m < NV_MAX_MODULES; m++) {
		memset(&p->work.module[m], 0, sizeof(p->work.module[m]));
		p->work.module[m].present = m < t.n_modules && ((t.module_mask >> m) & 1u);
	}
}

/*
 * A modular system states no unit count (see profile_vumap.c): units 2..4
 * were probed at consecutive slave ids.  It ends at the last one that
 * answered as a modular system; a silent unit before that stays present
 * (and unknown) as in any parallel system, with no modules until the next
 * detection.  Then each unit's modules get their module[] indexes.
 */
static void modular_system_layout(struct nv_poller *p, const bool *answered)
{
	int last = 0, m = 0;

	for (int k = 1; k < p->work.n_units; k++) {
		struct nv_topo_info t;

		if (!answered[k])
			continue;
		p->prof->topology(&p->regs[k], &t);
		if (t.topo == NV_TOPO_MODULAR_SYSTEM)
			last = k;
	}
	memset(p->work.module, 0, sizeof(p->work.module));
	for (int k = 0; k < NV_MAX_UNITS; k++) {
		struct nv_topo_info t;

		p->mod_mask[k] = 0;
		p->mod_first[k] = m;
		if (k > last) {
			nv_unit_clear(&p->work.unit[k]);
			continue;
		}
		p->work.unit[k].present = true;
		if (!answered[k])
			continue;
		p->prof->topology(&p->regs[k], &t);
		if (t.topo != NV_TOPO_MODULAR_SYSTEM)
			continue;
		p->mod_mask[k] = t.module_mask;
		for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++)
			if ((t.module_mask >> j) & 1u)
				p->work.module[m++].present = true;
	}
	p->work.n_units = last + 1;
	p->work.n_modules = m;
}

/* Nominal power of the whole system: the sum over units that answered. */
void pl_system_nominal(struct nv_poller *p)
{
	int kva = 0, kw = 0, got = 0;

	for (int k = 0; k < p->work.n_units; k++) {
		struct nv_identity id;

		if (!p->work.unit[k].present)
			continue;
		pl_clear_identity(&id);
		p->prof->identity(&p->regs[k], &id);
		if (id.unit_kva != NV_NA) {
			kva += id.unit_kva;
			got++;
		}
		if (id.nominal_kw != NV_NA)
			kw += id.nominal_kw;
	}
	p->work.id.nominal_kva = got ? kva : NV_NA;
	if (got && p->work.id.nominal_kw != NV_NA)
		p->work.id.nominal_kw = kw;
}

static void log_found(struct nv_poller *p)
{
	const struct nv_identity *id = &p->work.id;

	nv_log(LOG_NOTICE, "serial: %s: %s %s \"%s\" serial \"%s\", %d baud, "
	    "%d/%d phases, %s, %d unit(s), %d module(s)", p->serial.device,
	    p->prof->name, p->prof->kind == NV_KIND_STS ? "STS" : "UPS",
	    id->model, id->serial, p->work.baud, id->phases_in, id->phases_out,
	    nv_topology_name(p->work.topo), p->work.n_units, p->work.n_modules);
}

/* Detect, read everything once, pl_publish.  0 when polling can start. */
static int detect_and_read(struct nv_poller *p)
{
	struct nv_detect_req rq = {
		.device = p->serial.device, .baud = p->serial.baud,
		.last_baud = p->last_baud, .slave = p->serial.slave,
		.timeout_ms = p->serial.timeout_ms,
		.cancelled = pl_detect_cancelled, .arg = p,
	};
	struct nv_detect_res res;
	bool answered[NV_MAX_UNITS] = { false };
	double t0;

	if (nv_detect(&p->link, &rq, &p->work.stats, &res) == -1) {
		if (res.gone)
			pl_warn_limited(p, "cannot open", strerror(res.open_errno));
		else if (!pl_stopping(p))
			pl_warn_limited(p, "detection", "no UPS or STS answers at any speed");
		return -1;
	}
	p->prof = res.prof;
	p->dev_gives_seconds = pl_profile_gives_seconds(p->prof);
	p->last_baud = res.baud;
	memset(p->regs, 0, sizeof(p->regs));
	memset(p->on_batt, 0, sizeof(p->on_batt));
	memset(p->skip, 0, sizeof(p->skip));
	t0 = pl_mono_s();
	if (pl_read_all_blocks(p, 0) != NV_LINK_OK)
		return -1;
	pthread_mutex_lock(&p->lock);
	p->full_read_ms = (pl_mono_s() - t0) * 1e3;
	pthread_mutex_unlock(&p->lock);

	p->work.kind = p->prof->kind;
	p->work.proto = p->prof->proto;
	p->work.baud = res.baud;
	pl_clear_identity(&p->work.id);
	apply_topology(p);
	p->work.unit[0].present = true;
	answered[0] = true;
	for (int k = 1; k < p->work.n_units; k++) {
		if (!p->work.unit[k].present)
			continue;
		answered[k] = pl_read_all_blocks(p, k) == NV_LINK_OK;
		if (answered[k] || p->work.topo == NV_TOPO_MODULAR_SYSTEM)
			continue;
		nv_log(LOG_WARNING, "serial: unit %d (slave %d) does not answer",
		    k + 1, p->serial.slave + k);
		nv_unit_clear(&p->work.unit[k]);
		p->work.unit[k].present = true;
	}
	if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		modular_system_layout(p, answered);
	pl_decode_all(p, 0);
	for (int k = 1; k < p->work.n_units; k++)
		if (p->work.unit[k].present)
			pl_decode_all(p, k);
	pl_system_nominal(p);
	nv_aggregate(&p->work);
	if (p->work.comm == NV_COMM_LOST)
		nv_log(LOG_NOTICE, "serial: %s: communication with the device restored",
		    p->serial.device);
	pl_set_comm(p, NV_COMM_OK);
	p->failed_cycles = 0;
	memset(p->unit_failed, 0, sizeof(p->unit_failed));
	p->fast_split = false;
	pl_sched_start(p);
	log_found(p);
	pl_publish(p);
	p->clock_read_at = 0;   /* a device found (again): its clock in the next slot */
	pl_refresh_permissions(p);
	return 0;
}

void pl_detect_step(struct nv_poller *p)
{
	if (detect_and_read(p) == 0) {
		p->state = ST_POLL;
		p->backoff_ms = 0;
		return;
	}
	if (pl_stopping(p))
		return;
	/* no answer: say so at once (data stays NV_NA), then back off */
	if (p->work.comm != NV_COMM_LOST) {
		nv_snapshot_invalidate(&p->work);
		pl_set_comm(p, NV_COMM_LOST);
		pl_publish(p);
	}
	p->backoff_ms = p->backoff_ms <= 0 ? BACKOFF_FIRST_MS :
	    p->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : p->backoff_ms * 2;
	pl_wait_ms(p, p->backoff_ms);
}
