/* mib_register.c — register / unregister the MIB modules (see mib.h). */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <string.h>

#include "diag_log.h"
#include "mib.h"
#include "mib_socomec.h"
#include "mib_state.h"
#include "mib_subtree.h"
#include "nv5_values.h"
#include "rfc1628_values.h"
#include "sts_values.h"

/*
 * The clock of every TimeStamp (upsAlarmTime of both alarm tables,
 * upsTestStartTime): the master's sysUpTime, as the RFC wants.  net-snmp's
 * subagent side sets its own uptime from the sysUpTime field of every
 * AgentX response (open, register, each ping), so this is the master's
 * clock, and also the sysUpTime.0 of the notifications nvagentd sends.
 */
static uint32_t master_uptime(void)
{
	return (uint32_t)netsnmp_get_agent_uptime();
}

static int add(struct nv_ctx *ctx, const struct mib_tree *t, const char *context)
{
	void *reg;

	if (ctx->mib->n_reg == NV_MIB_MAX_REG) {
		nv_log(LOG_ERR, "MIB %s: too many MIB modules", t->name);
		return -1;
	}
	reg = mib_subtree_register(t, ctx, context);
	if (reg == NULL)
		return -1;
	ctx->mib->reg[ctx->mib->n_reg++] = reg;
	return 0;
}

/* The trees cfg.mibs enables, in CONTEXT; each answers only for the
 * devices it describes (its served()).  The STS MIB has no switch. */
static int add_enabled(struct nv_ctx *ctx, const char *context)
{
	const struct nv_config *cfg = &ctx->cfg;

	if (cfg->mibs.socomec && add(ctx, &nv_socomec_tree, context) != 0)
		return -1;
	if (cfg->mibs.rfc1628 && add(ctx, &nv_rfc1628_tree, context) != 0)
		return -1;
	if (add(ctx, &nv_sts_tree, context) != 0)
		return -1;
	if (cfg->mibs.netvision5 && add(ctx, &nv_nv5_tree, context) != 0)
		return -1;
	return 0;
}

/* A file with device sections: every device in the context named after
 * it, the first also in the default one (NMSs that know no context). */
static int add_contexts(struct nv_ctx *ctx)
{
	if (ctx->no == 0 && add_enabled(ctx, "") != 0)
		return -1;
	if (ctx->cfg.device_sections && add_enabled(ctx, ctx->name) != 0)
		return -1;
	return 0;
}

int nv_mib_register_all(struct nv_ctx *ctx)
{
	if (nv_mib_state_init(ctx) != 0) {
		nv_log(LOG_ERR, "MIB state: %s", strerror(errno));
		return -1;
	}
	ctx->mib->uptime = master_uptime;
	if (add_contexts(ctx) != 0) {
		nv_mib_unregister_all(ctx);
		return -1;
	}
	nv_mib_state_update(ctx);
	return 0;
}

void nv_mib_snapshot_updated(struct nv_ctx *ctx)
{
	nv_mib_state_update(ctx);
}

void nv_mib_unregister_all(struct nv_ctx *ctx)
{
	if (ctx->mib == NULL)
		return;
	while (ctx->mib->n_reg > 0)
		mib_subtree_unregister(ctx->mib->reg[--ctx->mib->n_reg]);
	nv_mib_state_fini(ctx);
}
