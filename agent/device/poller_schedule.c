/*
 * poller_schedule.c — polling: each pass reads the status and alarm blocks
 * of every unit (the fast lane), then at most one piece of the slow lane
 * (measurements, identity, permission words); failed passes end in the
 * loss of communication.
 */
#include "private/poller_private.h"

static void add_job(struct nv_poller *p, int unit, int block, int first, int count)
{
	struct slow_job *j = &p->jobs[p->n_jobs++];

	j->unit = (uint8_t)unit;
	j->block = (uint8_t)block;
	j->first = (uint16_t)first;
	j->count = (uint16_t)count;
}

/* The slow-lane set: every slow block of every unit in pieces, then the
 * permission words, each read in a pass of its own. */
static void schedule_slow(struct nv_poller *p, bool with_identity)
{
	p->n_jobs = 0;
	p->job = 0;
	for (int k = 0; k < p->work.n_units; k++) {
		if (!p->work.unit[k].present)
			continue;
		for (int b = 0; b < p->prof->n_blocks; b++) {
			enum nv_block_class c = p->prof->blocks[b].cls;
			int words = p->prof->blocks[b].count;

			if (p->skip[b])
				continue;
			if (c != NV_BLK_MEAS && !(with_identity &&
			    (c == NV_BLK_IDENTITY || c == NV_BLK_CONFIG)))
				continue;
			for (int w = 0; w < words; w += SLOW_CHUNK_WORDS)
				add_job(p, k, b, w, words - w < SLOW_CHUNK_WORDS ?
				    words - w : SLOW_CHUNK_WORDS);
		}
	}
	add_job(p, 0, JOB_REMOTE, 0, 0);
}

/* ---- polling ---- */

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

static enum nv_link_err read_class(struct nv_poller *p, int k, enum nv_block_class c)
{
	for (int b = 0; b < p->prof->n_blocks; b++) {
		if (p->prof->blocks[b].cls != c || p->skip[b])
			continue;
		enum nv_link_err e = pl_read_block(p, k, b);

		if (e != NV_LINK_OK)
			return e;
	}
	return NV_LINK_OK;
}

/* Status + alarms of every unit.  Returns the last error, OK if any unit answered. */
static enum nv_link_err fast_lane(struct nv_poller *p, bool *any_ok)
{
	enum nv_link_err last = NV_LINK_OK;
	double t0 = pl_mono_s();

	*any_ok = false;
	for (int k = 0; k < p->work.n_units && !pl_stopping(p); k++) {
		enum nv_link_err e;

		if (!p->work.unit[k].present)
			continue;
		e = read_class(p, k, NV_BLK_STATUS);
		if (e == NV_LINK_OK)
			e = read_class(p, k, NV_BLK_ALARM);
		if (e == NV_LINK_OK) {
			p->unit_failed[k] = 0;
			pl_decode_status(p, k);
			*any_ok = true;
			continue;
		}
		last = e;
		if (++p->unit_failed[k] == p->poll.comm_loss_after &&
		    p->work.n_units > 1) {
			nv_log(LOG_WARNING, "serial: unit %d (slave %d) stopped answering",
			    k + 1, p->serial.slave + k);
			nv_unit_clear(&p->work.unit[k]);
			p->work.unit[k].present = true;
			if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
				pl_clear_system_modules(p, k);
			p->dirty = true;
		}
		if (e == NV_LINK_GONE)
			break;
	}
	if (*any_ok) {
		p->work.stats.cycles++;
		p->work.stats.last_cycle_ms = (pl_mono_s() - t0) * 1e3;
	}
	return last;
}

/* One block of the slow lane, if one is due.  True when a set completed. */
static bool slow_lane(struct nv_poller *p)
{
	double now = pl_mono_s();
	struct slow_job *j;

	if (p->job >= p->n_jobs) {
		if (now < p->meas_due)
			return false;
		schedule_slow(p, now >= p->ident_due);
		if (now >= p->ident_due)
			p->ident_due = now + IDENT_REFRESH_S;
		p->meas_due = now + p->poll.interval_s;
		if (p->n_jobs == 0)
			return false;
	}
	j = &p->jobs[p->job++];
	if (j->block == JOB_REMOTE) {
		pl_refresh_remote(p);
		return p->job >= p->n_jobs;
	}
	if (j->first == 0)
		p->piece_failed = false;
	if (pl_read_piece(p, j->unit, j->block, j->first, j->count) != NV_LINK_OK)
		p->piece_failed = true;
	else if (j->first + j->count == p->prof->blocks[j->block].count &&
	    !p->piece_failed) {
		p->regs[j->unit].have[j->block] = true;
		pl_decode_block(p, j->unit, j->block);
	}
	return p->job >= p->n_jobs;
}

void pl_poll_once(struct nv_poller *p)
{
	bool any_ok;
	enum nv_link_err e = fast_lane(p, &any_ok);
	double t0 = pl_mono_s();

	if (pl_stopping(p))
		return;
	if (!any_ok) {
		pl_warn_limited(p, "status read", e == NV_LINK_GONE && !nv_link_is_open(&p->link) &&
		    p->link.last_errno == 0 ? "device closed" : nv_link_strerror(&p->link));
		if (++p->failed_cycles >= p->poll.comm_loss_after)
			comm_lost(p, e);
		return;
	}
	p->failed_cycles = 0;
	nv_aggregate(&p->work);
	pl_publish_if_news(p);
	if (slow_lane(p)) {
		nv_aggregate(&p->work);
		pl_publish(p);
	}
	pl_run_commands(p);
	if (p->poll.status_interval_ms > 0)
		pl_wait_ms(p, p->poll.status_interval_ms - (int)((pl_mono_s() - t0) * 1e3));
}
