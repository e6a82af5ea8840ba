/*
 * test_mib_rfc1628.c — the RFC 1628 UPS-MIB as an NMS reads it: units the
 * RFC's way, enumerations, the alarm table following the UPS, walk order.
 */
#include <stdlib.h>

#include "alarm_table.h"
#include "check_main.h"
#include "device/private/profile.h"
#include "mib_fixture.h"
#include "rfc1628_values.h"

#define UPS ".1.3.6.1.2.1.33.1"

static struct nv_ctx ctx;

static void setup(void)
{
	fx_ctx(&ctx);
	fx_update(&ctx);
}

static void teardown(void)
{
	fx_fini(&ctx);
}

/* next poll: new seq, state folded in at `now` */
static void poll_at(uint32_t now)
{
	ctx.snap.seq++;
	fx_now = now;
	fx_update(&ctx);
}

static long get(const char *oid)
{
	return fx_get(&nv_rfc1628_tree, &ctx, oid);
}

START_TEST(measurements_read_in_the_rfc_units)
{
	struct mib_value v;

	ck_assert_int_eq(get(UPS ".2.5.0"), 4321);       /* 0.1 V DC, as is */
	ck_assert_int_eq(get(UPS ".2.6.0"), -12);        /* 0.1 A */
	ck_assert_int_eq(get(UPS ".2.7.0"), 25);         /* 25.4 degC -> 25 */
	ck_assert_int_eq(get(UPS ".2.4.0"), 98);
	ck_assert_int_eq(get(UPS ".2.3.0"), 42);         /* minutes */
	ck_assert_int_eq(get(UPS ".3.2.0"), 3);
	ck_assert_int_eq(get(UPS ".3.3.1.2.1"), 500);    /* 0.1 Hz */
	ck_assert_int_eq(get(UPS ".3.3.1.3.1"), 230);    /* 230.4 V -> 230 */
	ck_assert_int_eq(get(UPS ".3.3.1.3.3"), 231);    /* 230.6 V -> 231 */
	ck_assert_int_eq(get(UPS ".3.3.1.4.2"), 513);    /* 0.1 A */
	ck_assert_int_eq(get(UPS ".4.2.0"), 500);
	ck_assert_int_eq(get(UPS ".4.3.0"), 3);
	ck_assert_int_eq(get(UPS ".4.4.1.2.2"), 230);
	ck_assert_int_eq(get(UPS ".4.4.1.3.3"), 435);
	ck_assert_int_eq(get(UPS ".4.4.1.4.1"), 9500);   /* 9.5 kW -> W */
	ck_assert_int_eq(get(UPS ".4.4.1.5.3"), 42);
	ck_assert_int_eq(get(UPS ".5.1.0"), 499);
	ck_assert_int_eq(get(UPS ".5.3.1.2.1"), 230);    /* 229.6 V -> 230 */
	ck_assert_int_eq(get(UPS ".9.1.0"), 230);
	ck_assert_int_eq(get(UPS ".9.2.0"), 500);        /* 50 Hz -> 0.1 Hz */
	ck_assert_int_eq(get(UPS ".9.5.0"), 60000);      /* 60 kVA -> VA */
	ck_assert_int_eq(get(UPS ".9.6.0"), 54000);
	ck_assert_str_eq(fx_get_str(&nv_rfc1628_tree, &ctx, UPS ".1.1.0", &v), "SOCOMEC");
	ck_assert_str_eq(fx_get_str(&nv_rfc1628_tree, &ctx, UPS ".1.2.0", &v), "MASTERYS 3/3 UPS");
	ck_assert_str_eq(fx_get_str(&nv_rfc1628_tree, &ctx, UPS ".1.4.0", &v), "nvagent 0.1.0");
	ck_assert_str_eq(fx_get_str(&nv_rfc1628_tree, &ctx, UPS ".1.5.0", &v), "ups-room-1");
}
END_TEST

START_TEST(unmanaged_measurement_has_no_instance_rather_than_minus_one)
{
	ctx.snap.sys.ups.batt_temp = NV_NA;
	ctx.snap.sys.ups.in_voltage[1] = NV_NA;
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".2.7.0"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".3.3.1.3.2"));
	ck_assert(fx_exists(&nv_rfc1628_tree, &ctx, UPS ".3.3.1.3.1"));
	/* index columns are not-accessible; rows stop at the line count */
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".3.3.1.1.1"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".4.4.1.2.4"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".4.4.1.2.0"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".2.1.1"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".2.1"));
}
END_TEST

