/*
 * test_ups_countdown.c — RFC 1628 upsControl over the UPS's one delayed
 * off / restart order: what each SET asks the UPS for, the countdowns as
 * read, and the values refused (clock injected).
 */
#include <check.h>

#include "check_main.h"
#include "ups_countdown.h"

static const struct nv_cd_limits jbusp = { 20, 600, 9999 };
static const struct nv_cd_device mains_on = { false, false };
static const struct nv_cd_device on_battery = { false, true };

static enum nv_cd_err plan(const struct nv_countdown *c, double now,
    const struct nv_cd_device *dev, struct nv_cd_set *s, struct nv_cd_plan *p)
{
	const char *why;
	enum nv_cd_err e = nv_cd_plan(c, now, &jbusp, dev, s, p, &why);

	ck_assert(e == NV_CD_OK || why != NULL);
	return e;
}

START_TEST(shutdown_after_delay_orders_the_off_and_reads_the_countdown)
{
	struct nv_countdown c;
	struct nv_cd_set s;
	struct nv_cd_plan p;

	nv_cd_init(&c);
	ck_assert_int_eq(nv_cd_off_in(&c, 100), -1);
	nv_cd_set_init(&s);
	s.shutdown = 60;
	ck_assert_int_eq(plan(&c, 100, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_ORDER);
	ck_assert_int_eq(p.delay_s, 60);
	ck_assert_int_eq(p.restart_min, 0);     /* mains present: stays off */
	nv_cd_taken(&c, 100, p.delay_s, p.restart_min, p.reboot);
	ck_assert_int_eq(nv_cd_off_in(&c, 100), 60);
	ck_assert_int_eq(nv_cd_off_in(&c, 130.5), 30);
	ck_assert_int_eq(nv_cd_off_in(&c, 161), -1);
	ck_assert_int_eq(nv_cd_start_in(&c, 130), -1);
	/* -1 aborts the countdown still running */
	s.shutdown = -1;
	ck_assert_int_eq(plan(&c, 130, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_CANCEL);
	nv_cd_cancelled(&c);
	ck_assert_int_eq(nv_cd_off_in(&c, 130), -1);
	ck_assert_int_eq(plan(&c, 131, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_NOTHING);
}
END_TEST

START_TEST(zero_is_the_ups_shortest_delay_and_auto_restart_on_battery)
{
	struct nv_countdown c;
	struct nv_cd_set s;
	struct nv_cd_plan p;

	nv_cd_init(&c);
	nv_cd_set_init(&s);
	s.shutdown = 0;
	ck_assert_int_eq(plan(&c, 0, &on_battery, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.delay_s, 20);
	ck_assert_int_eq(p.restart_min, 1);     /* upsAutoRestart on, power loss */
	s.auto_restart = 2;
	ck_assert_int_eq(plan(&c, 0, &on_battery, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.restart_min, 0);
	ck_assert_int_eq(p.auto_restart, 0);
	nv_cd_apply(&c, &p);
	ck_assert(!c.auto_restart);
}
END_TEST

START_TEST(startup_first_then_shutdown_is_nut_shutdown_return)
{
	struct nv_countdown c;
	struct nv_cd_set s;
	struct nv_cd_plan p;

	nv_cd_init(&c);
	nv_cd_set_init(&s);
	s.startup = 150;        /* output on: kept until a shut-off uses it */
	ck_assert_int_eq(plan(&c, 10, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_NOTHING);
	nv_cd_apply(&c, &p);
	ck_assert_int_eq(nv_cd_start_in(&c, 10), 150);
	nv_cd_set_init(&s);
	s.shutdown = 20;
	ck_assert_int_eq(plan(&c, 12, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_ORDER);
	ck_assert_int_eq(p.delay_s, 20);
	ck_assert_int_eq(p.restart_min, 3);     /* 160 - 32 = 128 s: whole minutes up */
	nv_cd_apply(&c, &p);
	nv_cd_taken(&c, 12, p.delay_s, p.restart_min, p.reboot);
	ck_assert_int_eq(nv_cd_start_in(&c, 12), 200);
	ck_assert_int_eq(nv_cd_reboot_in(&c, 12), -1);
	/* the startup moved while the off is ahead: a new order */
	nv_cd_set_init(&s);
	s.startup = 400;
	ck_assert_int_eq(plan(&c, 22, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_ORDER);
	ck_assert_int_eq(p.delay_s, 20);        /* 10 s left, the UPS's shortest is 20 */
	ck_assert_int_eq(p.restart_min, 7);     /* (400 - 10) / 60 up */
	/* -1 keeps the off, drops the restart */
	s.startup = -1;
	ck_assert_int_eq(plan(&c, 22, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_ORDER);
	ck_assert_int_eq(p.restart_min, 0);
}
END_TEST

START_TEST(reboot_with_duration_is_an_off_and_a_restart)
{
	struct nv_countdown c;
	struct nv_cd_set s;
	struct nv_cd_plan p;

	nv_cd_init(&c);
	nv_cd_set_init(&s);
	s.reboot = 90;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_ORDER);
	ck_assert_int_eq(p.delay_s, 20);
	ck_assert_int_eq(p.restart_min, 2);
	ck_assert(p.reboot);
	nv_cd_taken(&c, 0, p.delay_s, p.restart_min, p.reboot);
	ck_assert_int_eq(nv_cd_reboot_in(&c, 0), 140);
	ck_assert_int_eq(nv_cd_reboot_in(&c, 141), -1);
	s.reboot = -1;
	ck_assert_int_eq(plan(&c, 30, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_CANCEL);
}
END_TEST

START_TEST(values_the_ups_cannot_take_are_refused)
{
	struct nv_countdown c;
	struct nv_cd_set s;
	struct nv_cd_plan p;

	nv_cd_init(&c);
	nv_cd_set_init(&s);
	s.shutdown = 601;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	s.shutdown = -2;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	nv_cd_set_init(&s);
	s.reboot = 301;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	nv_cd_set_init(&s);
	s.type = 2;             /* system: the UPS turns off its output only */
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	s.type = 1;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_OK);
	ck_assert_int_eq(p.what, NV_CD_NOTHING);
	nv_cd_set_init(&s);
	s.auto_restart = 3;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	nv_cd_set_init(&s);
	s.startup = 10LL * 60 * 10000;
	ck_assert_int_eq(plan(&c, 0, &mains_on, &s, &p), NV_CD_WRONG_VALUE);
	/* the output is off: no register starts it on its own */
	s.startup = 30;
	ck_assert_int_eq(plan(&c, 0, &(struct nv_cd_device){ true, false }, &s, &p),
	    NV_CD_INCONSISTENT);
}
END_TEST

static Suite *countdown_suite(void)
{
	Suite *s = suite_create("ups_countdown");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, shutdown_after_delay_orders_the_off_and_reads_the_countdown);
	tcase_add_test(tc, zero_is_the_ups_shortest_delay_and_auto_restart_on_battery);
	tcase_add_test(tc, startup_first_then_shutdown_is_nut_shutdown_return);
	tcase_add_test(tc, reboot_with_duration_is_an_off_and_a_restart);
	tcase_add_test(tc, values_the_ups_cannot_take_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { countdown_suite, NULL };
