/*
 * mib_controls.c — SETs that command the device (see mib_controls.h).
 * The value is checked first (wrong type / value: the exact error, nothing
 * sent), then whether the device can take it now; at ACTION the command
 * is queued to the poller and the request waits for the device's answer
 * (mib_walk.h, start): noError when it took the command, commitFailed
 * when it refused it or did not answer.
 */
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "device.h"
#include "mib_controls.h"
#include "rfc1628_state.h"
#include "ups_control.h"

#define WHO "an SNMP manager"

/* RFC 1628 upsWellKnownTests (upsTest 7) */
#define UPS_TESTS 1, 3, 6, 1, 2, 1, 33, 1, 7, 7
enum { TEST_NONE = 1, TEST_ABORT, TEST_GENERAL, TEST_QUICK_BATTERY, TEST_DEEP };
#define TEST_OID_LEN 11

struct ctl_txn {
	int kind;               /* enum nv_cmd_kind to send, 0: none */
	bool lock_set;          /* upsTestSpinLock in the request */
	int32_t lock;
};

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

static void *txn_begin(const struct nv_ctx *ctx)
{
	(void)ctx;
	return calloc(1, sizeof(struct ctl_txn));
}

static enum mib_set_err txn_check(void *scratch, const struct nv_ctx *ctx)
{
	const struct ctl_txn *tx = scratch;
	const struct rfc1628_state *rs = ctx->view.rfc_state;
	char why[160];

	if (tx->lock_set && tx->lock != ctx->test_spinlock)
		return MIB_SET_INCONSISTENT;    /* TestAndIncr: another manager won */
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
	(void)scratch;
	(void)ctx;
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
