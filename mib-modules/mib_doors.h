/*
 * mib_doors.h — register the doors (RFC 1628 UPS-MIB, SOCOMEC STS MIB,
 * Net Vision 5/6 branch) with net-snmp.  Main thread only.
 */
#ifndef NV_MIB_DOORS_H
#define NV_MIB_DOORS_H

#include "ctx.h"

/* Register the doors cfg.mibs enables, into ctx->doors.  0, or -1 after
 * logging why (nothing left registered). */
int nv_doors_register(struct nv_ctx *ctx);

/* Fold the new ctx->snap into the doors' derived state (upsAlarmTable
 * times).  GETs also do it, but only a call per snapshot gives exact times. */
void nv_doors_snapshot_updated(struct nv_ctx *ctx);

void nv_doors_unregister(struct nv_ctx *ctx);

#endif
