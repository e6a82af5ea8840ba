/*
 * handler_nut.c — the NUT server on the main loop (handler_nut.h): the
 * listeners, one non-blocking connection per client with a bounded line
 * buffer and a bounded answer buffer, and the UPS commands in flight.
 * Every device of the agent is a UPS of its own (nut_devices.c: names,
 * FSD flags); a command goes to the device its UPS name stands for.
 * What a request means is nut_session.c's.
 *
 * A client that sends faster than it reads its answers is not read until
 * its answers went out; one whose answers pile up past a bound is
 * disconnected; one that is silent for idle-timeout is closed.  An
 * INSTCMD holds its connection's next requests until the UPS answered.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "device.h"
#include "diag_log.h"
#include "events.h"
#include "handler_nut.h"
#include "nut_devices.h"
#include "nut_line.h"
#include "nut_session.h"
#include "nut_tls.h"
#include "nvconfig.h"
#include "tcp_listen.h"

#define OUT_MAX (256 * 1024)    /* answers not yet read: past this, disconnect */

struct nut_conn {
	int fd;
	unsigned gen;                   /* tells a reused slot from the one a command was for */
	struct nv_nut_lines in;
	struct nv_text out;
	struct nv_nut_session s;
	double last_request;            /* monotonic s */
	bool waiting;                   /* an INSTCMD in flight: hold further requests */
	int waiting_kind;               /* its enum nv_cmd_kind */
	unsigned waiting_ups;           /* the UPS it was sent to */
	bool closing;                   /* close once out is sent */
	bool want_tls;                  /* STARTTLS answered: TLS once that is sent */
	SSL *ssl;                       /* after STARTTLS */
	bool handshaking;
	unsigned short port;            /* the client's */
	int client_index;               /* its row in the client table once logged in; 0 */
	time_t logged_in_at;
};

/* One INSTCMD in flight: outlives its connection (and the plug-in, whose
 * fini orphans it: the control layer still calls done). */
struct nut_ticket {
	struct nut_state *st;           /* NULL: orphaned */
	int slot;
	unsigned gen;
	struct nut_ticket *next;
};

struct nut_state {
	struct nv_handler_env env;
	struct nv_handler_device one;   /* env without a device list: its snap, act */
	struct nv_nut_cfg cfg;
	struct nv_nut_devices devs;
	int listen_fd[NV_NUT_MAX_LISTEN];
	struct nut_conn *conn[NV_NUT_MAX_CONN];
	unsigned next_gen;
	int next_client_index;
	struct nut_ticket *tickets;
	SSL_CTX *tls;                   /* NULL: no certificate, no STARTTLS */
	double accept_paused_until;
	struct nv_ratelimit rl_refused, rl_denied, rl_bad;
};

static double mono_s(void)
{
	return (double)nv_now_ms() / 1000.0;
}

/* ---- the devices ---- */

/* The agent's devices, [i] the NUT UPS st->devs.d[i]. */
static const struct nv_handler_device *devices(const struct nut_state *st)
{
	return st->env.ndevices > 0 && st->env.devices != NULL ? st->env.devices : &st->one;
}

/* The configuration's NUT section and UPS names (env->section is the
 * whole configuration: the names come from its devices). */
static void take_config(struct nut_state *st, const struct nv_handler_env *env)
{
	const struct nv_config *cfg = env->section;

	st->env = *env;
	st->one = (struct nv_handler_device){ .name = "ups", .snap = env->snap,
	    .image = env->image, .logs = env->logs, .act = env->act };
	st->cfg = cfg->gateways.nut;
	nv_nut_devices_update(&st->devs, cfg, devices(st),
	    env->ndevices > 0 && env->devices != NULL ? env->ndevices : 1);
}

static const struct nv_handler_actions *act_of(const struct nut_state *st, unsigned ups)
{
	return ups < st->devs.n ? devices(st)[ups].act : NULL;
}

/* ---- what the sessions ask of the server ---- */

/* Every device's sessions, for the calls without a device number. */
#define EVERY_DEVICE UINT_MAX

