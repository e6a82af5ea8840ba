/* control_shutdown.c — `clients` (nvshutdown and NUT) and `shutdown test` of the
 * control socket. */
#include <stdio.h>
#include <string.h>

#include "control_proto.h"
#include "control_shutdown.h"
#include "ctx.h"
#include "outputs.h"
#include "shutdown.h"
#include "shutdown_server.h"

static void print_row(const struct nv_shutdown_client_row *r, void *arg)
{
	struct nv_text *t = arg;
	struct tm tm;
	char since[32];

	localtime_r(&r->connected_since, &tm);
	strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S", &tm);
	nv_text_printf(t, "%-6d %-21s %-20s %-19s %-9s %-8s %-10d %-11s %s\n", r->index,
	    r->address, r->name, since, r->status == NV_SDC_CONNECTED ? "connected" : "lost",
	    r->severity == NV_SDS_SHUTDOWN ? "shutdown" :
	    r->severity == NV_SDS_WARNING ? "warning" : "none", r->duration_s,
	    r->feeds[0] != '\0' ? r->feeds : "-", r->kind);
}

static void print_counters(const struct nv_sd_counters *c, struct nv_text *t)
{
	nv_text_printf(t, "packets: received %llu, accepted %llu, malformed %llu, "
	    "bad-auth %llu, stale %llu, replayed %llu, table-full %llu; sent %llu, "
	    "send-errors %llu\n",
	    (unsigned long long)c->received, (unsigned long long)c->accepted,
	    (unsigned long long)c->malformed, (unsigned long long)c->bad_mac,
	    (unsigned long long)c->stale, (unsigned long long)c->replay,
	    (unsigned long long)c->table_full, (unsigned long long)c->sent,
	    (unsigned long long)c->send_errors);
}

static const char no_clients_served[] =
    "no clients are served (neither a shutdown nor a nut section)";

void nv_ctl_cmd_clients(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	const struct nv_shutdown *sd = nv_outputs_handler_state(ctx, "shutdown");
	const struct nv_sd_counters *c;
	struct nv_text body;

	(void)argv;
	if (argc != 1) {
		nv_ctl_reply_err(out, "usage: clients");
		return;
	}
	if (!nv_shutdown_serving(sd) && nv_outputs_handler_state(ctx, "nut") == NULL) {
		nv_ctl_reply_err(out, "%s", no_clients_served);
		return;
	}
	nv_text_init(&body);
	nv_text_printf(&body, "%-6s %-21s %-20s %-19s %-9s %-8s %-10s %-11s %s\n", "INDEX",
	    "ADDRESS", "NAME", "CONNECTED-SINCE", "STATUS", "STATE", "DURATION-S", "FEEDS",
	    "KIND");
	nv_outputs_clients(ctx, print_row, &body);
	c = nv_shutdown_serving(sd) ? nv_shutdown_counters(sd) : NULL;
	if (c != NULL)
		print_counters(c, &body);
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}

void nv_ctl_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	struct nv_shutdown *sd = nv_outputs_handler_state(ctx, "shutdown");
	const char *why;
	char msg[128];

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: shutdown test");
		return;
	}
	why = nv_shutdown_test(sd);
	if (why != NULL) {
		nv_ctl_reply_err(out, "%s", why);
		return;
	}
	snprintf(msg, sizeof(msg), "shutdown test started: on-battery settings, cancel in %d s\n",
	    nv_shutdown_test_cancel_after(sd));
	nv_ctl_reply_ok(out, msg);
}
