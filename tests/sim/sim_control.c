/*
 * sim_control.c — the control socket: one text command per line, one
 * reply line each.  Errors start with "ERR ".  A client that misbehaves
 * (garbage, endless lines, hang-ups) costs only its own connection.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "sim.h"

#define MAX_WORDS  8
#define REPLY_MAX  65536

static const char *const fault_names[SIM_F_COUNT] = {
	[SIM_F_NO_RESPONSE] = "no-response",
	[SIM_F_BAD_CRC] = "bad-crc",
	[SIM_F_GARBAGE] = "garbage",
	[SIM_F_WRONG_SLAVE] = "wrong-slave",
	[SIM_F_EXCEPTION] = "exception",
};

int
sim_control_open(struct sim_ctx *c, const char *path)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "nvsim: %s: control socket path too long\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		fprintf(stderr, "nvsim: socket: %s\n", strerror(errno));
		return -1;
	}
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 16) < 0) {
		fprintf(stderr, "nvsim: %s: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	c->listen_fd = fd;
	c->control_path = path;
	return 0;
}

static void
client_drop(struct sim_ctx *c, int idx)
{
	close(c->clients[idx].fd);
	c->clients[idx] = c->clients[--c->nclients];
}

void
sim_control_close(struct sim_ctx *c)
{
	while (c->nclients > 0)
		client_drop(c, 0);
	if (c->listen_fd >= 0) {
		close(c->listen_fd);
		unlink(c->control_path);
	}
	c->listen_fd = -1;
}

void
sim_control_accept(struct sim_ctx *c)
{
	int fd = accept4(c->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0)
		return;
	if (c->nclients == SIM_MAX_CLIENTS) {
		static const char busy[] = "ERR too many clients\n";

		(void)!send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(fd);
		return;
	}
	c->clients[c->nclients++] = (struct sim_client){ .fd = fd };
}

/* A word of the client's line, safe to echo in an error message. */
static const char *
shown(const char *w, char *buf, size_t len)
{
	size_t i;

	for (i = 0; w[i] != '\0' && i + 1 < len && i < 32; i++)
		buf[i] = isprint((unsigned char)w[i]) ? w[i] : '?';
	buf[i] = '\0';
	return buf;
}

static int
parse_value(const char *s, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(s, &end, 0);
	return errno != 0 || end == s || *end != '\0' ? -1 : 0;
}

/* "2:M04" -> unit 2, register M04 */
static int
resolve(struct sim_ctx *c, const char *arg, struct sim_unit **u, struct sim_reg *r,
    char *reply, size_t cap)
{
	const char *colon = strchr(arg, ':'), *name = arg;
	char tmp[40];
	long k = 1;

	if (colon != NULL) {
		char num[8];
		size_t n = (size_t)(colon - arg);

		if (n == 0 || n >= sizeof(num)) {
			snprintf(reply, cap, "ERR bad unit in %s", shown(arg, tmp, sizeof(tmp)));
			return -1;
		}
		memcpy(num, arg, n);
		num[n] = '\0';
		if (parse_value(num, &k) < 0 || k < 1 || k > c->units) {
			snprintf(reply, cap, "ERR no unit %s (units 1..%d)",
			    shown(num, tmp, sizeof(tmp)), c->units);
			return -1;
		}
		name = colon + 1;
	}
	if (sim_name_lookup(c->prof->proto, name, r) < 0) {
		snprintf(reply, cap, "ERR unknown register %s", shown(name, tmp, sizeof(tmp)));
		return -1;
	}
	*u = c->unit[k - 1];
	return 0;
}

static void
cmd_set(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	struct sim_unit *u;
	struct sim_reg r;
	long v;

	if (n != 3) {
		snprintf(reply, cap, "ERR usage: set NAME VALUE");
		return;
	}
	if (sim_has_env(c) && sim_env_set(c, w[1], w[2], reply, cap))
		return;
	if (resolve(c, w[1], &u, &r, reply, cap) < 0)
		return;
	if (parse_value(w[2], &v) < 0 || v < -32768 || v > 65535 ||
	    (r.bit >= 0 && v != 0 && v != 1)) {
		char tmp[40];

		snprintf(reply, cap, "ERR bad value %s (%s)", shown(w[2], tmp, sizeof(tmp)),
		    r.bit >= 0 ? "a bit is 0 or 1" : "0..65535 or -32768..-1");
		return;
	}
	sim_pin(u, &r, (uint16_t)(v & 0xFFFF));
	sim_render(c);          /* the synthesis follows the unit at once */
	snprintf(reply, cap, "OK");
}

