/*
 * test_poll_plan.c — the poll scheduler against a fake clock and a fake
 * link that charges each read its wire time at 9600 baud (as nvsim
 * --wire-timing plays it): which read comes next, how long an alarm on
 * any unit waits, how old a measurement gets.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "device/private/poll_plan.h"
#include "device/private/profile.h"
#include "model.h"

#define BAUD        9600
#define TURN_MS     10
#define INTERVAL_S  2

/* One exchange of n words: request 8 bytes, reply 5 + 2n, 3.5-char gaps, turnaround. */
static double wire_s(int words)
{
	return ((8 + 5 + 2 * words + 7) * 10000.0 / BAUD + TURN_MS) / 1e3;
}

struct fake {
	const struct nv_profile *prof;
	struct nv_sched s;
	struct nv_regs unit1;
	double t;               /* the fake clock */
	int st_blk, al_blk;
	/* an alarm: set on `unit` at `at`, seen once that unit's words are read after it */
	int alarm_unit;
	double alarm_at, seen_at;
	/* what happened */
	int other_reads_since_head, max_other_between_heads, max_words;
	double oldest_age;
};

static void fake_init(struct fake *f, const struct nv_profile *prof, int units,
    bool parallel)
{
	memset(f, 0, sizeof(*f));
	f->prof = prof;
	f->t = 100.0;
	f->st_blk = nv_profile_block_index(prof, NV_BLK_STATUS);
	f->al_blk = nv_profile_block_index(prof, NV_BLK_ALARM);
	f->alarm_unit = -1;
	nv_sched_init(&f->s, prof, units, (1u << units) - 1, parallel, INTERVAL_S, f->t);
}

static double fast_read_s(const struct fake *f)
{
	int s = f->prof->blocks[f->st_blk].count, a = f->prof->blocks[f->al_blk].count;

	return f->prof->plan->status_alarm_together ? wire_s(s + a) : wire_s(s) + wire_s(a);
}

/* The synthesis bit "unit k in alarm" in unit 1's words follows the fake alarm. */
static void render_synthesis(struct fake *f, double at)
{
	const struct nv_synth_row *row = &f->prof->plan->synth[0];
	int k = f->alarm_unit;

	if (row->src == NV_SRC_END)
		return;
	memset(f->unit1.w[f->al_blk], 0, sizeof(f->unit1.w[f->al_blk]));
	if (k > 0 && at >= f->alarm_at) {
		int n = row->first + k;

		f->unit1.w[f->al_blk][n / 16] |= (uint16_t)(1u << (n % 16));
	}
}

/* One step through the fake link; false when the pass is over. */
static bool fake_step(struct fake *f)
{
	struct nv_step st = nv_sched_next(&f->s, f->t);
	double start = f->t;

	switch (st.kind) {
	case NV_STEP_WAIT:
		return false;
	case NV_STEP_UNIT_ALARMS:
	case NV_STEP_HEAD:
	case NV_STEP_UNIT:
		f->t += st.kind == NV_STEP_UNIT_ALARMS ?
		    wire_s(f->prof->blocks[f->al_blk].count) : fast_read_s(f);
		if (st.kind == NV_STEP_HEAD && st.unit == 0) {
			f->other_reads_since_head = 0;
			render_synthesis(f, start);
			nv_sched_synthesis(&f->s, &f->unit1);
		} else if (st.kind != NV_STEP_HEAD) {
			f->other_reads_since_head++;
			nv_sched_done(&f->s, &st, true, start, f->t);
		}
		if (st.unit == f->alarm_unit && start >= f->alarm_at && f->seen_at == 0)
			f->seen_at = f->t;
		break;
	case NV_STEP_PIECE:
		if (st.count > f->max_words)
			f->max_words = st.count;
		f->t += wire_s(st.count);
		f->other_reads_since_head++;
		nv_sched_done(&f->s, &st, true, start, f->t);
		break;
	case NV_STEP_REMOTE:
		f->t += wire_s(4);
		f->other_reads_since_head++;
		nv_sched_done(&f->s, &st, true, start, f->t);
		break;
	}
	if (f->other_reads_since_head > f->max_other_between_heads)
		f->max_other_between_heads = f->other_reads_since_head;
	if (f->t - nv_sched_oldest_meas(&f->s) > f->oldest_age)
		f->oldest_age = f->t - nv_sched_oldest_meas(&f->s);
	return true;
}

