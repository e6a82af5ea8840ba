/* test_mib_socomec.c — SOCOMEC UPS MIB values computed from hand-built snapshots. */
#include <check.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "alarm_table.h"
#include "check_main.h"
#include "ctx.h"
#include "mib_fixture.h"
#include "mib_socomec.h"
#include "mib_state.h"
#include "mib_walk.h"
#include "socomec_values.h"

static struct nv_ctx ctx;

static void setup(void)
{
	memset(&ctx, 0, sizeof(ctx));
	nv_snapshot_init(&ctx.snap);
	ctx.snap.comm = NV_COMM_OK;
	ctx.snap.n_units = 1;
	ctx.snap.id.phases_in = 3;
	ctx.snap.id.phases_out = 1;
	clock_gettime(CLOCK_MONOTONIC, &ctx.started);
	fx_state(&ctx);
}

static void teardown(void)
{
	fx_fini(&ctx);
}

static void set(enum nv_cond c)
{
	nv_cond_set(&ctx.snap.sys, c, true);
}

/* GET of upsObjects.<oid...>: the value, or fails the test when absent */
static struct mib_value get_v(size_t len, const uint32_t *rel)
{
	struct mib_hit hit;
	struct mib_value v;

	ck_assert_msg(mib_get_exact(&nv_socomec_tree, rel, len, &ctx.view, &hit, &v),
	    "no value at %u.%u...", rel[0], rel[1]);
	return v;
}
#define GET(...) get_v(sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), \
	(uint32_t[]){ __VA_ARGS__ })
#define GETI(...) (GET(__VA_ARGS__).i)

static bool absent(size_t len, const uint32_t *rel)
{
	struct mib_hit hit;
	struct mib_value v;

	return !mib_get_exact(&nv_socomec_tree, rel, len, &ctx.view, &hit, &v);
}
#define ABSENT(...) absent(sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), \
	(uint32_t[]){ __VA_ARGS__ })

START_TEST(battery_status_precedence)
{
	ck_assert_int_eq(GETI(2, 1, 0), 2);             /* normal */
	set(NV_C_BATTERY_CHARGING);
	ck_assert_int_eq(GETI(2, 1, 0), 3);
	set(NV_C_BATTERY_FAULT);
	ck_assert_int_eq(GETI(2, 1, 0), 8);
	set(NV_C_BATTERY_CIRCUIT_OPEN);
	ck_assert_int_eq(GETI(2, 1, 0), 9);
	set(NV_C_BATTERY_TEST_RUNNING);
	ck_assert_int_eq(GETI(2, 1, 0), 4);
	set(NV_C_ON_BATTERY);
	ck_assert_int_eq(GETI(2, 1, 0), 5);
	set(NV_C_BATTERY_LOW);
	ck_assert_int_eq(GETI(2, 1, 0), 6);
	set(NV_C_BATTERY_DISCHARGED);
	ck_assert_int_eq(GETI(2, 1, 0), 7);
}
END_TEST

START_TEST(enumerations_read_unknown_when_comm_lost)
{
	set(NV_C_ON_BATTERY);
	set(NV_C_ON_INVERTER);
	ctx.snap.comm = NV_COMM_LOST;
	ck_assert_int_eq(GETI(2, 1, 0), 1);             /* upsBatteryStatus */
	ck_assert_int_eq(GETI(4, 1, 0), 1);             /* upsOutputSource */
	ck_assert(ABSENT(7, 1, 0));                     /* control status unknown */
	ck_assert_int_eq(GETI(8, 4, 0), -1);            /* remote control */
	ck_assert_int_eq(GETI(6, 3, 15, 0), 0);         /* on battery: not known */
	ck_assert_int_eq(GETI(6, 3, 58, 0), 1);         /* communication lost */
	ctx.snap.comm = NV_COMM_DETECTING;
	ck_assert_int_eq(GETI(6, 3, 58, 0), 0);
}
END_TEST

START_TEST(measurements_read_minus_one_when_not_known)
{
	ctx.snap.sys.ups.batt_voltage = 4380;
	ctx.snap.sys.ups.in_voltage[2] = 2318;
	ctx.snap.sys.ups.out_kw_total = 155;
	ck_assert_int_eq(GETI(2, 5, 0), 4380);
	ck_assert_int_eq(GETI(3, 3, 1, 2, 3), 2318);
	ck_assert_int_eq(GETI(4, 6, 0), 155);
	ck_assert_int_eq(GETI(2, 6, 0), -1);            /* not managed */
	ck_assert_int_eq(GETI(3, 3, 1, 3, 1), -1);
	ctx.snap.comm = NV_COMM_LOST;                   /* a profile that forgot to clear */
	ck_assert_int_eq(GETI(2, 5, 0), -1);
	ck_assert_int_eq(GETI(3, 3, 1, 2, 3), -1);
	ck_assert_int_eq(GETI(4, 6, 0), -1);
}
END_TEST