/* Is C a logged-in session of device DEVICE_NO (or of any, EVERY_DEVICE)? */
static bool client_of(const struct nut_conn *c, unsigned device_no)
{
	return c != NULL && c->s.logged_in && (device_no == EVERY_DEVICE ||
	    c->s.ups == device_no);
}

static int op_numlogins(void *arg, unsigned ups)
{
	struct nut_state *st = arg;
	int n = 0;

	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (client_of(st->conn[i], ups))
			n++;
	return n;
}

static void op_list_clients(void *arg, unsigned ups, const char *name, struct nv_text *out)
{
	struct nut_state *st = arg;

	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (client_of(st->conn[i], ups))
			nv_text_printf(out, "CLIENT %s %s\n", name, st->conn[i]->s.peer);
}

static bool op_cmd_available(void *arg, unsigned ups, const struct nv_nut_cmd *c)
{
	struct nut_state *st = arg;
	const struct nv_handler_actions *a = act_of(st, ups);

	if (a == NULL)
		return false;
	if (c->kind == NV_CMD_SHUTOFF || c->kind == NV_CMD_SHUTOFF_CANCEL)
		return a->ups_shutoff_max_delay != NULL && a->ups_shutoff_max_delay(a->arg) > 0;
	return a->ups_command_available != NULL && a->ups_command_available(a->arg, c->kind);
}

static struct nut_conn *conn_of(struct nut_state *st, const struct nv_nut_session *s, int *slot)
{
	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (st->conn[i] != NULL && &st->conn[i]->s == s) {
			*slot = i;
			return st->conn[i];
		}
	return NULL;
}

static void answer_command(struct nut_conn *c, int status)
{
	if (status == NV_CMDS_DONE)
		nv_text_printf(&c->out, "OK\n");
	else
		nv_nut_err(&c->out, "INSTCMD-FAILED");
	c->waiting = false;
}

static void command_done(void *cookie, int status, const char *text)
{
	struct nut_ticket *t = cookie, **p;
	struct nut_state *st = t->st;
	struct nut_conn *c;

	(void)text;     /* in the agent log already, with the NUT user */
	if (st != NULL) {
		c = st->conn[t->slot];
		if (c != NULL && c->gen == t->gen && c->waiting)
			answer_command(c, status);
		for (p = &st->tickets; *p != NULL; p = &(*p)->next)
			if (*p == t) {
				*p = t->next;
				break;
			}
	}
	free(t);
}

static const char *one_word_command(struct nut_state *st, const struct nv_handler_actions *a,
    struct nut_conn *c, int slot, const struct nv_nut_cmd *cmd, const char *who)
{
	struct nut_ticket *t = calloc(1, sizeof(*t));
	char why[200];

	if (t == NULL)
		return "INSTCMD-FAILED";
	*t = (struct nut_ticket){ .st = st, .slot = slot, .gen = c->gen };
	if (a->ups_command(a->arg, cmd->kind, who, command_done, t, why, sizeof(why)) != 0) {
		free(t);
		return "INSTCMD-FAILED";
	}
	t->next = st->tickets;
	st->tickets = t;
	return NULL;
}

/* "" with one UPS, " on 'ups-b'" with several: which one a log line is about */
static void of_ups(const struct nut_state *st, unsigned ups, char *buf, size_t len)
{
	if (st->devs.n > 1 && ups < st->devs.n)
		snprintf(buf, len, " on '%s'", st->devs.d[ups].name);
	else
		buf[0] = '\0';
}

