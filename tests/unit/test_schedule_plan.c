/*
 * test_schedule_plan.c — the scheduler on a clock of the test's own, in
 * a real zone with summer time (Europe/Paris): an action runs once at its
 * time; a time the spring change skips runs at the end of the gap, one
 * the autumn change repeats runs once; a forward jump runs a passed action
 * once within the catch-up and misses older ones; a backward jump repeats
 * nothing, a far one is taken as a correction; "done up to" survives a
 * restart through state-dir.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "schedule_plan.h"
#include "schedule_store.h"

static struct nv_schedule_cfg C;
static int lead_s;

static void paris(void)
{
	setenv("TZ", "Europe/Paris", 1);
	tzset();
	memset(&C, 0, sizeof(C));
	lead_s = 0;
}

/* An instant given in UTC. */
static time_t utc(int y, int m, int d, int h, int mi, int s)
{
	return (time_t)nv_sched_day_number(y, m, d) * 86400 + h * 3600 + mi * 60 + s;
}

static void weekly(int off_wday, int off_sec, int rst_wday, int rst_sec)
{
	C.weekly[C.n_weekly++] = (struct nv_sched_weekly){ { off_wday, off_sec },
	    { rst_wday, rst_sec }, 0 };
}

static void eco(int on_wday, int on_sec, int off_wday, int off_sec)
{
	C.eco[C.n_eco++] = (struct nv_sched_eco){ { on_wday, on_sec }, { off_wday, off_sec }, 0 };
}

static void plan(time_t done, time_t now, struct nv_sched_plan_out *o)
{
	struct nv_sched_plan_in in = { &C, { lead_s, lead_s }, done, now };

	nv_sched_plan(&in, o);
}

/* Walk the clock from FROM to TO by STEP, as the agent's loop would;
 * the actions run, in order, into ran[] (at most max). */
static size_t walk(time_t *done, time_t from, time_t to, int step,
    struct nv_sched_action *ran, size_t max)
{
	size_t n = 0;

	for (time_t t = from; t <= to; t += step) {
		struct nv_sched_plan_out o;

		plan(*done, t, &o);
		for (size_t i = 0; i < o.n_due && n < max; i++)
			ran[n++] = o.due[i];
		*done = o.done_until;
	}
	return n;
}