/* upsEstimatedMinutesRemaining is a PositiveInteger: the UPS's 0 reads 1 */
START_TEST(zero_minutes_remaining_reads_the_nearest_legal_value)
{
	ctx.snap.sys.ups.batt_minutes = 0;
	ck_assert_int_eq(get(UPS ".2.3.0"), 1);
	ctx.snap.sys.ups.batt_minutes = 1;
	ck_assert_int_eq(get(UPS ".2.3.0"), 1);
	ctx.snap.sys.ups.batt_minutes = NV_NA;
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".2.3.0"));
}
END_TEST

/* NonNegativeInteger columns: a negative reading has no instance; the
 * battery temperature (Integer32) may be below zero */
START_TEST(negative_readings_have_no_instance_where_the_syntax_forbids_them)
{
	ctx.snap.sys.ups.in_voltage[1] = -30;
	ctx.snap.sys.ups.out_kw[2] = -1000;
	ctx.snap.sys.ups.batt_temp = -52;
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".3.3.1.3.2"));
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".4.4.1.4.3"));
	ck_assert_int_eq(get(UPS ".3.3.1.3.1"), 230);
	ck_assert_int_eq(get(UPS ".2.7.0"), -5);
}
END_TEST

START_TEST(seconds_on_battery_is_zero_until_mains_fail)
{
	ctx.snap.sys.ups.batt_seconds_on = 77;      /* stale figure from the UPS */
	ck_assert_int_eq(get(UPS ".2.2.0"), 0);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	ck_assert_int_eq(get(UPS ".2.2.0"), 77);
}
END_TEST

START_TEST(output_source_follows_the_rfc_enumeration)
{
	ck_assert_int_eq(get(UPS ".4.1.0"), 3);                 /* normal */
	nv_cond_set(&ctx.snap.sys, NV_C_ON_INVERTER, false);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BYPASS, true);
	ck_assert_int_eq(get(UPS ".4.1.0"), 4);                 /* bypass */
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BYPASS, false);
	nv_cond_set(&ctx.snap.sys, NV_C_ECO_MODE, true);
	ck_assert_int_eq(get(UPS ".4.1.0"), 4);                 /* eco: load on bypass */
	nv_cond_set(&ctx.snap.sys, NV_C_ECO_MODE, false);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_INVERTER, true);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	ck_assert_int_eq(get(UPS ".4.1.0"), 5);                 /* battery */
	nv_cond_set(&ctx.snap.sys, NV_C_LOAD_OFF, true);
	ck_assert_int_eq(get(UPS ".4.1.0"), 2);                 /* none */
	ctx.snap.comm = NV_COMM_LOST;
	ck_assert_int_eq(get(UPS ".4.1.0"), 1);                 /* other */
}
END_TEST

START_TEST(battery_status_follows_the_rfc_enumeration)
{
	ck_assert_int_eq(get(UPS ".2.1.0"), 2);
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_LOW, true);
	ck_assert_int_eq(get(UPS ".2.1.0"), 3);
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_DISCHARGED, true);
	ck_assert_int_eq(get(UPS ".2.1.0"), 4);
	ctx.snap.comm = NV_COMM_LOST;
	ck_assert_int_eq(get(UPS ".2.1.0"), 1);
}
END_TEST

