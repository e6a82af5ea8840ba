/*
 * mib_state.h — what the MIB modules derive from the snapshots over time
 * (min / max windows, the alarm table), kept in ctx->mib / ctx->alarms.
 * Plain C; the net-snmp registrations live in mib_register.c.
 */
#ifndef NV_MIB_STATE_H
#define NV_MIB_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "socomec_values.h"

#define NV_MIB_MAX_REG  4
#define NV_MINMAX_SPAN_MS 60000         /* upsInputVoltageMax / Min: last minute */

struct nv_mib_state {
	struct sv_window in_voltage[NV_MAX_PHASES];
	void *reg[NV_MIB_MAX_REG];      /* netsnmp_handler_registration */
	size_t n_reg;
};

/* Create ctx->mib and ctx->alarms; 0, or -1 with errno set (nothing kept). */
int nv_mib_state_init(struct nv_ctx *ctx);
void nv_mib_state_fini(struct nv_ctx *ctx);

/* Follow ctx->snap: windows and alarm table. */
void nv_mib_state_update(struct nv_ctx *ctx);

/* Agent up time in TimeTicks (0.01 s) since ctx->started. */
uint32_t nv_mib_uptime_ticks(const struct nv_ctx *ctx);

#endif
