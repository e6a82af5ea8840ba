/*
 * poll_plan.c — the poll scheduler (see poll_plan.h): which read comes
 * next, from the profile's plan, the clock and what the synthesis said.
 * No I/O here: the poller (poller_schedule.c) makes the reads.
 */
#include <string.h>

#include "private/poll_plan.h"

#define IDENT_REFRESH_S 600
#define MAX_PIECES      8

static int piece_limit(const struct nv_profile *prof, int n_units)
{
	int words = 0;

	if (prof->plan == NULL)
		return 0;
	for (int i = 0; i < NV_PIECE_MAX_RULES && prof->plan->pieces[i].max_units > 0; i++) {
		words = prof->plan->pieces[i].words;
		if (n_units <= prof->plan->pieces[i].max_units)
			break;
	}
	return words;
}

int nv_sched_piece_words(const struct nv_profile *prof, int n_units, int block,
    int *n_pieces)
{
	int words = prof->blocks[block].count;
	int max = piece_limit(prof, n_units) > 0 ? piece_limit(prof, n_units) : words;
	int n = (words + max - 1) / max;

	if (n > MAX_PIECES)
		n = MAX_PIECES;
	if (n < 1)
		n = 1;
	*n_pieces = n;
	return (words + n - 1) / n;
}

static bool has_synthesis(const struct nv_profile *prof)
{
	return prof->plan != NULL && prof->plan->synth[0].src != NV_SRC_END;
}

void nv_sched_init(struct nv_sched *s, const struct nv_profile *prof, int n_units,
    uint32_t present, bool parallel, double interval_s, double now)
{
	memset(s, 0, sizeof(*s));
	s->prof = prof;
	s->n_units = n_units;
	s->present = present;
	s->use_synth = parallel && n_units > 1 && has_synthesis(prof) &&
	    n_units <= prof->plan->synth_units;
	s->interval_s = interval_s;
	s->ident_s = IDENT_REFRESH_S;
	/* detection has just read everything; half an interval keeps the
	 * first set from finishing later than the interval after it */
	s->meas_due = now + interval_s / 2;
	s->ident_due = now + IDENT_REFRESH_S;
	s->rr = 1;
	for (int k = 0; k < NV_MAX_UNITS; k++)
		for (int b = 0; b < NV_PROFILE_MAX_BLOCKS; b++)
			s->meas_at[k][b] = now;
	nv_sched_new_pass(s);
}

void nv_sched_skip(struct nv_sched *s, int block)
{
	if (block >= 0 && block < NV_PROFILE_MAX_BLOCKS)
		s->skip[block] = true;
}

void nv_sched_new_pass(struct nv_sched *s)
{
	s->head_next = 0;
	s->tail_done = false;
}

static bool polled(const struct nv_sched *s, int k)
{
	return k < s->n_units && ((s->present >> k) & 1u);
}

static void add_job(struct nv_sched *s, int unit, int block, int first, int count)
{
	struct nv_sched_job *j;

	if (s->n_jobs >= NV_SCHED_MAX_JOBS)
		return;
	j = &s->jobs[s->n_jobs++];
	j->unit = (uint8_t)unit;
	j->block = (uint8_t)block;
	j->first = (uint16_t)first;
	j->count = (uint16_t)count;
}

/* The slow-lane set: every slow block of every unit in pieces, then the permission words. */
static void plan_slow_set(struct nv_sched *s, bool with_identity)
{
	const struct nv_profile *prof = s->prof;

	s->n_jobs = 0;
	s->job = 0;
	for (int k = 0; k < s->n_units; k++) {
		if (!polled(s, k))
			continue;
		/* units the head does not read: their status within the set too */
		if (s->use_synth && k > 0)
			add_job(s, k, NV_SCHED_UNIT, 0, 0);
		for (int b = 0; b < prof->n_blocks; b++) {
			enum nv_block_class c = prof->blocks[b].cls;
			int words = prof->blocks[b].count, n, len;

			if (s->skip[b])
				continue;
			if (c != NV_BLK_MEAS && !(with_identity &&
			    (c == NV_BLK_IDENTITY || c == NV_BLK_CONFIG)))
				continue;
			len = nv_sched_piece_words(prof, s->n_units, b, &n);
			for (int w = 0; w < words; w += len)
				add_job(s, k, b, w, words - w < len ? words - w : len);
		}
	}
	add_job(s, 0, NV_SCHED_REMOTE, 0, 0);
}

/* The next slow-lane read, planning a new set when one is due; false: none due. */
static bool slow_step(struct nv_sched *s, double now, struct nv_step *st)
{
	const struct nv_sched_job *j;

	if (s->job >= s->n_jobs) {
		if (now < s->meas_due)
			return false;
		plan_slow_set(s, now >= s->ident_due);
		if (now >= s->ident_due)
			s->ident_due = now + s->ident_s;
		s->set_started = now;
	}
	j = &s->jobs[s->job];
	if (j->block == NV_SCHED_REMOTE || j->block == NV_SCHED_UNIT) {
		st->kind = j->block == NV_SCHED_REMOTE ? NV_STEP_REMOTE : NV_STEP_UNIT;
		st->unit = j->unit;
		st->block = j->block;
		return true;
	}
	st->kind = NV_STEP_PIECE;
	st->unit = j->unit;
	st->block = j->block;
	st->first = j->first;
	st->count = j->count;
	return true;
}

