/*
 * test_shutdown_schedule.c — the shutdown sequence's clock events on a
 * clock of the test's own: weekly-schedule and special-day start on their
 * second, on their day only; and the schedule syntax with seconds.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <confuse.h>

#include "check_main.h"
#include "config_shutdown.h"
#include "shutdown_seq_fixture.h"

/* Start time `ahead` s after WALL0 (a Thursday, 00:00:00 UTC). */
static void schedule(enum nv_sd_event e, int ahead)
{
	struct nv_sd_when *w = &F.cfg.ev[e].when[0];

	memset(w, 0, sizeof(*w));
	w->wday = 4;
	w->year = 2026;
	w->month = 1;
	w->mday = 1;
	w->minute = ahead / 60;
	w->second = ahead % 60;
	F.cfg.ev[e].n_when = 1;
}

START_TEST(weekly_schedule_starts_on_its_second)
{
	event(NV_SDE_WEEKLY_SCHEDULE, NV_SDA_SHUTDOWN, 30, 0, 10);
	schedule(NV_SDE_WEEKLY_SCHEDULE, 75);   /* "thu 00:01:15" */
	run_until(74900);
	ck_assert_int_eq(F.n, 0);
	run_until(300000);
	ck_assert_uint_eq(nth('W', 0)->at, 75000);
	ck_assert_str_eq(nth('W', 0)->event, "weekly-schedule");
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 105000);
	/* the schedule holds period + 120 s, then the sequence is over */
	ck_assert_int_eq(count('C'), 0);
	ck_assert_int_eq(F.q.phase, NV_SDQ_IDLE);
}
END_TEST

START_TEST(weekly_schedule_ignores_the_other_days)
{
	event(NV_SDE_WEEKLY_SCHEDULE, NV_SDA_SHUTDOWN, 30, 0, 10);
	schedule(NV_SDE_WEEKLY_SCHEDULE, 75);
	F.cfg.ev[NV_SDE_WEEKLY_SCHEDULE].when[0].wday = 5;     /* friday */
	run_until(200000);
	ck_assert_int_eq(F.n, 0);
}
END_TEST

START_TEST(special_day_starts_on_its_second_and_runs_without_comm)
{
	event(NV_SDE_SPECIAL_DAY, NV_SDA_SHUTDOWN, 20, 5, 10);
	schedule(NV_SDE_SPECIAL_DAY, 42);       /* "2026-01-01 00:00:42" */
	F.comm_ok = false;                      /* a clock event needs no UPS */
	run_until(46900);
	ck_assert_int_eq(F.n, 0);
	run_until(100000);
	ck_assert_uint_eq(nth('W', 0)->at, 47000);
	ck_assert_str_eq(nth('W', 0)->event, "special-day");
	ck_assert_uint_eq(nth('S', 0)->at, 62000);
	/* the same date a year later is another day */
	setup();
	event(NV_SDE_SPECIAL_DAY, NV_SDA_SHUTDOWN, 20, 5, 10);
	schedule(NV_SDE_SPECIAL_DAY, 42);
	F.cfg.ev[NV_SDE_SPECIAL_DAY].when[0].year = 2027;
	run_until(100000);
	ck_assert_int_eq(F.n, 0);
}
END_TEST

/* ---- the schedule syntax ------------------------------------------------ */

static int parse_at(const char *ev, const char *at, struct nv_shutdown_cfg *c,
    char *err, size_t errlen)
{
	char text[512];
	cfg_t *cfg = cfg_init(nv_config_shutdown_opts(), CFGF_NONE);
	int rc;

	ck_assert_ptr_nonnull(cfg);
	snprintf(text, sizeof(text), "shutdown { secret-file = \"/k\"  event %s { "
	    "action = shutdown  at = {\"%s\"} } }", ev, at);
	cfg_set_error_function(cfg, NULL);
	rc = cfg_parse_buf(cfg, text) == CFG_SUCCESS ?
	    nv_config_shutdown_store(cfg, "t.conf", c, err, errlen) : -2;
	cfg_free(cfg);
	return rc;
}

START_TEST(schedule_times_take_optional_seconds)
{
	struct nv_shutdown_cfg c;
	char err[256] = "";
	static const char *const bad[] = {
		"mon 22:00:60", "mon 22:00:", "mon 22:00:5x", "mon 22:00:-1",
		"mon 24:00", "mon 22", "xyz 10:00", "mon 22:00 extra",
	};

	ck_assert_int_eq(parse_at("weekly-schedule", "sat 22:05:30", &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ev[NV_SDE_WEEKLY_SCHEDULE].when[0].wday, 6);
	ck_assert_int_eq(c.ev[NV_SDE_WEEKLY_SCHEDULE].when[0].minute, 22 * 60 + 5);
	ck_assert_int_eq(c.ev[NV_SDE_WEEKLY_SCHEDULE].when[0].second, 30);
	ck_assert_int_eq(parse_at("weekly-schedule", "mon 07:45", &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ev[NV_SDE_WEEKLY_SCHEDULE].when[0].second, 0);
	ck_assert_int_eq(parse_at("special-day", "2026-12-24 18:00:09", &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.ev[NV_SDE_SPECIAL_DAY].when[0].mday, 24);
	ck_assert_int_eq(c.ev[NV_SDE_SPECIAL_DAY].when[0].second, 9);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		ck_assert_msg(parse_at("weekly-schedule", bad[i], &c, err, sizeof(err)) == -1,
		    "'%s' accepted", bad[i]);
		ck_assert_msg(strstr(err, "HH:MM[:SS]") != NULL, "'%s': %s", bad[i], err);
	}
	ck_assert_int_eq(parse_at("special-day", "2026-12-24 18:00:61", &c, err, sizeof(err)), -1);
}
END_TEST

static Suite *shutdown_schedule_suite(void)
{
	Suite *s = suite_create("shutdown_schedule");
	TCase *tc = tcase_create("schedule");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, weekly_schedule_starts_on_its_second);
	tcase_add_test(tc, weekly_schedule_ignores_the_other_days);
	tcase_add_test(tc, special_day_starts_on_its_second_and_runs_without_comm);
	tcase_add_test(tc, schedule_times_take_optional_seconds);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { shutdown_schedule_suite, NULL };
