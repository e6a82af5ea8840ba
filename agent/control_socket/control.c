/*
 * control.c — the control socket server.  Clients are non-blocking, their
 * request lines and their count are bounded, and a client that stops
 * reading or stays silent is dropped, so that no client can stall the
 * main loop (and with it SNMP).  A client's requests run one at a time:
 * the next only once the previous reply is written (back-pressure), and a
 * log is rendered a step at a time as the client reads it, so that a
 * connection never holds more than about one chunk and no main-loop turn
 * renders more than a step.
 */
#define _GNU_SOURCE     /* accept4 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "control.h"
#include "control_access.h"
#include "control_devices.h"
#include "control_mail.h"
#include "control_proto.h"
#include "control_schedule.h"
#include "control_shutdown.h"
#include "control_trap.h"
#include "control_ups.h"
#include "device.h"
#include "diag_log.h"
#include "logs.h"
#include "status.h"
#include "trace.h"

#define MAX_CLIENTS   16
#define MAX_PENDING   (1u << 20)  /* unread reply bytes before we give up */
#define SHOW_CHUNK    (64u << 10) /* unsent bytes below which a log show goes on */
#define SHOW_STEP     1024        /* log records looked at per main-loop turn */
#define IDLE_TIMEOUT  60          /* s without a request */

struct client {
	int fd;                 /* -1: free slot */
	char in[NV_CTL_MAX_LINE];
	size_t inlen;
	struct nv_text out;
	struct nv_logs_show *show;      /* a log being sent, or NULL */
	bool show_bol;          /* its body is at the start of a line */
	bool closing;           /* close once out is written */
	time_t last;            /* monotonic s of the last request */
	struct nv_peer peer;    /* who is on the other end (SO_PEERCRED) */
	struct ticket *ticket;  /* a reply waiting for the device, or NULL */
	time_t wait_until;      /* monotonic s: then "no answer" */
};

/* The cookie of a command waiting for the device: the client it answers,
 * NULL once that client went or its reply was given up on (the device's
 * answer then only frees it). */
struct ticket {
	struct client *cl;
};

struct nv_control {
	int listen_fd;
	struct nv_ratelimit refused_rl;         /* accept failures, too many clients */
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct client cl[MAX_CLIENTS];
};

/* ---- commands --------------------------------------------------------- */

typedef void (*cmd_fn)(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);
typedef void (*cmd_wait_fn)(struct nv_ctx *ctx, const struct nv_peer *peer,
    int argc, char **argv, struct nv_text *out, struct nv_ctl_wait *wait);
/* A command whose body may be big: "OK" LF in out and the rest to come
 * from *show; or a whole reply in out and *show NULL. */
typedef void (*cmd_show_fn)(struct nv_ctx *ctx, const struct nv_peer *peer,
    int argc, char **argv, struct nv_text *out, struct nv_logs_show **show);

/*
 * A command reads state unless `admin` is set or `admin_if` says that
 * these arguments change something; changing commands need the admin
 * group or root (control_access.c).  `run_wait`, when set, replaces `run`
 * for commands that must know who asked and may answer once the device
 * has (control_ups.h).
 */
struct command {
	const char *name;
	const char *usage;
	cmd_fn run;
	bool admin;
	bool (*admin_if)(int argc, char **argv);
	cmd_wait_fn run_wait;
	cmd_show_fn run_show;
};

static time_t mono_now(void);
static void cmd_status(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);
static void cmd_help(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);
static void cmd_log(struct nv_ctx *ctx, const struct nv_peer *peer, int argc, char **argv,
    struct nv_text *out, struct nv_logs_show **show);
static bool log_writes(int argc, char **argv);
static void cmd_trace(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);
static bool trace_writes(int argc, char **argv);

