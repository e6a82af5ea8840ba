/*
 * mib_controls.c — SETs that command the device (see mib_controls.h).
 * The value is checked first (wrong type / value: the exact error, nothing
 * sent), then whether the device can take it now; at ACTION the command
 * is queued to the poller and the request waits for the device's answer
 * (mib_walk.h, start): noError when it took the command, commitFailed
 * when it refused it or did not answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "device.h"
#include "mib_controls.h"
#include "rfc1628_state.h"
#include "diag_log.h"
#include "logs.h"
#include "ups_control.h"
#include "ups_countdown.h"

#define WHO "an SNMP manager"

/* RFC 1628 upsWellKnownTests (upsTest 7) */
#define UPS_TESTS 1, 3, 6, 1, 2, 1, 33, 1, 7, 7
enum { TEST_NONE = 1, TEST_ABORT, TEST_GENERAL, TEST_QUICK_BATTERY, TEST_DEEP };
#define TEST_OID_LEN 11

struct ctl_txn {
	int kind;               /* enum nv_cmd_kind to send, 0: none */
	bool lock_set;          /* upsTestSpinLock in the request */
	int32_t lock;
	bool cd_used;           /* RFC 1628 upsControl objects in the request */
	struct nv_cd_set cd;
	struct nv_cd_plan plan; /* what they ask for (txn_check) */
};

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* upsControlStatusControl values, in the MIB's order from 1 */
static const int status_kinds[] = {
	NV_CMD_STANDBY_ON, NV_CMD_STANDBY_OFF, NV_CMD_ECO_MODE, NV_CMD_NORMAL_MODE,
	NV_CMD_ALARM_RESET, NV_CMD_TO_BYPASS, NV_CMD_TO_INVERTER,
};
#define N_STATUS ((int)(sizeof(status_kinds) / sizeof(status_kinds[0])))

static enum mib_set_err put_status(const struct mib_obj *o, int row,
    const struct mib_value *v, void *scratch)
{
	struct ctl_txn *tx = scratch;

	(void)o;
	(void)row;
	if (v->type != MIB_INTEGER)
		return MIB_SET_WRONG_TYPE;
	if (v->i < 1 || v->i > N_STATUS)
		return MIB_SET_WRONG_VALUE;
	if (tx != NULL)
		tx->kind = status_kinds[v->i - 1];
	return MIB_SET_OK;
}

static enum mib_set_err put_test(const struct mib_obj *o, int row,
    const struct mib_value *v, void *scratch)
{
	static const uint32_t quick[] = { UPS_TESTS, TEST_QUICK_BATTERY };
	struct ctl_txn *tx = scratch;

	(void)row;
	if (o->arg == NV_MTEST_SPINLOCK) {
		if (v->type != MIB_INTEGER)
			return MIB_SET_WRONG_TYPE;
		if (v->i < 0)
			return MIB_SET_WRONG_VALUE;
		if (tx != NULL) {
			tx->lock_set = true;
			tx->lock = v->i;
		}
		return MIB_SET_OK;
	}
	if (v->type != MIB_OID)
		return MIB_SET_WRONG_TYPE;
	/* the UPS runs one test, its battery test: the quick battery test */
	if (v->len != TEST_OID_LEN || memcmp(v->oid, quick, sizeof(quick)) != 0)
		return MIB_SET_WRONG_VALUE;
	if (tx != NULL)
		tx->kind = NV_CMD_BATTERY_TEST;
	return MIB_SET_OK;
}

/* RFC 1628 upsControl: the SYNTAX is checked here, what the UPS can take
 * in txn_check (ups_countdown.c). */