START_TEST(mains_fail_adds_on_battery_alarm_row_with_its_time)
{
	struct mib_value v;

	ck_assert_int_eq(get(UPS ".6.1.0"), 0);
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	poll_at(2000);
	ck_assert_int_eq(get(UPS ".6.1.0"), 1);
	/* the first row is id 1: upsAlarmDescr = upsAlarmOnBattery */
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".6.2.1.2.1", &v));
	ck_assert_int_eq(v.type, MIB_OID);
	ck_assert_uint_eq(v.len, 11);
	ck_assert_uint_eq(v.oid[6], 33);
	ck_assert_uint_eq(v.oid[10], 2);
	ck_assert_int_eq(get(UPS ".6.2.1.3.1"), 2000);
	ck_assert_int_eq(get(UPS ".3.1.0"), 1);          /* one input line bad */

	/* low battery comes later: new id 2; on-battery keeps id 1 and its time */
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_LOW, true);
	poll_at(3000);
	ck_assert_int_eq(get(UPS ".6.1.0"), 2);
	ck_assert_int_eq(get(UPS ".6.2.1.3.1"), 2000);
	ck_assert_int_eq(get(UPS ".6.2.1.3.2"), 3000);
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".6.2.1.2.2", &v));
	ck_assert_uint_eq(v.oid[10], 3);

	/* mains back: on-battery row goes, low-battery row stays as id 2 */
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, false);
	poll_at(4000);
	ck_assert_int_eq(get(UPS ".6.1.0"), 1);
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".6.2.1.2.1"));
	ck_assert_int_eq(get(UPS ".6.2.1.3.2"), 3000);

	/* a second mains failure counts again and gets a fresh id */
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	poll_at(5000);
	ck_assert_int_eq(get(UPS ".3.1.0"), 2);
	ck_assert_int_eq(get(UPS ".6.2.1.3.3"), 5000);
}
END_TEST

/* Counter32 and Gauge32 on the wire, TimeStamps as TimeTicks. */
START_TEST(counters_gauges_and_timestamps_keep_their_smi_types)
{
	struct mib_value v;

	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	poll_at(2000);
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".3.1.0", &v));
	ck_assert_int_eq(v.type, MIB_COUNTER);          /* upsInputLineBads */
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".6.1.0", &v));
	ck_assert_int_eq(v.type, MIB_GAUGE);            /* upsAlarmsPresent */
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".6.2.1.3.1", &v));
	ck_assert_int_eq(v.type, MIB_TICKS);            /* upsAlarmTime */
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".7.5.0", &v));
	ck_assert_int_eq(v.type, MIB_TICKS);            /* upsTestStartTime */
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".2.1.0", &v));
	ck_assert_int_eq(v.type, MIB_INTEGER);
}
END_TEST

START_TEST(same_snapshot_twice_changes_nothing)
{
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	poll_at(2000);
	fx_now = 9999;
	fx_update(&ctx);       /* same seq: nothing to fold in */
	ck_assert_int_eq(get(UPS ".6.2.1.3.1"), 2000);
	ck_assert_int_eq(get(UPS ".3.1.0"), 1);
}
END_TEST

START_TEST(communication_lost_leaves_only_that_alarm)
{
	struct mib_value v;

	nv_cond_set(&ctx.snap.sys, NV_C_GENERAL_ALARM, true);
	poll_at(2000);
	ck_assert_int_eq(get(UPS ".6.1.0"), 1);
	nv_snapshot_invalidate(&ctx.snap);
	ctx.snap.comm = NV_COMM_LOST;
	poll_at(3000);
	ck_assert_int_eq(get(UPS ".6.1.0"), 1);
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".6.2.1.2.2", &v));
	ck_assert_uint_eq(v.oid[10], 20);        /* upsAlarmCommunicationsLost */
	ck_assert(!fx_exists(&nv_rfc1628_tree, &ctx, UPS ".2.4.0"));   /* no stale charge */
	ck_assert_int_eq(get(UPS ".2.1.0"), 1);
}
END_TEST

START_TEST(battery_test_result_is_reported_when_it_ends)
{
	struct mib_value v;

	ck_assert_int_eq(get(UPS ".7.3.0"), 6);          /* noTestsInitiated */
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_TEST_RUNNING, true);
	poll_at(2000);
	ck_assert_int_eq(get(UPS ".7.3.0"), 5);
	ck_assert_int_eq(get(UPS ".7.5.0"), 2000);
	fx_now = 2500;
	ck_assert_int_eq(get(UPS ".7.6.0"), 500);
	ck_assert_int_eq(get(UPS ".6.1.0"), 1);          /* upsAlarmTestInProgress */
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_TEST_RUNNING, false);
	nv_cond_set(&ctx.snap.sys, NV_C_BATTERY_TEST_FAILED, true);
	poll_at(4000);
	ck_assert_int_eq(get(UPS ".7.3.0"), 3);          /* doneError */
	ck_assert_int_eq(get(UPS ".7.6.0"), 2000);
	ck_assert_str_eq(fx_get_str(&nv_rfc1628_tree, &ctx, UPS ".7.4.0", &v), "battery test failed");
	ck_assert_int_eq(get(UPS ".3.1.0"), 0);          /* a test is not a mains failure */
}
END_TEST

