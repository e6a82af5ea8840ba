/*
 * test_shutdown_schedule.c — the shutdown sequence's clock events on a
 * clock of the test's own: weekly-schedule and special-day hold only once
 * the schedule says so (schedule.c), warn, request at the end of the
 * warning period, run without the UPS, and shut the UPS off with the
 * restart the schedule asks for, in minutes after the output goes off.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "config_shutdown.h"
#include "shutdown_seq_fixture.h"

/* The schedule starts event E at t0 + ms, restart RESTART_S after WALL0. */
static void scheduled_at(enum nv_sd_event e, uint64_t ms, long restart_s)
{
	run_until(ms);
	nv_sd_seq_schedule(&F.q, e, F.now, restart_s > 0 ? WALL0 + restart_s : 0);
}

START_TEST(weekly_schedule_starts_when_the_schedule_says)
{
	event(NV_SDE_WEEKLY_SCHEDULE, NV_SDA_SHUTDOWN, 30, 0, 10);
	F.cfg.ups_shutoff_delay_s = 60;
	scheduled_at(NV_SDE_WEEKLY_SCHEDULE, 75000, 75 + 30 + 60 + 3600);
	ck_assert_int_eq(F.n, 0);
	run_until(300000);
	ck_assert_uint_eq(nth('W', 0)->at, 75000);
	ck_assert_str_eq(nth('W', 0)->event, "weekly-schedule");
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 105000);
	/* the UPS goes off even without ups-shutoff, and restarts an hour
	 * after its output went off */
	ck_assert_int_eq(count('U'), 1);
	ck_assert_int_eq(nth('U', 0)->a, 60);
	ck_assert_int_eq(nth('U', 0)->b, 60);
	/* the schedule holds period + 120 s, then the sequence is over */
	ck_assert_int_eq(count('C'), 0);
	ck_assert_int_eq(F.q.phase, NV_SDQ_IDLE);
}
END_TEST

START_TEST(a_disabled_schedule_event_does_nothing)
{
	event(NV_SDE_WEEKLY_SCHEDULE, NV_SDA_DISABLED, 30, 0, 10);
	scheduled_at(NV_SDE_WEEKLY_SCHEDULE, 1000, 0);
	run_until(200000);
	ck_assert_int_eq(F.n, 0);
}
END_TEST

START_TEST(special_day_runs_without_comm_and_may_stay_off)
{
	event(NV_SDE_SPECIAL_DAY, NV_SDA_SHUTDOWN, 20, 5, 10);
	F.cfg.ups_shutoff_delay_s = 30;
	F.comm_ok = false;                      /* a clock event needs no UPS */
	scheduled_at(NV_SDE_SPECIAL_DAY, 42000, 0);
	run_until(100000);
	ck_assert_uint_eq(nth('W', 0)->at, 47000);
	ck_assert_str_eq(nth('W', 0)->event, "special-day");
	ck_assert_uint_eq(nth('S', 0)->at, 62000);
	ck_assert_int_eq(nth('U', 0)->b, 0);    /* no restart time: stays off */
}
END_TEST

static Suite *shutdown_schedule_suite(void)
{
	Suite *s = suite_create("shutdown_schedule");
	TCase *tc = tcase_create("schedule");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, weekly_schedule_starts_when_the_schedule_says);
	tcase_add_test(tc, a_disabled_schedule_event_does_nothing);
	tcase_add_test(tc, special_day_runs_without_comm_and_may_stay_off);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { shutdown_schedule_suite, NULL };
