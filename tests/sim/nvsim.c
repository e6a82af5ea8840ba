/*
 * nvsim.c — command line and main loop of the UPS / STS simulator.
 *
 * One poll() loop: the pty master (Modbus requests), a timerfd (physics
 * tick, 100 ms), a signalfd (SIGTERM / SIGINT), the control socket and
 * its clients.  No threads.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "sim.h"

#define TICK_MS 100

struct sim_opts {
	const char *profile;
	const char *pty;
	const char *control;
	int units;
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: nvsim --profile NAME [--pty PATH] [--control SOCKET] [--slave N]\n"
	    "             [--units N] [--baud N] [--wire-timing] [--turnaround-ms N]\n"
	    "             [--time-scale F] [--vumap-layout generic|itys] [--clock-skew S]\n"
	    "             [--env-slave N]\n"
	    "       nvsim --list-profiles | --help | -V\n"
	    "       nvsim ctl SOCKET COMMAND [ARG...]\n");
}

static void
list_profiles(void)
{
	const struct sim_profile *p;
	size_t i;

	for (i = 0; (p = sim_profile_at(i)) != NULL; i++)
		printf("%-20s %s\n", p->name, p->descr);
}

static int
int_arg(const char *opt, const char *s, long lo, long hi, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *out < lo || *out > hi) {
		fprintf(stderr, "nvsim: %s: bad value '%s' (%ld..%ld)\n", opt, s, lo, hi);
		return -1;
	}
	return 0;
}

static bool
baud_ok(long b)
{
	static const long ok[] = { 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200 };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (b == ok[i])
			return true;
	return false;
}

/* Returns 0 to run, 1 when done (help, list), 2 on a usage error. */
static int
parse_args(int argc, char **argv, struct sim_ctx *c, struct sim_opts *o)
{
	static const struct option longopts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "pty", required_argument, NULL, 't' },
		{ "slave", required_argument, NULL, 's' },
		{ "units", required_argument, NULL, 'u' },
		{ "baud", required_argument, NULL, 'b' },
		{ "control", required_argument, NULL, 'c' },
		{ "list-profiles", no_argument, NULL, 'l' },
		{ "wire-timing", no_argument, NULL, 'w' },
		{ "turnaround-ms", required_argument, NULL, 'T' },
		{ "time-scale", required_argument, NULL, 'S' },
		{ "vumap-layout", required_argument, NULL, 'L' },
		{ "clock-skew", required_argument, NULL, 'K' },
		{ "env-slave", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char *end;
	long v;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p': o->profile = optarg; break;
		case 't': o->pty = optarg; break;
		case 'c': o->control = optarg; break;
		case 'w': c->wire_timing = true; break;
		case 's':
			if (int_arg("--slave", optarg, 1, 247, &v) < 0)
				return 2;
			c->slave = (int)v;
			break;
		case 'u':
			if (int_arg("--units", optarg, 1, SIM_MAX_UNITS, &v) < 0)
				return 2;
			o->units = (int)v;
			break;
		case 'b':
			if (int_arg("--baud", optarg, 1, 1000000, &v) < 0)
				return 2;
			if (!baud_ok(v)) {
				fprintf(stderr, "nvsim: --baud: unsupported rate %ld "
				    "(1200 2400 4800 9600 19200 38400 57600 115200)\n", v);
				return 2;
			}
			c->baud = (int)v;
			break;
		case 'T':
			if (int_arg("--turnaround-ms", optarg, 0, 10000, &v) < 0)
				return 2;
			c->turnaround_ms = (int)v;
			break;
		case 'S':
			errno = 0;
			c->time_scale = strtod(optarg, &end);
			if (errno != 0 || end == optarg || *end != '\0' ||
			    !isfinite(c->time_scale) || c->time_scale <= 0 ||
			    c->time_scale > 100000) {
				fprintf(stderr, "nvsim: --time-scale: bad value '%s' "
				    "(a number > 0, at most 100000)\n", optarg);
				return 2;
			}
			break;
		case 'E':
			if (int_arg("--env-slave", optarg, 1, 247, &v) < 0)
				return 2;
			c->env_slave = (int)v;
			break;
		case 'L':
			if (strcmp(optarg, "generic") != 0 && strcmp(optarg, "itys") != 0) {
				fprintf(stderr, "nvsim: --vumap-layout: generic or itys\n");
				return 2;
			}
			c->vumap_swapped = strcmp(optarg, "itys") == 0;
			break;
		case 'K':
			if (int_arg("--clock-skew", optarg, -315360000, 315360000, &v) < 0)
				return 2;
			c->clock_skew_s = v;
			break;
		case 'l': list_profiles(); return 1;
		case 'h': usage(stdout); return 1;
		case 'V': printf("nvsim %s\n", PACKAGE_VERSION); return 1;
		case ':':
			fprintf(stderr, "nvsim: option %s needs a value\n", argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "nvsim: unknown option %s (try --help)\n",
			    argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "nvsim: unexpected argument '%s' (try --help)\n", argv[optind]);
		return 2;
	}
	if (o->profile == NULL) {
		fprintf(stderr, "nvsim: --profile is required (see --list-profiles)\n");
		return 2;
	}
	c->prof = sim_profile_find(o->profile);
	if (c->prof == NULL) {
		fprintf(stderr, "nvsim: unknown profile '%s' (see --list-profiles)\n", o->profile);
		return 2;
	}
	c->units = o->units ? o->units : c->prof->units;
	if (c->units > c->prof->max_units || (c->prof->units > 1 && c->units < 2)) {
		fprintf(stderr, "nvsim: --units: profile %s takes %d..%d units\n",
		    c->prof->name, c->prof->units > 1 ? 2 : 1, c->prof->max_units);
		return 2;
	}
	if (c->env_slave != 0 && (c->prof->proto == SIM_ENV ||
	    (c->env_slave >= c->slave && c->env_slave < c->slave + c->units))) {
		fprintf(stderr, "nvsim: --env-slave: %s\n", c->prof->proto == SIM_ENV ?
		    "the env-sensor profile is the sensor already" :
		    "that slave id is one of the device's units");
		return 2;
	}
	if (c->slave + c->units - 1 > 247) {
		fprintf(stderr, "nvsim: --slave: units %d..%d would pass slave id 247\n",
		    c->slave, c->slave + c->units - 1);
		return 2;
	}
	return 0;
}

