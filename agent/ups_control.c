/*
 * ups_control.c — UPS shut-off and restart, main-thread side (see
 * ups_control.h).  A request is checked against what is known now (the
 * snapshot, the poller's view of the profile and permissions), then queued
 * to the poller, which writes the device's registers between two polling
 * passes.  Results come back with the next snapshot and go to the agent
 * log.  Wake-on-LAN follows a shut-off caused by an AC failure: once the
 * output went off, mains and the output being back wake the targets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "eventlog.h"
#include "log.h"
#include "logs.h"
#include "ups_control.h"
#include "wol.h"

struct nv_upsctl {
	unsigned pending;               /* id of the command in flight, 0 none */
	struct nv_command_result last;  /* newest result */
	bool have_last;
	bool pending_on_ac_fail;        /* the shut-off in flight follows an AC failure */
	bool wol_armed;                 /* a shut-off after an AC failure was done */
	bool saw_off;                   /* ... and the output went off since */
};

static const char *kind_name(enum nv_cmd_kind k)
{
	return k == NV_CMD_SHUTOFF ? "UPS shut-off" : "UPS shut-off cancel";
}

/* What the device takes now; false when it is not known (no data). */
static bool device_caps(struct nv_ctx *ctx, struct nv_control_caps *caps,
    struct nv_control_override *ovr)
{
	if (ctx->poller == NULL || ctx->snap.comm != NV_COMM_OK)
		return false;
	nv_controls_for(&ctx->cfg.controls, ctx->snap.proto, ovr);
	nv_poller_control_caps(ctx->poller, ovr, caps);
	return caps->detected;
}

/* Why the device cannot take a control now; NULL when it can. */
static const char *refusal(struct nv_ctx *ctx, struct nv_control_caps *caps,
    struct nv_control_override *ovr)
{
	const struct nv_snapshot *s = &ctx->snap;

	if (!device_caps(ctx, caps, ovr))
		return "not communicating with the device";
	if (!caps->has_shutoff)
		return "the device profile has no delayed shut-off register "
		    "(see controls in nvagent.conf(5))";
	if (nv_cond_get(&s->unit[0], NV_C_REMOTE_CONTROL_OFF) ||
	    nv_cond_get(&s->sys, NV_C_REMOTE_CONTROL_OFF))
		return "the device grants no remote control (remote controls "
		    "disabled on the UPS)";
	if (caps->remote == 0)
		return "the device grants no remote control (permission bit clear)";
	return NULL;
}

static int submit(struct nv_ctx *ctx, struct nv_command *c)
{
	struct nv_upsctl *u = ctx->upsctl;
	unsigned id;

	if (nv_poller_submit(ctx->poller, c, &id) == -1) {
		nv_agentlog(ctx->logs, NV_EV_WARNING, "%s refused: too many commands "
		    "waiting for the serial line", kind_name(c->kind));
		return -1;
	}
	if (u != NULL)
		u->pending = id;
	return 0;
}

int nv_ups_shutoff(struct nv_ctx *ctx, int delay_s, int restart_delay_min)
{
	struct nv_command c = { .kind = NV_CMD_SHUTOFF, .delay_s = delay_s,
	    .restart_min = restart_delay_min };
	struct nv_control_caps caps;
	const char *why = refusal(ctx, &caps, &c.ovr);

	if (why == NULL && (delay_s < caps.min_delay_s || delay_s > caps.max_delay_s))
		why = "shut-off delay out of the device's range";
	if (why == NULL && (restart_delay_min < 0 ||
	    restart_delay_min > caps.max_restart_min))
		why = "restart delay out of the device's range";
	if (why != NULL) {
		nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS shut-off (delay %d s, restart "
		    "%d min) refused: %s", delay_s, restart_delay_min, why);
		return -1;
	}
	if (submit(ctx, &c) == -1)
		return -1;
	if (ctx->upsctl != NULL)
		ctx->upsctl->pending_on_ac_fail =
		    nv_cond_get(&ctx->snap.sys, NV_C_ON_BATTERY) ||
		    !nv_cond_get(&ctx->snap.sys, NV_C_INPUT_PRESENT);
	nv_log(LOG_INFO, "UPS shut-off queued: output off in %d s, %s", delay_s,
	    restart_delay_min > 0 ? "restart after mains returns" : "no restart");
	return 0;
}

