/*
 * mib_receivers.c — upsAgentTrapsReceiversTable, read-write.
 *
 * The table always has NV_MAX_RECEIVERS rows: row N is the N-th running
 * receiver, and rows past the last one read empty, so that a manager
 * fills the next free row to add a receiver (the NET VISION way).  An
 * empty address deletes a receiver; the rows after it move up (a SET that
 * deletes a row and sets its other columns is inconsistent).  A SET is
 * checked column by column (wrongType / wrongLength / wrongValue), then
 * as a whole (inconsistentValue), made live and saved, or refused with
 * nothing changed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "diag_log.h"
#include "mib_receivers.h"
#include "trap_receivers_store.h"


#define ADDR_MAX        (sizeof(((struct nv_receiver *)0)->address) - 1)
#define COMMUNITY_MAX   31      /* DisplayString (SIZE (0..31)) */

int nv_receivers_rows(const struct nv_mib_view *view, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= NV_MAX_RECEIVERS ? next : -1;
}

void nv_receivers_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_traps_cfg *t = &view->cfg->traps;
	const struct nv_receiver *r = (size_t)row <= t->n ? &t->rcv[row - 1] : NULL;

	switch (o->arg) {
	case NV_RCV_COL_INDEX:
		mib_set_int(v, row);
		break;
	case NV_RCV_COL_ADDR:
		mib_set_str(v, r != NULL ? r->address : "", ADDR_MAX);
		break;
	case NV_RCV_COL_COMMUNITY:
		mib_set_str(v, r != NULL && r->version != NV_RCV_V3 ? r->community : "",
		    COMMUNITY_MAX);
		break;
	case NV_RCV_COL_NMSTYPE:
		mib_set_int(v, r != NULL ? (int32_t)r->mib : NV_RCV_MIB_NONE);
		break;
	}
}

/* ---- one SET: the values put per row, then the whole checked ---- */

struct rcv_txn {
	struct nv_traps_cfg old, cand;
	struct {
		bool addr, community, mib;
		char address[ADDR_MAX + 1];
		char community_s[COMMUNITY_MAX + 1];
		enum nv_rcv_mib mib_v;
	} put[NV_MAX_RECEIVERS];
};

static bool printable(const struct mib_value *v)
{
	for (size_t i = 0; i < v->len; i++)
		if (v->s[i] < 0x20 || v->s[i] > 0x7e)
			return false;
	return true;
}

static enum mib_set_err check_string(const struct mib_value *v, size_t max)
{
	if (v->type != MIB_STRING)
		return MIB_SET_WRONG_TYPE;
	if (v->len > max)
		return MIB_SET_WRONG_LENGTH;
	return printable(v) ? MIB_SET_OK : MIB_SET_WRONG_VALUE;
}

static enum mib_set_err check_address(const struct mib_value *v)
{
	struct nv_receiver r;
	enum mib_set_err e = check_string(v, ADDR_MAX);

	if (e != MIB_SET_OK || v->len == 0)     /* "" deletes the receiver */
		return e;
	nv_receiver_defaults(&r);
	memcpy(r.address, v->s, v->len);
	r.address[v->len] = '\0';
	return nv_receiver_check(&r) == NULL ? MIB_SET_OK : MIB_SET_WRONG_VALUE;
}

static enum mib_set_err put_col(const struct mib_obj *o, int row, const struct mib_value *v,
    void *scratch)
{
	struct rcv_txn *tx = scratch;
	enum mib_set_err e;

	switch (o->arg) {
	case NV_RCV_COL_ADDR:
		if ((e = check_address(v)) != MIB_SET_OK || tx == NULL)
			return e;
		tx->put[row - 1].addr = true;
		memcpy(tx->put[row - 1].address, v->s, v->len);
		tx->put[row - 1].address[v->len] = '\0';
		return MIB_SET_OK;
	case NV_RCV_COL_COMMUNITY:
		if ((e = check_string(v, COMMUNITY_MAX)) != MIB_SET_OK || tx == NULL)
			return e;
		tx->put[row - 1].community = true;
		memcpy(tx->put[row - 1].community_s, v->s, v->len);
		tx->put[row - 1].community_s[v->len] = '\0';
		return MIB_SET_OK;
	case NV_RCV_COL_NMSTYPE:
		if (v->type != MIB_INTEGER)
			return MIB_SET_WRONG_TYPE;
		if (v->i < NV_RCV_MIB_NONE || v->i > NV_RCV_MIB_SOCOMEC)
			return MIB_SET_WRONG_VALUE;
		if (tx != NULL) {
			tx->put[row - 1].mib = true;
			tx->put[row - 1].mib_v = (enum nv_rcv_mib)v->i;
		}
		return MIB_SET_OK;
	}
	return MIB_SET_NOT_WRITABLE;
}

