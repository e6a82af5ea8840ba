/*
 * mib_subtree.c — the one net-snmp handler for every table-driven subtree:
 * it turns request OIDs into positions below the root, lets mib_walk.c
 * find the instance and value, and writes the varbind.  GETBULK reaches
 * it as GETNEXTs (net-snmp's bulk_to_next helper).  A SET whose change
 * goes to the device is delegated at ACTION and answered from the main
 * loop (mib_async_done) once the device has answered.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag_log.h"
#include "mib_subtree.h"

/* Position of NAME below ROOT in rel[MIB_REL_MAX]: its length, 0 when
 * NAME is before the root; -1 when NAME is after the whole subtree. */
static int relative_oid(const netsnmp_handler_registration *reg, const oid *name,
    size_t len, uint32_t *rel)
{
	size_t n;

	if (snmp_oid_compare(name, len, reg->rootoid, reg->rootoid_len) < 0)
		return 0;
	if (netsnmp_oid_is_subtree(reg->rootoid, reg->rootoid_len, name, len) != 0)
		return -1;
	n = len - reg->rootoid_len;
	if (n > MIB_REL_MAX)
		n = MIB_REL_MAX;        /* deeper parts never change the answer */
	for (size_t i = 0; i < n; i++)
		rel[i] = name[reg->rootoid_len + i] > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)name[reg->rootoid_len + i];
	return (int)n;
}

static void put_value(netsnmp_variable_list *vb, const struct mib_value *v)
{
	oid o[MIB_OIDVAL_MAX];

	switch (v->type) {
	case MIB_INTEGER:
		snmp_set_var_typed_integer(vb, ASN_INTEGER, v->i);
		break;
	case MIB_STRING:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, v->s, v->len);
		break;
	case MIB_OID:
		for (size_t i = 0; i < v->len; i++)
			o[i] = v->oid[i];
		snmp_set_var_typed_value(vb, ASN_OBJECT_ID, o, v->len * sizeof(oid));
		break;
	case MIB_TICKS:
		snmp_set_var_typed_integer(vb, ASN_TIMETICKS, v->u);
		break;
	case MIB_IPADDR:
		snmp_set_var_typed_value(vb, ASN_IPADDRESS, &v->u, 4);
		break;
	case MIB_GAUGE:
		snmp_set_var_typed_integer(vb, ASN_GAUGE, v->u);
		break;
	case MIB_COUNTER:
		snmp_set_var_typed_integer(vb, ASN_COUNTER, v->u);
		break;
	case MIB_NONE:
		break;
	}
}

static void answer_get(const struct mib_tree *t, const struct nv_mib_view *view,
    netsnmp_handler_registration *reg, netsnmp_variable_list *vb)
{
	uint32_t rel[MIB_REL_MAX];
	struct mib_hit hit;
	struct mib_value v;
	int n = relative_oid(reg, vb->name, vb->name_length, rel);

	/* a GET inside the root has at least one sub-identifier below it */
	if (n <= 0 || vb->name_length - reg->rootoid_len > MIB_SUB_MAX + 1u ||
	    !mib_get_exact(t, rel, (size_t)n, view, &hit, &v)) {
		snmp_set_var_typed_value(vb, SNMP_NOSUCHINSTANCE, NULL, 0);
		return;
	}
	put_value(vb, &v);
}

static void answer_next(const struct mib_tree *t, const struct nv_mib_view *view,
    netsnmp_handler_registration *reg, netsnmp_variable_list *vb)
{
	uint32_t rel[MIB_REL_MAX], inst[MIB_SUB_MAX + 1];
	oid full[MAX_OID_LEN];
	struct mib_hit hit;
	struct mib_value v;
	size_t len;
	int n = relative_oid(reg, vb->name, vb->name_length, rel);

	if (n < 0 || !mib_get_next(t, rel, (size_t)n, view, &hit, &v))
		return;                 /* untouched: net-snmp asks the next subtree */
	len = mib_hit_oid(&hit, inst);
	memcpy(full, reg->rootoid, reg->rootoid_len * sizeof(oid));
	for (size_t i = 0; i < len; i++)
		full[reg->rootoid_len + i] = inst[i];
	snmp_set_var_objid(vb, full, reg->rootoid_len + len);
	put_value(vb, &v);
}

/* ---- SET ---- */

#define PENDING_MAX 4   /* transactions (writable tables) of one tree */

/* What a registration keeps between the phases of one SET. */
struct subtree {
	const struct mib_tree *t;
	size_t n;
	struct pending {
		const struct mib_txn_ops *txn;
		void *scratch;
		bool applied;
		netsnmp_request_info *first;    /* where its errors are reported */
	} p[PENDING_MAX];
};

