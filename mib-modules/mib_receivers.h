/*
 * mib_receivers.h — upsAgentTrapsReceiversTable (.1.3.6.1.4.1.4555.1.1.7.1.9.21)
 * of the SOCOMEC UPS MIB, read-write: its rows are the running trap
 * receivers; a SET is checked, saved in state-dir (trap_receivers_store.c) and
 * applied to the trap plug-in at once (ctx->traps_changed, outputs.c).
 * Its column descriptors are rows of mib_socomec.c's table.
 */
#ifndef NV_MIB_RECEIVERS_H
#define NV_MIB_RECEIVERS_H

#include "mib_walk.h"

/* upsAgentTrapsReceiversEntry columns (the descriptors' arg) */
enum { NV_RCV_COL_INDEX = 1, NV_RCV_COL_ADDR, NV_RCV_COL_COMMUNITY, NV_RCV_COL_NMSTYPE };

mib_rows_fn nv_receivers_rows;
mib_get_fn nv_receivers_get;
extern const struct mib_setter nv_receivers_setter;

#endif
