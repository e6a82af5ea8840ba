/*
 * nvshutdown.c — the shutdown client for protected servers: heartbeats to
 * one or more nvagentd, and on their word warns the logged-in users (wall,
 * syslog, a hook command), shuts the host down (pre-shutdown script with a
 * timeout, then the shutdown command) or calls it off.  If an agent goes
 * silent during a countdown, the countdown is finished locally unless
 * finish-countdown is off.  See nvshutdown(8).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <syslog.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>

#include "diag_log.h"
#include "nvshutdown.h"

#define MAX_READS_PER_TURN 64     /* datagrams read per agent per loop turn */
#define DROP_LOG_INTERVAL  10     /* s between two "dropped" lines */

struct server {
	const char *addr_text;
	struct sockaddr_in addr;
	int fd;
	uint64_t last_seq;              /* replay guard for this agent */
	time_t last_heard;              /* monotonic s, 0 = never */
	bool lost;
	enum nv_sd_state state;
	time_t deadline;                /* monotonic s of its planned shutdown, 0 = none */
	bool test;
	char event[NV_SD_EVENT_LEN];
	struct nv_ratelimit drop_rl;    /* datagrams dropped: a line per interval */
};

struct client {
	struct nvs_config cfg;
	uint8_t key[NV_SD_SECRET_MAX];
	size_t keylen;
	uint64_t seq;
	struct server srv[NVS_MAX_SERVERS];
	size_t n;
	bool shut_down;                 /* the shutdown ran (or was logged, test) */
};

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

static time_t mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* ---- commands and hooks ---------------------------------------------- */

