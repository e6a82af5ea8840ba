/*
 * test_shutdown_seq.c — the shutdown sequence on a clock of the test's
 * own (no sockets, no sleeping): the first warning at first-warning, then
 * one every warning-interval, the request at the end of the warning
 * period; an event that ends in time cancels; battery-level only counts
 * on battery; with several events the earliest deadline wins and a later
 * one does not restart the countdown; the UPS shut-off waits for the
 * slowest client; a communication loss freezes the events; Wake-on-LAN
 * only after an AC-failure shutdown, once mains and output are back; the
 * shutdown test.  The clock events are in test_shutdown_schedule.c.
 */
#include <check.h>

#include "check_main.h"
#include "shutdown_seq_fixture.h"

START_TEST(warnings_at_first_warning_and_interval_then_request)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 60, 10, 20);
	run_until(5000);
	mains(false);                   /* t = 5 s */
	run_until(14900);
	ck_assert_int_eq(count('W'), 0);
	ck_assert_int_eq(F.state, NV_SD_IDLE);  /* silent before the first warning */
	run_until(15000);
	ck_assert_int_eq(count('W'), 1);
	ck_assert_int_eq(F.state, NV_SD_WARNING_ON);
	ck_assert(F.deadline == WALL0 + 65);
	run_until(200000);
	/* warnings at +10, +30, +50 s with the seconds left, request at +60 s */
	ck_assert_int_eq(count('W'), 3);
	ck_assert_uint_eq(nth('W', 0)->at, 15000);
	ck_assert_int_eq(nth('W', 0)->a, 50);
	ck_assert_uint_eq(nth('W', 1)->at, 35000);
	ck_assert_int_eq(nth('W', 1)->a, 30);
	ck_assert_uint_eq(nth('W', 2)->at, 55000);
	ck_assert_int_eq(nth('W', 2)->a, 10);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 65000);
	ck_assert_str_eq(nth('S', 0)->event, "on-battery");
	ck_assert_int_eq(nth('S', 0)->flags, 0);
	ck_assert_int_eq(count('C'), 0);
	ck_assert_int_eq(count('U'), 0);        /* ups-shutoff is off by default */
	ck_assert_int_eq(F.state, NV_SD_SHUTDOWN_ON);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_WARNING], 1);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_REQUEST], 1);
}
END_TEST

START_TEST(event_ending_inside_the_period_cancels)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 60, 10, 20);
	mains(false);
	run_until(25000);
	ck_assert_int_eq(count('W'), 1);
	mains(true);
	run_until(25100);
	ck_assert_int_eq(count('C'), 1);
	ck_assert_uint_eq(nth('C', 0)->at, 25000);      /* the next turn */
	ck_assert_int_eq(F.state, NV_SD_IDLE);
	run_until(200000);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(count('W'), 1);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_CANCELLED], 1);
	/* a new failure starts a new, full countdown */
	mains(false);
	run_until(300000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 200000 + 60000);
	ck_assert_uint_eq(nth('W', 1)->at, 200000 + 10000);
}
END_TEST

START_TEST(warning_only_event_never_requests_a_shutdown)
{
	event(NV_SDE_OVERLOAD, NV_SDA_WARNING, 60, 5, 30);
	nv_cond_set(&F.sys, NV_C_OVERLOAD, true);
	run_until(100000);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(count('W'), 4);        /* 5, 35, 65, 95 s */
	ck_assert_int_eq(nth('W', 0)->a, -1);   /* no deadline to announce */
	nv_cond_set(&F.sys, NV_C_OVERLOAD, false);
	run_until(101000);
	ck_assert_int_eq(count('C'), 1);
}
END_TEST

START_TEST(battery_level_counts_only_on_battery)
{
	event(NV_SDE_BATTERY_LEVEL, NV_SDA_SHUTDOWN, 30, 0, 10);
	F.cfg.ev[NV_SDE_BATTERY_LEVEL].level = 40;
	F.sys.ups.batt_charge = 20;     /* recharging after an outage */
	run_until(100000);
	ck_assert_int_eq(F.n, 0);
	mains(false);
	run_until(110000);
	ck_assert_int_ge(count('W'), 1);
	ck_assert_str_eq(nth('W', 0)->event, "battery-level");
	ck_assert_uint_eq(nth('W', 0)->at, 100000);
	/* above the level again: the event ends and the sequence is cancelled */
	F.sys.ups.batt_charge = 45;
	run_until(111000);
	ck_assert_int_eq(count('C'), 1);
	/* an unknown charge is not "below" */
	F.sys.ups.batt_charge = NV_NA;
	run_until(200000);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(count('C'), 1);
}
END_TEST

