/* poller_nvsim_fixture.c — nvsim and a poller for the poller's Check programs. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "config_ups_control.h"
#include "poller_nvsim_fixture.h"

extern char **environ;

/* set once by nvsim_suite() before any test runs, read-only after */
static char nvsim[4096];

Suite *nvsim_suite(const char *name, TCase **tc)
{
	const char *bd = getenv("NV_BUILDDIR");
	Suite *su;

	snprintf(nvsim, sizeof(nvsim), "%s/nvsim", bd ? bd : ".");
	if (access(nvsim, X_OK) != 0) {
		fprintf(stderr, "SKIP: %s not built\n", nvsim);
		return NULL;
	}
	su = suite_create(name);
	*tc = tcase_create("live");
	tcase_set_timeout(*tc, 60);
	suite_add_tcase(su, *tc);
	return su;
}

double now_s(void)
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

void sim_start_in(struct sim *s, const char *profile, const char *const *extra)
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

void sim_start(struct sim *s, const char *profile, const char *const *extra)
{
	snprintf(s->dir, sizeof(s->dir), "/tmp/nvpoll.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(s->dir));
	sim_start_in(s, profile, extra);
}

void sim_kill(struct sim *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		s->pid = 0;
	}
}

void sim_stop(struct sim *s)
{
	sim_kill(s);
	unlink(s->pty);
	unlink(s->ctl);
	rmdir(s->dir);
}

void simctl(struct sim *s, const char *cmd)
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

struct nv_poller *poller_on(struct sim *s, int baud, int timeout_ms)
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


bool wait_snap(struct nv_poller *p, struct nv_snapshot *snap, snap_pred pred,
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

bool is_ok(const struct nv_snapshot *s) { return s->comm == NV_COMM_OK; }
bool is_lost(const struct nv_snapshot *s) { return s->comm == NV_COMM_LOST; }
bool charge_95(const struct nv_snapshot *s) { return s->sys.ups.batt_charge == 95; }
bool has_meas(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK && s->sys.ups.out_voltage[0] != NV_NA;
}

struct nv_snapshot *new_snap(void)
{
	struct nv_snapshot *s = calloc(1, sizeof(*s));

	ck_assert_ptr_nonnull(s);
	nv_snapshot_init(s);
	return s;
}

unsigned long sim_dropped(const struct sim *s)
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