static int set_error_code(enum mib_set_err e)
{
	switch (e) {
	case MIB_SET_OK:            return SNMP_ERR_NOERROR;
	case MIB_SET_WRONG_TYPE:    return SNMP_ERR_WRONGTYPE;
	case MIB_SET_WRONG_LENGTH:  return SNMP_ERR_WRONGLENGTH;
	case MIB_SET_WRONG_VALUE:   return SNMP_ERR_WRONGVALUE;
	case MIB_SET_INCONSISTENT:  return SNMP_ERR_INCONSISTENTVALUE;
	case MIB_SET_NOT_WRITABLE:  return SNMP_ERR_NOTWRITABLE;
	case MIB_SET_NO_CREATION:   return SNMP_ERR_NOCREATION;
	case MIB_SET_RESOURCE:      return SNMP_ERR_RESOURCEUNAVAILABLE;
	case MIB_SET_COMMIT_FAILED: return SNMP_ERR_COMMITFAILED;
	}
	return SNMP_ERR_GENERR;
}

/* The request's value as a mib_value; a type no column takes stays MIB_NONE. */
static enum mib_set_err value_of_vb(const netsnmp_variable_list *vb, struct mib_value *v)
{
	memset(v, 0, sizeof(*v));
	switch (vb->type) {
	case ASN_INTEGER:
		mib_set_int(v, (int32_t)*vb->val.integer);
		break;
	case ASN_OCTET_STR:
		if (vb->val_len > sizeof(v->s))
			return MIB_SET_WRONG_LENGTH;
		v->type = MIB_STRING;
		memcpy(v->s, vb->val.string, vb->val_len);      /* NULs kept: put refuses them */
		v->len = vb->val_len;
		break;
	case ASN_OBJECT_ID:
		if (vb->val_len / sizeof(oid) > MIB_OIDVAL_MAX)
			return MIB_SET_WRONG_VALUE;     /* no column takes so long a name */
		v->type = MIB_OID;
		v->len = vb->val_len / sizeof(oid);
		for (size_t i = 0; i < v->len; i++)
			v->oid[i] = vb->val.objid[i] > UINT32_MAX ? UINT32_MAX :
			    (uint32_t)vb->val.objid[i];
		break;
	default:
		break;
	}
	return MIB_SET_OK;
}

/* Object, row and value of a SET varbind, through the column's own checks
 * (and into SCRATCH when given). */
static enum mib_set_err put_one(struct subtree *st, const struct nv_ctx *ctx,
    netsnmp_handler_registration *reg, netsnmp_variable_list *vb,
    struct mib_hit *hit, void *scratch)
{
	uint32_t rel[MIB_REL_MAX];
	struct mib_value v;
	enum mib_set_err e;
	int n = relative_oid(reg, vb->name, vb->name_length, rel);

	if (n <= 0 || vb->name_length - reg->rootoid_len > MIB_SUB_MAX + 1u)
		return MIB_SET_NO_CREATION;
	if ((e = mib_find_writable(st->t, rel, (size_t)n, &ctx->view, hit)) != MIB_SET_OK)
		return e;
	if ((e = value_of_vb(vb, &v)) != MIB_SET_OK)
		return e;
	return hit->obj->set->put(hit->obj, hit->row, &v, scratch);
}

static struct pending *pending_of(struct subtree *st, const struct mib_txn_ops *txn,
    const struct nv_ctx *ctx, netsnmp_request_info *r)
{
	struct pending *p;

	for (size_t i = 0; i < st->n; i++)
		if (st->p[i].txn == txn)
			return &st->p[i];
	if (st->n == PENDING_MAX)
		return NULL;
	p = &st->p[st->n];
	*p = (struct pending){ .txn = txn, .first = r };
	if ((p->scratch = txn->begin(ctx)) == NULL)
		return NULL;
	st->n++;
	return p;
}

static void end_all(struct subtree *st)
{
	for (size_t i = 0; i < st->n; i++)
		st->p[i].txn->end(st->p[i].scratch);
	st->n = 0;
}

static void set_reserve1(struct subtree *st, const struct nv_ctx *ctx,
    netsnmp_handler_registration *reg, netsnmp_agent_request_info *reqinfo,
    netsnmp_request_info *requests)
{
	struct mib_hit hit;

	end_all(st);            /* left by a transaction the master abandoned */
	for (netsnmp_request_info *r = requests; r != NULL; r = r->next) {
		enum mib_set_err e = put_one(st, ctx, reg, r->requestvb, &hit, NULL);

		if (e != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, r, set_error_code(e));
			return;
		}
	}
}

