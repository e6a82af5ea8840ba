/*
 * poller_detects_devices_on_nvsim.c — the real poller thread against nvsim
 * on a pty: detection (speed, protocol, range, phases, topology) and values
 * that follow the device.  Skipped (77) when nvsim is not built.
 */
#include <stdio.h>
#include <stdlib.h>

#include "check_main.h"
#include "poller_nvsim_fixture.h"

static bool on_battery(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && nv_cond_get(&s->sys, NV_C_ON_BATTERY) &&
	    s->sys.ups.batt_seconds_on >= 1;
}
static bool polled(const struct nv_snapshot *s) { return s->stats.cycles > 0; }

START_TEST(jbusp_three_phase_is_detected_and_followed)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "jbusp-three-phase", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->proto, NV_PROTO_JBUSP);
	ck_assert_int_eq(snap->kind, NV_KIND_UPS);
	ck_assert_int_eq(snap->baud, 9600);
	ck_assert_str_eq(snap->id.model, "MASTERYS 3/3 UPS");
	ck_assert_str_eq(snap->id.serial, "MAS60B0001");
	ck_assert_str_eq(snap->id.firmware, "3.12");
	ck_assert_int_eq(snap->id.phases_in, 3);
	ck_assert_int_eq(snap->id.phases_out, 3);
	ck_assert_int_eq(snap->id.nominal_kva, 600);
	ck_assert_int_eq(snap->topo, NV_TOPO_SINGLE);
	ck_assert_int_eq(snap->n_units, 1);
	ck_assert(snap->sys.ups.out_voltage[2] != NV_NA);
	ck_assert(wait_snap(p, snap, polled, 5));
	ck_assert(nv_poller_full_read_ms(p) > 0);

	ck_assert_int_eq(snap->sys.ups.batt_seconds_on, 0);
	simctl(&s, "set M04 95");
	ck_assert_msg(wait_snap(p, snap, charge_95, 5), "charge %d",
	    snap->sys.ups.batt_charge);
	simctl(&s, "scenario mains-fail");
	ck_assert_msg(wait_snap(p, snap, on_battery, 5), "not on battery");
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(jbusp_single_phase_has_one_phase)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "jbusp-single-phase", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_str_eq(snap->id.model, "NETYS PR");
	ck_assert_int_eq(snap->id.phases_in, 1);
	ck_assert_int_eq(snap->id.phases_out, 1);
	ck_assert_int_eq(snap->sys.ups.out_voltage[1], NV_NA);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(jbusp_parallel_units_are_found)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "jbusp-parallel", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->topo, NV_TOPO_PARALLEL);
	ck_assert_int_eq(snap->n_units, 2);
	ck_assert(snap->unit[1].present);
	ck_assert_str_eq(snap->id.serial, "MAS40P0001");
	ck_assert_int_eq(snap->id.nominal_kva, 800);
	ck_assert(nv_cond_get(&snap->sys, NV_C_PARALLEL));
	ck_assert(snap->unit[1].ups.out_voltage[0] != NV_NA);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(vumap_single_is_detected)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-single", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->proto, NV_PROTO_VUMAP);
	ck_assert_str_eq(snap->id.model, "MASTERYS BC+");
	ck_assert_str_eq(snap->id.serial, "MBC60S240001");
	ck_assert_str_eq(snap->id.reference, "MASTERYS BC+ 60kVA");
	ck_assert_int_eq(snap->id.nominal_kva, 600);
	ck_assert_int_eq(snap->id.phases_out, 3);
	ck_assert_int_eq(snap->topo, NV_TOPO_SINGLE);
	simctl(&s, "set M022 95");
	ck_assert(wait_snap(p, snap, charge_95, 5));
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(vumap_modular_has_modules)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-modular", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->topo, NV_TOPO_MODULAR);
	ck_assert_int_eq(snap->n_modules, 4);
	ck_assert(snap->module[3].present);
	ck_assert(!snap->module[4].present);
	ck_assert_int_eq(snap->id.nominal_kva, 1000);   /* T014 = 0: whole kVA */
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(vumap_parallel_units_are_found)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-parallel", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->topo, NV_TOPO_PARALLEL);
	ck_assert_int_eq(snap->n_units, 3);
	ck_assert(snap->unit[2].present);
	ck_assert_int_eq(snap->id.nominal_kva, 2400);
	ck_assert(snap->unit[2].ups.out_voltage[0] != NV_NA);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