static void
cmd_get_release(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	struct sim_unit *u;
	struct sim_reg r;

	if (n != 2) {
		snprintf(reply, cap, "ERR usage: %s NAME", w[0]);
		return;
	}
	if (sim_has_env(c) && strcmp(w[0], "get") == 0 &&
	    sim_env_get(c, w[1], reply, cap))
		return;
	if (resolve(c, w[1], &u, &r, reply, cap) < 0)
		return;
	if (strcmp(w[0], "get") == 0) {
		snprintf(reply, cap, "%u", (unsigned)sim_get(u, &r));
	} else {
		sim_release(u, &r);
		sim_render(c);
		snprintf(reply, cap, "OK");
	}
}

static void
cmd_fault(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	char tmp[40];
	long ms;
	int i;

	if (n != 3) {
		snprintf(reply, cap, "ERR usage: fault NAME on|off, fault slow MS|off");
		return;
	}
	if (strcmp(w[1], "slow") == 0) {
		if (strcmp(w[2], "off") == 0)
			ms = 0;
		else if (parse_value(w[2], &ms) < 0 || ms < 0 || ms > 60000) {
			snprintf(reply, cap, "ERR bad delay %s (0..60000 ms or off)",
			    shown(w[2], tmp, sizeof(tmp)));
			return;
		}
		c->slow_ms = (int)ms;
		snprintf(reply, cap, "OK");
		return;
	}
	for (i = 0; i < SIM_F_COUNT; i++)
		if (strcmp(w[1], fault_names[i]) == 0)
			break;
	if (i == SIM_F_COUNT) {
		snprintf(reply, cap, "ERR unknown fault %s", shown(w[1], tmp, sizeof(tmp)));
		return;
	}
	if (strcmp(w[2], "on") != 0 && strcmp(w[2], "off") != 0) {
		snprintf(reply, cap, "ERR fault %s: say on or off", fault_names[i]);
		return;
	}
	c->fault[i] = strcmp(w[2], "on") == 0;
	snprintf(reply, cap, "OK");
}

/* ups-clock [SKEW]: the UPS clock's skew from the host's, read or set */
static void
cmd_ups_clock(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	char tmp[40];
	long v;

	if (n == 2) {
		if (parse_value(w[1], &v) < 0 || v < -315360000 || v > 315360000) {
			snprintf(reply, cap, "ERR bad skew %s (seconds)", shown(w[1], tmp, sizeof(tmp)));
			return;
		}
		c->clock_skew_s = v;
		sim_render(c);
	}
	snprintf(reply, cap, "skew %ld", c->clock_skew_s);
}

static void
cmd_counters(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	size_t off = 0;
	int i;

	if (n == 2 && strcmp(w[1], "reset") == 0) {
		c->ncounters = 0;
		c->bad_baud = c->bad_crc = c->other_slave = c->dropped = 0;
		snprintf(reply, cap, "OK");
		return;
	}
	if (n != 1) {
		snprintf(reply, cap, "ERR usage: counters [reset]");
		return;
	}
	for (i = 0; i < c->ncounters && off < cap - 64; i++)
		off += (size_t)snprintf(reply + off, cap - off, "fc%02X:0x%04X=%lu ",
		    c->counters[i].fc, c->counters[i].addr, c->counters[i].n);
	snprintf(reply + off, cap - off,
	    "bad-baud=%lu bad-crc=%lu other-slave=%lu dropped=%lu",
	    c->bad_baud, c->bad_crc, c->other_slave, c->dropped);
}

static void
cmd_writes(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	size_t off = 0;
	int i;

	reply[0] = '\0';
	if (n == 2 && strcmp(w[1], "reset") == 0) {
		for (i = 0; i < c->nwrites; i++)
			free(c->writes[i]);
		c->nwrites = 0;
		snprintf(reply, cap, "OK");
		return;
	}
	if (n != 1) {
		snprintf(reply, cap, "ERR usage: writes [reset]");
		return;
	}
	for (i = 0; i < c->nwrites; i++) {
		size_t len = strlen(c->writes[i]);

		if (off + len + 2 >= cap)
			break;
		off += (size_t)snprintf(reply + off, cap - off, "%s%s", i ? " " : "",
		    c->writes[i]);
	}
}