static const char *op_instcmd(void *arg, unsigned ups, struct nv_nut_session *s,
    const struct nv_nut_cmd *cmd, const char *who)
{
	struct nut_state *st = arg;
	const struct nv_handler_actions *a = act_of(st, ups);
	const struct nv_nut_device *d = &st->devs.d[ups];
	int slot = -1, rc;
	struct nut_conn *c = conn_of(st, s, &slot);
	char of[64];

	if (c == NULL || a == NULL)
		return "INSTCMD-FAILED";
	c->waiting_ups = ups;
	if (cmd->kind != NV_CMD_SHUTOFF && cmd->kind != NV_CMD_SHUTOFF_CANCEL) {
		const char *why = one_word_command(st, a, c, slot, cmd, who);

		if (why == NULL)
			c->waiting = true;
		return why;
	}
	/* the shut-off's result comes as an NV_NOTE_CONTROL notification */
	of_ups(st, ups, of, sizeof(of));
	nv_handler_agentlog(&st->env, NV_EV_WARNING, "NUT: %s%s asked by %s", cmd->name, of,
	    who);
	rc = cmd->kind == NV_CMD_SHUTOFF_CANCEL ? a->ups_shutoff_cancel(a->arg) :
	    a->ups_shutoff(a->arg, d->delay_shutdown_s,
	    cmd->restart ? (d->delay_start_s + 59) / 60 : 0);
	if (rc != 0)
		return "INSTCMD-FAILED";
	c->waiting = true;
	c->waiting_kind = cmd->kind;
	return NULL;
}

static void op_set_var(void *arg, unsigned ups, const char *name, int value, const char *who)
{
	struct nut_state *st = arg;
	struct nv_nut_device *d = &st->devs.d[ups];
	char of[64];

	if (strcmp(name, NV_NUT_VAR_DELAY_SHUTDOWN) == 0)
		d->delay_shutdown_s = value;
	else
		d->delay_start_s = value;
	of_ups(st, ups, of, sizeof(of));
	nv_handler_agentlog(&st->env, NV_EV_INFO, "NUT: %s%s set to %d by %s", name, of, value,
	    who);
}

static void op_fsd(void *arg, unsigned ups, const char *who)
{
	struct nut_state *st = arg;
	char of[64];

	of_ups(st, ups, of, sizeof(of));
	if (!st->devs.d[ups].fsd)
		nv_handler_agentlog(&st->env, NV_EV_CRITICAL, "NUT: forced shutdown (FSD)%s set "
		    "by %s: every NUT client shuts down", of, who);
	st->devs.d[ups].fsd = true;
}

static void op_denied(void *arg, const struct nv_nut_session *s, const char *what)
{
	struct nut_state *st = arg;
	unsigned suppressed = 0;

	if (nv_ratelimit_ok(&st->rl_denied, &suppressed))
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "NUT: %s refused to user '%s' "
		    "from %s: unknown user, wrong password or no right to it (%u similar "
		    "suppressed)", what, s->have_username ? s->username : "", s->peer, suppressed);
}

static const char *op_starttls(void *arg, struct nv_nut_session *s)
{
	struct nut_state *st = arg;
	int slot;
	struct nut_conn *c = conn_of(st, s, &slot);

	if (st->tls == NULL || c == NULL)
		return "FEATURE-NOT-CONFIGURED";
	if (c->ssl != NULL || c->want_tls)
		return "ALREADY-SSL-MODE";
	c->want_tls = true;
	return NULL;
}

/* ---- connections ---- */

static void drop(struct nut_state *st, int i)
{
	struct nut_conn *c = st->conn[i];

	nv_nut_tls_end(c->ssl);
	close(c->fd);
	nv_text_free(&c->out);
	free(c);
	st->conn[i] = NULL;
}

