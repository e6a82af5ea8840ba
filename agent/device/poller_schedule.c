/*
 * poller_schedule.c — polling: each pass makes the reads the scheduler
 * (poll_plan.c) asks for — the head (unit 1's synthesis, or every unit's
 * status and alarms), then one tail read (a unit the synthesis flagged, a
 * unit in turn, a piece of the slow lane) — and publishes what changed
 * as soon as it is read.  Failed heads end in the loss of communication.
 */
#include "private/poller_private.h"

void pl_sched_start(struct nv_poller *p)
{
	uint32_t present = 0;

	for (int k = 0; k < p->work.n_units; k++)
		if (p->work.unit[k].present)
			present |= 1u << k;
	nv_sched_init(&p->sched, p->prof, p->work.n_units, present,
	    p->work.topo == NV_TOPO_PARALLEL, p->poll.interval_s, pl_mono_s());
	for (int b = 0; b < p->prof->n_blocks; b++)
		if (p->skip[b])
			nv_sched_skip(&p->sched, b);
	/* what detection read is where changes are counted from */
	nv_sched_synthesis(&p->sched, &p->regs[0]);
	p->work.stats.oldest_meas_s = nv_sched_oldest_meas(&p->sched);
}

static void comm_lost(struct nv_poller *p, enum nv_link_err why)
{
	if (p->work.comm != NV_COMM_LOST)
		nv_log(LOG_ERR, "serial: %s: communication with the device lost (%s)",
		    p->serial.device, nv_link_err_name(why));
	nv_snapshot_invalidate(&p->work);
	pl_set_comm(p, NV_COMM_LOST);
	pl_publish(p);
	p->state = ST_DETECT;
	p->backoff_ms = BACKOFF_FIRST_MS;
	p->retry_wait = true;
}

/* What was just decoded goes out at once: events do not wait for the rest of the pass. */
static void decoded(struct nv_poller *p)
{
	nv_aggregate(&p->work);
	pl_publish_if_news(p);
}

/*
 * Status and alarms of unit k: one request when the plan says the blocks
 * are adjacent (split for good if the device refuses it), else the status
 * block, decoded and published, then the alarm block.
 */
static enum nv_link_err read_status_alarm(struct nv_poller *p, int k)
{
	int s = nv_profile_block_index(p->prof, NV_BLK_STATUS);
	int a = nv_profile_block_index(p->prof, NV_BLK_ALARM);
	enum nv_link_err e;

	if (s < 0 || a < 0 || p->skip[s] || p->skip[a])
		return NV_LINK_EXCEPTION;
	if (p->prof->plan != NULL && p->prof->plan->status_alarm_together &&
	    !p->fast_split) {
		e = pl_read_span(p, k, s, a);
		if (e != NV_LINK_EXCEPTION)
			return e;
		nv_log(LOG_NOTICE, "serial: status and alarms refused in one read; "
		    "reading them apart");
		p->fast_split = true;
	}
	if ((e = pl_read_block(p, k, s)) != NV_LINK_OK)
		return e;
	pl_decode_status(p, k);
	decoded(p);
	return pl_read_block(p, k, a);
}

/* A unit that fails comm_loss_after reads in a row (others answering) is shown unknown. */
static void unit_failed(struct nv_poller *p, int k)
{
	if (++p->unit_failed[k] != p->poll.comm_loss_after || p->work.n_units <= 1)
		return;
	nv_log(LOG_WARNING, "serial: unit %d (slave %d) stopped answering",
	    k + 1, p->serial.slave + k);
	nv_unit_clear(&p->work.unit[k]);
	p->work.unit[k].present = true;
	if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		pl_clear_system_modules(p, k);
	p->dirty = true;
}

static enum nv_link_err read_unit(struct nv_poller *p, int k, bool alarms_only)
{
	enum nv_link_err e = alarms_only ?
	    pl_read_block(p, k, nv_profile_block_index(p->prof, NV_BLK_ALARM)) :
	    read_status_alarm(p, k);

	if (e != NV_LINK_OK) {
		unit_failed(p, k);
		return e;
	}
	p->unit_failed[k] = 0;
	pl_decode_status(p, k);
	if (k == 0)
		nv_sched_synthesis(&p->sched, &p->regs[0]);
	decoded(p);
	return e;
}

static void read_piece(struct nv_poller *p, const struct nv_step *st, double started)
{
	bool ok = pl_read_piece(p, st->unit, st->block, st->first, st->count) == NV_LINK_OK;

	if (!nv_sched_done(&p->sched, st, ok, started, pl_mono_s()))
		return;
	p->regs[st->unit].have[st->block] = true;
	pl_decode_block(p, st->unit, st->block);
	p->work.stats.oldest_meas_s = nv_sched_oldest_meas(&p->sched);
	nv_aggregate(&p->work);
	pl_publish(p);
}

/* The head: false when no unit answered (the pass stops there). */
static bool head(struct nv_poller *p, struct nv_step *st)
{
	enum nv_link_err last = NV_LINK_OK;
	bool any_ok = false;
	double t0 = pl_mono_s();

	for (*st = nv_sched_next(&p->sched, t0); st->kind == NV_STEP_HEAD;
	    *st = nv_sched_next(&p->sched, pl_mono_s())) {
		enum nv_link_err e;

		if (pl_stopping(p))
			return false;
		if ((e = read_unit(p, st->unit, false)) == NV_LINK_OK) {
			any_ok = true;
			continue;
		}
		last = e;
		if (e == NV_LINK_GONE)
			break;
		if (st->unit == 0 && p->sched.use_synth) {
			nv_log(LOG_WARNING, "serial: unit 1 does not answer: reading "
			    "every unit's status each pass");
			nv_sched_without_synthesis(&p->sched);
		}
	}
	if (any_ok) {
		p->failed_cycles = 0;
		p->work.stats.cycles++;
		p->work.stats.last_cycle_ms = (pl_mono_s() - t0) * 1e3;
		return true;
	}
	if (pl_stopping(p))
		return false;
	pl_warn_limited(p, "status read", last == NV_LINK_GONE && !nv_link_is_open(&p->link) &&
	    p->link.last_errno == 0 ? "device closed" : nv_link_strerror(&p->link));
	if (++p->failed_cycles >= p->poll.comm_loss_after)
		comm_lost(p, last);
	return false;
}

void pl_poll_once(struct nv_poller *p)
{
	struct nv_step st;
	double t0 = pl_mono_s();

	nv_sched_new_pass(&p->sched);
	if (!head(p, &st))
		return;
	if (!pl_stopping(p)) {
		double started = pl_mono_s();

		switch (st.kind) {
		case NV_STEP_UNIT:
		case NV_STEP_UNIT_ALARMS:
			read_unit(p, st.unit, st.kind == NV_STEP_UNIT_ALARMS);
			nv_sched_done(&p->sched, &st, true, started, pl_mono_s());
			break;
		case NV_STEP_PIECE:
			read_piece(p, &st, started);
			break;
		case NV_STEP_REMOTE:
			pl_refresh_remote(p);
			nv_sched_done(&p->sched, &st, true, started, pl_mono_s());
			break;
		case NV_STEP_HEAD:
		case NV_STEP_WAIT:
			break;
		}
	}
	pl_run_commands(p);
	if (p->poll.status_interval_ms > 0)
		pl_wait_ms(p, p->poll.status_interval_ms - (int)((pl_mono_s() - t0) * 1e3));
}