START_TEST(earliest_deadline_wins_and_later_event_does_not_restart)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 60, 10, 20);
	event(NV_SDE_OVERLOAD, NV_SDA_SHUTDOWN, 120, 0, 5);
	mains(false);
	run_until(30000);
	nv_cond_set(&F.sys, NV_C_OVERLOAD, true);       /* deadline 150 s: later */
	run_until(200000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 60000);
	ck_assert_str_eq(nth('S', 0)->event, "on-battery");
	/* the cadence of on-battery went on: 10, 30, 50 s */
	ck_assert_int_eq(count('W'), 3);
	ck_assert_uint_eq(nth('W', 2)->at, 50000);
}
END_TEST

START_TEST(event_with_earlier_deadline_takes_the_lead)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 300, 10, 20);
	event(NV_SDE_BATTERY_LOW, NV_SDA_SHUTDOWN, 30, 0, 10);
	mains(false);
	run_until(40000);
	nv_cond_set(&F.sys, NV_C_BATTERY_LOW, true);    /* deadline 70 s < 300 s */
	run_until(400000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 70000);
	ck_assert_str_eq(nth('S', 0)->event, "battery-low");
	/* no fresh first warning: the running cadence (10, 30, 50 s) goes on */
	ck_assert_uint_eq(nth('W', 2)->at, 50000);
	ck_assert_str_eq(nth('W', 2)->event, "battery-low");
	ck_assert_int_eq(nth('W', 2)->a, 20);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_WARNING], 1);
}
END_TEST

START_TEST(ups_shutoff_waits_for_the_slowest_client)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 10, 0, 5);
	F.cfg.ups_shutoff = true;
	F.cfg.ups_shutoff_delay_s = 120;
	F.cfg.ups_restart_delay_min = 3;
	F.longest = 300;
	mains(false);
	run_until(20000);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_int_eq(nth('U', 0)->a, 300);
	ck_assert_int_eq(nth('U', 0)->b, 3);
	ck_assert_uint_eq(nth('U', 0)->at, nth('S', 0)->at);
	/* clients faster than the delay: the configured delay */
	setup();
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 10, 0, 5);
	F.cfg.ups_shutoff = true;
	F.cfg.ups_shutoff_delay_s = 120;
	F.longest = 60;
	mains(false);
	run_until(20000);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_int_eq(nth('U', 0)->a, 120);
}
END_TEST

START_TEST(client_announcing_too_long_cannot_cancel_the_ups_shutoff)
{
	/* 15 min announced, the device takes 20..600 s: its maximum */
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 10, 0, 5);
	F.cfg.ups_shutoff = true;
	F.cfg.ups_shutoff_delay_s = 120;
	F.device_max = 600;
	F.longest = 900;
	mains(false);
	run_until(20000);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_int_eq(nth('U', 0)->a, 600);
	/* with max-client-duration declared, no client stretches past it */
	setup();
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 10, 0, 5);
	F.cfg.ups_shutoff = true;
	F.cfg.ups_shutoff_delay_s = 300;
	F.cfg.max_client_duration_s = 240;
	F.device_max = 600;
	F.longest = 900;
	mains(false);
	run_until(20000);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_int_eq(nth('U', 0)->a, 300);
}
END_TEST

START_TEST(comm_loss_neither_starts_nor_cancels)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 60, 10, 20);
	F.comm_ok = false;
	mains(false);           /* stale data: not believed */
	run_until(100000);
	ck_assert_int_eq(F.n, 0);
	F.comm_ok = true;
	run_until(115000);
	ck_assert_int_eq(count('W'), 1);
	ck_assert_uint_eq(nth('W', 0)->at, 110000);
	/* cable out, then the stale snapshot says mains is back: no cancel,
	 * the countdown runs out */
	F.comm_ok = false;
	mains(true);
	run_until(300000);
	ck_assert_int_eq(count('C'), 0);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 160000);
}
END_TEST