static void fake_run(struct fake *f, double seconds)
{
	double end = f->t + seconds;

	while (f->t < end) {
		nv_sched_new_pass(&f->s);
		while (fake_step(f))
			;
		f->t += 0.001;          /* the loop's own time between passes */
	}
}

/* Worst wait from an alarm on a random unit at a random time to its unit's read. */
static double worst_alarm_wait(const struct nv_profile *prof, int units, bool parallel)
{
	struct fake f;
	unsigned rng = 12345;
	double worst = 0;

	fake_init(&f, prof, units, parallel);
	fake_run(&f, 5);
	for (int i = 0; i < 300; i++) {
		rng = rng * 1103515245u + 12345u;
		f.alarm_unit = (int)((rng >> 8) % (unsigned)units);
		f.alarm_at = f.t + (double)((rng >> 4) % 1000) / 1000.0;
		f.seen_at = 0;
		while (f.seen_at == 0)
			fake_run(&f, 0.01);
		if (f.seen_at - f.alarm_at > worst)
			worst = f.seen_at - f.alarm_at;
		f.alarm_unit = -1;
		fake_run(&f, 0.3);
	}
	return worst;
}

START_TEST(a_unit_flagged_by_the_synthesis_is_read_right_after_it)
{
	struct fake f;
	struct nv_step st;
	int n = 96 + 6;

	fake_init(&f, &nv_profile_vumap, 10, true);
	f.unit1.w[f.st_blk][6] = 0x03FF;        /* units 1..10 operating */
	fake_run(&f, 3);
	/* unit 7 in alarm */
	nv_sched_new_pass(&f.s);
	st = nv_sched_next(&f.s, f.t);
	ck_assert_int_eq(st.kind, NV_STEP_HEAD);
	ck_assert_int_eq(st.unit, 0);
	f.unit1.w[f.al_blk][n / 16] |= (uint16_t)(1u << (n % 16));
	nv_sched_synthesis(&f.s, &f.unit1);
	st = nv_sched_next(&f.s, f.t);
	ck_assert_int_eq(st.kind, NV_STEP_UNIT_ALARMS);
	ck_assert_int_eq(st.unit, 6);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_WAIT);
	/* and again when it clears, not in between */
	nv_sched_new_pass(&f.s);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_HEAD);
	nv_sched_synthesis(&f.s, &f.unit1);
	st = nv_sched_next(&f.s, f.t);
	ck_assert_int_ne(st.kind, NV_STEP_UNIT_ALARMS);
	nv_sched_new_pass(&f.s);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_HEAD);
	f.unit1.w[f.al_blk][n / 16] = 0;
	nv_sched_synthesis(&f.s, &f.unit1);
	st = nv_sched_next(&f.s, f.t);
	ck_assert_int_eq(st.kind, NV_STEP_UNIT_ALARMS);
	ck_assert_int_eq(st.unit, 6);
	/* a unit that stops operating: its status too */
	nv_sched_new_pass(&f.s);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_HEAD);
	f.unit1.w[f.st_blk][6] &= (uint16_t)~(1u << 3);        /* S099: unit 4 */
	nv_sched_synthesis(&f.s, &f.unit1);
	st = nv_sched_next(&f.s, f.t);
	ck_assert_int_eq(st.kind, NV_STEP_UNIT);
	ck_assert_int_eq(st.unit, 3);
}
END_TEST

START_TEST(the_head_is_unit_1_alone_with_a_synthesis_every_unit_without)
{
	struct fake f;

	fake_init(&f, &nv_profile_vumap, 4, false);     /* a modular system */
	nv_sched_new_pass(&f.s);
	for (int k = 0; k < 4; k++) {
		struct nv_step st = nv_sched_next(&f.s, f.t);

		ck_assert_int_eq(st.kind, NV_STEP_HEAD);
		ck_assert_int_eq(st.unit, k);
	}
	ck_assert(nv_sched_next(&f.s, f.t).kind != NV_STEP_HEAD);
	fake_init(&f, &nv_profile_vumap, 4, true);      /* a parallel system */
	nv_sched_new_pass(&f.s);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_HEAD);
	ck_assert(nv_sched_next(&f.s, f.t).kind != NV_STEP_HEAD);
}
END_TEST

