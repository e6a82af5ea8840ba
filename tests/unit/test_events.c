/*
 * test_events.c — the event engine on hand-built snapshots: each scenario
 * of the manual produces exactly its traps (OIDs, varbinds, levels, order),
 * trap 1 repeats each minute, and a flapping condition is bounded.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "alarm_table.h"
#include "check_main.h"
#include "events.h"

#define MAXREC 512

struct rec {
	size_t n;
	struct nv_notification v[MAXREC];
};

static struct rec rec;
static struct nv_snapshot snap;
static struct nv_events *ev;
static uint64_t now;

static void record(const struct nv_notification *n, void *arg)
{
	struct rec *r = arg;

	if (n->kind != NV_NOTE_TRAP)
		return;                 /* device state notes: test_event_records */
	if (r->n < MAXREC)
		r->v[r->n++] = *n;
}

/* "S15 S1 R1 S3" — family letter and trap number of what was sent. */
static const char *sent(void)
{
	static char buf[2048];
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rec.n && used < sizeof(buf) - 16; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used, "%s%c%d",
		    i ? " " : "", "SRT"[rec.v[i].family], rec.v[i].number);
	return buf;
}

static const char *oid_str(const struct nv_oid *o)
{
	static char buf[4][NV_OID_MAX * 11];
	static int k;

	k = (k + 1) % 4;
	nv_oid_format(o, buf[k], sizeof(buf[k]));
	return buf[k];
}

static void cond(enum nv_cond c, bool on)
{
	nv_cond_set(&snap.sys, c, on);
}

static void normal_ups(void)
{
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_UPS;
	snap.proto = NV_PROTO_JBUSP;
	cond(NV_C_INPUT_PRESENT, true);
	cond(NV_C_RECTIFIER_ON, true);
	cond(NV_C_INVERTER_ON, true);
	cond(NV_C_ON_INVERTER, true);
	cond(NV_C_BATTERY_OK, true);
	cond(NV_C_BYPASS_PRESENT, true);
	snap.sys.ups.batt_minutes = 25;
	snap.sys.ups.batt_seconds_on = 0;
}

static void poll_at(uint64_t t)
{
	now = t;
	snap.seq++;
	nv_events_snapshot(ev, &snap, now);
}

static void setup(void)
{
	struct nv_events_cfg cfg = { .debounce_ms = 0, .started_ms = 0 };

	memset(&rec, 0, sizeof(rec));
	ev = nv_events_new(&cfg, record, &rec);
	ck_assert_ptr_nonnull(ev);
	normal_ups();
	poll_at(1000);
	ck_assert_str_eq(sent(), "");   /* a normal UPS at start says nothing */
}

static void teardown(void)
{
	nv_events_free(ev);
}

static void mains_fail(uint64_t t)
{
	cond(NV_C_INPUT_PRESENT, false);
	cond(NV_C_ON_BATTERY, true);
	snap.sys.ups.batt_minutes = 12;
	snap.sys.ups.batt_seconds_on = 3;
	poll_at(t);
}

static void mains_restore(uint64_t t)
{
	cond(NV_C_INPUT_PRESENT, true);
	cond(NV_C_ON_BATTERY, false);
	snap.sys.ups.batt_minutes = 25;
	snap.sys.ups.batt_seconds_on = 0;
	poll_at(t);
}

