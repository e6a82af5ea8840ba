/*
 * mib_doors.c — the net-snmp side of the doors (see door.h): one handler
 * that turns varbinds into door_lookup() calls.  A door that is closed for
 * the device answers noSuchObject to GET and lets GETNEXT go on to the next
 * subtree, as if it were not registered.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdlib.h>

#include "log.h"
#include "mib_doors.h"
#include "nv5_values.h"
#include "rfc1628_values.h"
#include "sts_values.h"

#define NV_DOORS_MAX 3

struct nv_door_reg {
	const struct door *door;
	const void *state;
	struct nv_ctx *ctx;
	netsnmp_handler_registration *reg;
};

struct nv_doors {
	struct rfc1628_state rfc;
	struct nv_door_reg regs[NV_DOORS_MAX];
	int n;
};

/*
 * The clock of upsAlarmTime and upsTestStartTime: the RFC wants the
 * master's sysUpTime.  net-snmp's subagent side sets its own uptime from
 * the sysUpTime field of every AgentX response (open, register, each
 * ping), so this is the master's clock, and also the sysUpTime.0 of the
 * notifications nvagentd sends.
 */
static uint32_t doors_now(void)
{
	return (uint32_t)netsnmp_get_agent_uptime();
}

static void door_input(const struct nv_door_reg *dr, struct door_in *in)
{
	struct nv_ctx *ctx = dr->ctx;

	in->snap = &ctx->snap;
	in->u = nv_snapshot_view(&ctx->snap, ctx->cfg.data_unit);
	in->cfg = &ctx->cfg;
	in->state = dr->state;
	in->now = doors_now();
	in->agent_version = "nvagent " NV_VERSION       /* nvagentd_CPPFLAGS */;
}

static void put_value(netsnmp_variable_list *vb, const struct door_val *v)
{
	oid o[DOOR_MAX_OID];

	switch (v->type) {
	case DOOR_INTEGER:
		snmp_set_var_typed_integer(vb, ASN_INTEGER, v->num);
		break;
	case DOOR_GAUGE:
		snmp_set_var_typed_integer(vb, ASN_GAUGE, v->num);
		break;
	case DOOR_COUNTER:
		snmp_set_var_typed_integer(vb, ASN_COUNTER, v->num);
		break;
	case DOOR_TICKS:
		snmp_set_var_typed_integer(vb, ASN_TIMETICKS, v->num);
		break;
	case DOOR_STRING:
		snmp_set_var_typed_value(vb, ASN_OCTET_STR, v->str, strlen(v->str));
		break;
	case DOOR_OID:
		for (size_t i = 0; i < v->oidlen; i++)
			o[i] = v->oid[i];
		snmp_set_var_typed_value(vb, ASN_OBJECT_ID, o, v->oidlen * sizeof(oid));
		break;
	}
}

/*
 * Request OID as uint32_t.  Our instances are short and use small
 * sub-identifiers, so cutting a longer name at DOOR_MAX_OID and clamping
 * huge sub-identifiers keeps every comparison GETNEXT makes.  False for a
 * GET that cannot name one of ours.
 */
static bool to_u32(const netsnmp_variable_list *vb, bool exact, uint32_t *o, size_t *len)
{
	size_t n = vb->name_length;

	if (n > DOOR_MAX_OID) {
		if (exact)
			return false;
		n = DOOR_MAX_OID;
	}
	for (size_t i = 0; i < n; i++)
		o[i] = vb->name[i] > UINT32_MAX ? UINT32_MAX : (uint32_t)vb->name[i];
	*len = n;
	return true;
}