/* battery-test: "running|idle passed|failed SECONDS"; with SECONDS pass|fail
 * the next test lasts that long (simulated) and ends so. */
static void
cmd_battery_test(struct sim_ctx *c, char **w, int n, char *reply, size_t cap)
{
	char *end;
	double s;

	if (n == 1) {
		snprintf(reply, cap, "%s %s %.1f", c->phys.test_running ? "running" : "idle",
		    c->phys.test_failed ? "failed" : "passed", c->test_s);
		return;
	}
	s = n == 3 ? strtod(w[1], &end) : -1;
	if (n != 3 || end == w[1] || *end != '\0' || !(s >= 0 && s <= 86400) ||
	    (strcmp(w[2], "pass") != 0 && strcmp(w[2], "fail") != 0)) {
		snprintf(reply, cap, "ERR usage: battery-test [SECONDS pass|fail]");
		return;
	}
	c->test_s = s;
	c->test_fails = strcmp(w[2], "fail") == 0;
	snprintf(reply, cap, "OK");
}

/* Run one command line; the reply has no newline. */
void
sim_command(struct sim_ctx *c, char *line, char *reply, size_t cap)
{
	char *w[MAX_WORDS + 1], *save = NULL, *tok, tmp[40];
	int n = 0;

	for (tok = strtok_r(line, " \t\r", &save); tok != NULL && n <= MAX_WORDS;
	    tok = strtok_r(NULL, " \t\r", &save))
		w[n++] = tok;
	if (n == 0)
		snprintf(reply, cap, "ERR empty command");
	else if (n > MAX_WORDS)
		snprintf(reply, cap, "ERR too many words");
	else if (strcmp(w[0], "set") == 0)
		cmd_set(c, w, n, reply, cap);
	else if (strcmp(w[0], "get") == 0 || strcmp(w[0], "release") == 0)
		cmd_get_release(c, w, n, reply, cap);
	else if (strcmp(w[0], "scenario") == 0 && n == 2) {
		if (sim_scenario(c, w[1]) < 0)
			snprintf(reply, cap, "ERR unknown scenario %s for profile %s",
			    shown(w[1], tmp, sizeof(tmp)), c->prof->name);
		else
			snprintf(reply, cap, "OK");
	} else if (strcmp(w[0], "scenario") == 0)
		snprintf(reply, cap, "ERR usage: scenario NAME");
	else if (strcmp(w[0], "fault") == 0)
		cmd_fault(c, w, n, reply, cap);
	else if (strcmp(w[0], "counters") == 0)
		cmd_counters(c, w, n, reply, cap);
	else if (strcmp(w[0], "writes") == 0)
		cmd_writes(c, w, n, reply, cap);
	else if (strcmp(w[0], "battery-test") == 0)
		cmd_battery_test(c, w, n, reply, cap);
	else if (strcmp(w[0], "refuse-commands") == 0 && n == 2 &&
	    (strcmp(w[1], "on") == 0 || strcmp(w[1], "off") == 0)) {
		c->refuse_commands = strcmp(w[1], "on") == 0;
		snprintf(reply, cap, "OK");
	} else if (strcmp(w[0], "refuse-commands") == 0)
		snprintf(reply, cap, "ERR usage: refuse-commands on|off");
	else if (strcmp(w[0], "profile") == 0 && n == 1)
		snprintf(reply, cap, "%s", c->prof->name);
	else if (strcmp(w[0], "ups-clock") == 0 && n <= 2)
		cmd_ups_clock(c, w, n, reply, cap);
	else if (strcmp(w[0], "clock") == 0 && n == 1)
		snprintf(reply, cap, "%.1f", c->clock_s);
	else if (strcmp(w[0], "help") == 0)
		snprintf(reply, cap, "OK commands: set NAME VALUE, get NAME, release NAME, "
		    "scenario NAME, fault NAME on|off, fault slow MS|off, counters [reset], "
		    "writes [reset], battery-test [SECONDS pass|fail], refuse-commands on|off, "
		    "profile, clock, ups-clock, help");
	else
		snprintf(reply, cap, "ERR unknown command %s", shown(w[0], tmp, sizeof(tmp)));
}

