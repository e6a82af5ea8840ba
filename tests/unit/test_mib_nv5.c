/*
 * test_mib_nv5.c — the Net Vision 5/6 branch as NUT's netvision subdriver
 * and Centreon read it: v5 enumerations, 0.1 units, -1 when unmanaged,
 * the on-battery well-known alarm.
 */
#include "check_main.h"
#include "mib_fixture.h"
#include "nv5_values.h"

#define NV5 ".1.3.6.1.4.1.4555.1.1.1.1"

static struct nv_ctx ctx;

static void setup(void)
{
	fx_ctx(&ctx);
}

static void teardown(void)
{
	fx_fini(&ctx);
}

static long get(const char *oid)
{
	return fx_get(&nv_nv5_tree, &ctx, oid);
}

START_TEST(values_nut_reads_are_in_tenths)
{
	struct mib_value v;

	ck_assert_str_eq(fx_get_str(&nv_nv5_tree, &ctx, NV5 ".1.1.0", &v), "MASTERYS 3/3 UPS");
	ck_assert_str_eq(fx_get_str(&nv_nv5_tree, &ctx, NV5 ".1.4.0", &v), "SN0001");
	ck_assert_int_eq(get(NV5 ".2.3.0"), 42);          /* minutes */
	ck_assert_int_eq(get(NV5 ".2.4.0"), 98);
	ck_assert_int_eq(get(NV5 ".2.5.0"), 4321);        /* 0.1 V */
	ck_assert_int_eq(get(NV5 ".3.1.0"), 3);
	ck_assert_int_eq(get(NV5 ".3.2.0"), 500);
	ck_assert_int_eq(get(NV5 ".3.3.1.5.1"), 2304);    /* NUT's column */
	ck_assert_int_eq(get(NV5 ".3.3.1.2.1"), 2304);    /* Centreon's column */
	ck_assert_int_eq(get(NV5 ".3.3.1.3.2"), 513);
	ck_assert_int_eq(get(NV5 ".4.4.1.2.1"), 2300);
	ck_assert_int_eq(get(NV5 ".4.4.1.3.3"), 435);
	ck_assert_int_eq(get(NV5 ".4.4.1.4.1"), 40);
	ck_assert_int_eq(get(NV5 ".4.4.1.5.1"), 9500);    /* W */
	ck_assert_int_eq(get(NV5 ".5.3.1.2.1"), 2296);
	ck_assert_int_eq(get(NV5 ".2.1.0"), 2);           /* normal */
	ck_assert_int_eq(get(NV5 ".4.1.0"), 3);           /* normal */
	ck_assert_int_eq(get(NV5 ".6.3.2.0"), 0);
}
END_TEST

START_TEST(mains_fail_reads_discharging_battery_source_and_on_battery_alarm)
{
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	ck_assert_int_eq(get(NV5 ".2.1.0"), 5);           /* batteryDischarging */
	ck_assert_int_eq(get(NV5 ".4.1.0"), 5);           /* battery */
	ck_assert_int_eq(get(NV5 ".6.3.2.0"), 1);
	ck_assert_int_eq(get(NV5 ".6.1.0"), 1);
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_LOW, true);
	ck_assert_int_eq(get(NV5 ".2.1.0"), 3);           /* batteryLow */
	ck_assert_int_eq(get(NV5 ".6.3.3.0"), 1);
	ck_assert_int_eq(get(NV5 ".6.1.0"), 2);
}
END_TEST

START_TEST(output_source_uses_the_v5_enumeration)
{
	nv_cond_set(&ctx.snap.sys, NV_C_ECO_MODE, true);
	ck_assert_int_eq(get(NV5 ".4.1.0"), 9);
	nv_cond_set(&ctx.snap.sys, NV_C_ECO_MODE, false);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_INVERTER, false);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BYPASS, true);
	ck_assert_int_eq(get(NV5 ".4.1.0"), 4);
	nv_cond_set(&ctx.snap.sys, NV_C_LOAD_OFF, true);
	ck_assert_int_eq(get(NV5 ".4.1.0"), 2);
}
END_TEST

START_TEST(unmanaged_and_lost_read_minus_one)
{
	ctx.snap.sys.ups.batt_temp = NV_NA;
	ck_assert_int_eq(get(NV5 ".2.6.0"), -1);
	nv_snapshot_invalidate(&ctx.snap);
	ctx.snap.comm = NV_COMM_LOST;
	ck_assert_int_eq(get(NV5 ".2.4.0"), -1);
	ck_assert_int_eq(get(NV5 ".2.2.0"), -1);
	ck_assert_int_eq(get(NV5 ".2.1.0"), 1);           /* unknown */
	ck_assert_int_eq(get(NV5 ".6.3.20.0"), 1);        /* communications lost */
}
END_TEST

START_TEST(walk_is_ordered_and_closed_for_an_sts)
{
	bool seen;

	ck_assert_int_gt(fx_walk(&nv_nv5_tree, &ctx, NV5 ".6.3.24.0", &seen), 60);
	ck_assert(seen);
	ck_assert(nv_nv5_tree.served(&ctx.view));
	ctx.snap.kind = NV_KIND_STS;
	ck_assert(!nv_nv5_tree.served(&ctx.view));
}
END_TEST

static Suite *mib_nv5_suite(void)
{
	Suite *s = suite_create("mib_nv5");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, values_nut_reads_are_in_tenths);
	tcase_add_test(tc, mains_fail_reads_discharging_battery_source_and_on_battery_alarm);
	tcase_add_test(tc, output_source_uses_the_v5_enumeration);
	tcase_add_test(tc, unmanaged_and_lost_read_minus_one);
	tcase_add_test(tc, walk_is_ordered_and_closed_for_an_sts);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_nv5_suite, NULL };