static void *txn_begin(const struct nv_ctx *ctx)
{
	struct rcv_txn *tx = calloc(1, sizeof(*tx));

	if (tx != NULL)
		tx->cand = ctx->cfg.traps;
	return tx;
}

static bool name_taken(const struct nv_traps_cfg *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->rcv[i].name, name) == 0)
			return true;
	return false;
}

/* A receiver created over SNMP: named after its row, defaults otherwise. */
static void new_receiver(struct nv_traps_cfg *t, int row)
{
	struct nv_receiver *r = &t->rcv[t->n];

	nv_receiver_defaults(r);
	snprintf(r->name, sizeof(r->name), "snmp-row%d", row);
	for (int k = 2; name_taken(t, r->name); k++)
		snprintf(r->name, sizeof(r->name), "snmp-row%d-%d", row, k);
	t->n++;
}

static enum mib_set_err refuse(int row, const char *why)
{
	nv_log(LOG_NOTICE, "SNMP SET of trap receiver row %d refused: %s", row, why);
	return MIB_SET_INCONSISTENT;
}

/* Fill the rows in order, then delete the emptied ones, then check all. */
static enum mib_set_err txn_check(void *scratch, const struct nv_ctx *ctx)
{
	struct rcv_txn *tx = scratch;
	struct nv_traps_cfg *c = &tx->cand;
	bool gone[NV_MAX_RECEIVERS] = { false };
	size_t n = 0;
	const char *why;

	for (int i = 0; i < NV_MAX_RECEIVERS; i++) {
		struct nv_receiver *r;

		if (!tx->put[i].addr && !tx->put[i].community && !tx->put[i].mib)
			continue;
		if ((size_t)i >= c->n) {
			if (!tx->put[i].addr || tx->put[i].address[0] == '\0') {
				if (tx->put[i].community || tx->put[i].mib)
					return refuse(i + 1, "the row has no receiver: set its address too");
				continue;       /* "" into an empty row: nothing to do */
			}
			if ((size_t)i != c->n)
				return refuse(i + 1, "fill the first empty row first");
			new_receiver(c, i + 1);
		}
		r = &c->rcv[i];
		if (tx->put[i].addr && tx->put[i].address[0] == '\0') {
			/* deleting a row and setting it in one request means nothing */
			if (tx->put[i].community || tx->put[i].mib)
				return refuse(i + 1, "a row being deleted (empty address) cannot "
				    "take other columns in the same SET");
			gone[i] = true;
			continue;
		}
		if (tx->put[i].addr)
			memcpy(r->address, tx->put[i].address, sizeof(r->address));
		if (tx->put[i].community) {
			if (r->version == NV_RCV_V3)
				return refuse(i + 1, "a v3 receiver has a USM user, not a community");
			memcpy(r->community, tx->put[i].community_s, sizeof(tx->put[i].community_s));
		}
		if (tx->put[i].mib)
			r->mib = tx->put[i].mib_v;
	}
	for (size_t i = 0; i < c->n; i++)
		if (!gone[i])
			c->rcv[n++] = c->rcv[i];
	c->n = n;
	for (size_t i = 0; i < c->n; i++)
		if ((why = nv_receiver_check(&c->rcv[i])) != NULL)
			return refuse((int)i + 1, why);
	return MIB_SET_OK;
}

static enum mib_set_err txn_apply(void *scratch, struct nv_ctx *ctx)
{
	struct rcv_txn *tx = scratch;
	char err[512];

	if (nv_receivers_save(ctx->cfg.agent_state_dir, &tx->cand, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "trap receivers not changed: cannot save them: %s", err);
		return MIB_SET_COMMIT_FAILED;
	}
	tx->old = ctx->cfg.traps;
	ctx->cfg.traps.n = tx->cand.n;
	memcpy(ctx->cfg.traps.rcv, tx->cand.rcv, sizeof(tx->cand.rcv));
	return MIB_SET_OK;
}

static void txn_undo(void *scratch, struct nv_ctx *ctx)
{
	struct rcv_txn *tx = scratch;
	char err[512];

	ctx->cfg.traps = tx->old;
	if (nv_receivers_save(ctx->cfg.agent_state_dir, &tx->old, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "trap receivers: cannot save the restored table: %s", err);
}

static void txn_commit(void *scratch, struct nv_ctx *ctx)
{
	struct rcv_txn *tx = scratch;

	nv_log(LOG_NOTICE, "trap receivers set over SNMP: %zu receiver(s), saved in %s/%s",
	    tx->cand.n, ctx->cfg.agent_state_dir, NV_RECEIVERS_FILE);
	ctx->traps_changed = true;      /* the main loop reopens the trap sessions */
}

static void txn_end(void *scratch)
{
	free(scratch);
}

static const struct mib_txn_ops receivers_txn = {
	txn_begin, txn_check, txn_apply, txn_undo, txn_commit, txn_end, NULL,
};

const struct mib_setter nv_receivers_setter = { put_col, &receivers_txn };