static int next_round_robin(struct nv_sched *s)
{
	for (int i = 0; i < s->n_units; i++) {
		int k = s->rr;

		s->rr = s->rr + 1 >= s->n_units ? 1 : s->rr + 1;
		if (k != 0 && polled(s, k))
			return k;
	}
	return -1;
}

static bool tail_step(struct nv_sched *s, double now, struct nv_step *st)
{
	int k;

	if (s->use_synth && s->urgent != 0) {
		for (k = 1; k < s->n_units; k++)
			if ((s->urgent >> k) & 1u)
				break;
		s->urgent &= ~(1u << k);
		if (k < s->n_units && polled(s, k)) {
			st->kind = (s->urgent_status >> k) & 1u ? NV_STEP_UNIT :
			    NV_STEP_UNIT_ALARMS;
			s->urgent_status &= ~(1u << k);
			st->unit = k;
			return true;
		}
	}
	if (slow_step(s, now, st) || !s->use_synth)
		return st->kind != NV_STEP_WAIT;
	if ((k = next_round_robin(s)) < 0)
		return false;
	st->kind = NV_STEP_UNIT;
	st->unit = k;
	return true;
}

struct nv_step nv_sched_next(struct nv_sched *s, double now)
{
	struct nv_step st = { .kind = NV_STEP_WAIT, .block = -1 };

	while (s->head_next < s->n_units) {
		int k = s->head_next++;

		if (!polled(s, k) && k != 0)
			continue;
		if (s->use_synth)
			s->head_next = s->n_units;
		st.kind = NV_STEP_HEAD;
		st.unit = k;
		return st;
	}
	if (s->tail_done)
		return st;
	s->tail_done = true;
	if (!tail_step(s, now, &st))
		st.kind = NV_STEP_WAIT;
	return st;
}

bool nv_sched_done(struct nv_sched *s, const struct nv_step *st, bool ok,
    double started, double now)
{
	const struct nv_profile *prof = s->prof;

	if (st->kind != NV_STEP_PIECE && st->kind != NV_STEP_REMOTE &&
	    !(st->kind == NV_STEP_UNIT && st->block == NV_SCHED_UNIT))
		return false;
	s->job++;
	if (s->job >= s->n_jobs)
		/* start the next set early by this one's length, so that no
		 * block is older than the interval when it is read again */
		s->meas_due = s->set_started + s->interval_s - (now - s->set_started);
	if (st->kind != NV_STEP_PIECE)
		return false;
	if (st->first == 0) {
		s->piece_failed = false;
		s->piece_at = started;
	}
	if (!ok) {
		s->piece_failed = true;
		return false;
	}
	if (st->first + st->count < prof->blocks[st->block].count || s->piece_failed)
		return false;
	s->meas_at[st->unit][st->block] = s->piece_at;
	return true;
}

void nv_sched_without_synthesis(struct nv_sched *s)
{
	s->use_synth = false;
	s->urgent = s->urgent_status = 0;
}

static uint16_t synth_bits(const struct nv_sched *s, const struct nv_regs *r,
    const struct nv_synth_row *row)
{
	int b = nv_profile_block_index(s->prof, row->src == NV_SRC_STATUS ?
	    NV_BLK_STATUS : NV_BLK_ALARM);
	uint16_t bits = 0;

	if (b < 0)
		return 0;
	for (int k = 1; k < s->n_units && k < 16; k++) {
		int n = row->first + k;

		if (n / 16 < s->prof->blocks[b].count &&
		    ((r->w[b][n / 16] >> (n % 16)) & 1u))
			bits |= (uint16_t)(1u << k);
	}
	return bits;
}

void nv_sched_synthesis(struct nv_sched *s, const struct nv_regs *unit1)
{
	const struct nv_poll_plan *plan = s->prof->plan;

	if (!s->use_synth)
		return;
	for (int i = 0; i < NV_SYNTH_MAX_ROWS && plan->synth[i].src != NV_SRC_END; i++) {
		uint16_t now = synth_bits(s, unit1, &plan->synth[i]);

		if (s->synth_known) {
			s->urgent |= (uint32_t)(now ^ s->synth_seen[i]);
			if (plan->synth[i].src == NV_SRC_STATUS)
				s->urgent_status |= (uint32_t)(now ^ s->synth_seen[i]);
		}
		s->synth_seen[i] = now;
	}
	s->synth_known = true;
}

double nv_sched_oldest_meas(const struct nv_sched *s)
{
	double oldest = -1;

	for (int k = 0; k < s->n_units; k++) {
		if (!polled(s, k))
			continue;
		for (int b = 0; b < s->prof->n_blocks; b++) {
			if (s->prof->blocks[b].cls != NV_BLK_MEAS || s->skip[b])
				continue;
			if (oldest < 0 || s->meas_at[k][b] < oldest)
				oldest = s->meas_at[k][b];
		}
	}
	return oldest < 0 ? 0 : oldest;
}
