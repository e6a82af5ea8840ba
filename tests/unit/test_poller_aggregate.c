/*
 * test_poller_aggregate.c — the system view of a parallel system follows
 * the documented rules (aggregate.c); a single unit is its own system.
 */
#include <check.h>
#include <stdlib.h>

#include "check_main.h"
#include "device/private/profile.h"
#include "model.h"

static void unit_with(struct nv_unit *u, int kva, int charge, int minutes,
    int volts)
{
	nv_unit_clear(u);
	u->present = true;
	u->n_status_words = 4;
	u->n_alarm_words = 4;
	u->ups.out_kva_total = kva;
	u->ups.batt_charge = charge;
	u->ups.batt_minutes = minutes;
	u->ups.out_voltage[0] = volts;
	u->ups.out_current[0] = 100;
	nv_cond_set(u, NV_C_INPUT_PRESENT, true);
	nv_cond_set(u, NV_C_ON_INVERTER, true);
}

static void parallel_of_two(struct nv_snapshot *s)
{
	nv_snapshot_init(s);
	s->topo = NV_TOPO_PARALLEL;
	s->n_units = 2;
	s->id.nominal_kva = 800;        /* 2 x 40.0 kVA */
	unit_with(&s->unit[0], 200, 90, 30, 2300);
	unit_with(&s->unit[1], 200, 70, 45, 2320);
}

START_TEST(parallel_sums_power_and_takes_load_from_nominal)
{
	struct nv_snapshot s;

	parallel_of_two(&s);
	nv_aggregate(&s);
	ck_assert_int_eq(s.sys.ups.out_kva_total, 400);
	ck_assert_int_eq(s.sys.ups.out_load_total, 50);
	ck_assert_int_eq(s.sys.ups.out_current[0], 200);
	ck_assert_int_eq(s.sys.ups.out_voltage[0], 2310);
	ck_assert_int_eq(s.sys.ups.out_kw_total, NV_NA);
}
END_TEST

START_TEST(parallel_battery_is_the_weakest_unit)
{
	struct nv_snapshot s;

	parallel_of_two(&s);
	nv_aggregate(&s);
	ck_assert_int_eq(s.sys.ups.batt_charge, 70);
	ck_assert_int_eq(s.sys.ups.batt_minutes, 30);
}
END_TEST

START_TEST(parallel_alarm_in_one_unit_is_the_systems)
{
	struct nv_snapshot s;

	parallel_of_two(&s);
	nv_cond_set(&s.unit[1], NV_C_ON_BATTERY, true);
	nv_cond_set(&s.unit[1], NV_C_OVERLOAD, true);
	nv_cond_set(&s.unit[1], NV_C_INPUT_PRESENT, false);
	nv_aggregate(&s);
	ck_assert(nv_cond_get(&s.sys, NV_C_ON_BATTERY));
	ck_assert(nv_cond_get(&s.sys, NV_C_OVERLOAD));
	ck_assert(nv_cond_get(&s.sys, NV_C_ON_INVERTER));
	ck_assert(!nv_cond_get(&s.sys, NV_C_INPUT_PRESENT));    /* all units */
}
END_TEST

START_TEST(parallel_ignores_units_without_data)
{
	struct nv_snapshot s;

	parallel_of_two(&s);
	nv_unit_clear(&s.unit[1]);
	s.unit[1].present = true;
	nv_aggregate(&s);
	ck_assert_int_eq(s.sys.ups.batt_charge, 90);
	ck_assert_int_eq(s.sys.ups.out_kva_total, 200);
}
END_TEST

START_TEST(single_unit_is_the_system)
{
	struct nv_snapshot s;

	nv_snapshot_init(&s);
	s.n_units = 1;
	unit_with(&s.unit[0], 123, 80, 12, 2290);
	nv_cond_set(&s.unit[0], NV_C_ON_BATTERY, true);
	nv_aggregate(&s);
	ck_assert_int_eq(s.sys.ups.out_kva_total, 123);
	ck_assert_int_eq(s.sys.ups.batt_minutes, 12);
	ck_assert(nv_cond_get(&s.sys, NV_C_ON_BATTERY));
	ck_assert(s.sys.present);
}
END_TEST

static Suite *poller_aggregate_suite(void)
{
	Suite *s = suite_create("aggregate");
	TCase *tc = tcase_create("aggregate");

	tcase_add_test(tc, parallel_sums_power_and_takes_load_from_nominal);
	tcase_add_test(tc, parallel_battery_is_the_weakest_unit);
	tcase_add_test(tc, parallel_alarm_in_one_unit_is_the_systems);
	tcase_add_test(tc, parallel_ignores_units_without_data);
	tcase_add_test(tc, single_unit_is_the_system);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { poller_aggregate_suite, NULL };
