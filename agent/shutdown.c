/*
 * shutdown.c — shutdown management in nvagentd: the nvshutdown listener,
 * the control commands, and the I/O of the shutdown sequence (whose
 * decisions live in shutdown_seq.c): messages to the clients, the UPS
 * shut-off, Wake-on-LAN, traps 20, 21 and 26 and the agent event log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_proto.h"
#include "ctx.h"
#include "events.h"
#include "log.h"
#include "logs.h"
#include "notify.h"
#include "shutdown.h"
#include "shutdown_seq.h"
#include "shutdown_server.h"
#include "ups_control.h"
#include "wol.h"

struct nv_shutdown {
	struct nv_sd_server *srv;
	struct nv_ctx *ctx;
	struct nv_sd_seq seq;           /* the state machine (shutdown_seq.c) */
	char listen[64];                /* what the socket was opened with */
	int max_clients;
};

static void server_note(void *arg, int level, const char *text)
{
	struct nv_ctx *ctx = arg;

	nv_agentlog(ctx->logs, level == 0 ? NV_EV_INFO : NV_EV_WARNING, "%s", text);
}

static const struct nv_shutdown_cfg *scfg(const struct nv_ctx *ctx)
{
	return &ctx->cfg.shutdown;
}

/* ---- what the sequence does, for real ------------------------------------ */

static size_t op_send(void *arg, enum nv_sd_type type, int32_t seconds,
    const char *event, uint8_t flags)
{
	struct nv_shutdown *sd = arg;

	return nv_sd_server_send_all(sd->srv, type, seconds, event, flags);
}

static void op_publish(void *arg, enum nv_sd_state st, time_t deadline,
    const char *event, uint8_t flags)
{
	struct nv_shutdown *sd = arg;

	nv_sd_server_set_state(sd->srv, st, deadline, event, flags);
}

static int op_longest_client(void *arg, char *who, size_t wholen)
{
	struct nv_shutdown *sd = arg;

	return nv_sd_server_max_duration(sd->srv, who, wholen);
}

static int op_shutoff_max_delay(void *arg)
{
	struct nv_shutdown *sd = arg;

	return nv_ups_shutoff_max_delay(sd->ctx);
}

static int op_ups_shutoff(void *arg, int delay_s, int restart_min)
{
	struct nv_shutdown *sd = arg;

	return nv_ups_shutoff(sd->ctx, delay_s, restart_min);
}

static int op_wake(void *arg)
{
	struct nv_shutdown *sd = arg;

	return nv_wol_send_all(sd->ctx);
}

static void op_notify(void *arg, enum nv_agent_event ev)
{
	struct nv_shutdown *sd = arg;

	nv_notify_agent(sd->ctx, ev);
}

static void op_log(void *arg, enum nv_ev_level level, const char *text)
{
	struct nv_shutdown *sd = arg;

	nv_agentlog(sd->ctx->logs, level, "%s", text);
}

static const struct nv_sd_seq_ops seq_ops = {
	.send = op_send,
	.publish = op_publish,
	.longest_client = op_longest_client,
	.shutoff_max_delay = op_shutoff_max_delay,
	.ups_shutoff = op_ups_shutoff,
	.wake = op_wake,
	.notify = op_notify,
	.log = op_log,
};

static void run(struct nv_shutdown *sd)
{
	const struct nv_ctx *ctx = sd->ctx;
	struct nv_sd_seq_input in = {
		.cfg = scfg(ctx),
		.sys = &ctx->snap.sys,
		.comm_ok = ctx->snap.comm == NV_COMM_OK,
		.now_ms = nv_now_ms(),
		.wall = time(NULL),
	};

	nv_sd_seq_run(&sd->seq, &in);
}

/* ---- main loop ----------------------------------------------------------- */

int nv_shutdown_start(struct nv_ctx *ctx, char *err, size_t errlen)
{
	struct nv_shutdown *sd;

	ctx->shutdown = NULL;
	if (!scfg(ctx)->enabled)
		return 0;
	sd = calloc(1, sizeof(*sd));
	if (sd == NULL) {
		snprintf(err, errlen, "shutdown: out of memory");
		return -1;
	}
	if (nv_sd_server_open(&sd->srv, scfg(ctx)->listen, scfg(ctx)->secret_file,
	    scfg(ctx)->max_clients, err, errlen) != 0) {
		free(sd);
		return -1;
	}
	sd->ctx = ctx;
	nv_sd_seq_init(&sd->seq, &seq_ops, sd);
	memcpy(sd->listen, scfg(ctx)->listen, sizeof(sd->listen));
	sd->max_clients = scfg(ctx)->max_clients;
	nv_sd_server_set_note(sd->srv, server_note, ctx);
	nv_sd_server_set_sender(sd->srv, ctx->cfg.system.name);
	ctx->shutdown = sd;
	ctx->shutdown_clients = nv_shutdown_clients;
	nv_log(LOG_INFO, "shutdown clients: listening on %s", scfg(ctx)->listen);
	return 0;
}

void nv_shutdown_stop(struct nv_ctx *ctx)
{
	if (ctx->shutdown == NULL)
		return;
	nv_sd_server_close(ctx->shutdown->srv);
	free(ctx->shutdown);
	ctx->shutdown = NULL;
	ctx->shutdown_clients = NULL;
}