static void set_reserve2(struct subtree *st, const struct nv_ctx *ctx,
    netsnmp_handler_registration *reg, netsnmp_agent_request_info *reqinfo,
    netsnmp_request_info *requests)
{
	struct mib_hit hit;
	enum mib_set_err e;

	for (netsnmp_request_info *r = requests; r != NULL; r = r->next) {
		struct pending *p;

		/* RESERVE1 passed: this only finds the column's transaction */
		if ((e = put_one(st, ctx, reg, r->requestvb, &hit, NULL)) != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, r, set_error_code(e));
			return;
		}
		if ((p = pending_of(st, hit.obj->set->txn, ctx, r)) == NULL) {
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_RESOURCEUNAVAILABLE);
			return;
		}
		if ((e = put_one(st, ctx, reg, r->requestvb, &hit, p->scratch)) != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, r, set_error_code(e));
			return;
		}
	}
	for (size_t i = 0; i < st->n; i++)
		if ((e = st->p[i].txn->check(st->p[i].scratch, ctx)) != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, st->p[i].first, set_error_code(e));
			return;
		}
}

/* A delegated request: net-snmp's cache of it, and the varbind that
 * takes the error. */
struct delegated {
	struct mib_async async;         /* first: mib_async_done() gets it */
	netsnmp_delegated_cache *cache;
};

static void delegated_done(struct mib_async *as, enum mib_set_err e)
{
	struct delegated *a = (struct delegated *)as;
	netsnmp_delegated_cache *c = a->cache;

	free(a);
	/* the master may have given up on the request meanwhile */
	if (netsnmp_handler_check_cache(c) != NULL) {
		if (e != MIB_SET_OK) {
			netsnmp_request_info *at = c->localinfo;

			netsnmp_set_request_error(c->reqinfo, at, set_error_code(e));
		}
		netsnmp_handler_mark_requests_as_delegated(c->requests,
		    REQUEST_IS_NOT_DELEGATED);
	}
	netsnmp_free_delegated_cache(c);
}

/* Start the change of P on the device; the request is delegated when it
 * went out. */
static enum mib_set_err start_one(struct pending *p, struct nv_ctx *ctx,
    netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct delegated *a = calloc(1, sizeof(*a));
	enum mib_set_err e;
	bool started = false;

	if (a == NULL)
		return MIB_SET_RESOURCE;
	a->async.done = delegated_done;
	a->cache = netsnmp_create_delegated_cache(handler, reg, reqinfo, requests,
	    p->first);
	if (a->cache == NULL) {
		free(a);
		return MIB_SET_RESOURCE;
	}
	netsnmp_handler_mark_requests_as_delegated(requests, REQUEST_IS_DELEGATED);
	e = p->txn->start(p->scratch, ctx, &a->async, &started);
	if (!started) {
		netsnmp_handler_mark_requests_as_delegated(requests, REQUEST_IS_NOT_DELEGATED);
		netsnmp_free_delegated_cache(a->cache);
		free(a);
	}
	return e;
}

static void set_action(struct subtree *st, struct nv_ctx *ctx,
    netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	bool delegated = false;

	for (size_t i = 0; i < st->n; i++) {
		enum mib_set_err e = st->p[i].txn->apply(st->p[i].scratch, ctx);

		if (e != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, st->p[i].first, set_error_code(e));
			return;
		}
		st->p[i].applied = true;
	}
	/* one change per request waits for the device: the first answer
	 * releases the whole request */
	for (size_t i = 0; i < st->n; i++) {
		enum mib_set_err e;

		if (st->p[i].txn->start == NULL)
			continue;
		if (delegated) {
			netsnmp_set_request_error(reqinfo, st->p[i].first,
			    SNMP_ERR_RESOURCEUNAVAILABLE);
			return;
		}
		e = start_one(&st->p[i], ctx, handler, reg, reqinfo, requests);
		if (e != MIB_SET_OK) {
			netsnmp_set_request_error(reqinfo, st->p[i].first, set_error_code(e));
			return;
		}
		delegated = requests->delegated != 0;
	}
}

static void set_finish(struct subtree *st, struct nv_ctx *ctx, int mode)
{
	for (size_t i = 0; i < st->n; i++) {
		if (mode == MODE_SET_COMMIT)
			st->p[i].txn->commit(st->p[i].scratch, ctx);
		else if (mode == MODE_SET_UNDO && st->p[i].applied)
			st->p[i].txn->undo(st->p[i].scratch, ctx);
	}
	end_all(st);
}

