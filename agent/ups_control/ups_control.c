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
#include "ups_countdown.h"

/* A command in flight and whom to tell. */
struct nv_ups_waiter {
	unsigned id;                    /* 0: free */
	struct nv_command cmd;
	bool reboot;                    /* an upsRebootWithDuration order */
	bool on_ac_fail;                /* a shut-off asked during an AC failure */
	char who[64];           /* nv_peer_name()'s "user NAME (uid N, pid P)" */
	nv_ups_done_fn *done;
	void *cookie;
};

#define CLOCK_SYNC_EVERY_S      86400.0
#define CLOCK_SYNC_RETRY_S      600.0   /* after a failed sync */

struct nv_upsctl {
	unsigned pending;               /* id of the newest command in flight, 0 none */
	double clock_sync_at;           /* monotonic s of the next clock sync, 0: now */
	struct nv_ups_waiter wait[NV_POLLER_MAX_COMMANDS];
	struct nv_command_result last;  /* newest result */
	bool have_last;
};

static double nv_mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

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

bool nv_ups_order_limits(const struct nv_ctx *ctx, struct nv_cd_limits *lim)
{
	struct nv_control_caps caps;

	if (!device_caps(ctx, &caps) || !caps.has_shutoff)
		return false;
	lim->min_delay_s = caps.min_delay_s;
	lim->max_delay_s = caps.max_delay_s;
	lim->max_restart_min = caps.max_restart_min;
	return true;
}

/* Why the device cannot take ORDER (NULL: a cancel) now; 0 when it can.
 * GRANT: also whether it grants remote control. */
static int order_refusal(const struct nv_ctx *ctx, const struct nv_ups_order *o,
    bool grant, char *why, size_t whylen)
{
	const struct nv_snapshot *s = &ctx->snap;
	struct nv_control_caps caps;

	if (!device_caps(ctx, &caps)) {
		snprintf(why, whylen, "not communicating with the device");
		return NV_UPSCMD_NO_COMM;
	}
	if (!caps.has_shutoff) {
		snprintf(why, whylen, "no public register of this device documents a "
		    "delayed shut-off (see nvagentd(8), controls in nvagent.conf(5))");
		return NV_UPSCMD_NO_REGISTER;
	}
	if (o != NULL && (o->delay_s < caps.min_delay_s || o->delay_s > caps.max_delay_s)) {
		snprintf(why, whylen, "shut-off delay %d s out of the device's range "
		    "(%d-%d s)", o->delay_s, caps.min_delay_s, caps.max_delay_s);
		return NV_UPSCMD_OUT_OF_RANGE;
	}
	if (o != NULL && (o->restart_min < 0 || o->restart_min > caps.max_restart_min)) {
		snprintf(why, whylen, "restart delay %d min out of the device's range "
		    "(0-%d min)", o->restart_min, caps.max_restart_min);
		return NV_UPSCMD_OUT_OF_RANGE;
	}
	if (grant && (nv_cond_get(&s->unit[0], NV_C_REMOTE_CONTROL_OFF) ||
	    nv_cond_get(&s->sys, NV_C_REMOTE_CONTROL_OFF))) {
		snprintf(why, whylen, "the device grants no remote control (remote "
		    "controls disabled on the UPS)");
		return NV_UPSCMD_NOT_GRANTED;
	}
	if (grant && caps.remote == 0) {
		snprintf(why, whylen, "the device grants no remote control (permission bit clear)");
		return NV_UPSCMD_NOT_GRANTED;
	}
	return 0;
}

static struct nv_ups_waiter *free_waiter(struct nv_upsctl *u)
{
	for (size_t i = 0; i < NV_POLLER_MAX_COMMANDS; i++)
		if (u->wait[i].id == 0)
			return &u->wait[i];
	return NULL;
}

static struct nv_ups_waiter *find_waiter(struct nv_upsctl *u, unsigned id)
{
	for (size_t i = 0; i < NV_POLLER_MAX_COMMANDS; i++)
		if (u->wait[i].id == id)
			return &u->wait[i];
	return NULL;
}

/* Queue C with its waiter; 0, or NV_UPSCMD_BUSY (why set). */
static int submit(struct nv_ctx *ctx, const struct nv_command *c, const char *who,
    nv_ups_done_fn *done, void *cookie, char *why, size_t whylen)
{
	struct nv_upsctl *u = ctx->upsctl;
	struct nv_ups_waiter *w;
	unsigned id;

	snprintf(why, whylen, "too many commands waiting for the serial line");
	if (u == NULL || (w = free_waiter(u)) == NULL ||
	    nv_poller_submit(ctx->poller, c, &id) == -1)
		return NV_UPSCMD_BUSY;
	*w = (struct nv_ups_waiter){ .id = id, .cmd = *c, .done = done, .cookie = cookie };
	snprintf(w->who, sizeof(w->who), "%s", who);
	u->pending = id;
	return 0;
}

int nv_ups_order_check(const struct nv_ctx *ctx, const struct nv_ups_order *order,
    char *why, size_t whylen)
{
	return order_refusal(ctx, order, false, why, whylen);
}