START_TEST(walk_is_ordered_and_tables_have_one_row_per_line)
{
	bool seen;
	int full, one;

	full = fx_walk(&nv_rfc1628_tree, &ctx, UPS ".4.4.1.5.3", &seen);
	ck_assert(seen);
	ctx.snap.id.phases_in = ctx.snap.id.phases_out = 1;
	one = fx_walk(&nv_rfc1628_tree, &ctx, UPS ".4.4.1.5.2", &seen);
	ck_assert(!seen);
	/* input 3 cols, output 4, bypass 2: 9 instances per line */
	ck_assert_int_eq(full - one, 2 * 9);
}
END_TEST

START_TEST(walk_from_below_the_root_starts_at_the_first_object)
{
	char buf[128];

	ck_assert(fx_next(&nv_rfc1628_tree, &ctx, ".1.3.6.1.2.1.30", buf, sizeof(buf)));
	ck_assert_str_eq(buf, UPS ".1.1.0");
	ck_assert(!fx_next(&nv_rfc1628_tree, &ctx, UPS ".9.9", buf, sizeof(buf)));
	ck_assert(!fx_next(&nv_rfc1628_tree, &ctx, ".1.3.6.1.2.1.34", buf, sizeof(buf)));
}
END_TEST

START_TEST(ups_mib_is_closed_for_a_static_transfer_switch)
{
	ck_assert(rfc1628_served(&ctx.view));
	ctx.snap.kind = NV_KIND_STS;
	ck_assert(!rfc1628_served(&ctx.view));
}
END_TEST

START_TEST(data_unit_shows_that_units_values_and_rating)
{
	ctx.snap.n_units = 2;
	ctx.snap.topo = NV_TOPO_PARALLEL;
	ctx.snap.id.nominal_kva = 1200;
	ctx.snap.id.nominal_kw = 1080;
	ctx.snap.id.unit_kva = 600;
	ctx.snap.unit[1] = ctx.snap.sys;
	ctx.snap.unit[1].ups.batt_charge = 55;
	ctx.cfg.data_unit = 2;
	ck_assert_int_eq(get(UPS ".2.4.0"), 55);
	ck_assert_int_eq(get(UPS ".9.5.0"), 60000);
	ck_assert_int_eq(get(UPS ".9.6.0"), 54000);
	ctx.cfg.data_unit = 0;
	ck_assert_int_eq(get(UPS ".2.4.0"), 98);
	ck_assert_int_eq(get(UPS ".9.5.0"), 120000);
}
END_TEST

/* upsAlarmTable as served: well-known alarm of each row, by upsAlarmId. */
static int served_rows(int *wk_of_id, int max_id)
{
	char oid[64];
	struct mib_value v;
	int n = 0;

	for (int id = 1; id < max_id; id++) {
		wk_of_id[id] = 0;
		snprintf(oid, sizeof(oid), UPS ".6.2.1.2.%d", id);
		if (!fx_get_val(&nv_rfc1628_tree, &ctx, oid, &v))
			continue;
		ck_assert_int_eq(v.type, MIB_OID);
		wk_of_id[id] = (int)v.oid[v.len - 1];
		n++;
	}
	ck_assert_int_eq(get(UPS ".6.1.0"), n);         /* upsAlarmsPresent agrees */
	return n;
}

/*
 * Traps 3 / 4 that went out since the last look must say exactly the rows
 * that appeared in / left the served table, with the same upsAlarmId and
 * upsAlarmDescr, except where RFC 1628 sends no trap.
 */
