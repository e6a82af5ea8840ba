/*
 * mib_logs.c — upsAgent log objects over SNMP.  A SET is checked per
 * varbind (type, range, clear(1) / nothing(2)); the new intervals are
 * saved and made live in apply (undone if another varbind fails); the
 * clears, which cannot be undone, run only at commit.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag_log.h"
#include "log_intervals_store.h"
#include "logs.h"
#include "mib_logs.h"

#define CLEAR 1
#define NOTHING 2
#define WHO "an SNMP manager"

struct logs_txn {
	struct nv_logs_cfg old, cand;
	bool interval_set;
	bool clear[NV_MLOG_CLEAR_HIST + 1];
};

void nv_mib_logs_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	(void)row;
	switch (o->arg) {
	case NV_MLOG_HIST_FREQ:
		mib_set_int(v, view->cfg->logs.history_interval);
		break;
	case NV_MLOG_EXT_FREQ:
		mib_set_int(v, view->cfg->logs.extended_interval);
		break;
	default:
		mib_set_int(v, NOTHING);
		break;
	}
}

static enum mib_set_err put(const struct mib_obj *o, int row, const struct mib_value *v,
    void *scratch)
{
	struct logs_txn *tx = scratch;

	(void)row;
	if (v->type != MIB_INTEGER)
		return MIB_SET_WRONG_TYPE;
	switch (o->arg) {
	case NV_MLOG_HIST_FREQ:
		if (v->i < NV_MLOG_HIST_MIN || v->i > NV_MLOG_HIST_MAX)
			return MIB_SET_WRONG_VALUE;
		if (tx != NULL) {
			tx->cand.history_interval = v->i;
			tx->interval_set = true;
		}
		return MIB_SET_OK;
	case NV_MLOG_EXT_FREQ:
		if (v->i < NV_MLOG_EXT_MIN || v->i > NV_MLOG_EXT_MAX)
			return MIB_SET_WRONG_VALUE;
		if (tx != NULL) {
			tx->cand.extended_interval = v->i;
			tx->interval_set = true;
		}
		return MIB_SET_OK;
	case NV_MLOG_CLEAR_AGENT:
	case NV_MLOG_CLEAR_EVENT:
	case NV_MLOG_CLEAR_EXT:
	case NV_MLOG_CLEAR_HIST:
		if (v->i != CLEAR && v->i != NOTHING)
			return MIB_SET_WRONG_VALUE;
		if (tx != NULL)
			tx->clear[o->arg] = v->i == CLEAR;
		return MIB_SET_OK;
	}
	return MIB_SET_NOT_WRITABLE;
}

static void *txn_begin(const struct nv_ctx *ctx)
{
	struct logs_txn *tx = calloc(1, sizeof(*tx));

	if (tx != NULL)
		tx->old = tx->cand = ctx->cfg.logs;
	return tx;
}

static enum mib_set_err txn_check(void *scratch, const struct nv_ctx *ctx)
{
	struct logs_txn *tx = scratch;
	char err[256];

	if (ctx->logs == NULL)
		return MIB_SET_INCONSISTENT;
	return nv_logs_cfg_check(&tx->cand, err, sizeof(err)) == 0 ? MIB_SET_OK :
	    MIB_SET_INCONSISTENT;
}

static enum mib_set_err txn_apply(void *scratch, struct nv_ctx *ctx)
{
	struct logs_txn *tx = scratch;
	char err[512];

	if (!tx->interval_set)
		return MIB_SET_OK;
	if (nv_logs_settings_save(ctx->cfg.state_dir, &tx->cand, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "log intervals not changed: cannot save them: %s", err);
		return MIB_SET_COMMIT_FAILED;
	}
	if (nv_logs_apply_cfg(ctx->logs, &tx->cand, WHO, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "log intervals not changed: %s", err);
		return MIB_SET_COMMIT_FAILED;
	}
	ctx->cfg.logs = tx->cand;
	return MIB_SET_OK;
}

static void txn_undo(void *scratch, struct nv_ctx *ctx)
{
	struct logs_txn *tx = scratch;
	char err[512];

	if (!tx->interval_set)
		return;
	if (nv_logs_apply_cfg(ctx->logs, &tx->old, WHO, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "log intervals: cannot restore: %s", err);
	ctx->cfg.logs = tx->old;
	if (nv_logs_settings_save(ctx->cfg.state_dir, &tx->old, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "log intervals: cannot save the restored values: %s", err);
}

static void txn_commit(void *scratch, struct nv_ctx *ctx)
{
	static const struct { int obj; enum nv_log_id id; } clears[] = {
		{ NV_MLOG_CLEAR_AGENT, NV_LOGID_AGENT_EVENTS },
		{ NV_MLOG_CLEAR_EVENT, NV_LOGID_UPS_EVENTS },
		{ NV_MLOG_CLEAR_EVENT, NV_LOGID_STS_EVENTS },
		{ NV_MLOG_CLEAR_EXT,   NV_LOGID_EXTENDED },
		{ NV_MLOG_CLEAR_HIST,  NV_LOGID_HISTORY },
	};
	struct logs_txn *tx = scratch;
	char err[512];

	for (size_t i = 0; i < sizeof(clears) / sizeof(clears[0]); i++)
		if (tx->clear[clears[i].obj] &&
		    nv_logs_clear(ctx->logs, clears[i].id, WHO, err, sizeof(err)) != 0)
			nv_log(LOG_ERR, "%s log: cannot clear: %s", nv_log_id_name(clears[i].id), err);
}

static void txn_end(void *scratch)
{
	free(scratch);
}

static const struct mib_txn_ops logs_txn = {
	txn_begin, txn_check, txn_apply, txn_undo, txn_commit, txn_end, NULL,
};

const struct mib_setter nv_mib_logs_setter = { put, &logs_txn };