int nv_ups_order(struct nv_ctx *ctx, const struct nv_ups_order *o, const char *who,
    nv_ups_done_fn *done, void *cookie, char *why, size_t whylen)
{
	struct nv_command c = { .kind = o != NULL ? NV_CMD_SHUTOFF : NV_CMD_SHUTOFF_CANCEL,
	    .delay_s = o != NULL ? o->delay_s : 0, .restart_min = o != NULL ? o->restart_min : 0 };
	int rc = order_refusal(ctx, o, true, why, whylen);
	struct nv_ups_waiter *w;

	if (rc == 0)
		rc = submit(ctx, &c, who, done, cookie, why, whylen);
	if (rc != 0) {
		if (o != NULL)
			nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS shut-off (delay %d s, "
			    "restart %d min) asked by %s refused: %s", o->delay_s,
			    o->restart_min, who, why);
		else
			nv_agentlog(ctx->logs, NV_EV_WARNING, "UPS shut-off cancel asked by "
			    "%s refused: %s", who, why);
		return rc;
	}
	w = find_waiter(ctx->upsctl, ctx->upsctl->pending);
	w->reboot = o != NULL && o->reboot;
	w->on_ac_fail = nv_cond_get(&ctx->snap.sys, NV_C_ON_BATTERY) ||
	    !nv_cond_get(&ctx->snap.sys, NV_C_INPUT_PRESENT);
	if (o != NULL)
		nv_log(LOG_INFO, "UPS shut-off asked by %s queued: output off in %d s, %s",
		    who, o->delay_s, o->restart_min > 0 ? "restart after mains returns" :
		    "no restart");
	return 0;
}

int nv_ups_shutoff(struct nv_ctx *ctx, int delay_s, int restart_delay_min)
{
	struct nv_ups_order o = { .delay_s = delay_s, .restart_min = restart_delay_min };
	char why[160];

	return nv_ups_order(ctx, &o, "the shutdown sequence", NULL, NULL, why,
	    sizeof(why)) == 0 ? 0 : -1;
}

int nv_ups_shutoff_cancel(struct nv_ctx *ctx)
{
	char why[160];

	return nv_ups_order(ctx, NULL, "the shutdown sequence", NULL, NULL, why,
	    sizeof(why)) == 0 ? 0 : -1;
}

int nv_ups_shutoff_max_delay(struct nv_ctx *ctx)
{
	struct nv_control_caps caps;

	return device_caps(ctx, &caps) ? caps.max_delay_s : 0;
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
	if (!(caps.actions >> kind & 1u) && kind == NV_CMD_CLOCK_SYNC) {
		snprintf(why, whylen, "the device's clock is read only: no public "
		    "register sets it (its drift is in nvctl status)");
		return NV_UPSCMD_NO_REGISTER;
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
	int rc;

	if ((rc = nv_ups_command_check(ctx, kind, who, why, whylen)) != 0)
		return rc;
	if ((rc = submit(ctx, &c, who, done, cookie, why, whylen)) != 0) {
		log_refusal(ctx, kind, who, why);
		return rc;
	}
	nv_log(LOG_INFO, "UPS command %s asked by %s queued", nv_cmd_name(c.kind), who);
	return 0;
}

static void clock_synced(void *cookie, int status, const char *text)
{
	struct nv_ctx *ctx = cookie;

	(void)text;     /* in the agent log */
	if (ctx->upsctl != NULL)
		ctx->upsctl->clock_sync_at = nv_mono_s() +
		    (status == NV_CMDS_DONE ? CLOCK_SYNC_EVERY_S : CLOCK_SYNC_RETRY_S);
}

void nv_ups_control_tick(struct nv_ctx *ctx)
{
	struct nv_upsctl *u = ctx->upsctl;
	double now = nv_mono_s();
	char why[160];
	int rc;

	if (u == NULL || (u->clock_sync_at > 0 && now < u->clock_sync_at))
		return;
	rc = command_check(ctx, NV_CMD_CLOCK_SYNC, why, sizeof(why));
	if (rc == NV_UPSCMD_NO_COMM)
		return;         /* at once when the device answers */
	if (rc != 0) {
		u->clock_sync_at = now + CLOCK_SYNC_EVERY_S;    /* no clock to set */
		return;
	}
	/* till the result: clock_synced() moves it */
	u->clock_sync_at = now + CLOCK_SYNC_EVERY_S;
	if (nv_ups_command(ctx, NV_CMD_CLOCK_SYNC, "the daily clock sync", clock_synced, ctx,
	    why, sizeof(why)) != 0)
		u->clock_sync_at = now + CLOCK_SYNC_RETRY_S;
}

int nv_ups_control_start(struct nv_ctx *ctx)
{
	nv_cd_init(&ctx->countdown);
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
	memset(n, 0, sizeof(*n));
	nv_agentlog(ctx->logs, ok ? NV_EV_INFO : NV_EV_WARNING, "%s%s%s %s: %s",
	    kind_name(r.kind), w != NULL ? " asked by " : "", w != NULL ? w->who : "",
	    ok ? "sent" : r.status == NV_CMDS_REFUSED ? "refused" : "failed", r.text);
	if (w != NULL && ok && r.kind == NV_CMD_SHUTOFF)
		nv_cd_taken(&ctx->countdown, nv_mono_s(), w->cmd.delay_s, w->cmd.restart_min,
		    w->reboot);
	else if (ok && r.kind == NV_CMD_SHUTOFF_CANCEL)
		nv_cd_cancelled(&ctx->countdown);
	n->on_ac_fail = w != NULL && r.kind == NV_CMD_SHUTOFF && w->on_ac_fail;
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
	n->kind = NV_NOTE_CONTROL;
	n->event = "ups-control";
	n->severity = ok ? NV_SEV_INFORMATION : NV_SEV_WARNING;
	n->device = ctx->snap.kind;
	n->command = r.kind;
	n->status = r.status;
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
