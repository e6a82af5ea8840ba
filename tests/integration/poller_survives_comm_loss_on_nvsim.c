/*
 * poller_survives_comm_loss_on_nvsim.c — the real poller thread against
 * nvsim on a pty: communication loss and recovery, a device that vanishes
 * and comes back or is not there at all, a reconfiguration, and a prompt
 * stop while the device is silent.  Skipped (77) when nvsim is not built.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "check_main.h"
#include "config_ups_control.h"
#include "poller_nvsim_fixture.h"

START_TEST(no_response_is_comm_lost_then_restored)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "jbusp-three-phase", NULL);
	p = poller_on(&s, 9600, 200);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	simctl(&s, "fault no-response on");
	ck_assert(wait_snap(p, snap, is_lost, 30));
	ck_assert_int_eq(snap->sys.ups.out_voltage[0], NV_NA);
	ck_assert_int_eq(snap->sys.ups.batt_charge, NV_NA);
	ck_assert(!nv_cond_get(&snap->sys, NV_C_ON_INVERTER));
	ck_assert(snap->stats.timeouts >= 3);   /* not before comm-loss-after cycles */
	simctl(&s, "fault no-response off");
	ck_assert(wait_snap(p, snap, has_meas, 10));
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(vanished_device_is_reopened)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;

	sim_start(&s, "vumap-single", NULL);
	p = poller_on(&s, 0, 200);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	sim_kill(&s);                   /* the pty disappears */
	ck_assert(wait_snap(p, snap, is_lost, 5));
	unlink(s.ctl);
	sim_start_in(&s, "vumap-single", NULL);
	ck_assert(wait_snap(p, snap, has_meas, 15));
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

START_TEST(missing_device_reads_comm_lost)
{
	struct sim s = { .pid = 0 };
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	double t0;

	snprintf(s.pty, sizeof(s.pty), "/nonexistent/ttyUPS");
	p = poller_on(&s, 0, 200);
	ck_assert(wait_snap(p, snap, is_lost, 3));
	ck_assert_int_eq(snap->sys.ups.out_voltage[0], NV_NA);
	t0 = now_s();
	nv_poller_stop(p);
	ck_assert(now_s() - t0 < 0.5);
	free(snap);
}
END_TEST

START_TEST(reconfigure_detects_again_with_new_settings)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	struct nv_serial_cfg sc = { .baud = 9600, .slave = 1, .timeout_ms = 200 };
	struct nv_poll_cfg pc = { .interval_s = 1, .comm_loss_after = 3 };
	const char *extra[] = { "--slave", "5", NULL };
	struct nv_controls_cfg controls;

	nv_controls_cfg_defaults(&controls);
	sim_start(&s, "jbusp-three-phase", extra);
	p = poller_on(&s, 9600, 200);   /* slave 1: nobody answers */
	ck_assert(wait_snap(p, snap, is_lost, 10));
	snprintf(sc.device, sizeof(sc.device), "%s", s.pty);
	sc.slave = 5;
	nv_poller_reconfigure(p, &sc, &pc, &controls);
	ck_assert(wait_snap(p, snap, has_meas, 10));
	ck_assert_int_eq(snap->proto, NV_PROTO_JBUSP);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

/*
 * A stop never waits out a detection backoff: with the device silent the
 * backoff doubles (2, 4, 8 s).  Once a gap of at least 3.5 s between
 * nvsim's swallowed requests has ended and the next detection attempt has
 * gone quiet, the poller is in the 8 s backoff, which began no earlier
 * than the last request: stop returns before that backoff would end.
 */
START_TEST(stop_is_prompt_while_the_device_is_silent)
{
	struct sim s;
	struct nv_poller *p;
	unsigned long seen, n;
	double last, t, end, stopped;
	bool after_long_gap = false;

	sim_start(&s, "jbusp-three-phase", NULL);
	simctl(&s, "fault no-response on");
	p = poller_on(&s, 9600, 50);
	seen = sim_dropped(&s);
	last = now_s();
	end = last + 40;
	for (;;) {
		n = sim_dropped(&s);
		t = now_s();
		ck_assert_msg(t < end, "the poller never reached a long backoff");
		if (n != seen) {
			after_long_gap = after_long_gap || t - last >= 3.5;
			seen = n;
			last = t;
		} else if (after_long_gap && t - last >= 0.5) {
			break;
		}
		usleep(50000);
	}
	nv_poller_stop(p);
	stopped = now_s();
	ck_assert_msg(stopped < last + 8.0, "stop returned %.2f s into an 8 s backoff",
	    stopped - last);
	sim_stop(&s);
}
END_TEST

/* Skipped (NULL) when nvsim is not built. */
static Suite *poller_comm_loss_suite(void)
{
	TCase *tc;
	Suite *su = nvsim_suite("poller_comm_loss", &tc);

	if (su == NULL)
		return NULL;
	tcase_add_test(tc, no_response_is_comm_lost_then_restored);
	tcase_add_test(tc, vanished_device_is_reopened);
	tcase_add_test(tc, reconfigure_detects_again_with_new_settings);
	tcase_add_test(tc, missing_device_reads_comm_lost);
	tcase_add_test(tc, stop_is_prompt_while_the_device_is_silent);
	return su;
}

nv_suite_builder *const nv_test_suites[] = { poller_comm_loss_suite, NULL };