START_TEST(mains_fail_sends_on_battery_traps)
{
	mains_fail(2000);
	ck_assert_str_eq(sent(), "S15 S1 R1");
	ck_assert_str_eq(oid_str(&rec.v[0].trap_oid), ".1.3.6.1.4.1.4555.1.1.7.2.0.15");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_WARNING);
	ck_assert_uint_eq(rec.v[0].n_vb, 0);
	ck_assert_str_eq(rec.v[0].event, "on-battery-power");
	/* trap 1: upsEstimatedMinutesRemaining, upsSecondsOnBattery */
	ck_assert_str_eq(oid_str(&rec.v[1].trap_oid), ".1.3.6.1.4.1.4555.1.1.7.2.0.1");
	ck_assert_str_eq(oid_str(&rec.v[1].enterprise), ".1.3.6.1.4.1.4555.1.1.7.2");
	ck_assert_int_eq(rec.v[1].specific, 1);
	ck_assert_int_eq(rec.v[1].severity, NV_SEV_CRITICAL);
	ck_assert_uint_eq(rec.v[1].n_vb, 2);
	ck_assert_str_eq(oid_str(&rec.v[1].vb[0].name), ".1.3.6.1.4.1.4555.1.1.7.1.2.3.0");
	ck_assert_int_eq(rec.v[1].vb[0].integer, 12);
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].name), ".1.3.6.1.4.1.4555.1.1.7.1.2.2.0");
	ck_assert_int_eq(rec.v[1].vb[1].integer, 3);
	/* RFC 1628 upsTrapOnBattery is { upsTraps 1 } */
	ck_assert_str_eq(oid_str(&rec.v[2].trap_oid), ".1.3.6.1.2.1.33.2.1");
	ck_assert_str_eq(oid_str(&rec.v[2].enterprise), ".1.3.6.1.2.1.33.2");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[0].name), ".1.3.6.1.2.1.33.1.2.3.0");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].name), ".1.3.6.1.2.1.33.1.2.2.0");
}
END_TEST

START_TEST(mains_restore_sends_restored_normal_and_alarm_removed)
{
	const struct nv_alarm_table *rfc = nv_events_alarm_table(ev, NV_FAM_RFC1628);

	mains_fail(2000);
	ck_assert_uint_eq(rfc->n, 1);
	ck_assert_int_eq(rfc->row[0].alarm, 2);
	rec.n = 0;
	mains_restore(3000);
	ck_assert_str_eq(sent(), "S23 S22 S4 R4");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_INFORMATION);
	ck_assert_int_eq(rec.v[2].alarm_entry, 1);
	ck_assert_str_eq(oid_str(&rec.v[2].vb[0].name), ".1.3.6.1.4.1.4555.1.1.7.1.6.2.1.1.1");
	ck_assert_int_eq(rec.v[2].vb[0].integer, 1);
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].name), ".1.3.6.1.4.1.4555.1.1.7.1.6.2.1.2.1");
	ck_assert_int_eq(rec.v[2].vb[1].type, NV_VB_OID);
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.15");
	ck_assert_str_eq(oid_str(&rec.v[3].trap_oid), ".1.3.6.1.2.1.33.2.4");
	ck_assert_str_eq(oid_str(&rec.v[3].vb[0].name), ".1.3.6.1.2.1.33.1.6.2.1.1.1");
	ck_assert_str_eq(oid_str(&rec.v[3].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.2");
	ck_assert_uint_eq(rfc->n, 0);
}
END_TEST

START_TEST(battery_low_sends_trap_10_and_alarm_added)
{
	mains_fail(2000);
	rec.n = 0;
	cond(NV_C_BATTERY_LOW, true);
	poll_at(3000);
	ck_assert_str_eq(sent(), "S10 S3 R3");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_CRITICAL);
	ck_assert_int_eq(rec.v[1].severity, NV_SEV_WARNING);
	ck_assert_int_eq(rec.v[1].vb[0].integer, 2);    /* on-battery row was 1 */
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.14");
	ck_assert_int_eq(rec.v[2].vb[0].integer, 2);
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.3");
}
END_TEST

START_TEST(overload_sends_trap_6_and_alarm_added)
{
	cond(NV_C_OVERLOAD, true);
	poll_at(2000);
	ck_assert_str_eq(sent(), "S6 S3 R3");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_WARNING);
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.2");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.8");
	rec.n = 0;
	cond(NV_C_OVERLOAD, false);
	poll_at(3000);
	ck_assert_str_eq(sent(), "S4 R4");
}
END_TEST

START_TEST(on_bypass_sends_trap_18_then_normal_on_return)
{
	cond(NV_C_ON_INVERTER, false);
	cond(NV_C_ON_BYPASS, true);
	poll_at(2000);
	ck_assert_str_eq(sent(), "S18 S3 R3");
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.55");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.9");
	rec.n = 0;
	cond(NV_C_ON_INVERTER, true);
	cond(NV_C_ON_BYPASS, false);
	poll_at(3000);
	ck_assert_str_eq(sent(), "S22 S4 R4");
}
END_TEST