static const struct command commands[] = {
	{ "status", "status [json]", cmd_status, false, NULL, NULL, NULL },
	{ "help",   "help",          cmd_help,   false, NULL, NULL, NULL },
	{ "log", "log show NAME [--from DATE] [--to DATE] [--last N] [--csv] | log clear NAME...",
	    NULL, false, log_writes, NULL, cmd_log },
	{ "trace", "trace on|off|show [csv]", cmd_trace, false, trace_writes, NULL, NULL },
	{ "ups", "ups shutoff DELAY_S RESTART_MIN | ups cancel | ups status | ups COMMAND",
	    NULL, false, nv_ctl_ups_writes, nv_ctl_cmd_ups, NULL },
	{ "wol", "wol test", nv_ctl_cmd_wol, true, NULL, NULL, NULL },
	{ "clients", "clients", nv_ctl_cmd_clients, false, NULL, NULL, NULL },
	{ "shutdown", "shutdown test", nv_ctl_cmd_shutdown, true, NULL, NULL, NULL },
	{ "schedule", "schedule", nv_ctl_cmd_schedule, false, NULL, NULL, NULL },
	{ "trap", "trap test", nv_ctl_cmd_trap, true, NULL, NULL, NULL },
	{ "mail", "mail test | mail report", nv_ctl_cmd_mail, true, NULL, NULL, NULL },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void cmd_status(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	struct nv_status_clock now;
	struct nv_text body;
	bool json = argc == 2 && strcmp(argv[1], "json") == 0;

	if (argc > 2 || (argc == 2 && !json)) {
		nv_ctl_reply_err(out, "usage: status [json]");
		return;
	}
	nv_text_init(&body);
	nv_status_clock_now(&now);
	/* The poller keeps this figure outside the snapshot; bring it in. */
	if (ctx->poller != NULL)
		ctx->snap.stats.full_read_ms = nv_poller_full_read_ms(ctx->poller);
	if (nv_status_render(&body, &ctx->snap, &ctx->cfg, &now, json) != 0)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}

static void cmd_help(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	struct nv_text body;

	nv_text_init(&body);
	for (size_t i = 0; i < NCOMMANDS; i++)
		nv_text_printf(&body, "%s\n", commands[i].usage);
	nv_text_printf(&body, "devices [json]\n@DEVICE COMMAND ... (about that device)\n");
	nv_ctl_reply_ok(out, body.buf != NULL ? body.buf : "");
	nv_text_free(&body);
}

static bool log_writes(int argc, char **argv)
{
	return nv_logs_command_writes(argc - 1, argv + 1);
}

static void cmd_log(struct nv_ctx *ctx, const struct nv_peer *peer, int argc, char **argv,
    struct nv_text *out, struct nv_logs_show **show)
{
	char err[512], who[128];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int rc;

	*show = NULL;
	if (ctx->logs == NULL) {
		nv_ctl_reply_err(out, "the logs are not open");
		return;
	}
	mem = open_memstream(&buf, &len);
	if (mem == NULL) {
		nv_ctl_reply_err(out, "out of memory");
		return;
	}
	nv_peer_name(peer, who, sizeof(who));
	err[0] = '\0';
	rc = nv_logs_command_begin(ctx->logs, argc - 1, argv + 1, who, mem, show, err,
	    sizeof(err));
	if (fclose(mem) != 0 && rc == 0) {
		rc = -1;
		snprintf(err, sizeof(err), "out of memory");
	}
	if (rc != 0) {
		nv_logs_show_end(*show);
		*show = NULL;
		nv_ctl_reply_err(out, "%s", err[0] != '\0' ? err : "log: failed");
	} else if (*show != NULL) {
		nv_text_append(out, "OK\n", 3);        /* the body follows, a step at a time */
	} else {
		nv_ctl_reply_ok(out, buf != NULL ? buf : "");
	}
	free(buf);
}

static bool trace_writes(int argc, char **argv)
{
	return argc == 2 && (strcmp(argv[1], "on") == 0 || strcmp(argv[1], "off") == 0);
}

static void cmd_trace(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	struct nv_trace *t = ctx->poller != NULL ? nv_poller_trace(ctx->poller) : NULL;
	bool csv = argc == 3 && strcmp(argv[1], "show") == 0 && strcmp(argv[2], "csv") == 0;
	struct nv_text body;

	if (t == NULL) {
		nv_ctl_reply_err(out, "the poller is not running");
		return;
	}
	if (trace_writes(argc, argv)) {
		bool on = strcmp(argv[1], "on") == 0;

		nv_trace_set(t, on);
		nv_log(LOG_NOTICE, "serial trace turned %s", on ? "on" : "off");
		nv_ctl_reply_ok(out, on ? "serial trace on\n" : "serial trace off\n");
		return;
	}
	if (!csv && !(argc == 2 && strcmp(argv[1], "show") == 0)) {
		nv_ctl_reply_err(out, "usage: trace on|off|show [csv]");
		return;
	}
	nv_text_init(&body);
	nv_trace_render(t, csv, &body);
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf != NULL ? body.buf : "");
	nv_text_free(&body);
}

/* The device answered a command a client waits for. */
static void device_answered(void *cookie, int status, const char *text)
{
	struct ticket *t = cookie;

	if (t->cl != NULL) {
		nv_ctl_ups_outcome(&t->cl->out, status, text);
		t->cl->ticket = NULL;
	}
	free(t);
}

