/*
 * mib_subtree.c — the one net-snmp handler for every table-driven subtree:
 * it turns request OIDs into positions below the root, lets mib_walk.c
 * find the instance and value, and writes the varbind.  GETBULK reaches
 * it as GETNEXTs (net-snmp's bulk_to_next helper).
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "log.h"
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
	case MIB_NONE:
		break;
	}
}

static void answer_get(const struct mib_tree *t, const struct nv_ctx *ctx,
    netsnmp_handler_registration *reg, netsnmp_variable_list *vb)
{
	uint32_t rel[MIB_REL_MAX];
	struct mib_hit hit;
	struct mib_value v;
	int n = relative_oid(reg, vb->name, vb->name_length, rel);

	/* a GET inside the root has at least one sub-identifier below it */
	if (n <= 0 || vb->name_length - reg->rootoid_len > MIB_SUB_MAX + 1u ||
	    !mib_get_exact(t, rel, (size_t)n, ctx, &hit, &v)) {
		snmp_set_var_typed_value(vb, SNMP_NOSUCHINSTANCE, NULL, 0);
		return;
	}
	put_value(vb, &v);
}

static void answer_next(const struct mib_tree *t, const struct nv_ctx *ctx,
    netsnmp_handler_registration *reg, netsnmp_variable_list *vb)
{
	uint32_t rel[MIB_REL_MAX], inst[MIB_SUB_MAX + 1];
	oid full[MAX_OID_LEN];
	struct mib_hit hit;
	struct mib_value v;
	size_t len;
	int n = relative_oid(reg, vb->name, vb->name_length, rel);

	if (n < 0 || !mib_get_next(t, rel, (size_t)n, ctx, &hit, &v))
		return;                 /* untouched: net-snmp asks the next subtree */
	len = mib_hit_oid(&hit, inst);
	memcpy(full, reg->rootoid, reg->rootoid_len * sizeof(oid));
	for (size_t i = 0; i < len; i++)
		full[reg->rootoid_len + i] = inst[i];
	snmp_set_var_objid(vb, full, reg->rootoid_len + len);
	put_value(vb, &v);
}

static int subtree_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct mib_tree *t = handler->myvoid;
	const struct nv_ctx *ctx = reg->my_reg_void;

	for (netsnmp_request_info *r = requests; r != NULL; r = r->next) {
		if (r->processed)
			continue;
		switch (reqinfo->mode) {
		case MODE_GET:
			answer_get(t, ctx, reg, r->requestvb);
			break;
		case MODE_GETNEXT:
			answer_next(t, ctx, reg, r->requestvb);
			break;
		default:
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

void *mib_subtree_register(const struct mib_tree *t, struct nv_ctx *ctx)
{
	oid root[MAX_OID_LEN];
	netsnmp_mib_handler *h;
	netsnmp_handler_registration *reg;
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
	h = netsnmp_create_handler(t->name, subtree_handler);
	if (h == NULL) {
		nv_log(LOG_ERR, "MIB %s: cannot create handler", t->name);
		return NULL;
	}
	h->myvoid = (void *)t;
	/* the registration copies the root OID */
	reg = netsnmp_handler_registration_create(t->name, h, root, t->rootlen,
	    HANDLER_CAN_RONLY);
	if (reg == NULL) {
		netsnmp_handler_free(h);
		nv_log(LOG_ERR, "MIB %s: cannot create registration", t->name);
		return NULL;
	}
	reg->my_reg_void = ctx;
	if (netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
		/* net-snmp frees the registration when it fails */
		nv_log(LOG_ERR, "MIB %s: registration with the agent failed", t->name);
		return NULL;
	}
	return reg;
}

void mib_subtree_unregister(void *reg)
{
	if (reg != NULL)
		netsnmp_unregister_handler(reg);
}
