/*
 * mib_state.h — what the MIB modules derive from the snapshots over time
 * by sampling them (min / max windows), kept in ctx->mib.  What needs a
 * comparison of snapshots (alarm tables, RFC 1628 line bads and test) is
 * the event engine's.  Plain C; the net-snmp registrations live in
 * mib_register.c, which also gives the clock.
 */
#ifndef NV_MIB_STATE_H
#define NV_MIB_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ctx.h"
#include "socomec_values.h"

#define NV_MIB_MAX_REG  8       /* 4 trees x 2 contexts */
#define NV_MINMAX_SPAN_MS 60000         /* upsInputVoltageMax / Min: last minute */

struct nv_mib_state {
	struct sv_window in_voltage[NV_MAX_PHASES];
	/* TimeStamp clock: the master's sysUpTime in 0.01 s (mib_register.c
	 * sets it); NULL: time since ctx->started. */
	uint32_t (*uptime)(void);
	void *reg[NV_MIB_MAX_REG];      /* netsnmp_handler_registration */
	size_t n_reg;
};

/* Create ctx->mib; 0, or -1 with errno set. */
int nv_mib_state_init(struct nv_ctx *ctx);
void nv_mib_state_fini(struct nv_ctx *ctx);

/* Sample ctx->snap into the windows. */
void nv_mib_state_update(struct nv_ctx *ctx);

/* Now on the TimeStamp clock (see uptime above), in TimeTicks (0.01 s). */
uint32_t nv_mib_uptime_ticks(const struct nv_mib_view *view);

#endif