static enum mib_set_err put_upsctl(const struct mib_obj *o, int row,
    const struct mib_value *v, void *scratch)
{
	struct ctl_txn *tx = scratch;
	int64_t *field;

	(void)row;
	if (v->type != MIB_INTEGER)
		return MIB_SET_WRONG_TYPE;
	switch (o->arg) {
	case NV_MUPSCTL_TYPE:
	case NV_MUPSCTL_AUTO_RESTART:
		if (v->i < 1 || v->i > 2)
			return MIB_SET_WRONG_VALUE;
		break;
	case NV_MUPSCTL_REBOOT:
		if (v->i < -1 || v->i > 300)
			return MIB_SET_WRONG_VALUE;
		break;
	default:
		if (v->i < -1)
			return MIB_SET_WRONG_VALUE;
	}
	if (tx == NULL)
		return MIB_SET_OK;
	if (!tx->cd_used)
		nv_cd_set_init(&tx->cd);
	tx->cd_used = true;
	field = o->arg == NV_MUPSCTL_TYPE ? &tx->cd.type :
	    o->arg == NV_MUPSCTL_SHUTDOWN ? &tx->cd.shutdown :
	    o->arg == NV_MUPSCTL_STARTUP ? &tx->cd.startup :
	    o->arg == NV_MUPSCTL_REBOOT ? &tx->cd.reboot : &tx->cd.auto_restart;
	*field = v->i;
	return MIB_SET_OK;
}

static void *txn_begin(const struct nv_ctx *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(struct ctl_txn));
}

static enum mib_set_err refused(const struct nv_ctx *ctx, enum mib_set_err e,
    const char *why)
{
	nv_agentlog(ctx->logs, NV_EV_WARNING, "RFC 1628 upsControl SET by %s refused: %s",
	    WHO, why);
	return e;
}

/* What the upsControl values ask of the UPS, and whether it can now. */
static enum mib_set_err check_upsctl(struct ctl_txn *tx, const struct nv_ctx *ctx)
{
	struct nv_cd_limits lim = { NV_SHUTOFF_DELAY_MIN_S, NV_SHUTOFF_DELAY_MAX_S, 9999 };
	struct nv_cd_device dev = {
		.output_off = nv_cond_get(&ctx->snap.sys, NV_C_LOAD_OFF),
		.on_battery = nv_cond_get(&ctx->snap.sys, NV_C_ON_BATTERY),
	};
	struct nv_ups_order o;
	const char *why;
	char buf[200];

	(void)nv_ups_order_limits(ctx, &lim);
	switch (nv_cd_plan(&ctx->countdown, mono_s(), &lim, &dev, &tx->cd, &tx->plan, &why)) {
	case NV_CD_OK:
		break;
	case NV_CD_WRONG_VALUE:
		return refused(ctx, MIB_SET_WRONG_VALUE, why);
	default:
		return refused(ctx, MIB_SET_INCONSISTENT, why);
	}
	if (tx->plan.what == NV_CD_NOTHING)
		return MIB_SET_OK;
	if (tx->kind != 0)
		return refused(ctx, MIB_SET_INCONSISTENT, "one UPS command per request");
	o = (struct nv_ups_order){ tx->plan.delay_s, tx->plan.restart_min, tx->plan.reboot };
	switch (nv_ups_order_check(ctx, tx->plan.what == NV_CD_ORDER ? &o : NULL, buf,
	    sizeof(buf))) {
	case 0:                         return MIB_SET_OK;
	case NV_UPSCMD_NO_COMM:         return refused(ctx, MIB_SET_RESOURCE, buf);
	case NV_UPSCMD_OUT_OF_RANGE:    return refused(ctx, MIB_SET_WRONG_VALUE, buf);
	default:                        return refused(ctx, MIB_SET_INCONSISTENT, buf);
	}
}

static enum mib_set_err txn_check(void *scratch, const struct nv_ctx *ctx)
{
	struct ctl_txn *tx = scratch;
	const struct rfc1628_state *rs = ctx->view.rfc_state;
	char why[160];

	if (tx->lock_set && tx->lock != ctx->test_spinlock)
		return MIB_SET_INCONSISTENT;    /* TestAndIncr: another manager won */
	if (tx->cd_used)
		return check_upsctl(tx, ctx);
	if (tx->kind == 0)
		return MIB_SET_OK;
	if (tx->kind == NV_CMD_BATTERY_TEST && rs != NULL &&
	    rs->test_result == RFC1628_TEST_IN_PROGRESS)
		return MIB_SET_INCONSISTENT;
	switch (nv_ups_command_check(ctx, tx->kind, WHO, why, sizeof(why))) {
	case 0:                     return MIB_SET_OK;
	case NV_UPSCMD_NO_COMM:     return MIB_SET_RESOURCE;
	default:                    return MIB_SET_INCONSISTENT;
	}
}