static void check_traps_match_rows(const int *before, const int *after, int max_id,
    const char *what)
{
	int trapped[2][64] = { { 0 } };         /* [added?][id] = wk */

	for (size_t i = 0; i < fx_n_sent; i++) {
		const struct nv_notification *n = &fx_sent[i];

		if (n->family != NV_FAM_RFC1628 || (n->number != 3 && n->number != 4))
			continue;
		ck_assert_int_lt(n->vb[0].integer, max_id);
		trapped[n->number == 3][n->vb[0].integer] =
		    (int)n->vb[1].oid.sub[n->vb[1].oid.len - 1];
	}
	for (int id = 1; id < max_id; id++) {
		bool added = after[id] != 0 && before[id] == 0;
		bool removed = before[id] != 0 && after[id] == 0;

		if (added && nv_alarm_set_traps(&nv_rfc1628_alarms, after[id], true))
			ck_assert_msg(trapped[1][id] == after[id], "%s: row %d (alarm %d) "
			    "served without trap 3", what, id, after[id]);
		else
			ck_assert_msg(trapped[1][id] == 0, "%s: trap 3 for row %d (alarm %d) "
			    "the table does not add", what, id, trapped[1][id]);
		if (removed && nv_alarm_set_traps(&nv_rfc1628_alarms, before[id], false))
			ck_assert_msg(trapped[0][id] == before[id], "%s: row %d (alarm %d) "
			    "gone without trap 4", what, id, before[id]);
		else
			ck_assert_msg(trapped[0][id] == 0, "%s: trap 4 for row %d (alarm %d) "
			    "the table still has", what, id, trapped[0][id]);
	}
	fx_n_sent = 0;
}

/* Every condition every UPS profile can raise, on and off again, and the
 * loss of communication: the traps and the served table tell one story. */
START_TEST(alarm_traps_and_served_table_agree_for_every_condition)
{
	enum { MAX_ID = 64 };
	int before[MAX_ID], after[MAX_ID];
	int checked = 0;

	for (int p = 0; p < nv_n_profiles; p++) {
		const struct nv_profile *prof = nv_profiles[p];

		if (prof->kind != NV_KIND_UPS)
			continue;
		for (int r = 0; r <= prof->n_conds; r++) {
			bool comm = r == prof->n_conds;         /* last: communication lost */
			char what[96];

			fx_fini(&ctx);
			fx_ctx(&ctx);
			ctx.snap.proto = prof->proto;
			fx_update(&ctx);
			served_rows(before, MAX_ID);
			fx_n_sent = 0;
			snprintf(what, sizeof(what), "%s %s", prof->name,
			    comm ? "communication lost" : nv_cond_name(prof->conds[r].cond));
			if (comm) {
				nv_snapshot_invalidate(&ctx.snap);
				ctx.snap.comm = NV_COMM_LOST;
			} else {
				nv_cond_set(&ctx.snap.sys, prof->conds[r].cond, true);
			}
			poll_at(2000);
			served_rows(after, MAX_ID);
			check_traps_match_rows(before, after, MAX_ID, what);
			memcpy(before, after, sizeof(before));
			fx_ups(&ctx.snap);
			ctx.snap.seq = 3;
			ctx.snap.proto = prof->proto;
			poll_at(3000);
			served_rows(after, MAX_ID);
			check_traps_match_rows(before, after, MAX_ID, what);
			checked++;
		}
	}
	ck_assert_int_gt(checked, 20);
}
END_TEST

static Suite *mib_rfc1628_suite(void)
{
	Suite *s = suite_create("mib_rfc1628");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, measurements_read_in_the_rfc_units);
	tcase_add_test(tc, unmanaged_measurement_has_no_instance_rather_than_minus_one);
	tcase_add_test(tc, zero_minutes_remaining_reads_the_nearest_legal_value);
	tcase_add_test(tc, negative_readings_have_no_instance_where_the_syntax_forbids_them);
	tcase_add_test(tc, seconds_on_battery_is_zero_until_mains_fail);
	tcase_add_test(tc, output_source_follows_the_rfc_enumeration);
	tcase_add_test(tc, battery_status_follows_the_rfc_enumeration);
	tcase_add_test(tc, mains_fail_adds_on_battery_alarm_row_with_its_time);
	tcase_add_test(tc, counters_gauges_and_timestamps_keep_their_smi_types);
	tcase_add_test(tc, same_snapshot_twice_changes_nothing);
	tcase_add_test(tc, communication_lost_leaves_only_that_alarm);
	tcase_add_test(tc, battery_test_result_is_reported_when_it_ends);
	tcase_add_test(tc, walk_is_ordered_and_tables_have_one_row_per_line);
	tcase_add_test(tc, walk_from_below_the_root_starts_at_the_first_object);
	tcase_add_test(tc, ups_mib_is_closed_for_a_static_transfer_switch);
	tcase_add_test(tc, data_unit_shows_that_units_values_and_rating);
	tcase_add_test(tc, alarm_traps_and_served_table_agree_for_every_condition);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_rfc1628_suite, NULL };