static void serve_lines(struct nut_state *st, struct nut_conn *c)
{
	const struct nv_nut_server_ops ops = {
		.arg = st, .numlogins = op_numlogins, .list_clients = op_list_clients,
		.cmd_available = op_cmd_available, .instcmd = op_instcmd,
		.set_var = op_set_var, .fsd = op_fsd, .denied = op_denied,
		.starttls = op_starttls,
	};
	struct nv_nut_ups ups[NV_DEVICES_MAX];
	const struct nv_nut_server_view v = {
		.cfg = &st->cfg, .ops = &ops, .ups = ups, .nups = st->devs.n,
	};
	char line[NV_NUT_LINE_MAX];

	while (!c->waiting && !c->closing && !c->want_tls && !c->handshaking &&
	    c->out.len < OUT_MAX / 4) {
		enum nv_nut_line_rc rc = nv_nut_lines_next(&c->in, line);

		if (rc == NV_NUT_LINE_NONE)
			break;
		c->last_request = mono_s();
		if (rc == NV_NUT_LINE_TOO_LONG) {
			nv_nut_err(&c->out, "INVALID-ARGUMENT");
			continue;
		}
		/* anew for each line: the one before may have set a delay or FSD */
		nv_nut_devices_view(&st->devs, devices(st), ups);
		if (nv_nut_dispatch(&v, &c->s, line, &c->out) == NV_NUT_CLOSE)
			c->closing = true;
		if (c->s.logged_in && c->client_index == 0) {
			c->client_index = NV_NUT_CLIENT_INDEX_BASE + ++st->next_client_index;
			c->logged_in_at = time(NULL);
		}
	}
}

