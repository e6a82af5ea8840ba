/*
 * poller_detects_and_follows_nvsim.c — the real poller thread against nvsim on a pty:
 * detection (speed, protocol, range, phases, topology), values that follow
 * the device, communication loss and recovery, a device that vanishes and
 * comes back, a prompt stop.  Skipped (77) when nvsim is not built.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "config_ups_control.h"
#include "device.h"
#include "device/private/profile.h"
#include "model.h"
#include "trace.h"

extern char **environ;

static char nvsim[4096];

struct sim {
	pid_t pid;
	char dir[64], pty[128], ctl[128];
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* Start nvsim PROFILE [args...] on a pty in a fresh temp dir. */
static void sim_start_in(struct sim *s, const char *profile, const char *const *extra)
{
	const char *argv[24];
	int n = 0;

	snprintf(s->pty, sizeof(s->pty), "%s/tty", s->dir);
	snprintf(s->ctl, sizeof(s->ctl), "%s/ctl.sock", s->dir);
	argv[n++] = nvsim;
	argv[n++] = "--profile";
	argv[n++] = profile;
	argv[n++] = "--pty";
	argv[n++] = s->pty;
	argv[n++] = "--control";
	argv[n++] = s->ctl;
	for (int i = 0; extra && extra[i] && n < 22; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	ck_assert_int_eq(posix_spawn(&s->pid, nvsim, NULL, NULL, (char **)argv,
	    environ), 0);
	for (double end = now_s() + 10; now_s() < end; usleep(20000))
		if (exists(s->pty) && exists(s->ctl))
			return;
	ck_abort_msg("nvsim %s did not start", profile);
}

static void sim_start(struct sim *s, const char *profile, const char *const *extra)
{
	snprintf(s->dir, sizeof(s->dir), "/tmp/nvpoll.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(s->dir));
	sim_start_in(s, profile, extra);
}

static void sim_kill(struct sim *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

static void sim_stop(struct sim *s)
{
	sim_kill(s);
	unlink(s->pty);
	unlink(s->ctl);
	rmdir(s->dir);
}

/* nvsim ctl SOCK word word ... ; fails the test when the command fails. */
static void simctl(struct sim *s, const char *cmd)
{
	char buf[256], *save = NULL;
	const char *argv[16];
	int n = 0, st;
	pid_t pid;

	snprintf(buf, sizeof(buf), "%s", cmd);
	argv[n++] = nvsim;
	argv[n++] = "ctl";
	argv[n++] = s->ctl;
	for (char *t = strtok_r(buf, " ", &save); t && n < 15; t = strtok_r(NULL, " ", &save))
		argv[n++] = t;
	argv[n] = NULL;
	ck_assert_int_eq(posix_spawn(&pid, nvsim, NULL, NULL, (char **)argv, environ), 0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "nvsim ctl %s failed", cmd);
}

static struct nv_poller *poller_on(struct sim *s, int baud, int timeout_ms)
{
	struct nv_serial_cfg sc = { .baud = baud, .slave = 1, .timeout_ms = timeout_ms };
	struct nv_poll_cfg pc = { .interval_s = 1, .status_interval_ms = 0,
		.comm_loss_after = 3 };
	struct nv_controls_cfg controls;
	struct nv_poller *p = NULL;

	nv_controls_cfg_defaults(&controls);
	snprintf(sc.device, sizeof(sc.device), "%s", s->pty);
	ck_assert_int_eq(nv_poller_start(&p, &sc, &pc, &controls), 0);
	return p;
}

typedef bool (*snap_pred)(const struct nv_snapshot *);

/* Take snapshots until pred holds or the deadline passes. */
static bool wait_snap(struct nv_poller *p, struct nv_snapshot *snap, snap_pred pred,
    double secs)
{
	struct pollfd pfd = { .fd = nv_poller_fd(p), .events = POLLIN };

	for (double end = now_s() + secs; now_s() < end; ) {
		nv_poller_take(p, snap);
		if (pred(snap))
			return true;
		poll(&pfd, 1, 100);
	}
	return false;
}

static bool is_ok(const struct nv_snapshot *s) { return s->comm == NV_COMM_OK; }
static bool is_lost(const struct nv_snapshot *s) { return s->comm == NV_COMM_LOST; }
static bool charge_95(const struct nv_snapshot *s) { return s->sys.ups.batt_charge == 95; }
static bool on_battery(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && nv_cond_get(&s->sys, NV_C_ON_BATTERY) &&
	    s->sys.ups.batt_seconds_on >= 1;
}
static bool polled(const struct nv_snapshot *s) { return s->stats.cycles > 0; }
static bool has_meas(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && s->sys.ups.out_voltage[0] != NV_NA;
}

static struct nv_snapshot *new_snap(void)
{
	struct nv_snapshot *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	nv_snapshot_init(s);
	return s;
}

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

static double ts_ms(const struct timespec *t)
{
	return (double)t->tv_sec * 1e3 + (double)t->tv_nsec / 1e6;
}

/* The exchanges the trace kept, oldest first; their number. */
static int trace_copy(struct nv_trace *t, struct nv_trace_entry *out)
{
	int n = 0;

	pthread_mutex_lock(&t->lock);
	/* seq starts at 1 when tracing is turned on */
	for (uint64_t q = t->next > NV_TRACE_MAX ? t->next - NV_TRACE_MAX : 1; q < t->next; q++)
		out[n++] = t->ring[q % NV_TRACE_MAX];
	pthread_mutex_unlock(&t->lock);
	return n;
}

/*
 * An alarm must never wait behind the slow lane: between two status reads
 * of a single VU-MAP unit (whose measurement block is 80 words, ~200 ms at
 * 9600 baud) the poller makes at most one other request, no longer than
 * its status + alarm read (16 words).
 */
START_TEST(status_reads_are_never_behind_a_long_slow_read)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	const char *extra[] = { "--wire-timing", NULL };
	static struct nv_trace_entry e[NV_TRACE_MAX];
	int n, between = 0, pieces = 0, status_reads = 0;

	sim_start(&s, "vumap-single", extra);
	p = poller_on(&s, 9600, 500);
	ck_assert(wait_snap(p, snap, is_ok, 15));
	nv_trace_set(nv_poller_trace(p), true);
	/* charge lives in the last piece: a whole measurement set was read */
	simctl(&s, "set M022 95");
	ck_assert(wait_snap(p, snap, charge_95, 5));
	nv_trace_set(nv_poller_trace(p), false);
	n = trace_copy(nv_poller_trace(p), e);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(e[i].count <= 16, "read of 0x%04X x%d between status reads",
		    e[i].addr, e[i].count);
		/* `when` is the request's time: a short read after a long one
		 * still starts after the long one's reply (1 ms for rounding) */
		ck_assert_msg(i == 0 || ts_ms(&e[i].when) >= ts_ms(&e[i - 1].when) + e[i - 1].ms - 1,
		    "exchange %d stamped %.1f ms after the previous one, which took %.1f ms",
		    i, ts_ms(&e[i].when) - ts_ms(&e[i - 1].when), e[i - 1].ms);
		if (e[i].addr == 0x0030) {
			status_reads++;
			between = 0;
		} else if (e[i].addr != 0x0038) {
			ck_assert_msg(++between <= 1, "two slow reads (the second 0x%04X x%d) "
			    "between status reads", e[i].addr, e[i].count);
			pieces += e[i].addr >= 0x0040 && e[i].addr < 0x0040 + 80;
		}
	}
	ck_assert_int_ge(pieces, 4);
	ck_assert_int_gt(status_reads, pieces);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

static bool unit7_overload(const struct nv_snapshot *s)
{
	return s->n_units == 10 && nv_cond_get(&s->unit[6], NV_C_OVERLOAD);
}

/*
 * Ten units in parallel: unit 1's synthesis is read every pass, and a
 * unit whose alarm shows there has its alarm words read right after it,
 * without waiting for its turn.
 */
START_TEST(a_units_alarm_is_read_right_after_the_synthesis_shows_it)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	const char *extra[] = { "--units", "10", "--wire-timing", "--baud", "19200", NULL };
	static struct nv_trace_entry e[NV_TRACE_MAX];
	struct timespec before;
	int n, i;

	sim_start(&s, "vumap-parallel", extra);
	p = poller_on(&s, 19200, 500);
	ck_assert(wait_snap(p, snap, has_meas, 30));
	ck_assert_int_eq(snap->n_units, 10);
	nv_trace_set(nv_poller_trace(p), true);
	clock_gettime(CLOCK_REALTIME, &before);
	simctl(&s, "set 7:A001 1");
	ck_assert(wait_snap(p, snap, unit7_overload, 10));
	/* unit 7's own turn may come first; the synthesis read after the
	 * change still flags it.  Look for that read, with a deadline. */
	for (double end = now_s() + 10; ; usleep(50000)) {
		n = trace_copy(nv_poller_trace(p), e);
		for (i = 1; i < n; i++)
			if (e[i].slave == 7 && e[i].addr == 0x0038 && e[i].got > 0 &&
			    (e[i].words[0] & 0x0002) && ts_ms(&e[i].when) >= ts_ms(&before))
				break;
		if (i < n || now_s() > end)
			break;
	}
	nv_trace_set(nv_poller_trace(p), false);
	ck_assert_msg(i < n, "no read of unit 7's alarms alone after the alarm");
	ck_assert_msg(e[i - 1].slave == 1 && e[i - 1].addr == 0x0030,
	    "unit 7 read after slave %d 0x%04X, not after the synthesis",
	    e[i - 1].slave, e[i - 1].addr);
	/* every pass reads unit 1's status and alarms in one request */
	ck_assert_int_eq(e[i - 1].count, 16);
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

/* nvsim's count of requests it swallowed (fault no-response). */
static unsigned long sim_dropped(const struct sim *s)
{
	char cmd[sizeof(nvsim) + sizeof(((struct sim *)0)->ctl) + 32], line[4096];
	const char *d;
	unsigned long n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "'%s' ctl '%s' counters", nvsim, s->ctl);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	if (fgets(line, sizeof(line), f) != NULL && (d = strstr(line, "dropped=")) != NULL)
		n = strtoul(d + 8, NULL, 10);
	ck_assert_int_eq(pclose(f), 0);
	return n;
}

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
static Suite *poller_live_suite(void)
{
	const char *bd = getenv("NV_BUILDDIR");
	Suite *su;
	TCase *tc;

	snprintf(nvsim, sizeof(nvsim), "%s/nvsim", bd ? bd : ".");
	if (access(nvsim, X_OK) != 0) {
		fprintf(stderr, "SKIP: %s not built\n", nvsim);
		return NULL;
	}
	su = suite_create("poller_live");
	tc = tcase_create("live");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, jbusp_three_phase_is_detected_and_followed);
	tcase_add_test(tc, jbusp_single_phase_has_one_phase);
	tcase_add_test(tc, jbusp_parallel_units_are_found);
	tcase_add_test(tc, vumap_single_is_detected);
	tcase_add_test(tc, vumap_modular_has_modules);
	tcase_add_test(tc, vumap_parallel_units_are_found);
	tcase_add_test(tc, vumap_modular_system_numbers_modules_across_units);
	tcase_add_test(tc, vumap_modular_system_of_two_units);
	tcase_add_test(tc, sts_is_detected);
	tcase_add_test(tc, no_response_is_comm_lost_then_restored);
	tcase_add_test(tc, vanished_device_is_reopened);
	tcase_add_loop_test(tc, baud_rate_is_detected, 0, 4);
	tcase_add_test(tc, reconfigure_detects_again_with_new_settings);
	tcase_add_test(tc, status_reads_are_never_behind_a_long_slow_read);
	tcase_add_test(tc, a_units_alarm_is_read_right_after_the_synthesis_shows_it);
	tcase_add_test(tc, missing_device_reads_comm_lost);
	tcase_add_test(tc, stop_is_prompt_while_the_device_is_silent);
	suite_add_tcase(su, tc);
	return su;
}

nv_suite_builder *const nv_test_suites[] = { poller_live_suite, NULL };