/* Run "/bin/sh -c cmd" with the message in its environment; no wait. */
static pid_t spawn(const char *cmd, const char *kind, const char *event, int seconds,
    const char *agent)
{
	pid_t pid = fork();
	char secs[16];

	if (pid != 0) {
		if (pid < 0)
			nv_log(LOG_ERR, "cannot run '%s': %s", cmd, strerror(errno));
		return pid;
	}
	snprintf(secs, sizeof(secs), "%d", seconds);
	setenv("NVSHUTDOWN_KIND", kind, 1);
	setenv("NVSHUTDOWN_EVENT", event, 1);
	setenv("NVSHUTDOWN_SECONDS", secs, 1);
	setenv("NVSHUTDOWN_AGENT", agent, 1);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* Wait for pid at most timeout_s; kill it after. Returns its status or -1. */
static int wait_timeout(pid_t pid, int timeout_s)
{
	time_t end = mono_s() + timeout_s;
	int st;

	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			return st;
		if (r < 0)
			return -1;
		if (mono_s() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
		usleep(50 * 1000);
	}
}

static void reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* Tell the people: syslog, wall, hook. */
static void announce(struct client *c, const char *kind, const char *event, int seconds,
    const char *agent, const char *text)
{
	nv_log(LOG_WARNING, "%s", text);
	if (c->cfg.wall && access("/usr/bin/wall", X_OK) == 0) {
		pid_t pid = fork();

		if (pid == 0) {
			execl("/usr/bin/wall", "wall", text, (char *)NULL);
			_exit(127);
		}
	}
	if (c->cfg.warning_command[0] != '\0')
		spawn(c->cfg.warning_command, kind, event, seconds, agent);
}

static void do_shutdown(struct client *c, const struct server *s, const char *why)
{
	char text[256];
	bool test = s->test && !c->cfg.shutdown_on_test;

	if (c->shut_down)
		return;
	c->shut_down = true;
	snprintf(text, sizeof(text), "nvshutdown: shutdown request from %s (%s)%s: %s",
	    s->addr_text, s->event[0] != '\0' ? s->event : "?", s->test ? " [test]" : "", why);
	announce(c, "shutdown", s->event, 0, s->addr_text, text);
	if (c->cfg.pre_shutdown_script[0] != '\0') {
		pid_t pid = spawn(c->cfg.pre_shutdown_script, "shutdown", s->event, 0, s->addr_text);
		int st = pid > 0 ? wait_timeout(pid, c->cfg.pre_shutdown_timeout) : -1;

		if (st < 0)
			nv_log(LOG_ERR, "pre-shutdown script %s did not finish in %d s; going on",
			    c->cfg.pre_shutdown_script, c->cfg.pre_shutdown_timeout);
		else if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			nv_log(LOG_WARNING, "pre-shutdown script %s failed (status %d); going on",
			    c->cfg.pre_shutdown_script, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		else
			nv_log(LOG_NOTICE, "pre-shutdown script %s done", c->cfg.pre_shutdown_script);
	}
	if (c->cfg.test_mode || test) {
		nv_log(LOG_NOTICE, "%s: not running '%s'", c->cfg.test_mode ? "test mode" :
		    "shutdown test", c->cfg.shutdown_command);
		return;
	}
	nv_log(LOG_CRIT, "running '%s'", c->cfg.shutdown_command);
	spawn(c->cfg.shutdown_command, "shutdown", s->event, 0, s->addr_text);
}

/* ---- protocol ---------------------------------------------------------- */

static void send_heartbeat(struct client *c, struct server *s)
{
	uint8_t pkt[NV_SD_PACKET_LEN];
	struct nv_sd_msg m;

	memset(&m, 0, sizeof(m));
	m.type = NV_SD_HEARTBEAT;
	m.seq = ++c->seq;
	m.time = time(NULL);
	snprintf(m.sender, sizeof(m.sender), "%s", c->cfg.name);
	m.a = c->cfg.shutdown_duration;
	m.b = c->cfg.heartbeat;
	if (c->cfg.feeds[0] != '\0') {
		m.flags = NV_SD_FLAG_FEEDS;
		memcpy(m.event, c->cfg.feeds, sizeof(m.event));
	}
	nv_sd_pack(&m, c->key, c->keylen, pkt);
	if (send(s->fd, pkt, sizeof(pkt), MSG_DONTWAIT) < 0 && errno != ECONNREFUSED)
		nv_log(LOG_DEBUG, "%s: send: %s", s->addr_text, strerror(errno));
}

static bool any_warning(const struct client *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->srv[i].state == NV_SD_WARNING_ON)
			return true;
	return false;
}

static void on_warning(struct client *c, struct server *s, const struct nv_sd_msg *m,
    int seconds)
{
	char text[256];

	s->state = NV_SD_WARNING_ON;
	s->test = (m->flags & NV_SD_FLAG_TEST) != 0;
	memcpy(s->event, m->event, sizeof(s->event));
	s->deadline = seconds >= 0 ? mono_s() + seconds : 0;
	if (seconds >= 0)
		snprintf(text, sizeof(text), "nvshutdown: UPS warning from %s (%s)%s: this host "
		    "shuts down in %d s", s->addr_text, m->event, s->test ? " [test]" : "", seconds);
	else
		snprintf(text, sizeof(text), "nvshutdown: UPS warning from %s (%s)%s",
		    s->addr_text, m->event, s->test ? " [test]" : "");
	announce(c, "warning", m->event, seconds, s->addr_text, text);
}

static void on_cancel(struct client *c, struct server *s, const char *event)
{
	char text[256];
	bool was = s->state != NV_SD_IDLE;

	s->state = NV_SD_IDLE;
	s->deadline = 0;
	if (!was && !c->shut_down)
		return;
	c->shut_down = false;
	snprintf(text, sizeof(text), "nvshutdown: shutdown cancelled by %s (%s)%s",
	    s->addr_text, event[0] != '\0' ? event : "?", any_warning(c) ?
	    "; another agent still warns" : "");
	announce(c, "cancel", event, 0, s->addr_text, text);
}

/* The agent's sequence ended after its shutdown request: the request
 * stands (the agent cancels nothing after it), only the state is over.
 * A shutdown test ends with a cancel instead; a state reply replaces one
 * that was lost. */
static void on_sequence_over(struct client *c, struct server *s)
{
	s->state = NV_SD_IDLE;
	s->deadline = 0;
	nv_log(LOG_NOTICE, "agent %s: its shutdown sequence (%s) is over", s->addr_text,
	    s->event[0] != '\0' ? s->event : "?");
	for (size_t i = 0; i < c->n; i++)
		if (c->srv[i].state == NV_SD_SHUTDOWN_ON)
			return;
	c->shut_down = false;   /* a later sequence shuts down again */
}

/* A state reply: catch up with what we may have missed. */
static void on_state(struct client *c, struct server *s, const struct nv_sd_msg *m)
{
	switch (m->a) {
	case NV_SD_IDLE:
		if (s->state == NV_SD_SHUTDOWN_ON && !s->test)
			on_sequence_over(c, s);
		else if (s->state != NV_SD_IDLE)
			on_cancel(c, s, s->event);
		break;
	case NV_SD_WARNING_ON:
		if (s->state != NV_SD_WARNING_ON)
			on_warning(c, s, m, m->b);
		else if (m->b >= 0)
			s->deadline = mono_s() + m->b;
		break;
	case NV_SD_SHUTDOWN_ON:
		if (s->state != NV_SD_SHUTDOWN_ON) {
			s->state = NV_SD_SHUTDOWN_ON;
			s->test = (m->flags & NV_SD_FLAG_TEST) != 0;
			memcpy(s->event, m->event, sizeof(s->event));
			do_shutdown(c, s, "learnt from the agent's state");
		}
		break;
	}
}

static void receive(struct client *c, struct server *s)
{
	uint8_t buf[NV_SD_PACKET_LEN + 1];
	struct nv_sd_msg m;
	enum nv_sd_verdict v;
	ssize_t n;
	unsigned suppressed;

	/* bounded: a flood must not keep the heartbeats and countdowns waiting */
	for (int i = 0; i < MAX_READS_PER_TURN &&
	    (n = recv(s->fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 0; i++) {
		v = nv_sd_unpack(buf, (size_t)n, c->key, c->keylen, &m);
		if (v == NV_SD_OK)
			v = nv_sd_fresh(&m, time(NULL), NV_SD_WINDOW_S, &s->last_seq);
		if (v != NV_SD_OK) {
			if (nv_ratelimit_ok(&s->drop_rl, &suppressed))
				nv_log(LOG_WARNING, "packet from %s dropped: %s (%u similar "
				    "suppressed)", s->addr_text, nv_sd_verdict_str(v), suppressed);
			continue;
		}
		if (s->lost || s->last_heard == 0)
			nv_log(LOG_NOTICE, "connected to the agent %s (%s)", s->addr_text, m.sender);
		s->lost = false;
		s->last_heard = mono_s();
		switch (m.type) {
		case NV_SD_STATE:    on_state(c, s, &m); break;
		case NV_SD_WARNING:  on_warning(c, s, &m, m.a); break;
		case NV_SD_CANCEL:   on_cancel(c, s, m.event); break;
		case NV_SD_SHUTDOWN:
			s->state = NV_SD_SHUTDOWN_ON;
			s->test = (m.flags & NV_SD_FLAG_TEST) != 0;
			memcpy(s->event, m.event, sizeof(s->event));
			do_shutdown(c, s, "requested");
			break;
		default:
			if (nv_ratelimit_ok(&s->drop_rl, &suppressed))
				nv_log(LOG_WARNING, "unexpected %s from %s (%u similar suppressed)",
				    nv_sd_type_str(m.type), s->addr_text, suppressed);
		}
	}
}

/* Agents that went silent; a countdown of a lost agent runs out here. */
static void check_agents(struct client *c)
{
	time_t now = mono_s();

	for (size_t i = 0; i < c->n; i++) {
		struct server *s = &c->srv[i];

		if (!s->lost && s->last_heard != 0 && now - s->last_heard >= c->cfg.lost_after) {
			char text[256];

			s->lost = true;
			snprintf(text, sizeof(text), "nvshutdown: agent %s lost (no answer for %d s)%s",
			    s->addr_text, (int)(now - s->last_heard),
			    s->state == NV_SD_WARNING_ON && s->deadline != 0 ?
			    (c->cfg.finish_countdown ? "; finishing its countdown" :
			    "; keeping the warning, not shutting down on our own") : "");
			announce(c, "lost", s->event, 0, s->addr_text, text);
		}
		if (s->lost && c->cfg.finish_countdown && s->state == NV_SD_WARNING_ON &&
		    s->deadline != 0 && now >= s->deadline) {
			s->state = NV_SD_SHUTDOWN_ON;
			do_shutdown(c, s, "countdown finished while the agent was unreachable");
		}
	}
}

/* ---- start ---------------------------------------------------------------- */

static int open_servers(struct client *c)
{
	char err[256];

	c->n = c->cfg.n_servers;
	for (size_t i = 0; i < c->n; i++) {
		struct server *s = &c->srv[i];

		s->addr_text = c->cfg.servers[i];
		s->drop_rl.interval = DROP_LOG_INTERVAL;
		if (nv_sd_parse_addr(s->addr_text, NV_SD_PORT, &s->addr, err, sizeof(err)) != 0) {
			fprintf(stderr, "nvshutdown: server %s\n", err);
			return -1;
		}
		s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (s->fd < 0 || connect(s->fd, (struct sockaddr *)&s->addr, sizeof(s->addr)) != 0) {
			fprintf(stderr, "nvshutdown: %s: %s\n", s->addr_text, strerror(errno));
			return -1;
		}
	}
	return 0;
}

static void run(struct client *c)
{
	time_t next_beat = 0;

	while (!stop_flag) {
		struct pollfd pfd[NVS_MAX_SERVERS];
		time_t now = mono_s();

		if (now >= next_beat) {
			for (size_t i = 0; i < c->n; i++)
				send_heartbeat(c, &c->srv[i]);
			next_beat = now + c->cfg.heartbeat;
		}
		for (size_t i = 0; i < c->n; i++) {
			pfd[i].fd = c->srv[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, c->n, 250) < 0 && errno != EINTR) {
			nv_log(LOG_ERR, "poll: %s", strerror(errno));
			return;
		}
		for (size_t i = 0; i < c->n; i++)
			if (pfd[i].revents != 0)
				receive(c, &c->srv[i]);
		check_agents(c);
		reap();
	}
}

static void usage(FILE *out)
{
	fprintf(out, "usage: nvshutdown [-f] [-c FILE] [-t]\n");
}

int main(int argc, char **argv)
{
	static struct client c;
	const char *path = NVS_DEFAULT_CONFIG;
	bool foreground = false, check = false;
	struct sigaction sa;
	char err[512];
	int ch, n;

	while ((ch = getopt(argc, argv, "fc:th")) != -1) {
		switch (ch) {
		case 'f': foreground = true; break;
		case 'c': path = optarg; break;
		case 't': check = true; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (nvs_config_load(path, &c.cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	n = nv_sd_read_secret(c.cfg.secret_file, c.key, sizeof(c.key), err, sizeof(err));
	if (n < 0) {
		fprintf(stderr, "nvshutdown: %s\n", err);
		return 1;
	}
	c.keylen = (size_t)n;
	if (check) {
		printf("%s: OK\n", path);
		return 0;
	}
	if (open_servers(&c) != 0)
		return 1;
	if (!foreground && daemon(0, 0) != 0) {
		fprintf(stderr, "nvshutdown: cannot daemonize: %s\n", strerror(errno));
		return 1;
	}
	nv_log_set_ident("nvshutdown");
	if (nv_log_open(foreground ? NV_LOG_STDERR : NV_LOG_SYSLOG, foreground ? NULL : "daemon") != 0)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	c.seq = nv_sd_seq_start();
	nv_log(LOG_NOTICE, "started as '%s' (%zu agents, shutdown duration %d s%s)", c.cfg.name,
	    c.n, c.cfg.shutdown_duration, c.cfg.test_mode ? ", test mode" : "");
	run(&c);
	nv_log(LOG_NOTICE, "stopping");
	nv_log_close();
	return 0;
}