/* Without unit 1, the other units are read every pass. */
START_TEST(without_unit_1_every_unit_is_read)
{
	struct fake f;

	fake_init(&f, &nv_profile_vumap, 3, true);
	nv_sched_new_pass(&f.s);
	ck_assert_int_eq(nv_sched_next(&f.s, f.t).kind, NV_STEP_HEAD);
	nv_sched_without_synthesis(&f.s);
	nv_sched_new_pass(&f.s);
	for (int k = 0; k < 3; k++) {
		struct nv_step st = nv_sched_next(&f.s, f.t);

		ck_assert_int_eq(st.kind, NV_STEP_HEAD);
		ck_assert_int_eq(st.unit, k);
	}
}
END_TEST

/* Between two synthesis reads at most one other read, never longer than the plan's piece. */
START_TEST(one_read_between_two_heads)
{
	struct fake f;

	fake_init(&f, &nv_profile_vumap, 10, true);
	fake_run(&f, 30);
	ck_assert_int_eq(f.max_other_between_heads, 1);
	ck_assert_int_eq(f.max_words, 40);
	fake_init(&f, &nv_profile_jbusp, 1, false);
	fake_run(&f, 30);
	ck_assert_int_eq(f.max_other_between_heads, 1);
	ck_assert_int_eq(f.max_words, 16);
}
END_TEST

/*
 * The wait does not grow with the number of units: at most the head under
 * way, a piece, the next head and the unit's alarm words (VU-MAP, 10
 * units: 64 + 114 + 64 + 47 ms at 9600 baud; 1 unit: 64 + 64 + 64).
 */
START_TEST(alarm_wait_does_not_grow_with_the_units)
{
	double one = worst_alarm_wait(&nv_profile_vumap, 1, false);
	double four = worst_alarm_wait(&nv_profile_vumap, 4, true);
	double ten = worst_alarm_wait(&nv_profile_vumap, 10, true);
	double jb1 = worst_alarm_wait(&nv_profile_jbusp, 1, false);
	double jb6 = worst_alarm_wait(&nv_profile_jbusp, 6, true);
	double b1 = 3 * wire_s(16) + 0.002, b10 = 2 * wire_s(16) + wire_s(40) + wire_s(8) + 0.002;
	double j1 = 4 * wire_s(4) + wire_s(16) + 0.002, j6 = 5 * wire_s(4) + wire_s(24) + 0.002;

	ck_assert_msg(one <= b1, "1 unit: %.0f ms > %.0f", one * 1e3, b1 * 1e3);
	ck_assert_msg(four <= b10, "4 units: %.0f ms > %.0f", four * 1e3, b10 * 1e3);
	ck_assert_msg(ten <= b10, "10 units: %.0f ms > %.0f", ten * 1e3, b10 * 1e3);
	ck_assert_msg(jb1 <= j1, "JBUSP 1 unit: %.0f ms > %.0f", jb1 * 1e3, j1 * 1e3);
	ck_assert_msg(jb6 <= j6, "JBUSP 6 units: %.0f ms > %.0f", jb6 * 1e3, j6 * 1e3);
}
END_TEST

/*
 * A modular system sums up only its own modules, not the other units: each
 * head reads every unit, and an alarm waits at most the head under way, a
 * piece and the next head up to its unit, (n + 1) status and alarm reads
 * and a piece (nvagentd(8), POLLING) — one read more per unit, none per
 * module.
 */
START_TEST(a_modular_system_waits_one_read_more_per_unit)
{
	double two = worst_alarm_wait(&nv_profile_vumap, 2, false);
	double four = worst_alarm_wait(&nv_profile_vumap, 4, false);
	double b2 = 3 * wire_s(16) + wire_s(27) + 0.002;
	double b4 = 5 * wire_s(16) + wire_s(27) + 0.002;

	ck_assert_msg(two <= b2, "2 units: %.0f ms > %.0f", two * 1e3, b2 * 1e3);
	ck_assert_msg(four <= b4, "4 units: %.0f ms > %.0f", four * 1e3, b4 * 1e3);
	/* and the random alarms did meet the worst phase: within 5 % of it */
	ck_assert_msg(four >= 0.95 * (b4 - 0.002), "4 units: %.0f ms, bound %.0f",
	    four * 1e3, b4 * 1e3);
}
END_TEST