START_TEST(wol_only_after_ac_failure_once_mains_and_output_are_back)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 10, 0, 5);
	mains(false);
	run_until(20000);
	ck_assert_int_eq(count('S'), 1);
	nv_cond_set(&F.sys, NV_C_LOAD_OFF, true);       /* UPS output went off */
	nv_cond_set(&F.sys, NV_C_ON_BATTERY, false);
	run_until(40000);
	ck_assert_int_eq(count('L'), 0);                /* no mains yet */
	nv_cond_set(&F.sys, NV_C_INPUT_PRESENT, true);
	run_until(50000);
	ck_assert_int_eq(count('L'), 0);                /* output still off */
	F.comm_ok = false;
	nv_cond_set(&F.sys, NV_C_LOAD_OFF, false);
	run_until(60000);
	ck_assert_int_eq(count('L'), 0);                /* not on stale data */
	F.comm_ok = true;
	run_until(60100);
	ck_assert_int_eq(count('L'), 1);
	ck_assert_uint_eq(nth('L', 0)->at, 60000);
	run_until(100000);
	ck_assert_int_eq(count('L'), 1);                /* once */
}
END_TEST

START_TEST(no_wol_after_a_shutdown_not_caused_by_ac_failure)
{
	event(NV_SDE_OVERLOAD, NV_SDA_SHUTDOWN, 10, 0, 5);
	nv_cond_set(&F.sys, NV_C_OVERLOAD, true);
	run_until(20000);
	ck_assert_int_eq(count('S'), 1);
	nv_cond_set(&F.sys, NV_C_OVERLOAD, false);
	run_until(60000);
	ck_assert_int_eq(count('L'), 0);
	ck_assert_int_eq(count('C'), 0);        /* after the request: nothing to cancel */
	ck_assert_int_eq(F.q.phase, NV_SDQ_IDLE);
}
END_TEST

START_TEST(shutdown_test_warns_requests_and_cancels_without_consequences)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 20, 5, 10);
	F.cfg.ups_shutoff = true;
	ck_assert(!nv_sd_seq_busy(&F.q));
	nv_sd_seq_test_start(&F.q, F.now, 60);
	ck_assert(nv_sd_seq_busy(&F.q));
	run_until(100000);
	ck_assert_int_eq(count('W'), 2);        /* 5, 15 s */
	ck_assert_int_eq(nth('W', 0)->flags, NV_SD_FLAG_TEST);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 20000);
	ck_assert_int_eq(nth('S', 0)->flags, NV_SD_FLAG_TEST);
	ck_assert_int_eq(count('C'), 1);
	ck_assert_uint_eq(nth('C', 0)->at, 60000);
	ck_assert_int_eq(count('U'), 0);
	ck_assert_int_eq(count('L'), 0);
	ck_assert(!nv_sd_seq_busy(&F.q));
}
END_TEST

START_TEST(next_due_is_the_next_warning_or_the_request)
{
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 25, 10, 20);
	ck_assert(nv_sd_seq_next_due(&F.q) == UINT64_MAX);
	mains(false);
	run_until(0);
	ck_assert(nv_sd_seq_next_due(&F.q) == T0_MS + 10000);
	run_until(10000);
	ck_assert(nv_sd_seq_next_due(&F.q) == T0_MS + 25000);  /* request before 30 s */
}
END_TEST

static Suite *shutdown_seq_suite(void)
{
	Suite *s = suite_create("shutdown_seq");
	TCase *tc = tcase_create("sequence");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, warnings_at_first_warning_and_interval_then_request);
	tcase_add_test(tc, event_ending_inside_the_period_cancels);
	tcase_add_test(tc, warning_only_event_never_requests_a_shutdown);
	tcase_add_test(tc, battery_level_counts_only_on_battery);
	tcase_add_test(tc, earliest_deadline_wins_and_later_event_does_not_restart);
	tcase_add_test(tc, event_with_earlier_deadline_takes_the_lead);
	tcase_add_test(tc, ups_shutoff_waits_for_the_slowest_client);
	tcase_add_test(tc, client_announcing_too_long_cannot_cancel_the_ups_shutoff);
	tcase_add_test(tc, comm_loss_neither_starts_nor_cancels);
	tcase_add_test(tc, wol_only_after_ac_failure_once_mains_and_output_are_back);
	tcase_add_test(tc, no_wol_after_a_shutdown_not_caused_by_ac_failure);
	tcase_add_test(tc, shutdown_test_warns_requests_and_cancels_without_consequences);
	tcase_add_test(tc, next_due_is_the_next_warning_or_the_request);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { shutdown_seq_suite, NULL };