/* Unit 3's third module is module 15 (index 14): units 1 and 2 have 6 each. */
static bool unit3_module3_alarm(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && s->module[14].general_alarm;
}

START_TEST(vumap_modular_system_numbers_modules_across_units)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-modular-system", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->topo, NV_TOPO_MODULAR_SYSTEM);
	ck_assert_int_eq(snap->n_units, 4);
	ck_assert_int_eq(snap->n_modules, 24);
	ck_assert(snap->unit[3].present);
	ck_assert_int_eq(snap->id.nominal_kva, 6000);
	for (int m = 0; m < 24; m++) {
		ck_assert_msg(snap->module[m].present && snap->module[m].operating &&
		    snap->module[m].available, "module %d", m + 1);
		ck_assert(!snap->module[m].general_alarm && !snap->module[m].imminent_stop);
	}
	simctl(&s, "set 3:A098 1");
	ck_assert(wait_snap(p, snap, unit3_module3_alarm, 10));
	for (int m = 0; m < 24; m++)
		ck_assert_msg(snap->module[m].general_alarm == (m == 14), "module %d", m + 1);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

/* No unit count in the registers: units are probed, and silent ids dropped. */
START_TEST(vumap_modular_system_of_two_units)
{
	const char *const extra[] = { "--units", "2", NULL };
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-modular-system", extra);
	p = poller_on(&s, 0, 200);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->topo, NV_TOPO_MODULAR_SYSTEM);
	ck_assert_int_eq(snap->n_units, 2);
	ck_assert(!snap->unit[2].present);
	ck_assert_int_eq(snap->n_modules, 12);
	ck_assert(snap->module[11].present && !snap->module[12].present);
	ck_assert_int_eq(snap->id.nominal_kva, 3000);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

static bool sts_meas(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && s->sys.sts.src_voltage[0][0] != NV_NA;
}

START_TEST(sts_is_detected)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "sts", NULL);
	p = poller_on(&s, 0, 300);
	ck_assert(wait_snap(p, snap, sts_meas, 10));
	ck_assert_int_eq(snap->kind, NV_KIND_STS);
	ck_assert_int_eq(snap->proto, NV_PROTO_STS);
	ck_assert_str_eq(snap->id.model, "STATYS 100A 3P");
	ck_assert_int_eq(snap->sys.sts.src_freq[0], 500);
	ck_assert(nv_cond_get(&snap->sys, NV_C_STS_ON_PREFERRED));
	ck_assert(nv_cond_get(&snap->sys, NV_C_STS_REMOTE_ENABLED));
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

static const int bauds[] = { 2400, 9600, 19200, 57600 };

START_TEST(baud_rate_is_detected)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	char b[16];
	const char *extra[] = { "--baud", b, NULL };

	snprintf(b, sizeof(b), "%d", bauds[_i]);
	sim_start(&s, "jbusp-three-phase", extra);
	p = poller_on(&s, 0, 200);
	ck_assert(wait_snap(p, snap, is_ok, 15));
	ck_assert_int_eq(snap->baud, bauds[_i]);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

/* Skipped (NULL) when nvsim is not built. */
static Suite *poller_detection_suite(void)
{
	TCase *tc;
	Suite *su = nvsim_suite("poller_detection", &tc);

	if (su == NULL)
		return NULL;
	tcase_add_test(tc, jbusp_three_phase_is_detected_and_followed);
	tcase_add_test(tc, jbusp_single_phase_has_one_phase);
	tcase_add_test(tc, jbusp_parallel_units_are_found);
	tcase_add_test(tc, vumap_single_is_detected);
	tcase_add_test(tc, vumap_modular_has_modules);
	tcase_add_test(tc, vumap_parallel_units_are_found);
	tcase_add_test(tc, vumap_modular_system_numbers_modules_across_units);
	tcase_add_test(tc, vumap_modular_system_of_two_units);
	tcase_add_test(tc, sts_is_detected);
	tcase_add_loop_test(tc, baud_rate_is_detected, 0, 4);
	return su;
}

nv_suite_builder *const nv_test_suites[] = { poller_detection_suite, NULL };