static int
open_fds(int *tfd, int *sfd)
{
	struct itimerspec its = {
		.it_interval = { 0, TICK_MS * 1000000L },
		.it_value = { 0, TICK_MS * 1000000L },
	};
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0 ||
	    (*sfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK)) < 0) {
		fprintf(stderr, "nvsim: signalfd: %s\n", strerror(errno));
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	*tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (*tfd < 0 || timerfd_settime(*tfd, 0, &its, NULL) < 0) {
		fprintf(stderr, "nvsim: timerfd: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void
tick(struct sim_ctx *c, int tfd)
{
	uint64_t n;
	double dt;

	if (read(tfd, &n, sizeof(n)) != (ssize_t)sizeof(n) || n == 0)
		return;
	dt = (double)n * TICK_MS / 1000.0 * c->time_scale;
	sim_phys_step(c, dt);
	c->clock_s += dt;
	sim_render(c);
}

/* Returns true when a signal asks us to stop. */
static bool
signalled(int sfd)
{
	struct signalfd_siginfo si;

	while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
			return true;
	return false;
}

static int
run(struct sim_ctx *c, int tfd, int sfd)
{
	struct pollfd pfd[4 + SIM_MAX_CLIENTS];
	int i, n, base;

	for (;;) {
		pfd[0] = (struct pollfd){ .fd = sfd, .events = POLLIN };
		pfd[1] = (struct pollfd){ .fd = tfd, .events = POLLIN };
		pfd[2] = (struct pollfd){ .fd = c->wire.master,
		    .events = c->wire.pending ? 0 : POLLIN };
		pfd[3] = (struct pollfd){ .fd = c->listen_fd, .events = POLLIN };
		base = 4;
		for (i = 0; i < c->nclients; i++)
			pfd[base + i] = (struct pollfd){ .fd = c->clients[i].fd,
			    .events = POLLIN };
		n = poll(pfd, (nfds_t)(base + c->nclients), sim_wire_timeout_ms(c));
		if (n < 0 && errno != EINTR) {
			fprintf(stderr, "nvsim: poll: %s\n", strerror(errno));
			return 1;
		}
		if (n > 0 && (pfd[0].revents & POLLIN) && signalled(sfd))
			return 0;
		if (n > 0 && (pfd[2].revents & POLLIN))
			sim_wire_input(c);
		sim_wire_flush_due(c);
		if (n > 0 && (pfd[1].revents & POLLIN))
			tick(c, tfd);
		/* clients from the end: a dropped client is replaced by the last */
		for (i = c->nclients - 1; n > 0 && i >= 0; i--)
			if (pfd[base + i].revents & (POLLIN | POLLHUP | POLLERR))
				sim_control_input(c, i);
		if (n > 0 && (pfd[3].revents & POLLIN))
			sim_control_accept(c);
	}
}

static void
ctx_free(struct sim_ctx *c)
{
	int i;

	sim_control_close(c);
	sim_wire_close(c);
	if (c->env_unit != c->unit[0])
		free(c->env_unit);
	for (i = 0; i < SIM_MAX_UNITS; i++)
		free(c->unit[i]);
	for (i = 0; i < c->nwrites; i++)
		free(c->writes[i]);
}

int
main(int argc, char **argv)
{
	struct sim_ctx *c;
	struct sim_opts o = { 0 };
	int rc, tfd = -1, sfd = -1, k;

	if (argc >= 2 && strcmp(argv[1], "ctl") == 0)
		return sim_ctl_main(argc - 2, argv + 2);
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		fprintf(stderr, "nvsim: out of memory\n");
		return 1;
	}
	c->slave = 1;
	c->baud = 9600;
	c->turnaround_ms = 10;
	c->time_scale = 1.0;
	c->test_s = 10.0;
	c->rng = 12345;
	c->listen_fd = c->wire.master = c->wire.slave_keep = -1;
	rc = parse_args(argc, argv, c, &o);
	if (rc != 0) {
		free(c);
		return rc == 1 ? 0 : rc;
	}
	if (c->env_slave != 0 && (c->env_unit = sim_unit_new()) == NULL) {
		fprintf(stderr, "nvsim: out of memory\n");
		free(c);
		return 1;
	}
	for (k = 0; k < c->units; k++) {
		if ((c->unit[k] = sim_unit_new()) == NULL) {
			fprintf(stderr, "nvsim: out of memory\n");
			ctx_free(c);
			free(c);
			return 1;
		}
	}
	sim_phys_init(c);
	rc = 1;
	if (open_fds(&tfd, &sfd) == 0 && sim_wire_open(c, o.pty) == 0 &&
	    (o.control == NULL || sim_control_open(c, o.control) == 0)) {
		if (o.pty == NULL)
			printf("%s\n", ttyname(c->wire.slave_keep));
		fflush(stdout);
		rc = run(c, tfd, sfd);
	}
	if (tfd >= 0)
		close(tfd);
	if (sfd >= 0)
		close(sfd);
	ctx_free(c);
	free(c);
	return rc;
}