START_TEST(general_alarm_sends_19_then_24_when_cleared)
{
	cond(NV_C_GENERAL_ALARM, true);
	poll_at(2000);
	ck_assert_str_eq(sent(), "S19 S3 R3");
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.11");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.18");
	rec.n = 0;
	cond(NV_C_GENERAL_ALARM, false);
	poll_at(3000);
	ck_assert_str_eq(sent(), "S24 S4 R4");
	ck_assert_str_eq(rec.v[0].event, "alarm-cancelled");
}
END_TEST

START_TEST(comm_loss_and_back_send_14_and_25)
{
	snap.comm = NV_COMM_LOST;
	nv_cond_set(&snap.sys, NV_C_ON_INVERTER, false);  /* invalidated data */
	poll_at(2000);
	ck_assert_str_eq(sent(), "S14 S3 R3");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_CRITICAL);
	ck_assert_str_eq(oid_str(&rec.v[1].vb[1].oid), ".1.3.6.1.4.1.4555.1.1.7.1.6.3.58");
	ck_assert_str_eq(oid_str(&rec.v[2].vb[1].oid), ".1.3.6.1.2.1.33.1.6.3.20");
	rec.n = 0;
	poll_at(2500);                  /* still lost: nothing more */
	ck_assert_str_eq(sent(), "");
	normal_ups();
	poll_at(3000);
	ck_assert_str_eq(sent(), "S25 S4 R4");
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_INFORMATION);
}
END_TEST

START_TEST(on_battery_trap_repeats_every_minute)
{
	mains_fail(2000);
	rec.n = 0;
	ck_assert_uint_eq(nv_events_next_ms(ev), 62000);
	nv_events_tick(ev, 61999);
	ck_assert_str_eq(sent(), "");
	snap.sys.ups.batt_minutes = 11;
	snap.sys.ups.batt_seconds_on = 63;
	poll_at(61000);
	nv_events_tick(ev, 62000);
	ck_assert_str_eq(sent(), "S1 R1");
	ck_assert_int_eq(rec.v[0].vb[0].integer, 11);
	ck_assert_int_eq(rec.v[0].vb[1].integer, 63);
	nv_events_tick(ev, 122000);
	ck_assert_str_eq(sent(), "S1 R1 S1 R1");
	rec.n = 0;
	mains_restore(130000);
	nv_events_tick(ev, 182000);
	ck_assert_str_eq(sent(), "S23 S22 S4 R4");
	ck_assert_uint_eq(nv_events_next_ms(ev), UINT64_MAX);
}
END_TEST

static int count(int fam, int num)
{
	int k = 0;

	for (size_t i = 0; i < rec.n; i++)
		if ((int)rec.v[i].family == fam && rec.v[i].number == num)
			k++;
	return k;
}

START_TEST(flapping_alarm_is_bounded_and_ends_right)
{
	struct nv_events_cfg cfg = { .debounce_ms = 1000 };
	const struct nv_alarm_table *rfc = nv_events_alarm_table(ev, NV_FAM_RFC1628);
	const int final_on = _i;        /* loop test: end with the alarm on / off */
	uint64_t t = 2000;
	int toggles = 100 + final_on;

	nv_events_set_cfg(ev, &cfg);
	for (int i = 0; i < toggles; i++, t += 100) {
		cond(NV_C_GENERAL_ALARM, i % 2 == 0);
		poll_at(t);
		nv_events_tick(ev, t + 50);
	}
	/* 10 s of flapping at 100 ms: at most one change per 1 s window */
	ck_assert_int_le(count(NV_FAM_SOCOMEC, 19) + count(NV_FAM_SOCOMEC, 24), 12);
	ck_assert_int_ge(count(NV_FAM_SOCOMEC, 19), 1);
	/* nothing pending is lost: the final state is reported */
	while (nv_events_next_ms(ev) != UINT64_MAX)
		nv_events_tick(ev, nv_events_next_ms(ev));
	ck_assert_int_eq(count(NV_FAM_RFC1628, 3) - count(NV_FAM_RFC1628, 4), final_on);
	ck_assert_int_eq(count(NV_FAM_SOCOMEC, 19) - count(NV_FAM_SOCOMEC, 24), final_on);
	ck_assert_int_eq(count(NV_FAM_SOCOMEC, 3) - count(NV_FAM_SOCOMEC, 4), final_on);
	ck_assert_int_le(count(NV_FAM_SOCOMEC, 3) + count(NV_FAM_SOCOMEC, 4), 24);
	ck_assert_uint_eq(rfc->n, (size_t)final_on);
}
END_TEST