/* net-snmp's SET phases, once for every writable tree (see mib_walk.h). */
static void answer_set(struct subtree *st, struct nv_ctx *ctx,
    netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	switch (reqinfo->mode) {
	case MODE_SET_RESERVE1:
		set_reserve1(st, ctx, reg, reqinfo, requests);
		break;
	case MODE_SET_RESERVE2:
		set_reserve2(st, ctx, reg, reqinfo, requests);
		break;
	case MODE_SET_ACTION:
		set_action(st, ctx, handler, reg, reqinfo, requests);
		break;
	case MODE_SET_COMMIT:
	case MODE_SET_UNDO:
	case MODE_SET_FREE:
		set_finish(st, ctx, reqinfo->mode);
		break;
	}
}

static bool tree_writable(const struct mib_tree *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->objs[i].set != NULL)
			return true;
	return false;
}

static void free_subtree(void *p)
{
	struct subtree *st = p;

	end_all(st);
	free(st);
}

static int subtree_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	struct subtree *st = handler->myvoid;
	const struct mib_tree *t = st->t;
	struct nv_ctx *ctx = reg->my_reg_void;

	bool closed = t->served != NULL && !t->served(&ctx->view);

	if (!closed && reqinfo->mode != MODE_GET && reqinfo->mode != MODE_GETNEXT) {
		answer_set(st, ctx, handler, reg, reqinfo, requests);
		return SNMP_ERR_NOERROR;
	}

	for (netsnmp_request_info *r = requests; r != NULL; r = r->next) {
		if (r->processed)
			continue;
		if (closed && reqinfo->mode == MODE_GET) {
			snmp_set_var_typed_value(r->requestvb, SNMP_NOSUCHOBJECT, NULL, 0);
			continue;
		}
		if (closed && reqinfo->mode == MODE_GETNEXT)
			continue;       /* untouched: net-snmp asks the next subtree */
		switch (reqinfo->mode) {
		case MODE_GET:
			answer_get(t, &ctx->view, reg, r->requestvb);
			break;
		case MODE_GETNEXT:
			answer_next(t, &ctx->view, reg, r->requestvb);
			break;
		default:
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

void *mib_subtree_register(const struct mib_tree *t, struct nv_ctx *ctx,
    const char *context)
{
	oid root[MAX_OID_LEN];
	netsnmp_mib_handler *h;
	netsnmp_handler_registration *reg;
	struct subtree *st;
	long bad = mib_tree_check(t);

	if (bad >= 0) {
		nv_log(LOG_ERR, "MIB %s: descriptor %ld is out of order", t->name, bad);
		return NULL;
	}
	if (t->rootlen > MAX_OID_LEN) {
		nv_log(LOG_ERR, "MIB %s: root OID too long", t->name);
		return NULL;
	}
	for (size_t i = 0; i < t->rootlen; i++)
		root[i] = t->root[i];
	if ((st = calloc(1, sizeof(*st))) == NULL) {
		nv_log(LOG_ERR, "MIB %s: out of memory", t->name);
		return NULL;
	}
	st->t = t;
	h = netsnmp_create_handler(t->name, subtree_handler);
	if (h == NULL) {
		free(st);
		nv_log(LOG_ERR, "MIB %s: cannot create handler", t->name);
		return NULL;
	}
	/* not h->data_free: net-snmp copies the handler when another
	 * registration splits this subtree, and would free st once a copy */
	h->myvoid = st;
	/* the registration copies the root OID */
	reg = netsnmp_handler_registration_create(t->name, h, root, t->rootlen,
	    tree_writable(t) ? HANDLER_CAN_RWRITE : HANDLER_CAN_RONLY);
	if (reg == NULL) {
		netsnmp_handler_free(h);
		nv_log(LOG_ERR, "MIB %s: cannot create registration", t->name);
		return NULL;
	}
	reg->my_reg_void = ctx;
	/* AgentX carries the context to the master with the registration */
	if (context[0] != '\0' && (reg->contextName = strdup(context)) == NULL) {
		netsnmp_handler_registration_free(reg);
		nv_log(LOG_ERR, "MIB %s: out of memory", t->name);
		return NULL;
	}
	if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
		/* net-snmp frees the registration when it fails */
		nv_log(LOG_ERR, "MIB %s: registration with the agent failed", t->name);
		return NULL;
	}
	return reg;
}

void mib_subtree_unregister(void *reg)
{
	netsnmp_handler_registration *r = reg;
	struct subtree *st;

	if (r == NULL)
		return;
	/* net-snmp may have put helpers (bulk_to_next) in front of ours */
	st = netsnmp_find_handler_data_by_name(r, r->handlerName);
	netsnmp_unregister_handler(r);
	if (st != NULL)
		free_subtree(st);
}