START_TEST(output_source_follows_conditions)
{
	static const struct { enum nv_cond c; int want; } cases[] = {
		{ NV_C_ON_INVERTER, 3 }, { NV_C_ON_BATTERY, 3 }, { NV_C_ON_BYPASS, 6 },
		{ NV_C_ECO_MODE, 5 }, { NV_C_LOAD_OFF, 8 }, { NV_C_SYSTEM_OFF, 8 },
		{ NV_C_STANDBY, 7 }, { NV_C_ON_MAINT_BYPASS, 2 },
	};

	ck_assert_int_eq(GETI(4, 1, 0), 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		nv_unit_clear(&ctx.snap.sys);
		set(cases[i].c);
		ck_assert_msg(GETI(4, 1, 0) == cases[i].want, "%s", nv_cond_name(cases[i].c));
	}
	/* maintenance bypass wins over the inverter bits still set */
	set(NV_C_ON_INVERTER);
	ck_assert_int_eq(GETI(4, 1, 0), 2);
}
END_TEST

START_TEST(table_rows_follow_phases)
{
	ck_assert_int_eq(GETI(3, 1, 0), 3);
	ck_assert_int_eq(GETI(4, 3, 0), 1);
	ck_assert_int_eq(GETI(5, 2, 0), 1);
	ck_assert_int_eq(GETI(3, 3, 1, 1, 3), 3);       /* upsInputLineIndex.3 */
	ck_assert(ABSENT(3, 3, 1, 1, 4));
	ck_assert_int_eq(GETI(4, 4, 1, 1, 1), 1);
	ck_assert(ABSENT(4, 4, 1, 2, 2));
	ck_assert(ABSENT(5, 3, 1, 2, 2));
	ctx.snap.id.phases_in = 0;                      /* not identified yet */
	ck_assert_int_eq(GETI(3, 1, 0), -1);
	ck_assert(ABSENT(3, 3, 1, 1, 1));
}
END_TEST

START_TEST(wellknown_alarms_read_one_while_active)
{
	set(NV_C_ON_BATTERY);
	set(NV_C_UNIT_ALARM1 + 2);
	set(NV_C_ON_BYPASS);
	for (uint32_t n = 1; n <= 62; n++) {
		int want = n == 15 || n == 44 || n == 55;

		ck_assert_msg(GETI(6, 3, n, 0) == want, "alarm %u", n);
	}
	ck_assert(ABSENT(6, 3, 63, 0));
}
END_TEST

START_TEST(alarm_table_rows_name_wellknown_alarms)
{
	struct mib_value v;

	ck_assert_int_eq(GETI(6, 1, 0), 0);
	fx_update(&ctx);                      /* first reading, nothing on */
	set(NV_C_ON_BATTERY);
	fx_update(&ctx);
	ck_assert_int_eq(GETI(6, 1, 0), 1);
	ck_assert_int_eq(GETI(6, 2, 1, 1, 1), 1);
	v = GET(6, 2, 1, 2, 1);
	ck_assert_int_eq(v.type, MIB_OID);
	ck_assert_uint_eq(v.len, 14);
	ck_assert_mem_eq(v.oid, ((uint32_t[]){ 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 6, 3, 15 }),
	    14 * sizeof(uint32_t));
	ck_assert_int_eq(GET(6, 2, 1, 3, 1).type, MIB_TICKS);
	v = GET(6, 2, 1, 4, 1);
	ck_assert_int_eq(v.type, MIB_STRING);
	ck_assert_mem_eq(v.s, "On battery", v.len);
	ck_assert(ABSENT(6, 2, 1, 1, 2));
}
END_TEST

