/*
 * mib.h — the MIB modules nvagentd serves.  Each reads ctx->snap (the
 * normalized model) only; registration happens once, after init_agent().
 */
#ifndef NV_MIB_H
#define NV_MIB_H

#include "ctx.h"

/* Register every enabled MIB module (cfg.mibs) of ctx's device with the
 * agent, in its SNMP context(s) (mib_register.c).  0 or -1. */
int nv_mib_register_all(struct nv_ctx *ctx);

/* Called by the main loop after a new snapshot was taken into ctx->snap,
 * so that derived state (alarm tables, min/max windows) follows it. */
void nv_mib_snapshot_updated(struct nv_ctx *ctx);

/* Unregister every module and free what nv_mib_register_all created. */
void nv_mib_unregister_all(struct nv_ctx *ctx);

#endif