/* Send what is pending; false when the connection is to go. */
static bool flush(struct nut_conn *c)
{
	while (c->out.len > 0 && !c->handshaking) {
		ssize_t n = c->ssl != NULL ? nv_nut_tls_write(c->ssl, c->out.buf, c->out.len) :
		    send(c->fd, c->out.buf, c->out.len, MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		nv_text_consume(&c->out, (size_t)n);
	}
	if (c->out.failed || c->out.len > OUT_MAX)
		return false;   /* it does not read its answers */
	return !(c->closing && c->out.len == 0);
}

/*
 * After "OK STARTTLS" went out in the clear: TLS from the next byte on.
 * Lines the client sent behind STARTTLS, before the handshake, are
 * dropped: they were not protected.  False when the connection is to go.
 */
static bool tls_step(struct nut_state *st, struct nut_conn *c)
{
	if (c->want_tls && c->out.len == 0) {
		c->want_tls = false;
		c->in.len = 0;
		if ((c->ssl = nv_nut_tls_start(st->tls, c->fd)) == NULL)
			return false;
		c->handshaking = true;
	}
	if (c->handshaking) {
		int rc = nv_nut_tls_handshake(c->ssl);

		if (rc < 0)
			return false;
		c->handshaking = rc == 0;
	}
	return true;
}

/* What the socket has now into the line buffer: false when it is closed. */
static bool take_input(struct nut_conn *c)
{
	for (;;) {
		size_t room;
		char *p = nv_nut_lines_space(&c->in, &room);
		ssize_t n;

		if (room == 0)
			return true;    /* lines to serve first */
		n = c->ssl != NULL ? nv_nut_tls_read(c->ssl, p, room) : recv(c->fd, p, room, 0);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return true;
		if (n <= 0)
			return false;
		nv_nut_lines_added(&c->in, (size_t)n);
		if (c->ssl == NULL)
			return true;    /* select() says when there is more */
		/* TLS: the library may hold decrypted bytes select() cannot see */
	}
}

/* One connection's turn: read, serve, answer; false when it is to go. */
static bool serve(struct nut_state *st, struct nut_conn *c, bool readable)
{
	if (!tls_step(st, c))
		return false;
	if (readable && !c->handshaking && !take_input(c))
		return false;   /* gone; a command in flight is answered to nobody */
	serve_lines(st, c);
	if (!flush(c))
		return false;
	return tls_step(st, c);
}

static void receive(struct nut_state *st, int i)
{
	if (!serve(st, st->conn[i], true))
		drop(st, i);
}

static void refuse(struct nut_state *st, int fd, const char *why)
{
	unsigned suppressed = 0;

	if (fd >= 0) {
		/* as upsd: one error line, then the door */
		(void)send(fd, "ERR MAX-CONNECTIONS\n", 20, MSG_NOSIGNAL | MSG_DONTWAIT);
		close(fd);
	}
	if (nv_ratelimit_ok(&st->rl_refused, &suppressed))
		nv_log(LOG_NOTICE, "nut: connection refused: %s (%u similar suppressed)",
		    why, suppressed);
}

static void accept_one(struct nut_state *st, int lfd)
{
	const char *why;
	char peer[64];
	double pause_s;
	int fd = nv_tcp_accept(lfd, &st->cfg.allow, peer, sizeof(peer), &why, &pause_s);
	int free_slot = -1, open = 0;
	struct nut_conn *c;

	if (fd < 0) {
		if (why != NULL)
			refuse(st, -1, why);
		st->accept_paused_until = mono_s() + pause_s;
		return;
	}
	for (int i = 0; i < NV_NUT_MAX_CONN; i++) {
		if (st->conn[i] != NULL)
			open++;
		else if (free_slot < 0)
			free_slot = i;
	}
	if (open >= st->cfg.max_connections || free_slot < 0 ||
	    (c = calloc(1, sizeof(*c))) == NULL) {
		refuse(st, fd, "max-connections reached");
		return;
	}
	c->fd = fd;
	c->gen = ++st->next_gen;
	nv_text_init(&c->out);
	snprintf(c->s.peer, sizeof(c->s.peer), "%s", peer);
	c->port = nv_tcp_peer_port(fd);
	c->last_request = mono_s();
	st->conn[free_slot] = c;
}

/* ---- the listeners ---- */

static void close_listeners(struct nut_state *st)
{
	for (int i = 0; i < NV_NUT_MAX_LISTEN; i++) {
		if (st->listen_fd[i] >= 0)
			close(st->listen_fd[i]);
		st->listen_fd[i] = -1;
	}
}

static void close_all(struct nut_state *st)
{
	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (st->conn[i] != NULL)
			drop(st, i);
	close_listeners(st);
}

static int open_listeners(struct nut_state *st, char *err, size_t errlen)
{
	char why[200], names[NV_DEVICES_MAX * (NV_DEVICE_NAME_MAX + 3)] = "";

	for (size_t i = 0; i < st->devs.n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s'%s'",
		    i > 0 ? ", " : "", st->devs.d[i].name);

	for (int i = 0; i < st->cfg.n_listen; i++) {
		st->listen_fd[i] = nv_tcp_listen(st->cfg.listen[i], NV_NUT_PORT, 64, why,
		    sizeof(why));
		if (st->listen_fd[i] < 0) {
			snprintf(err, errlen, "nut: %s", why);
			close_listeners(st);
			return -1;
		}
		nv_log(LOG_INFO, "nut: serving UPS %s on %s (max-connections %d)",
		    names, st->cfg.listen[i], st->cfg.max_connections);
	}
	return 0;
}

static bool same_listen(const struct nv_nut_cfg *a, const struct nv_nut_cfg *b)
{
	if (a->enabled != b->enabled || a->n_listen != b->n_listen)
		return false;
	for (int i = 0; i < a->n_listen; i++)
		if (strcmp(a->listen[i], b->listen[i]) != 0)
			return false;
	return true;
}

/* The TLS context of the configured files (checked when the config was
 * read; a file changed since then fails here). */
static int open_tls(struct nut_state *st, char *err, size_t errlen)
{
	SSL_CTX *ctx = NULL;

	if (st->cfg.enabled && st->cfg.certificate[0] != '\0' &&
	    (ctx = nv_nut_tls_context(st->cfg.certificate, st->cfg.key, err, errlen)) == NULL)
		return -1;
	nv_nut_tls_context_free(st->tls);
	st->tls = ctx;
	return 0;
}

/* ---- the plug-in ---- */

/* The whole configuration: the UPS names are its devices' (take_config). */
static const void *nut_section(const struct nv_config *cfg)
{
	return cfg;
}

/* ups-name and description name the one UPS of a file without device
 * sections; with device sections they are left unused: say so. */
static void note_unused_names(const struct nut_state *st)
{
	if (st->cfg.enabled && st->devs.named_by_devices &&
	    (strcmp(st->cfg.ups_name, "ups") != 0 || st->cfg.description[0] != '\0'))
		nv_log(LOG_NOTICE, "nut: ups-name and description are not used with device "
		    "sections: each device is served under its own name");
}

static int nut_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct nut_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		snprintf(err, errlen, "nut: out of memory");
		return -1;
	}
	take_config(st, env);
	note_unused_names(st);
	for (int i = 0; i < NV_NUT_MAX_LISTEN; i++)
		st->listen_fd[i] = -1;
	st->rl_refused.interval = st->rl_denied.interval = st->rl_bad.interval = 60;
	if (st->cfg.enabled && (open_tls(st, err, errlen) != 0 ||
	    open_listeners(st, err, errlen) != 0)) {
		nv_nut_tls_context_free(st->tls);
		free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static int nut_reload(void *state, const struct nv_handler_env *env)
{
	struct nut_state *st = state;
	const struct nv_nut_cfg *nw = &((const struct nv_config *)env->section)->gateways.nut;
	bool same = same_listen(nw, &st->cfg);
	char err[256];

	take_config(st, env);
	note_unused_names(st);
	if (same) {
		/* users, allow list, limits, certificate, names: from the next
		 * request on; connections already in TLS keep theirs */
		if (open_tls(st, err, sizeof(err)) != 0) {
			nv_log(LOG_ERR, "%s", err);
			return -1;
		}
		return 0;
	}
	close_all(st);
	if (open_tls(st, err, sizeof(err)) != 0 ||
	    (st->cfg.enabled && open_listeners(st, err, sizeof(err)) != 0)) {
		nv_log(LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

static void nut_fini(void *state)
{
	struct nut_state *st = state;

	for (struct nut_ticket *t = st->tickets; t != NULL; t = t->next)
		t->st = NULL;
	close_all(st);
	nv_nut_tls_context_free(st->tls);
	free(st);
}

static void answer_shutoff(struct nut_state *st, const struct nv_notification *n)
{
	for (int i = 0; i < NV_NUT_MAX_CONN; i++) {
		struct nut_conn *c = st->conn[i];

		if (c != NULL && c->waiting && c->waiting_kind == n->command &&
		    c->waiting_ups == n->device_no) {
			answer_command(c, n->status);
			if (!serve(st, c, false))
				drop(st, i);
		}
	}
}

static void nut_handle(void *state, const struct nv_notification *n)
{
	struct nut_state *st = state;
	char of[64];

	if (!st->cfg.enabled)
		return;
	if (n->kind == NV_NOTE_CONTROL &&
	    (n->command == NV_CMD_SHUTOFF || n->command == NV_CMD_SHUTOFF_CANCEL)) {
		answer_shutoff(st, n);
		return;
	}
	/* FSD is the device's: only the clients of its UPS are told */
	of_ups(st, n->device_no, of, sizeof(of));
	switch (nv_nut_devices_note(&st->devs, n)) {
	case NV_NUT_FSD_SET:
		nv_handler_agentlog(&st->env, NV_EV_CRITICAL, "NUT: shutdown requested%s: "
		    "the UPS is flagged FSD for every NUT client", of);
		break;
	case NV_NUT_FSD_CANCELLED_LATE:
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "NUT: shutdown%s cancelled after "
		    "the NUT clients were told FSD: it stays until mains returns", of);
		break;
	case NV_NUT_FSD_CLEARED:
		nv_handler_agentlog(&st->env, NV_EV_INFO, "NUT: mains returned%s: FSD cleared",
		    of);
		break;
	case NV_NUT_FSD_NONE:
		break;
	}
}

static void watch(int fd, fd_set *rd, int *maxfd)
{
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
}

static void nut_fill(void *state, fd_set *rd, int *maxfd, struct timeval *tv)
{
	struct nut_state *st = state;
	bool accepting = mono_s() >= st->accept_paused_until;

	(void)tv;       /* idle connections are closed by the tick (1 s) */
	for (int i = 0; i < NV_NUT_MAX_LISTEN; i++)
		if (st->listen_fd[i] >= 0 && accepting)
			watch(st->listen_fd[i], rd, maxfd);
	/* a connection that holds its requests (a command in flight, answers
	 * unread) is not read: its bytes would wake every turn; the tick
	 * serves it again */
	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (st->conn[i] != NULL && !st->conn[i]->waiting &&
		    st->conn[i]->out.len < OUT_MAX / 4)
			watch(st->conn[i]->fd, rd, maxfd);
}

static void nut_process(void *state, const fd_set *rd)
{
	struct nut_state *st = state;

	for (int i = 0; i < NV_NUT_MAX_CONN; i++)
		if (st->conn[i] != NULL && FD_ISSET(st->conn[i]->fd, rd))
			receive(st, i);
	for (int i = 0; i < NV_NUT_MAX_LISTEN; i++)
		if (st->listen_fd[i] >= 0 && FD_ISSET(st->listen_fd[i], rd))
			accept_one(st, st->listen_fd[i]);
}

static void nut_tick(void *state)
{
	struct nut_state *st = state;
	double now = mono_s();

	for (int i = 0; i < NV_NUT_MAX_CONN; i++) {
		struct nut_conn *c = st->conn[i];

		if (c == NULL)
			continue;
		/* answers that came from the control layer, lines held meanwhile,
		 * answers the socket did not take: only then (every turn runs this) */
		if (((c->out.len > 0 || c->in.len > 0 || c->want_tls || c->handshaking) &&
		    !serve(st, c, false)) ||
		    (!c->waiting && now - c->last_request >= st->cfg.idle_timeout_s))
			drop(st, i);
	}
}

int nv_nut_longest_client(void *state, char *who, size_t wholen)
{
	return nv_nut_longest_client_of(state, EVERY_DEVICE, who, wholen);
}

int nv_nut_longest_client_of(void *state, unsigned device_no, char *who, size_t wholen)
{
	struct nut_state *st = state;

	for (int i = 0; st->cfg.client_duration_s > 0 && i < NV_NUT_MAX_CONN; i++)
		if (client_of(st->conn[i], device_no)) {
			snprintf(who, wholen, "NUT %s@%s", st->conn[i]->s.username,
			    st->conn[i]->s.peer);
			return st->cfg.client_duration_s;
		}
	return 0;
}

size_t nv_nut_clients(const void *state, nv_shutdown_client_fn fn, void *arg)
{
	return nv_nut_clients_of(state, EVERY_DEVICE, fn, arg);
}

size_t nv_nut_clients_of(const void *state, unsigned device_no, nv_shutdown_client_fn fn,
    void *arg)
{
	const struct nut_state *st = state;
	struct nv_shutdown_client_row r;
	size_t n = 0;

	for (int i = 0; st != NULL && i < NV_NUT_MAX_CONN; i++) {
		const struct nut_conn *c = st->conn[i];

		if (!client_of(c, device_no))
			continue;
		memset(&r, 0, sizeof(r));
		r.index = c->client_index;
		/* the row's columns are short: a long IPv6 address or user is cut */
		if (strchr(c->s.peer, ':') != NULL)
			snprintf(r.address, sizeof(r.address), "[%.22s]:%hu", c->s.peer, c->port);
		else
			snprintf(r.address, sizeof(r.address), "%.24s:%hu", c->s.peer, c->port);
		snprintf(r.name, sizeof(r.name), "%.31s", c->s.username);
		r.kind = c->s.primary ? "NUT upsmon primary" : "NUT upsmon secondary";
		r.connected_since = c->logged_in_at;
		r.status = NV_SDC_CONNECTED;
		r.severity = c->s.ups < st->devs.n && st->devs.d[c->s.ups].fsd ? NV_SDS_SHUTDOWN :
		    NV_SDS_NONE;
		r.duration_s = st->cfg.client_duration_s;
		fn(&r, arg);
		n++;
	}
	return n;
}

const struct nv_handler_ops nv_handler_nut = {
	.name = "nut",
	.section = nut_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_TRAP) | NV_NOTE_BIT(NV_NOTE_CONDITION) |
	    NV_NOTE_BIT(NV_NOTE_CONTROL),
	.init = nut_init,
	.handle = nut_handle,
	.reload = nut_reload,
	.fini = nut_fini,
	.tick = nut_tick,
	.fill = nut_fill,
	.process = nut_process,
};