static int
client_reply(struct sim_client *cl, const char *reply)
{
	size_t len = strlen(reply), off = 0;
	char nl = '\n';

	while (off < len) {
		ssize_t n = send(cl->fd, reply + off, len - off, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n <= 0)
			return -1;      /* a client that does not read loses its place */
		off += (size_t)n;
	}
	return send(cl->fd, &nl, 1, MSG_NOSIGNAL | MSG_DONTWAIT) == 1 ? 0 : -1;
}

/* Read what a client sent; run each complete line. */
void
sim_control_input(struct sim_ctx *c, int idx)
{
	struct sim_client *cl = &c->clients[idx];
	char *reply, *nl;
	ssize_t n;

	n = recv(cl->fd, cl->buf + cl->len, sizeof(cl->buf) - 1 - cl->len, 0);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			client_drop(c, idx);
		return;
	}
	cl->len += (size_t)n;
	cl->buf[cl->len] = '\0';
	reply = malloc(REPLY_MAX);
	if (reply == NULL) {
		client_drop(c, idx);
		return;
	}
	while ((nl = memchr(cl->buf, '\n', cl->len)) != NULL) {
		size_t used = (size_t)(nl - cl->buf) + 1;
		bool skip = cl->discarding;

		*nl = '\0';
		cl->discarding = false;
		if (memchr(cl->buf, '\0', used - 1) != NULL)
			snprintf(reply, REPLY_MAX, "ERR NUL byte in command");
		else if (!skip)
			sim_command(c, cl->buf, reply, REPLY_MAX);
		if (!skip && client_reply(cl, reply) < 0) {
			free(reply);
			client_drop(c, idx);
			return;
		}
		memmove(cl->buf, cl->buf + used, cl->len - used);
		cl->len -= used;
		cl->buf[cl->len] = '\0';
	}
	if (cl->len == sizeof(cl->buf) - 1) {
		/* no newline in a full buffer: answer once, skip to the line end */
		if (!cl->discarding && client_reply(cl, "ERR line too long") < 0) {
			free(reply);
			client_drop(c, idx);
			return;
		}
		cl->discarding = true;
		cl->len = 0;
	}
	free(reply);
}

/* ---- nvsim ctl SOCKET COMMAND... ------------------------------------- */

static int
ctl_connect(const char *path)
{
	struct sockaddr_un sa;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		fprintf(stderr, "nvsim ctl: %s: socket path too long\n", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		fprintf(stderr, "nvsim ctl: cannot reach %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int
sim_ctl_main(int argc, char **argv)
{
	char line[SIM_LINE_MAX], *reply;
	size_t off = 0, len = 0, got = 0;
	struct pollfd pfd;
	int fd, i, rc = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: nvsim ctl SOCKET COMMAND [ARG...]\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		int n = snprintf(line + len, sizeof(line) - len, "%s%s", i > 1 ? " " : "",
		    argv[i]);

		if (n < 0 || (size_t)n >= sizeof(line) - len - 1) {
			fprintf(stderr, "nvsim ctl: command too long\n");
			return 2;
		}
		len += (size_t)n;
	}
	line[len++] = '\n';
	if ((fd = ctl_connect(argv[0])) < 0)
		return 1;
	while (off < len) {
		ssize_t n = send(fd, line + off, len - off, MSG_NOSIGNAL);

		if (n <= 0) {
			fprintf(stderr, "nvsim ctl: %s: send: %s\n", argv[0], strerror(errno));
			close(fd);
			return 1;
		}
		off += (size_t)n;
	}
	reply = malloc(REPLY_MAX);
	if (reply == NULL) {
		close(fd);
		return 1;
	}
	pfd = (struct pollfd){ .fd = fd, .events = POLLIN };
	while (got < REPLY_MAX - 1) {
		ssize_t n;

		if (poll(&pfd, 1, 5000) <= 0) {
			fprintf(stderr, "nvsim ctl: %s: no reply within 5 s\n", argv[0]);
			goto out;
		}
		n = recv(fd, reply + got, REPLY_MAX - 1 - got, 0);
		if (n <= 0) {
			fprintf(stderr, "nvsim ctl: %s: connection closed without a reply\n",
			    argv[0]);
			goto out;
		}
		got += (size_t)n;
		if (memchr(reply, '\n', got) != NULL)
			break;
	}
	reply[got] = '\0';
	reply[strcspn(reply, "\n")] = '\0';
	printf("%s\n", reply);
	rc = strncmp(reply, "ERR", 3) == 0 ? 1 : 0;
out:
	free(reply);
	close(fd);
	return rc;
}