void nv_shutdown_reload(struct nv_ctx *ctx)
{
	char err[512];

	if (ctx->shutdown == NULL) {
		if (scfg(ctx)->enabled && nv_shutdown_start(ctx, err, sizeof(err)) != 0)
			nv_log(LOG_ERR, "reload: %s", err);
		return;
	}
	if (!scfg(ctx)->enabled) {
		nv_log(LOG_WARNING, "reload: the shutdown section is gone; clients are no "
		    "longer served");
		nv_shutdown_stop(ctx);
		return;
	}
	if (strcmp(ctx->shutdown->listen, scfg(ctx)->listen) != 0 ||
	    ctx->shutdown->max_clients != scfg(ctx)->max_clients)
		nv_log(LOG_WARNING, "reload: shutdown listen / max-clients changed; restart "
		    "nvagentd to apply them");
	if (nv_sd_server_rekey(ctx->shutdown->srv, scfg(ctx)->secret_file, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "reload: keeping the old shutdown secret: %s", err);
	nv_sd_server_set_sender(ctx->shutdown->srv, ctx->cfg.system.name);
}

void nv_shutdown_fill(const struct nv_ctx *ctx, fd_set *rd, int *maxfd,
    struct timeval *tv)
{
	const struct nv_shutdown *sd = ctx->shutdown;
	uint64_t due, now;
	int fd;

	if (sd == NULL)
		return;
	fd = nv_sd_server_fd(sd->srv);
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
	due = nv_sd_seq_next_due(&sd->seq);
	if (due == UINT64_MAX)
		return;
	now = nv_now_ms();
	due = due > now ? due - now : 0;
	if ((uint64_t)tv->tv_sec * 1000 + (uint64_t)tv->tv_usec / 1000 > due) {
		tv->tv_sec = (time_t)(due / 1000);
		tv->tv_usec = (suseconds_t)(due % 1000) * 1000;
	}
}

void nv_shutdown_process(struct nv_ctx *ctx, const fd_set *rd)
{
	struct nv_shutdown *sd = ctx->shutdown;

	if (sd == NULL)
		return;
	/* the sequence first, so a heartbeat is answered with the state now */
	run(sd);
	if (FD_ISSET(nv_sd_server_fd(sd->srv), rd))
		nv_sd_server_receive(sd->srv);
	nv_sd_server_expire(sd->srv, scfg(ctx)->client_timeout_s);
}

size_t nv_shutdown_clients(const struct nv_ctx *ctx, nv_shutdown_client_fn fn,
    void *arg)
{
	if (ctx->shutdown == NULL)
		return 0;
	return nv_sd_server_clients(ctx->shutdown->srv, fn, arg);
}

/* ---- control commands ---------------------------------------------------- */

static void print_row(const struct nv_shutdown_client_row *r, void *arg)
{
	struct nv_text *t = arg;
	struct tm tm;
	char since[32];

	localtime_r(&r->connected_since, &tm);
	strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S", &tm);
	nv_text_printf(t, "%-5d %-21s %-20s %-19s %-9s %-8s %d\n", r->index, r->address,
	    r->name, since, r->status == NV_SDC_CONNECTED ? "connected" : "lost",
	    r->severity == NV_SDS_SHUTDOWN ? "shutdown" :
	    r->severity == NV_SDS_WARNING ? "warning" : "none", r->duration_s);
}

void nv_shutdown_cmd_clients(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out)
{
	const struct nv_sd_counters *c;
	struct nv_text body;

	(void)argv;
	if (argc != 1) {
		nv_ctl_reply_err(out, "usage: clients");
		return;
	}
	if (ctx->shutdown == NULL) {
		nv_ctl_reply_err(out, "shutdown management is not configured (no shutdown section)");
		return;
	}
	nv_text_init(&body);
	nv_text_printf(&body, "%-5s %-21s %-20s %-19s %-9s %-8s %s\n", "INDEX", "ADDRESS",
	    "NAME", "CONNECTED-SINCE", "STATUS", "STATE", "DURATION-S");
	nv_shutdown_clients(ctx, print_row, &body);
	c = nv_sd_server_counters(ctx->shutdown->srv);
	nv_text_printf(&body, "packets: received %llu, accepted %llu, malformed %llu, "
	    "bad-auth %llu, stale %llu, replayed %llu, table-full %llu; sent %llu, "
	    "send-errors %llu\n",
	    (unsigned long long)c->received, (unsigned long long)c->accepted,
	    (unsigned long long)c->malformed, (unsigned long long)c->bad_mac,
	    (unsigned long long)c->stale, (unsigned long long)c->replay,
	    (unsigned long long)c->table_full, (unsigned long long)c->sent,
	    (unsigned long long)c->send_errors);
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}

void nv_shutdown_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out)
{
	struct nv_shutdown *sd = ctx->shutdown;
	char msg[128];

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: shutdown test");
		return;
	}
	if (sd == NULL) {
		nv_ctl_reply_err(out, "shutdown management is not configured (no shutdown section)");
		return;
	}
	if (scfg(ctx)->ev[NV_SDE_ON_BATTERY].action == NV_SDA_DISABLED) {
		nv_ctl_reply_err(out, "the on-battery event is disabled: the test uses its settings");
		return;
	}
	if (nv_sd_seq_busy(&sd->seq)) {
		nv_ctl_reply_err(out, "a shutdown sequence or test is already running");
		return;
	}
	nv_sd_seq_test_start(&sd->seq, nv_now_ms(), scfg(ctx)->test_cancel_after_s);
	nv_agentlog(ctx->logs, NV_EV_INFO, "Shutdown test started (cancel in %d s)",
	    scfg(ctx)->test_cancel_after_s);
	run(sd);
	snprintf(msg, sizeof(msg), "shutdown test started: on-battery settings, cancel in %d s\n",
	    scfg(ctx)->test_cancel_after_s);
	nv_ctl_reply_ok(out, msg);
}
