/*
 * ups_control.c — UPS shut-off and restart, main-thread side (see
 * ups_control.h).  A request is checked against what is known now (the
 * snapshot, the poller's view of the profile and permissions), then queued
 * to the poller, which writes the device's registers between two polling
 * passes.  Results come back with the next snapshot; each goes to the
 * agent log and becomes an NV_NOTE_CONTROL notification (the Wake-on-LAN
 * plug-in arms on a shut-off done during an AC failure).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "device.h"
#include "diag_log.h"
#include "event_records.h"
#include "logs.h"
#include "notification.h"
#include "ups_control.h"

/* A command in flight and whom to tell. */
struct nv_ups_waiter {
	unsigned id;                    /* 0: free */
	int kind;
	char who[64];           /* nv_peer_name()'s "user NAME (uid N, pid P)" */
	nv_ups_done_fn *done;
	void *cookie;
};

struct nv_upsctl {
	unsigned pending;               /* id of the command in flight, 0 none */
	struct nv_ups_waiter wait[NV_POLLER_MAX_COMMANDS];
	struct nv_command_result last;  /* newest result */
	bool have_last;
	bool pending_on_ac_fail;        /* the shut-off in flight follows an AC failure */
};

static const char *kind_name(enum nv_cmd_kind k)
{
	if (k == NV_CMD_SHUTOFF || k == NV_CMD_SHUTOFF_CANCEL)
		return k == NV_CMD_SHUTOFF ? "UPS shut-off" : "UPS shut-off cancel";
	return nv_cmd_name(k) != NULL ? nv_cmd_name(k) : "UPS command";
}

/* What the device takes now; false when it is not known (no data). */
static bool device_caps(const struct nv_ctx *ctx, struct nv_control_caps *caps)
{
	if (ctx->poller == NULL || ctx->snap.comm != NV_COMM_OK)
		return false;
	nv_poller_control_caps(ctx->poller, caps);
	return caps->detected;
}

/* Why the device cannot take a control now; NULL when it can. */
static const char *refusal(struct nv_ctx *ctx, struct nv_control_caps *caps)
{
	const struct nv_snapshot *s = &ctx->snap;

	if (!device_caps(ctx, caps))
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
	const char *why = refusal(ctx, &caps);

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

	return device_caps(ctx, &caps) ? caps.max_delay_s : 0;
}

int nv_ups_shutoff_cancel(struct nv_ctx *ctx)
{
	struct nv_command c = { .kind = NV_CMD_SHUTOFF_CANCEL };
	struct nv_control_caps caps;
	const char *why = refusal(ctx, &caps);

	if (why != NULL) {
		nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS shut-off cancel refused: %s",
		    why);
		return -1;
	}
	return submit(ctx, &c);
}

static struct nv_ups_waiter *free_waiter(struct nv_upsctl *u)
{
	for (size_t i = 0; i < NV_POLLER_MAX_COMMANDS; i++)
		if (u->wait[i].id == 0)
			return &u->wait[i];
	return NULL;
}

static int command_check(const struct nv_ctx *ctx, int kind, char *why, size_t whylen)
{
	struct nv_control_caps caps;
	const char *name = nv_cmd_name((enum nv_cmd_kind)kind);

	if (name == NULL || kind < NV_CMD_STANDBY_ON || ctx->upsctl == NULL) {
		snprintf(why, whylen, "no such command");
		return NV_UPSCMD_NO_REGISTER;
	}
	if (!device_caps(ctx, &caps)) {
		snprintf(why, whylen, "not communicating with the device");
		return NV_UPSCMD_NO_COMM;
	}
	if (!(caps.actions >> kind & 1u)) {
		snprintf(why, whylen, "no public register of this device documents "
		    "%s (see nvagentd(8))", name);
		return NV_UPSCMD_NO_REGISTER;
	}
	return 0;
}

static void log_refusal(const struct nv_ctx *ctx, int kind, const char *who, const char *why)
{
	const char *name = nv_cmd_name((enum nv_cmd_kind)kind);

	nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS command %s asked by %s refused: %s",
	    name != NULL ? name : "?", who, why);
}

int nv_ups_command_check(const struct nv_ctx *ctx, int kind, const char *who,
    char *why, size_t whylen)
{
	int rc = command_check(ctx, kind, why, whylen);

	if (rc != 0)
		log_refusal(ctx, kind, who, why);
	return rc;
}