/* Give up waiting: "no answer" now, the device's late answer is dropped. */
static void give_up(struct client *cl, const char *why)
{
	if (cl->ticket == NULL)
		return;
	cl->ticket->cl = NULL;
	cl->ticket = NULL;
	if (why != NULL)
		nv_ctl_ups_outcome(&cl->out, 0, why);
}

static void run_waiting(const struct command *c, struct nv_ctx *ctx, struct client *cl,
    int argc, char **argv)
{
	struct ticket *t = malloc(sizeof(*t));
	struct nv_ctl_wait w = { device_answered, t, false };

	if (t == NULL) {
		nv_ctl_reply_err(&cl->out, "out of memory");
		return;
	}
	t->cl = cl;
	c->run_wait(ctx, &cl->peer, argc, argv, &cl->out, &w);
	if (!w.started) {
		free(t);
		return;
	}
	cl->ticket = t;
	cl->wait_until = mono_now() + NV_CTL_UPS_WAIT_S;
}

static void run_command(const struct command *c, struct nv_ctx *ctx,
    struct client *cl, int argc, char **argv)
{
	const struct nv_peer *peer = &cl->peer;
	struct nv_text *out = &cl->out;
	struct nv_logs_show **show = &cl->show;
	bool admin = c->admin || (c->admin_if != NULL && c->admin_if(argc, argv));
	char why[256];

	if (nv_peer_allowed(peer, &ctx->cfg, admin, why, sizeof(why)) != 0) {
		nv_ctl_reply_err(out, "permission denied: %s", why);
		return;
	}
	if (c->run_show != NULL)
		c->run_show(ctx, peer, argc, argv, out, show);
	else if (c->run_wait != NULL)
		run_waiting(c, ctx, cl, argc, argv);
	else
		c->run(ctx, argc, argv, out);
}

/* "@NAME COMMAND ..." (nvctl -d NAME) is about device NAME; a request
 * without it about the first device.  NULL: no such device (said why). */
static struct nv_ctx *pick_device(const struct nv_devices *devs, int *argc, char ***argv,
    struct nv_text *out)
{
	const char *name = (*argv)[0] + 1;

	if ((*argv)[0][0] != '@')
		return devs->dev[0];
	for (size_t i = 0; i < devs->n; i++)
		if (strcmp(devs->dev[i]->name, name) == 0) {
			(*argc)--;
			(*argv)++;
			return devs->dev[i];
		}
	nv_ctl_reply_err(out, "no device '%.40s' here (nvctl devices lists them)", name);
	return NULL;
}

static void run_request(const struct nv_devices *devs, struct client *cl, char *line)
{
	struct nv_text *out = &cl->out;
	char *words[NV_CTL_MAX_ARGS], **argv = words;
	int argc = nv_ctl_split(line, words, NV_CTL_MAX_ARGS);
	struct nv_ctx *ctx;

	if (argc < 0) {
		nv_ctl_reply_err(out, "too many words in the request");
		return;
	}
	if (argc > 0 && (ctx = pick_device(devs, &argc, &argv, out)) == NULL)
		return;
	if (argc == 0) {
		nv_ctl_reply_err(out, "empty request");
		return;
	}
	if (strcmp(argv[0], "devices") == 0) {
		nv_ctl_cmd_devices(devs, argc, argv, out);
		return;
	}
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, argv[0]) == 0) {
			run_command(&commands[i], ctx, cl, argc, argv);
			return;
		}
	nv_ctl_reply_err(out, "unknown command '%.64s' (try 'help')", argv[0]);
}

/* ---- socket ----------------------------------------------------------- */

static time_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Is someone serving path already?  A leftover file from a crash is not. */
static bool socket_in_use(const struct sockaddr_un *sa)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	bool live;

	if (fd < 0)
		return false;
	live = connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0;
	close(fd);
	return live;
}

/* A socket left by a crash goes; anything else at the path is the
 * operator's file and stays. */