START_TEST(weekly_off_runs_once_its_lead_before_the_off_time)
{
	struct nv_sched_plan_out o;
	struct nv_sched_action ran[8];
	time_t done = utc(2026, 12, 4, 20, 0, 0);       /* Fri 21:00 CET */
	time_t off = utc(2026, 12, 4, 21, 0, 0);        /* Fri 22:00 CET */

	paris();
	lead_s = 300;
	weekly(5, 22 * 3600, 1, 6 * 3600);              /* fri 22:00, mon 06:00 */
	plan(done, done, &o);
	ck_assert(o.has_next);
	ck_assert_int_eq(o.next.what, NV_SCHA_OFF);
	ck_assert_int_eq(o.next.at, off - 300);
	ck_assert_int_eq(o.next.off, off);
	ck_assert_int_eq(o.next.restart, utc(2026, 12, 7, 5, 0, 0));
	ck_assert_int_eq(walk(&done, done, off - 301, 1, ran, 8), 0);
	ck_assert_int_eq(walk(&done, off - 300, off + 600, 1, ran, 8), 1);
	ck_assert_int_eq(ran[0].at, off - 300);
	/* the restart on Monday, once */
	ck_assert_int_eq(walk(&done, off + 601, utc(2026, 12, 7, 6, 0, 0), 60, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_RESTART);
	ck_assert_int_eq(ran[0].at, utc(2026, 12, 7, 5, 0, 0));
}
END_TEST

START_TEST(spring_forward_runs_a_skipped_time_once_at_the_gap_end)
{
	struct nv_sched_action ran[8];
	time_t done = utc(2026, 3, 28, 22, 0, 0);

	paris();
	eco(0, 2 * 3600 + 30 * 60, 0, 5 * 3600);        /* sun 02:30 (does not exist), 05:00 */
	ck_assert_int_eq(walk(&done, done, utc(2026, 3, 29, 2, 0, 0), 30, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_ECO_ON);
	/* 03:00 CEST, the first instant after the gap */
	ck_assert_int_eq(ran[0].at, utc(2026, 3, 29, 1, 0, 0));
	ck_assert_int_eq(walk(&done, done, utc(2026, 3, 29, 4, 0, 0), 30, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_ECO_OFF);
	ck_assert_int_eq(ran[0].at, utc(2026, 3, 29, 3, 0, 0));        /* 05:00 CEST */
}
END_TEST

START_TEST(fall_back_runs_a_repeated_time_once_at_its_first_occurrence)
{
	struct nv_sched_action ran[8];
	time_t done = utc(2026, 10, 24, 21, 0, 0);

	paris();
	eco(0, 2 * 3600 + 30 * 60, 0, 4 * 3600);        /* sun 02:30 happens twice */
	ck_assert_int_eq(walk(&done, done, utc(2026, 10, 25, 2, 0, 0), 30, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_ECO_ON);
	ck_assert_int_eq(ran[0].at, utc(2026, 10, 25, 0, 30, 0));      /* 02:30 CEST */
	/* 02:30 CET comes an hour later: nothing more until 04:00 CET */
	ck_assert_int_eq(walk(&done, done + 30, utc(2026, 10, 25, 2, 59, 30), 30, ran, 8), 0);
	ck_assert_int_eq(walk(&done, done + 30, utc(2026, 10, 25, 3, 0, 0), 30, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_ECO_OFF);
}
END_TEST

START_TEST(forward_jump_runs_a_passed_action_once_within_the_catch_up)
{
	struct nv_sched_plan_out o;
	time_t before = utc(2026, 12, 4, 20, 0, 0);      /* Fri 21:00 CET */
	time_t off = utc(2026, 12, 4, 21, 0, 0);

	paris();
	weekly(5, 22 * 3600, -1, 0);
	/* 21:00 -> 23:30: the 22:00 shut-off is 90 min old: runs, late */
	plan(before, off + 90 * 60, &o);
	ck_assert_int_eq(o.n_due, 1);
	ck_assert_int_eq(o.due[0].at, off);
	ck_assert_int_eq(o.n_missed, 0);
	plan(o.done_until, o.done_until + 1, &o);
	ck_assert_int_eq(o.n_due, 0);
	/* 21:00 -> 00:30: 150 min old, past the catch-up: missed, not run */
	plan(before, off + 150 * 60, &o);
	ck_assert_int_eq(o.n_due, 0);
	ck_assert_int_eq(o.n_missed, 1);
	ck_assert_int_eq(o.missed[0].at, off);
	/* the agent down for a week: each entry missed, none run */
	plan(before, before + 7 * 86400, &o);
	ck_assert_int_eq(o.n_due, 0);
	ck_assert_int_eq(o.n_missed, 1);
}
END_TEST

START_TEST(backward_jump_never_repeats_an_action_done)
{
	struct nv_sched_plan_out o;
	struct nv_sched_action ran[8];
	time_t off = utc(2026, 12, 4, 21, 0, 0);
	time_t done = off - 60;

	paris();
	weekly(5, 22 * 3600, -1, 0);
	eco(5, 22 * 3600 + 30 * 60, 6, 8 * 3600);        /* fri 22:30 .. sat 08:00 */
	ck_assert_int_eq(walk(&done, done, off + 120, 1, ran, 8), 1);
	/* the clock goes back an hour: nothing runs again ... */
	plan(done, off - 3600, &o);
	ck_assert(o.waiting);
	ck_assert_int_eq(o.done_until, done);
	ck_assert_int_eq(walk(&done, off - 3600, off + 120, 10, ran, 8), 0);
	/* ... and what comes after runs as due */
	ck_assert_int_eq(walk(&done, off + 121, off + 1810, 10, ran, 8), 1);
	ck_assert_int_eq(ran[0].what, NV_SCHA_ECO_ON);
}
END_TEST

START_TEST(a_clock_set_back_days_is_a_correction_and_starts_afresh)
{
	struct nv_sched_plan_out o;
	time_t done = utc(2026, 12, 9, 12, 0, 0);
	time_t now = utc(2026, 12, 4, 20, 0, 0);

	paris();
	weekly(5, 22 * 3600, -1, 0);
	plan(done, now, &o);
	ck_assert(o.rewound);
	ck_assert_int_eq(o.done_until, now);
	ck_assert_int_eq(o.n_due, 0);
	ck_assert(o.has_next);
	ck_assert_int_eq(o.next.at, utc(2026, 12, 4, 21, 0, 0));
}
END_TEST

START_TEST(battery_test_every_two_weeks_and_special_day_restart)
{
	struct nv_sched_action ran[16];
	time_t done = utc(2026, 12, 6, 0, 0, 0);
	size_t n;

	paris();
	C.battery[C.n_battery++] = (struct nv_sched_battery){ { 2026, 12, 7, 3 * 3600 }, 2, 0 };
	C.special[C.n_special++] = (struct nv_sched_special){ { 2026, 12, 24, 18 * 3600 },
	    { 2026, 12, 27, 7 * 3600 }, 0 };
	n = walk(&done, done, utc(2027, 1, 5, 0, 0, 0), 600, ran, 16);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(ran[0].what, NV_SCHA_BATTERY_TEST);
	ck_assert_int_eq(ran[0].at, utc(2026, 12, 7, 2, 0, 0));
	ck_assert_int_eq(ran[1].what, NV_SCHA_BATTERY_TEST);
	ck_assert_int_eq(ran[1].at, utc(2026, 12, 21, 2, 0, 0));
	ck_assert_int_eq(ran[2].what, NV_SCHA_OFF);
	ck_assert_int_eq(ran[2].restart, utc(2026, 12, 27, 6, 0, 0));
	ck_assert_int_eq(ran[3].what, NV_SCHA_RESTART);
	ck_assert_int_eq(ran[4].at, utc(2027, 1, 4, 2, 0, 0));
}
END_TEST

START_TEST(done_up_to_survives_a_restart)
{
	char dir[] = "/tmp/nv-sched-XXXXXX";
	struct nv_sched_plan_out o;
	time_t off = utc(2026, 12, 4, 21, 0, 0), kept = 0;
	char err[256];

	paris();
	weekly(5, 22 * 3600, -1, 0);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(nv_schedule_state_load(dir, &kept), 1);       /* none yet */
	plan(off - 10, off + 5, &o);
	ck_assert_int_eq(o.n_due, 1);
	ck_assert_int_eq(nv_schedule_state_save(dir, o.done_until, err, sizeof(err)), 0);
	/* the agent restarts 20 s later: the shut-off is done */
	ck_assert_int_eq(nv_schedule_state_load(dir, &kept), 0);
	ck_assert_int_eq(kept, off + 5);
	plan(kept, off + 25, &o);
	ck_assert_int_eq(o.n_due, 0);
	/* a restart with the clock 10 min behind: still nothing */
	plan(kept, off - 600, &o);
	ck_assert_int_eq(o.n_due, 0);
	ck_assert(o.waiting);
	snprintf(err, sizeof(err), "%s/%s", dir, NV_SCHEDULE_STATE_FILE);
	ck_assert_int_eq(unlink(err), 0);
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static Suite *plan_suite(void)
{
	Suite *s = suite_create("schedule_plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, weekly_off_runs_once_its_lead_before_the_off_time);
	tcase_add_test(tc, spring_forward_runs_a_skipped_time_once_at_the_gap_end);
	tcase_add_test(tc, fall_back_runs_a_repeated_time_once_at_its_first_occurrence);
	tcase_add_test(tc, forward_jump_runs_a_passed_action_once_within_the_catch_up);
	tcase_add_test(tc, backward_jump_never_repeats_an_action_done);
	tcase_add_test(tc, a_clock_set_back_days_is_a_correction_and_starts_afresh);
	tcase_add_test(tc, battery_test_every_two_weeks_and_special_day_restart);
	tcase_add_test(tc, done_up_to_survives_a_restart);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { plan_suite, NULL };