static void answer(const struct nv_door_reg *dr, const struct door_in *in, int mode,
    netsnmp_variable_list *vb)
{
	uint32_t name[DOOR_MAX_OID], found[DOOR_MAX_OID];
	oid full[DOOR_MAX_OID];
	size_t len = 0, flen = 0;
	struct door_val v;
	bool exact = mode == MODE_GET;

	if (!dr->door->served(in)) {
		if (exact)
			snmp_set_var_typed_value(vb, SNMP_NOSUCHOBJECT, NULL, 0);
		return;
	}
	if (!to_u32(vb, exact, name, &len) ||
	    !door_lookup(dr->door, in, name, len, exact, found, &flen, &v)) {
		if (exact)
			snmp_set_var_typed_value(vb, SNMP_NOSUCHINSTANCE, NULL, 0);
		return;         /* GETNEXT untouched: net-snmp asks the next subtree */
	}
	if (!exact) {
		for (size_t i = 0; i < flen; i++)
			full[i] = found[i];
		snmp_set_var_objid(vb, full, flen);
	}
	put_value(vb, &v);
}

static int door_handler(netsnmp_mib_handler *handler, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
	const struct nv_door_reg *dr = handler->myvoid;
	struct door_in in;

	nv_doors_snapshot_updated(dr->ctx);
	door_input(dr, &in);
	for (netsnmp_request_info *r = requests; r != NULL; r = r->next) {
		if (r->processed)
			continue;
		if (reqinfo->mode == MODE_GET || reqinfo->mode == MODE_GETNEXT)
			answer(dr, &in, reqinfo->mode, r->requestvb);
		else
			netsnmp_set_request_error(reqinfo, r, SNMP_ERR_NOTWRITABLE);
	}
	return SNMP_ERR_NOERROR;
}

static int add(struct nv_doors *d, struct nv_ctx *ctx, const struct door *door,
    const void *state)
{
	oid root[DOOR_MAX_OID];
	struct nv_door_reg *dr = &d->regs[d->n];
	netsnmp_mib_handler *h;

	for (size_t i = 0; i < door->rootlen; i++)
		root[i] = door->root[i];
	h = netsnmp_create_handler(door->name, door_handler);
	if (h == NULL) {
		nv_log(LOG_ERR, "MIB %s: cannot create handler", door->name);
		return -1;
	}
	*dr = (struct nv_door_reg){ door, state, ctx, NULL };
	h->myvoid = dr;
	dr->reg = netsnmp_handler_registration_create(door->name, h, root, door->rootlen,
	    HANDLER_CAN_RONLY);
	if (dr->reg == NULL) {
		netsnmp_handler_free(h);
		nv_log(LOG_ERR, "MIB %s: cannot create registration", door->name);
		return -1;
	}
	if (netsnmp_register_handler(dr->reg) != MIB_REGISTERED_OK) {
		/* net-snmp frees a registration that fails */
		nv_log(LOG_ERR, "MIB %s: registration with the agent failed", door->name);
		return -1;
	}
	d->n++;
	return 0;
}

int nv_doors_register(struct nv_ctx *ctx)
{
	struct nv_doors *d = calloc(1, sizeof(*d));
	int rc = 0;

	if (d == NULL) {
		nv_log(LOG_ERR, "MIB doors: out of memory");
		return -1;
	}
	rfc1628_state_init(&d->rfc);
	ctx->doors = d;
	if (ctx->cfg.mibs.rfc1628)
		rc |= add(d, ctx, &rfc1628_door, &d->rfc);
	if (rc == 0)
		rc |= add(d, ctx, &sts_door, NULL);
	if (rc == 0 && ctx->cfg.mibs.netvision5)
		rc |= add(d, ctx, &nv5_door, NULL);
	if (rc != 0) {
		nv_doors_unregister(ctx);
		return -1;
	}
	nv_doors_snapshot_updated(ctx);
	return 0;
}

void nv_doors_snapshot_updated(struct nv_ctx *ctx)
{
	struct nv_doors *d = ctx->doors;

	if (d == NULL)
		return;
	rfc1628_state_update(&d->rfc, &ctx->snap,
	    nv_snapshot_view(&ctx->snap, ctx->cfg.data_unit), doors_now());
}

void nv_doors_unregister(struct nv_ctx *ctx)
{
	struct nv_doors *d = ctx->doors;

	if (d == NULL)
		return;
	while (d->n > 0)
		netsnmp_unregister_handler(d->regs[--d->n].reg);
	free(d);
	ctx->doors = NULL;
}