static int remove_stale_socket(const char *path, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "%s: exists and is not a socket; not removed "
		    "(check control-socket)", path);
		return -1;
	}
	if (unlink(path) != 0 && errno != ENOENT) {
		snprintf(err, errlen, "%s: cannot remove the old socket: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int set_owner_mode(const char *path, const char *group, char *err, size_t errlen)
{
	struct group *gr;

	if (chmod(path, 0660) != 0) {
		snprintf(err, errlen, "%s: chmod: %s", path, strerror(errno));
		return -1;
	}
	if (group[0] == '\0')
		return 0;
	gr = getgrnam(group);
	if (gr == NULL) {
		snprintf(err, errlen, "control-group: no such group '%s'", group);
		return -1;
	}
	if (chown(path, (uid_t)-1, gr->gr_gid) != 0) {
		snprintf(err, errlen, "%s: cannot give the socket to group %s: %s",
		    path, group, strerror(errno));
		return -1;
	}
	return 0;
}

int nv_control_open(struct nv_control **out, const char *path, const char *group,
    char *err, size_t errlen)
{
	struct nv_control *c;
	struct sockaddr_un sa;

	if (nv_ctl_address(&sa, path, err, errlen) == -1)
		return -1;
	if (socket_in_use(&sa)) {
		snprintf(err, errlen, "%s: another nvagentd is already listening there", path);
		return -1;
	}
	c = calloc(1, sizeof(*c));
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (int i = 0; i < MAX_CLIENTS; i++)
		c->cl[i].fd = -1;
	c->refused_rl.interval = 60;
	memcpy(c->path, path, strlen(path) + 1);
	c->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->listen_fd < 0) {
		snprintf(err, errlen, "control socket: %s", strerror(errno));
		free(c);
		return -1;
	}
	if (remove_stale_socket(path, err, errlen) != 0)
		goto fail;
	if (bind(c->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		snprintf(err, errlen, "%s: cannot bind the control socket: %s", path, strerror(errno));
		goto fail;
	}
	if (set_owner_mode(path, group, err, errlen) != 0) {
		unlink(path);
		goto fail;
	}
	if (listen(c->listen_fd, 8) != 0) {
		snprintf(err, errlen, "%s: listen: %s", path, strerror(errno));
		unlink(path);
		goto fail;
	}
	*out = c;
	return 0;
fail:
	close(c->listen_fd);
	free(c);
	return -1;
}

static void drop_client(struct client *cl)
{
	give_up(cl, NULL);
	close(cl->fd);
	cl->fd = -1;
	nv_text_free(&cl->out);
	nv_logs_show_end(cl->show);
	cl->show = NULL;
}

/* The previous reply is all written: the next request may run. */
static bool reply_done(const struct client *cl)
{
	return cl->out.len == 0 && cl->show == NULL && cl->ticket == NULL;
}

/* One more step of a log being sent, once the client took the last. */
static void refill(struct client *cl)
{
	char err[256], *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int more;

	if (cl->show == NULL || cl->out.len >= SHOW_CHUNK)
		return;
	mem = open_memstream(&buf, &len);
	more = mem == NULL ? -1 : nv_logs_show_step(cl->show, mem, SHOW_STEP, err, sizeof(err));
	if (mem == NULL)
		snprintf(err, sizeof(err), "out of memory");
	if (mem != NULL && fclose(mem) != 0 && more >= 0) {
		more = -1;
		snprintf(err, sizeof(err), "out of memory");
	}
	if (more >= 0)
		nv_ctl_reply_body(&cl->out, buf, len, &cl->show_bol);
	free(buf);
	if (more > 0 && !cl->out.failed)
		return;
	if (more == 0)
		nv_ctl_reply_end(&cl->out, cl->show_bol);
	nv_logs_show_end(cl->show);
	cl->show = NULL;
	if (more < 0 || cl->out.failed) {
		/* "OK" is gone already: an unterminated reply tells the client */
		nv_log(LOG_WARNING, "control socket: log show stopped: %s",
		    cl->out.failed ? "out of memory" : err);
		nv_text_clear(&cl->out);
		cl->closing = true;
	}
}

void nv_control_fill_fds(struct nv_control *c, fd_set *rd, fd_set *wr, int *maxfd)
{
	FD_SET(c->listen_fd, rd);
	if (c->listen_fd + 1 > *maxfd)
		*maxfd = c->listen_fd + 1;
	for (int i = 0; i < MAX_CLIENTS; i++) {
		struct client *cl = &c->cl[i];

		if (cl->fd < 0)
			continue;
		/* back-pressure: no more requests read until the reply is out */
		if (!cl->closing && reply_done(cl))
			FD_SET(cl->fd, rd);
		if (cl->out.len > 0 || cl->show != NULL)
			FD_SET(cl->fd, wr);
		if (cl->fd + 1 > *maxfd)
			*maxfd = cl->fd + 1;
	}
}

static void accept_clients(struct nv_control *c)
{
	for (;;) {
		int fd = accept4(c->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		unsigned suppressed;
		int i;

		if (fd < 0) {
			/* out of descriptors, say, while clients keep connecting */
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR &&
			    nv_ratelimit_ok(&c->refused_rl, &suppressed))
				nv_log(LOG_WARNING, "control socket: accept: %s (%u similar "
				    "suppressed)", strerror(errno), suppressed);
			return;
		}
		for (i = 0; i < MAX_CLIENTS && c->cl[i].fd >= 0; i++)
			;
		if (i == MAX_CLIENTS) {
			/* best effort: the socket is fresh, a short write fits */
			static const char busy[] = "ERR too many control connections\n";

			if (send(fd, busy, sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
				nv_log(LOG_DEBUG, "control socket: %s", strerror(errno));
			close(fd);
			if (nv_ratelimit_ok(&c->refused_rl, &suppressed))
				nv_log(LOG_WARNING, "control socket: connection refused: %d clients "
				    "already (%u similar suppressed)", MAX_CLIENTS, suppressed);
			continue;
		}
		memset(&c->cl[i], 0, sizeof(c->cl[i]));
		c->cl[i].fd = fd;
		nv_text_init(&c->cl[i].out);
		c->cl[i].last = mono_now();
		nv_peer_get(fd, &c->cl[i].peer);
	}
}

/* Run every complete line in the input buffer. */
static void run_lines(struct client *cl, const struct nv_devices *devs)
{
	char *nl;

	/* one request at a time: the next waits until this reply is written */
	if (!cl->closing && reply_done(cl) && (nl = memchr(cl->in, '\n', cl->inlen)) != NULL) {
		size_t used = (size_t)(nl - cl->in) + 1;

		*nl = '\0';
		cl->show_bol = true;
		run_request(devs, cl, cl->in);
		memmove(cl->in, cl->in + used, cl->inlen - used);
		cl->inlen -= used;
		cl->last = mono_now();
		refill(cl);
	}
	if (!cl->closing && cl->inlen == sizeof(cl->in) && memchr(cl->in, '\n', cl->inlen) == NULL) {
		nv_ctl_reply_err(&cl->out, "request longer than %d bytes", NV_CTL_MAX_LINE - 1);
		cl->closing = true;
	}
	if (cl->out.failed || cl->out.len > MAX_PENDING)
		cl->closing = true;
}

static void read_client(struct client *cl, const struct nv_devices *devs)
{
	ssize_t r = recv(cl->fd, cl->in + cl->inlen, sizeof(cl->in) - cl->inlen, 0);

	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
		drop_client(cl);
		return;
	}
	if (r > 0) {
		cl->inlen += (size_t)r;
		run_lines(cl, devs);
	}
}

static void write_client(struct client *cl)
{
	ssize_t w = send(cl->fd, cl->out.buf, cl->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);

	if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (w < 0) {
		drop_client(cl);
		return;
	}
	nv_text_consume(&cl->out, (size_t)w);
}

void nv_control_process(struct nv_control *c, const fd_set *rd, const fd_set *wr,
    const struct nv_devices *devs)
{
	time_t now = mono_now();

	if (FD_ISSET(c->listen_fd, rd))
		accept_clients(c);
	for (int i = 0; i < MAX_CLIENTS; i++) {
		struct client *cl = &c->cl[i];

		if (cl->fd >= 0 && FD_ISSET(cl->fd, rd) && !cl->closing)
			read_client(cl, devs);
		if (cl->fd >= 0 && cl->out.len > 0 && (FD_ISSET(cl->fd, wr) || cl->closing))
			write_client(cl);
		if (cl->fd < 0)
			continue;
		if (cl->ticket != NULL && now >= cl->wait_until)
			give_up(cl, "the device did not answer in time (its result, if "
			    "any, in nvctl ups status)");
		refill(cl);
		if (reply_done(cl) && cl->inlen > 0)
			run_lines(cl, devs);    /* requests that waited for the reply */
		if (cl->closing && cl->out.len == 0)
			drop_client(cl);
		else if (now - cl->last > IDLE_TIMEOUT)
			drop_client(cl);
	}
}

void nv_control_close(struct nv_control *c)
{
	if (c == NULL)
		return;
	for (int i = 0; i < MAX_CLIENTS; i++)
		if (c->cl[i].fd >= 0)
			drop_client(&c->cl[i]);
	close(c->listen_fd);
	if (unlink(c->path) != 0 && errno != ENOENT)
		nv_log(LOG_WARNING, "%s: cannot remove: %s", c->path, strerror(errno));
	free(c);
}