bool nv_ups_command_available(const struct nv_ctx *ctx, int kind)
{
	char why[160];

	return command_check(ctx, kind, why, sizeof(why)) == 0;
}

int nv_ups_command(struct nv_ctx *ctx, int kind, const char *who,
    nv_ups_done_fn *done, void *cookie, char *why, size_t whylen)
{
	struct nv_command c = { .kind = (enum nv_cmd_kind)kind };
	struct nv_ups_waiter *w = NULL;
	const char *name = nv_cmd_name((enum nv_cmd_kind)kind);

	if (nv_ups_command_check(ctx, kind, who, why, whylen) != 0)
		return -1;
	snprintf(why, whylen, "too many commands waiting for the serial line");
	if ((w = free_waiter(ctx->upsctl)) == NULL) {
		log_refusal(ctx, kind, who, why);
		return -1;
	}
	if (submit(ctx, &c) == -1)
		return -1;      /* logged */
	*w = (struct nv_ups_waiter){ .id = ctx->upsctl->pending, .kind = kind,
	    .done = done, .cookie = cookie };
	snprintf(w->who, sizeof(w->who), "%s", who);
	nv_log(LOG_INFO, "UPS command %s asked by %s queued", name, who);
	return 0;
}

int nv_ups_control_start(struct nv_ctx *ctx)
{
	ctx->upsctl = calloc(1, sizeof(*ctx->upsctl));
	return ctx->upsctl != NULL ? 0 : -1;
}

void nv_ups_control_stop(struct nv_ctx *ctx)
{
	struct nv_upsctl *u = ctx->upsctl;

	for (size_t i = 0; u != NULL && i < NV_POLLER_MAX_COMMANDS; i++)
		if (u->wait[i].id != 0 && u->wait[i].done != NULL)
			u->wait[i].done(u->wait[i].cookie, NV_CMDS_FAILED, "agent stopping");
	free(ctx->upsctl);
	ctx->upsctl = NULL;
}

static struct nv_ups_waiter *find_waiter(struct nv_upsctl *u, unsigned id)
{
	for (size_t i = 0; i < NV_POLLER_MAX_COMMANDS; i++)
		if (u->wait[i].id == id)
			return &u->wait[i];
	return NULL;
}

bool nv_ups_control_result(struct nv_ctx *ctx, struct nv_notification *n)
{
	struct nv_upsctl *u = ctx->upsctl;
	struct nv_ups_waiter *w;
	struct nv_command_result r;
	bool ok;

	if (u == NULL || ctx->poller == NULL || !nv_poller_result(ctx->poller, &r))
		return false;
	ok = r.status == NV_CMDS_DONE;
	w = find_waiter(u, r.id);
	nv_agentlog(ctx->logs, ok ? NV_EV_INFO : NV_EV_WARNING, "%s%s%s %s: %s",
	    kind_name(r.kind), w != NULL ? " asked by " : "", w != NULL ? w->who : "",
	    ok ? "sent" : r.status == NV_CMDS_REFUSED ? "refused" : "failed", r.text);
	if (w != NULL) {
		struct nv_ups_waiter done = *w;

		w->id = 0;
		if (done.done != NULL)
			done.done(done.cookie, r.status, r.text);
	}
	if (r.id == u->pending)
		u->pending = 0;
	u->last = r;
	u->have_last = true;
	memset(n, 0, sizeof(*n));
	n->kind = NV_NOTE_CONTROL;
	n->event = "ups-control";
	n->severity = ok ? NV_SEV_INFORMATION : NV_SEV_WARNING;
	n->device = ctx->snap.kind;
	n->command = r.kind;
	n->status = r.status;
	n->on_ac_fail = r.kind == NV_CMD_SHUTOFF && u->pending_on_ac_fail;
	n->wallclock = time(NULL);
	snprintf(n->text, sizeof(n->text), "%.*s", (int)sizeof(n->text) - 1, r.text);
	return true;
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
	snprintf(buf, len, "%s %s: %s", kind_name(u->last.kind),
	    st[u->last.status <= NV_CMDS_FAILED ? u->last.status : 0], u->last.text);
}
