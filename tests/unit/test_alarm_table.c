/* test_alarm_table.c — upsAlarmTable rows follow the well-known alarms (RFC 1628 rules). */
#include <check.h>
#include <stdlib.h>

#include "alarm_table.h"
#include "check_main.h"

static struct nv_snapshot snap;
static struct nv_alarm_table *t;

static void setup(void)
{
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.n_units = 1;
	t = nv_alarm_table_new(&nv_socomec_alarms, 0);
	ck_assert_ptr_nonnull(t);
}

static void teardown(void)
{
	nv_alarm_table_free(t);
}

static void set(enum nv_cond c, bool on)
{
	nv_cond_set(&snap.sys, c, on);
}

START_TEST(no_rows_before_the_device_is_detected)
{
	snap.comm = NV_COMM_DETECTING;
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 500), 0);
	ck_assert_uint_eq(t->n, 0);
}
END_TEST

START_TEST(alarms_present_at_first_reading_have_time_zero)
{
	set(NV_C_ON_BATTERY, true);
	set(NV_C_OVERLOAD, true);
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 700), 2);
	ck_assert_uint_eq(t->n, 2);
	ck_assert_uint_eq(t->n_added, 2);
	ck_assert_uint_eq(t->row[0].id, 1);
	ck_assert_int_eq(t->row[0].alarm, 2);           /* overload */
	ck_assert_uint_eq(t->row[0].time, 0);
	ck_assert_uint_eq(t->row[1].id, 2);
	ck_assert_int_eq(t->row[1].alarm, 15);          /* on battery */
	ck_assert_uint_eq(t->row[1].time, 0);
}
END_TEST

START_TEST(new_alarm_gets_next_id_and_current_uptime)
{
	nv_alarm_table_update(t, &snap, 100);
	set(NV_C_BATTERY_LOW, true);
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 4200), 1);
	ck_assert_uint_eq(t->n, 1);
	ck_assert_uint_eq(t->added[0].id, 1);
	ck_assert_int_eq(t->added[0].alarm, 14);
	ck_assert_uint_eq(t->added[0].time, 4200);
	/* unchanged state changes nothing */
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 4300), 0);
	ck_assert_uint_eq(t->n_added + t->n_removed, 0);
}
END_TEST

START_TEST(ended_alarm_is_removed_and_its_id_not_reused)
{
	nv_alarm_table_update(t, &snap, 1);
	set(NV_C_OVERLOAD, true);
	nv_alarm_table_update(t, &snap, 2);
	set(NV_C_OVERLOAD, false);
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 3), 1);
	ck_assert_uint_eq(t->n, 0);
	ck_assert_uint_eq(t->n_removed, 1);
	ck_assert_uint_eq(t->removed[0].id, 1);
	ck_assert_int_eq(t->removed[0].alarm, 2);
	set(NV_C_OVERLOAD, true);
	nv_alarm_table_update(t, &snap, 4);
	ck_assert_uint_eq(t->row[0].id, 2);
}
END_TEST

START_TEST(ids_wrap_to_first_free_value)
{
	nv_alarm_table_update(t, &snap, 1);
	set(NV_C_OVERLOAD, true);
	nv_alarm_table_update(t, &snap, 2);             /* id 1 */
	t->next_id = NV_ALARM_ID_MAX;
	set(NV_C_TEMPERATURE, true);
	nv_alarm_table_update(t, &snap, 3);             /* id MAX */
	set(NV_C_FAN_FAILURE, true);
	nv_alarm_table_update(t, &snap, 4);             /* wraps, 1 is taken: 2 */
	ck_assert_uint_eq(t->n, 3);
	ck_assert_uint_eq(t->row[0].id, 1);
	ck_assert_uint_eq(t->row[1].id, 2);
	ck_assert_int_eq(t->row[1].alarm, 32);
	ck_assert_uint_eq(t->row[2].id, NV_ALARM_ID_MAX);
	ck_assert_ptr_eq(nv_alarm_table_next(t, 2), &t->row[2]);
	ck_assert_ptr_null(nv_alarm_table_next(t, NV_ALARM_ID_MAX));
}
END_TEST

START_TEST(comm_loss_leaves_only_communication_lost)
{
	set(NV_C_ON_BATTERY, true);
	nv_alarm_table_update(t, &snap, 1);
	snap.comm = NV_COMM_LOST;
	nv_snapshot_invalidate(&snap);
	ck_assert_uint_eq(nv_alarm_table_update(t, &snap, 900), 2);
	ck_assert_uint_eq(t->n, 1);
	ck_assert_int_eq(t->row[0].alarm, 58);
	ck_assert_uint_eq(t->row[0].time, 900);
	ck_assert_int_eq(t->removed[0].alarm, 15);
}
END_TEST

START_TEST(wellknown_mapping_follows_the_manual)
{
	static const struct { enum nv_cond c; int n; } map[] = {
		{ NV_C_IMMINENT_STOP, 1 }, { NV_C_BATTERY_CIRCUIT_OPEN, 12 },
		{ NV_C_BATTERY_DISCHARGED, 13 }, { NV_C_BATTERY_LOW, 14 },
		{ NV_C_ON_BATTERY, 15 }, { NV_C_BATTERY_TEST_FAILED, 18 },
		{ NV_C_BATTERY_FAULT, 19 }, { NV_C_EXTERNAL_ALARM4, 41 },
		{ NV_C_UNIT_ALARM1, 42 }, { NV_C_UNIT_ALARM12, 53 },
		{ NV_C_AUTOTEST_RUNNING, 54 }, { NV_C_ON_BYPASS, 55 },
		{ NV_C_LOAD_OFF, 56 }, { NV_C_SYSTEM_OFF, 57 },
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		nv_snapshot_init(&snap);
		snap.comm = NV_COMM_OK;
		set(map[i].c, true);
		for (int n = 1; n <= NV_WK_ALARMS; n++)
			ck_assert_msg(nv_wellknown_alarm(&snap, 0, n) == (n == map[i].n),
			    "%s: alarm %d", nv_cond_name(map[i].c), n);
	}
	ck_assert_str_eq(nv_wellknown_alarm_name(15), "On battery");
	ck_assert_str_eq(nv_wellknown_alarm_name(63), "");
}
END_TEST

static Suite *alarm_table_suite(void)
{
	Suite *s = suite_create("alarm_table");
	TCase *tc = tcase_create("rows");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, no_rows_before_the_device_is_detected);
	tcase_add_test(tc, alarms_present_at_first_reading_have_time_zero);
	tcase_add_test(tc, new_alarm_gets_next_id_and_current_uptime);
	tcase_add_test(tc, ended_alarm_is_removed_and_its_id_not_reused);
	tcase_add_test(tc, ids_wrap_to_first_free_value);
	tcase_add_test(tc, comm_loss_leaves_only_communication_lost);
	tcase_add_test(tc, wellknown_mapping_follows_the_manual);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { alarm_table_suite, NULL };
