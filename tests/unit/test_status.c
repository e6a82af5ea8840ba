/* test_status.c — the `status` report (agent/control_socket/status.c), human and JSON. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "nvconfig.h"       /* not the autoconf config.h of the build dir */
#include "status.h"

static struct nv_snapshot snap;
static struct nv_config cfg;
static struct nv_status_clock clk;

/* A three-phase UPS on inverter, one alarm, battery temperature unknown. */
static void ups_snapshot(void)
{
	struct nv_ups_meas *m = &snap.sys.ups;

	nv_config_defaults(&cfg);
	nv_snapshot_init(&snap);
	snap.seq = 7;
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_UPS;
	snap.proto = NV_PROTO_JBUSP;
	snap.baud = 9600;
	snprintf(snap.id.model, sizeof(snap.id.model), "MASTERYS 3/3");
	snprintf(snap.id.serial, sizeof(snap.id.serial), "SN\"12\\34");
	snap.id.type_code = 0x0203;
	snap.id.nominal_kva = 600;
	snap.id.phases_in = snap.id.phases_out = 3;
	snap.topo = NV_TOPO_SINGLE;
	snap.n_units = 1;
	m->in_voltage[0] = 2295; m->in_voltage[1] = 2300; m->in_voltage[2] = 2312;
	m->in_freq = 500;
	m->out_voltage[0] = 2300; m->out_voltage[1] = 2301; m->out_voltage[2] = 2299;
	m->out_freq = 499;
	m->out_load[0] = 41; m->out_load[1] = 42; m->out_load[2] = 40;
	m->batt_charge = 100;
	m->batt_minutes = 37;
	m->batt_voltage = 4321;
	m->batt_current = -15;
	m->batt_temp = NV_NA;
	m->ambient_temp = 235;
	nv_cond_set(&snap.sys, NV_C_ON_INVERTER, true);
	nv_cond_set(&snap.sys, NV_C_BATTERY_CHARGING, true);
	nv_cond_set(&snap.sys, NV_C_OVERLOAD, true);
	clk.mono.tv_sec = 1000;
	clk.wall = 1700000000;
	snap.comm_since.tv_sec = 990;
	snap.stats.oldest_meas_s = 998.75;     /* 1.25 s before clk.mono */
}

static char *render(bool json)
{
	struct nv_text t;

	nv_text_init(&t);
	ck_assert_int_eq(nv_status_render(&t, &snap, &cfg, &clk, json), 0);
	ck_assert_ptr_nonnull(t.buf);
	return t.buf;
}

static void has(const char *text, const char *needle)
{
	ck_assert_msg(strstr(text, needle) != NULL, "missing \"%s\" in:\n%s", needle, text);
}

/* The JSON must parse: ask python3's json module, as users' tools will. */
static void json_parses(const char *text)
{
	char path[] = "/tmp/nvstatus-XXXXXX", cmd[128];
	int fd = mkstemp(path);
	FILE *fp;
	int rc;

	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs(text, fp);
	fclose(fp);
	snprintf(cmd, sizeof(cmd), "python3 -m json.tool %s >/dev/null", path);
	rc = system(cmd);
	unlink(path);
	ck_assert_msg(rc == 0, "python3 rejects the JSON:\n%s", text);
}

START_TEST(human_shows_values_with_units)
{
	char *s;

	ups_snapshot();
	s = render(false);
	has(s, "MASTERYS 3/3");
	has(s, "Type code:      515 (0x0203)");
	has(s, "JBUSP, 9600 baud");
	has(s, "single, 1 unit(s), 0 module(s), 3 phase(s) in, 3 out");
	has(s, "Communication:  ok since ");
	has(s, "(10 s ago)");
	has(s, "Measurements:   the oldest read 1.2 s ago\n");
	has(s, "Input voltage      229.5 / 230.0 / 231.2 V\n");
	has(s, "Input frequency    50.0 Hz\n");
	has(s, "Output frequency   49.9 Hz\n");
	has(s, "Load               41 / 42 / 40 %\n");
	has(s, "Battery charge     100 %\n");
	has(s, "Time remaining     37 min\n");
	has(s, "Battery voltage    432.1 V\n");
	has(s, "Battery current    -1.5 A\n");
	has(s, "Ambient temp.      23.5 degC\n");
	free(s);
}
END_TEST

