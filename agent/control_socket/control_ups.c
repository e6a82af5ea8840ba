/*
 * control_ups.c — `ups` and `wol` commands of the control socket.
 * A shut-off or a control (`ups eco-mode`, `ups battery-test` ...) is
 * queued to the poller thread, and the reply waits for the device's
 * answer (control.c): taken, refused with the reason, or no answer.  The
 * outcome is also in `ups status` and the agent log, with who asked.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control_access.h"
#include "device.h"
#include "control_proto.h"
#include "control_ups.h"
#include "ctx.h"
#include "handler_wol.h"
#include "logs.h"
#include "outputs.h"
#include "ups_control.h"
#include "wol.h"

static int number(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}

bool nv_ctl_ups_writes(int argc, char **argv)
{
	return !(argc == 2 && strcmp(argv[1], "status") == 0);
}

#define UPS_USAGE "usage: ups shutoff DELAY_S RESTART_MIN | ups cancel | ups status | " \
	"ups standby-on|standby-off|eco-mode|normal-mode|alarm-reset|load-to-bypass|" \
	"load-to-inverter|battery-test|prefer-s1|prefer-s2|transfer-s1|transfer-s2|" \
	"clock-sync"

void nv_ctl_ups_outcome(struct nv_text *out, int status, const char *text)
{
	if (status == NV_CMDS_DONE) {
		char buf[260];

		snprintf(buf, sizeof(buf), "taken: %s\n", text);
		nv_ctl_reply_ok(out, buf);
	} else if (status == NV_CMDS_REFUSED) {
		nv_ctl_reply_err(out, "refused: %s", text);
	} else if (status == NV_CMDS_FAILED) {
		nv_ctl_reply_err(out, "failed: %s", text);
	} else {
		nv_ctl_reply_err(out, "no answer: %s", text);
	}
}

/* Queued, or the refusal as the reply. */
static void queued_or_refused(int rc, const char *why, struct nv_text *out,
    struct nv_ctl_wait *wait)
{
	if (rc == 0)
		wait->started = true;
	else if (rc == NV_UPSCMD_NO_COMM)
		nv_ctl_reply_err(out, "no answer: %s", why);
	else
		nv_ctl_reply_err(out, "refused: %s", why);
}

void nv_ctl_cmd_ups(struct nv_ctx *ctx, const struct nv_peer *peer, int argc, char **argv,
    struct nv_text *out, struct nv_ctl_wait *wait)
{
	char buf[320], who[64];
	int delay, restart, kind = argc == 2 ? (int)nv_cmd_by_name(argv[1]) : 0;

	nv_peer_name(peer, who, sizeof(who));
	if (kind >= NV_CMD_STANDBY_ON) {
		queued_or_refused(nv_ups_command(ctx, kind, who, wait->done, wait->cookie,
		    buf, sizeof(buf)), buf, out, wait);
	} else if (argc == 4 && strcmp(argv[1], "shutoff") == 0) {
		struct nv_ups_order o;

		if (number(argv[2], &delay) == -1 || number(argv[3], &restart) == -1) {
			nv_ctl_reply_err(out, "DELAY_S and RESTART_MIN must be whole numbers");
			return;
		}
		o = (struct nv_ups_order){ .delay_s = delay, .restart_min = restart };
		queued_or_refused(nv_ups_order(ctx, &o, who, wait->done, wait->cookie,
		    buf, sizeof(buf)), buf, out, wait);
	} else if (argc == 2 && strcmp(argv[1], "cancel") == 0) {
		queued_or_refused(nv_ups_order(ctx, NULL, who, wait->done, wait->cookie,
		    buf, sizeof(buf)), buf, out, wait);
	} else if (argc == 2 && strcmp(argv[1], "status") == 0) {
		size_t n;

		nv_ups_control_describe(ctx, buf, sizeof(buf) - 32);
		n = strlen(buf);
		if (nv_wol_armed(nv_outputs_handler_state(ctx, "wol")))
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, " (Wake-on-LAN armed)");
		buf[n] = '\n';
		buf[n + 1] = '\0';
		nv_ctl_reply_ok(out, buf);
	} else {
		nv_ctl_reply_err(out, UPS_USAGE);
	}
}

void nv_ctl_cmd_wol(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	char buf[200];
	int n;

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: wol test");
		return;
	}
	if (ctx->cfg.wol.n == 0) {
		nv_ctl_reply_err(out, "no wol target configured");
		return;
	}
	n = nv_wol_send_all(ctx);
	if (n < 0) {
		nv_ctl_reply_err(out, "cannot send (see the daemon log)");
		return;
	}
	nv_agentlog(ctx->logs, NV_EV_INFO, "Wake-on-LAN test: sent to %d target(s) at %s",
	    n, ctx->cfg.wol.address);
	snprintf(buf, sizeof(buf), "sent %d magic packet(s) to %s\n", n, ctx->cfg.wol.address);
	nv_ctl_reply_ok(out, buf);
}