int nv_ups_shutoff_max_delay(struct nv_ctx *ctx)
{
	struct nv_control_caps caps;
	struct nv_control_override ovr;

	return device_caps(ctx, &caps, &ovr) ? caps.max_delay_s : 0;
}

int nv_ups_shutoff_cancel(struct nv_ctx *ctx)
{
	struct nv_command c = { .kind = NV_CMD_SHUTOFF_CANCEL };
	struct nv_control_caps caps;
	const char *why = refusal(ctx, &caps, &c.ovr);

	if (why != NULL) {
		nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS shut-off cancel refused: %s",
		    why);
		return -1;
	}
	return submit(ctx, &c);
}

int nv_ups_control_start(struct nv_ctx *ctx)
{
	ctx->upsctl = calloc(1, sizeof(*ctx->upsctl));
	return ctx->upsctl != NULL ? 0 : -1;
}

void nv_ups_control_stop(struct nv_ctx *ctx)
{
	free(ctx->upsctl);
	ctx->upsctl = NULL;
}

static void collect(struct nv_ctx *ctx, struct nv_upsctl *u)
{
	struct nv_command_result r;

	while (nv_poller_result(ctx->poller, &r)) {
		bool ok = r.status == NV_CMDS_DONE;

		nv_agentlog(ctx->logs, ok ? NV_EV_INFO : NV_EV_WARNING, "%s %s: %s",
		    kind_name(r.kind), ok ? "sent" : r.status == NV_CMDS_REFUSED ?
		    "refused" : "failed", r.text);
		if (r.id == u->pending)
			u->pending = 0;
		u->last = r;
		u->have_last = true;
		if (ok && r.kind == NV_CMD_SHUTOFF && u->pending_on_ac_fail) {
			u->wol_armed = true;
			u->saw_off = false;
		} else if (ok && r.kind == NV_CMD_SHUTOFF_CANCEL) {
			u->wol_armed = false;
		}
	}
}

static void maybe_wake(struct nv_ctx *ctx, struct nv_upsctl *u)
{
	const struct nv_unit *sys = &ctx->snap.sys;
	int n;

	if (!u->wol_armed || ctx->snap.comm != NV_COMM_OK)
		return;
	if (nv_cond_get(sys, NV_C_LOAD_OFF)) {
		u->saw_off = true;
		return;
	}
	if (!u->saw_off || !nv_cond_get(sys, NV_C_INPUT_PRESENT))
		return;
	u->wol_armed = false;
	if (ctx->cfg.wol.n == 0)
		return;
	n = nv_wol_send_all(ctx);
	if (n >= 0)
		nv_agentlog(ctx->logs, NV_EV_INFO, "mains and UPS output back: "
		    "Wake-on-LAN sent to %d target(s) at %s", n, ctx->cfg.wol.address);
	else
		nv_agentlog(ctx->logs, NV_EV_WARNING, "mains and UPS output back: "
		    "Wake-on-LAN could not be sent");
}

void nv_ups_control_snapshot(struct nv_ctx *ctx)
{
	struct nv_upsctl *u = ctx->upsctl;

	if (u == NULL || ctx->poller == NULL)
		return;
	collect(ctx, u);
	maybe_wake(ctx, u);
}

void nv_ups_control_describe(const struct nv_ctx *ctx, char *buf, size_t len)
{
	const struct nv_upsctl *u = ctx->upsctl;
	static const char *const st[] = { "?", "done", "refused", "failed" };

	if (u == NULL || (!u->have_last && u->pending == 0)) {
		snprintf(buf, len, "no command sent");
		return;
	}
	if (u->pending != 0) {
		snprintf(buf, len, "command %u waiting for the serial line", u->pending);
		return;
	}
	snprintf(buf, len, "%s %s: %s%s", kind_name(u->last.kind),
	    st[u->last.status <= NV_CMDS_FAILED ? u->last.status : 0], u->last.text,
	    u->wol_armed ? " (Wake-on-LAN armed)" : "");
}