START_TEST(input_voltage_min_max_over_last_minute)
{
	ck_assert_int_eq(GETI(3, 3, 1, 4, 1), -1);      /* nothing seen yet */
	ctx.snap.taken.tv_sec = 1000;
	ctx.snap.sys.ups.in_voltage[0] = 2300;
	fx_update(&ctx);
	ctx.snap.taken.tv_sec = 1030;
	ctx.snap.sys.ups.in_voltage[0] = 2250;
	fx_update(&ctx);
	ctx.snap.taken.tv_sec = 1050;
	ctx.snap.sys.ups.in_voltage[0] = 2280;
	fx_update(&ctx);
	ck_assert_int_eq(GETI(3, 3, 1, 4, 1), 2300);
	ck_assert_int_eq(GETI(3, 3, 1, 5, 1), 2250);
	ctx.snap.taken.tv_sec = 1075;                   /* 2300 is now older than 60 s */
	fx_update(&ctx);
	ck_assert_int_eq(GETI(3, 3, 1, 4, 1), 2280);
	ck_assert_int_eq(GETI(3, 3, 1, 4, 2), -1);      /* phase 2 never known */
	ctx.snap.comm = NV_COMM_LOST;
	nv_snapshot_invalidate(&ctx.snap);
	fx_update(&ctx);
	ck_assert_int_eq(GETI(3, 3, 1, 4, 1), -1);
	ctx.snap.comm = NV_COMM_OK;                     /* old samples are gone */
	fx_update(&ctx);
	ck_assert_int_eq(GETI(3, 3, 1, 5, 1), -1);
}
END_TEST

START_TEST(identity_and_agent_objects)
{
	struct mib_value v;
	regex_t re;

	strcpy(ctx.snap.id.model, "MASTERYS 3/3 UPS");
	strcpy(ctx.cfg.system.user_ref, "REF-0123456");
	strcpy(ctx.cfg.system.contact, "ops@example.org");
	ctx.cfg.poll.interval_s = 5;
	ctx.snap.baud = 9600;
	v = GET(1, 1, 0);
	ck_assert_uint_eq(v.len, strlen("MASTERYS 3/3 UPS"));
	v = GET(1, 3, 0);
	ck_assert_uint_eq(v.len, 11);
	v = GET(1, 5, 0);
	ck_assert_mem_eq(v.s, "nvagent ", 8);
	v = GET(1, 7, 0);
	ck_assert_mem_eq(v.s, "ops@example.org", v.len);
	ck_assert_int_eq(GETI(9, 10, 0), 5);
	ck_assert_int_eq(GETI(9, 11, 0), 9600);
	ck_assert_int_eq(GET(9, 1, 0).type, MIB_IPADDR);
	v = GET(9, 4, 0);
	v.s[v.len] = '\0';
	ck_assert_int_eq(regcomp(&re, "^[0-3][0-9]/[01][0-9]/[0-9]{4}$", REG_EXTENDED), 0);
	ck_assert_msg(regexec(&re, v.s, 0, NULL, 0) == 0, "date %s", v.s);
	regfree(&re);
	v = GET(9, 5, 0);
	ck_assert_uint_eq(v.len, 8);
	ck_assert_int_eq(GETI(2, 2, 0), -1);            /* not on battery */
	set(NV_C_ON_BATTERY);
	ctx.snap.sys.ups.batt_seconds_on = 42;
	ck_assert_int_eq(GETI(2, 2, 0), 42);
	ck_assert_int_eq(GETI(8, 4, 0), 1);
	set(NV_C_REMOTE_CONTROL_OFF);
	ck_assert_int_eq(GETI(8, 4, 0), 0);
	ck_assert_int_eq(GETI(10, 1, 0), -1);
}
END_TEST

START_TEST(data_unit_selects_the_view)
{
	ctx.snap.n_units = 2;
	ctx.snap.unit[1].present = true;
	nv_unit_clear(&ctx.snap.unit[1]);
	ctx.snap.unit[1].ups.out_load_total = 77;
	ctx.snap.sys.ups.out_load_total = 40;
	ck_assert_int_eq(GETI(4, 7, 0), 40);
	ctx.cfg.data_unit = 2;
	ck_assert_int_eq(GETI(4, 7, 0), 77);
}
END_TEST

static Suite *mib_socomec_suite(void)
{
	Suite *s = suite_create("mib_socomec");
	TCase *tc = tcase_create("values");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, battery_status_precedence);
	tcase_add_test(tc, enumerations_read_unknown_when_comm_lost);
	tcase_add_test(tc, measurements_read_minus_one_when_not_known);
	tcase_add_test(tc, output_source_follows_conditions);
	tcase_add_test(tc, table_rows_follow_phases);
	tcase_add_test(tc, wellknown_alarms_read_one_while_active);
	tcase_add_test(tc, alarm_table_rows_name_wellknown_alarms);
	tcase_add_test(tc, input_voltage_min_max_over_last_minute);
	tcase_add_test(tc, identity_and_agent_objects);
	tcase_add_test(tc, data_unit_selects_the_view);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_socomec_suite, NULL };