START_TEST(human_shows_na_for_unknown)
{
	char *s;

	ups_snapshot();
	s = render(false);
	has(s, "Battery temp.      n/a degC\n");
	has(s, "Bypass frequency   n/a Hz\n");
	ck_assert_ptr_null(strstr(s, "-0.1"));
	free(s);
}
END_TEST

START_TEST(human_splits_statuses_and_alarms)
{
	char *s;

	ups_snapshot();
	s = render(false);
	has(s, "Status:         on-inverter, battery-charging\n");
	has(s, "Alarms:         overload\n");
	free(s);
	nv_cond_set(&snap.sys, NV_C_OVERLOAD, false);
	s = render(false);
	has(s, "Alarms:         none\n");
	free(s);
}
END_TEST

START_TEST(human_before_first_contact)
{
	char *s;

	nv_config_defaults(&cfg);
	nv_snapshot_init(&snap);
	s = render(false);
	has(s, "Communication:  detecting\n");
	has(s, "Input voltage      n/a / n/a / n/a V\n");
	has(s, "baud n/a");
	has(s, "Measurements:   none read\n");
	free(s);
}
END_TEST

START_TEST(json_parses_and_has_values)
{
	char *s;

	ups_snapshot();
	s = render(true);
	json_parses(s);
	has(s, "\"input_voltage_v\":[229.5,230.0,231.2]");
	has(s, "\"battery_temp_c\":null");
	has(s, "\"battery_current_a\":-1.5");
	has(s, "\"statuses\":[\"on-inverter\",\"battery-charging\"]");
	has(s, "\"alarms\":[\"overload\"]");
	has(s, "\"serial\":\"SN\\\"12\\\\34\"");
	has(s, "\"seconds\":10");
	has(s, "\"oldest_measurement_s\":1.2");
	has(s, "\"stats\":{\"requests\":0,");
	free(s);
}
END_TEST

START_TEST(json_parses_for_sts_and_empty)
{
	char *s;

	nv_config_defaults(&cfg);
	nv_snapshot_init(&snap);
	s = render(true);
	json_parses(s);
	has(s, "\"since\":null");
	free(s);
	snap.kind = NV_KIND_STS;
	snap.sys.sts.src_voltage[1][2] = 2301;
	nv_cond_set(&snap.sys, NV_C_STS_ON_S1, true);
	nv_cond_set(&snap.sys, NV_C_STS_BACKFEED, true);
	s = render(true);
	json_parses(s);
	has(s, "\"source2_voltage_v\":[null,null,230.1]");
	has(s, "\"alarms\":[\"sts-backfeed\"]");
	free(s);
}
END_TEST

START_TEST(data_unit_selects_the_unit)
{
	char *s;

	ups_snapshot();
	snap.n_units = 2;
	snap.topo = NV_TOPO_PARALLEL;
	nv_unit_clear(&snap.unit[1]);
	snap.unit[1].ups.in_freq = 601;
	cfg.data_unit = 2;
	s = render(false);
	has(s, "Measurements (unit 2):");
	has(s, "Input frequency    60.1 Hz\n");
	free(s);
}
END_TEST

static Suite *status_suite(void)
{
	Suite *s = suite_create("status");
	TCase *tc = tcase_create("render");

	tcase_add_test(tc, human_shows_values_with_units);
	tcase_add_test(tc, human_shows_na_for_unknown);
	tcase_add_test(tc, human_splits_statuses_and_alarms);
	tcase_add_test(tc, human_before_first_contact);
	tcase_add_test(tc, json_parses_and_has_values);
	tcase_add_test(tc, json_parses_for_sts_and_empty);
	tcase_add_test(tc, data_unit_selects_the_unit);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { status_suite, NULL };