START_TEST(short_glitch_inside_debounce_window_sends_nothing_more)
{
	struct nv_events_cfg cfg = { .debounce_ms = 1000 };

	nv_events_set_cfg(ev, &cfg);
	cond(NV_C_OVERLOAD, true);
	poll_at(2000);
	ck_assert_str_eq(sent(), "S6 S3 R3");
	cond(NV_C_OVERLOAD, false);
	poll_at(2100);
	cond(NV_C_OVERLOAD, true);
	poll_at(2200);
	nv_events_tick(ev, 3000);
	/* no second trap 6; the MIBs' alarm rows were renumbered by the
	 * glitch, so each receiver hears of the old row's end and the new row */
	ck_assert_str_eq(sent(), "S6 S3 R3 S4 S3 R4 R3");
	ck_assert_int_eq(rec.v[3].vb[0].integer, 1);
	ck_assert_int_eq(rec.v[4].vb[0].integer, 2);
	ck_assert_int_eq(rec.v[5].vb[0].integer, 1);
	ck_assert_int_eq(rec.v[6].vb[0].integer, 2);
}
END_TEST

START_TEST(alarms_present_at_start_are_reported_once)
{
	struct nv_events *e2;
	struct nv_events_cfg cfg = { 0 };

	rec.n = 0;
	e2 = nv_events_new(&cfg, record, &rec);
	cond(NV_C_OVERLOAD, true);
	nv_events_snapshot(e2, &snap, 5000);
	nv_events_snapshot(e2, &snap, 6000);
	ck_assert_str_eq(sent(), "S6 S3 R3");
	nv_events_free(e2);
}
END_TEST

START_TEST(nothing_is_sent_before_the_device_is_detected)
{
	struct nv_events *e2;
	struct nv_events_cfg cfg = { 0 };

	rec.n = 0;
	e2 = nv_events_new(&cfg, record, &rec);
	cond(NV_C_OVERLOAD, true);
	snap.comm = NV_COMM_DETECTING;
	nv_events_snapshot(e2, &snap, 5000);
	ck_assert_str_eq(sent(), "");
	nv_events_free(e2);
}
END_TEST

START_TEST(sts_alternate_source_and_general_alarm)
{
	struct nv_events *e2;
	struct nv_events_cfg cfg = { 0 };

	rec.n = 0;
	e2 = nv_events_new(&cfg, record, &rec);
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_STS;
	cond(NV_C_STS_ON_PREFERRED, true);
	cond(NV_C_STS_S1_PREFERRED, true);
	nv_events_snapshot(e2, &snap, 1000);
	ck_assert_str_eq(sent(), "");
	cond(NV_C_STS_ON_PREFERRED, false);
	cond(NV_C_STS_ON_ALTERNATE, true);
	cond(NV_C_STS_GENERAL_ALARM, true);
	nv_events_snapshot(e2, &snap, 2000);
	ck_assert_str_eq(sent(), "T4 T7");
	ck_assert_str_eq(oid_str(&rec.v[0].trap_oid), ".1.3.6.1.4.1.4555.1.1.10.2.0.4");
	ck_assert_str_eq(oid_str(&rec.v[0].vb[0].name), ".1.3.6.1.4.1.4555.1.1.10.1.7.1.0");
	ck_assert_int_eq(rec.v[0].vb[0].type, NV_VB_OCTETS);
	ck_assert_int_eq(rec.v[0].severity, NV_SEV_WARNING);
	rec.n = 0;
	cond(NV_C_STS_ON_PREFERRED, true);
	cond(NV_C_STS_ON_ALTERNATE, false);
	cond(NV_C_STS_GENERAL_ALARM, false);
	nv_events_snapshot(e2, &snap, 3000);
	ck_assert_str_eq(sent(), "T3 T8");
	nv_events_free(e2);
}
END_TEST