static enum mib_set_err txn_apply(void *scratch, struct nv_ctx *ctx)
{
	const struct ctl_txn *tx = scratch;

	if (tx->lock_set)
		ctx->test_spinlock = ctx->test_spinlock == INT32_MAX ? 0 : ctx->test_spinlock + 1;
	return MIB_SET_OK;
}

static void txn_undo(void *scratch, struct nv_ctx *ctx)
{
	const struct ctl_txn *tx = scratch;

	if (tx->lock_set)
		ctx->test_spinlock = tx->lock;
}

static void txn_commit(void *scratch, struct nv_ctx *ctx)
{
	const struct ctl_txn *tx = scratch;

	if (tx->cd_used)
		nv_cd_apply(&ctx->countdown, &tx->plan);
}

static void txn_end(void *scratch)
{
	free(scratch);
}

static void device_answered(void *cookie, int status, const char *text)
{
	(void)text;     /* in the agent log */
	mib_async_done(cookie, status == NV_CMDS_DONE ? MIB_SET_OK : MIB_SET_COMMIT_FAILED);
}

static enum mib_set_err txn_start(void *scratch, struct nv_ctx *ctx, struct mib_async *a,
    bool *started)
{
	const struct ctl_txn *tx = scratch;
	char why[160];

	*started = false;
	if (tx->cd_used && tx->plan.what != NV_CD_NOTHING) {
		struct nv_ups_order o = { tx->plan.delay_s, tx->plan.restart_min, tx->plan.reboot };

		if (nv_ups_order(ctx, tx->plan.what == NV_CD_ORDER ? &o : NULL, WHO,
		    device_answered, a, why, sizeof(why)) != 0)
			return MIB_SET_COMMIT_FAILED;   /* logged */
		*started = true;
		return MIB_SET_OK;
	}
	if (tx->kind == 0)
		return MIB_SET_OK;
	if (nv_ups_command(ctx, tx->kind, WHO, device_answered, a, why, sizeof(why)) != 0)
		return MIB_SET_COMMIT_FAILED;
	*started = true;
	return MIB_SET_OK;
}

static const struct mib_txn_ops ctl_txn = {
	txn_begin, txn_check, txn_apply, txn_undo, txn_commit, txn_end, txn_start,
};

const struct mib_setter nv_mib_ctl_status_setter = { put_status, &ctl_txn };
const struct mib_setter nv_mib_test_setter = { put_test, &ctl_txn };
const struct mib_setter nv_mib_upsctl_setter = { put_upsctl, &ctl_txn };

void nv_mib_upsctl_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_countdown *c = view->countdown;
	double now = mono_s();

	(void)row;
	if (c == NULL) {
		mib_set_int(v, o->arg == NV_MUPSCTL_TYPE || o->arg == NV_MUPSCTL_AUTO_RESTART ? 1 : -1);
		return;
	}
	switch (o->arg) {
	case NV_MUPSCTL_TYPE:           mib_set_int(v, 1); break;      /* output(1) */
	case NV_MUPSCTL_SHUTDOWN:       mib_set_int(v, nv_cd_off_in(c, now)); break;
	case NV_MUPSCTL_STARTUP:        mib_set_int(v, nv_cd_start_in(c, now)); break;
	case NV_MUPSCTL_REBOOT:         mib_set_int(v, nv_cd_reboot_in(c, now)); break;
	default:                        mib_set_int(v, c->auto_restart ? 1 : 2); break;
	}
}

void nv_mib_test_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	uint32_t oid[] = { UPS_TESTS, TEST_NONE };

	(void)row;
	if (o->arg == NV_MTEST_SPINLOCK) {
		mib_set_int(v, view->test_spinlock != NULL ? *view->test_spinlock : 0);
		return;
	}
	if (view->rfc_state != NULL && view->rfc_state->test_result != RFC1628_TEST_NONE)
		oid[TEST_OID_LEN - 1] = TEST_QUICK_BATTERY;
	mib_set_oid(v, oid, TEST_OID_LEN);
}