/* Freshness: the oldest measurement, at a 2 s poll interval. */
START_TEST(measurements_stay_fresh)
{
	struct fake f;

	fake_init(&f, &nv_profile_vumap, 1, false);
	fake_run(&f, 60);
	ck_assert_msg(f.oldest_age <= INTERVAL_S, "1 unit: %.2f s", f.oldest_age);
	fake_init(&f, &nv_profile_jbusp, 1, false);
	fake_run(&f, 60);
	ck_assert_msg(f.oldest_age <= INTERVAL_S, "JBUSP 1 unit: %.2f s", f.oldest_age);
	fake_init(&f, &nv_profile_vumap, 10, true);
	fake_run(&f, 60);
	ck_assert_msg(f.oldest_age <= 6, "10 units: %.2f s", f.oldest_age);
	fake_init(&f, &nv_profile_vumap, 4, false);     /* modular system */
	fake_run(&f, 60);
	ck_assert_msg(f.oldest_age <= 6, "4-unit modular system: %.2f s", f.oldest_age);
	fake_init(&f, &nv_profile_jbusp, 6, true);
	fake_run(&f, 60);
	ck_assert_msg(f.oldest_age <= 6, "JBUSP 6 units: %.2f s", f.oldest_age);
}
END_TEST

/* A failed piece leaves its block as old as it was. */
START_TEST(a_failed_piece_does_not_refresh_its_block)
{
	struct fake f;
	struct nv_step st;
	double before;
	int n = 0;

	fake_init(&f, &nv_profile_vumap, 1, false);
	before = nv_sched_oldest_meas(&f.s);
	f.t += INTERVAL_S;
	nv_sched_new_pass(&f.s);
	while ((st = nv_sched_next(&f.s, f.t)).kind != NV_STEP_PIECE) {
		ck_assert_int_ne(st.kind, NV_STEP_WAIT);
		ck_assert_int_lt(++n, 10);
	}
	ck_assert_int_eq(st.first, 0);
	ck_assert(!nv_sched_done(&f.s, &st, false, f.t, f.t + 0.1));
	nv_sched_new_pass(&f.s);
	while ((st = nv_sched_next(&f.s, f.t)).kind != NV_STEP_PIECE)
		ck_assert_int_ne(st.kind, NV_STEP_WAIT);
	ck_assert_int_eq(st.first, 16);
	ck_assert(!nv_sched_done(&f.s, &st, true, f.t, f.t + 0.1));
	ck_assert(nv_sched_oldest_meas(&f.s) == before);
}
END_TEST

START_TEST(blocks_are_cut_into_equal_pieces)
{
	int n;

	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_vumap, 10, 5, &n), 40);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_vumap, 3, 5, &n), 27);
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_vumap, 1, 5, &n), 16);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_jbusp, 2, 4, &n), 24);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_sts, 1, 4, &n), 16);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(nv_sched_piece_words(&nv_profile_vumap, 10, 0, &n), 15);
	ck_assert_int_eq(n, 1);
}
END_TEST

static Suite *poll_plan_suite(void)
{
	Suite *s = suite_create("poll_plan");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, a_unit_flagged_by_the_synthesis_is_read_right_after_it);
	tcase_add_test(tc, the_head_is_unit_1_alone_with_a_synthesis_every_unit_without);
	tcase_add_test(tc, one_read_between_two_heads);
	tcase_add_test(tc, without_unit_1_every_unit_is_read);
	tcase_add_test(tc, alarm_wait_does_not_grow_with_the_units);
	tcase_add_test(tc, a_modular_system_waits_one_read_more_per_unit);
	tcase_add_test(tc, measurements_stay_fresh);
	tcase_add_test(tc, a_failed_piece_does_not_refresh_its_block);
	tcase_add_test(tc, blocks_are_cut_into_equal_pieces);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { poll_plan_suite, NULL };