START_TEST(battery_test_completion_sends_rfc_test_completed)
{
	cond(NV_C_BATTERY_TEST_RUNNING, true);
	poll_at(2000);
	ck_assert_str_eq(sent(), "");   /* test in progress: no trap 3 (RFC 1628) */
	cond(NV_C_BATTERY_TEST_RUNNING, false);
	cond(NV_C_BATTERY_TEST_FAILED, true);
	poll_at(12000);
	ck_assert_str_eq(sent(), "S16 R2 S3 R3");
	ck_assert_uint_eq(rec.v[1].n_vb, 6);
	ck_assert_int_eq(rec.v[1].vb[2].integer, 3);    /* doneError */
	ck_assert_int_eq(rec.v[1].vb[4].type, NV_VB_TIMETICKS);
	ck_assert_int_eq(rec.v[1].vb[4].integer, 200);  /* started at 2 s */
	ck_assert_int_eq(rec.v[1].vb[5].integer, 1000); /* 10 s in 0.01 s */
}
END_TEST

START_TEST(test_trap_goes_to_every_receiver)
{
	nv_events_agent(ev, NV_AE_TEST, 2000);
	nv_events_agent(ev, NV_AE_RESTARTING, 2000);
	ck_assert_str_eq(sent(), "S42 S27");
	ck_assert_int_eq(rec.v[0].to_all, 1);
	ck_assert_int_eq(rec.v[1].to_all, 0);
	ck_assert_str_eq(oid_str(&rec.v[0].trap_oid), ".1.3.6.1.4.1.4555.1.1.7.2.0.42");
}
END_TEST

START_TEST(event_names_are_known)
{
	ck_assert(nv_event_name_valid("on-battery"));
	ck_assert(nv_event_name_valid("sts-general-alarm"));
	ck_assert(!nv_event_name_valid("no-such-event"));
	ck_assert_int_eq(nv_severity_parse("warning"), NV_SEV_WARNING);
	ck_assert_int_eq(nv_severity_parse("bad"), -1);
}
END_TEST

START_TEST(oid_text_round_trip_and_bad_input)
{
	struct nv_oid o;
	char buf[64];

	ck_assert_int_eq(nv_oid_parse(".1.3.6.1.4.1.4555", &o), 0);
	nv_oid_format(&o, buf, sizeof(buf));
	ck_assert_str_eq(buf, ".1.3.6.1.4.1.4555");
	ck_assert_int_eq(nv_oid_parse("1..3", &o), -1);
	ck_assert_int_eq(nv_oid_parse("1.3.x", &o), -1);
	ck_assert_int_eq(nv_oid_parse("", &o), -1);
	ck_assert_int_eq(nv_oid_parse("1.99999999999", &o), -1);
}
END_TEST

static Suite *events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("engine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, mains_fail_sends_on_battery_traps);
	tcase_add_test(tc, mains_restore_sends_restored_normal_and_alarm_removed);
	tcase_add_test(tc, battery_low_sends_trap_10_and_alarm_added);
	tcase_add_test(tc, overload_sends_trap_6_and_alarm_added);
	tcase_add_test(tc, on_bypass_sends_trap_18_then_normal_on_return);
	tcase_add_test(tc, general_alarm_sends_19_then_24_when_cleared);
	tcase_add_test(tc, comm_loss_and_back_send_14_and_25);
	tcase_add_test(tc, on_battery_trap_repeats_every_minute);
	tcase_add_loop_test(tc, flapping_alarm_is_bounded_and_ends_right, 0, 2);
	tcase_add_test(tc, short_glitch_inside_debounce_window_sends_nothing_more);
	tcase_add_test(tc, alarms_present_at_start_are_reported_once);
	tcase_add_test(tc, nothing_is_sent_before_the_device_is_detected);
	tcase_add_test(tc, sts_alternate_source_and_general_alarm);
	tcase_add_test(tc, battery_test_completion_sends_rfc_test_completed);
	tcase_add_test(tc, test_trap_goes_to_every_receiver);
	tcase_add_test(tc, event_names_are_known);
	tcase_add_test(tc, oid_text_round_trip_and_bad_input);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { events_suite, NULL };
