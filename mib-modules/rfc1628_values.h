/*
 * rfc1628_values.h — the RFC 1628 UPS-MIB (.1.3.6.1.2.1.33) over the
 * normalized model: the descriptor tree (see mib_walk.h).  What it derives
 * over time is the event engine's, the data its traps carry: the alarm
 * table (ctx->rfc_alarms) and the line bads and last test
 * (ctx->rfc_state, rfc1628_state.h).  Served for a UPS only.
 */
#ifndef NV_RFC1628_VALUES_H
#define NV_RFC1628_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#include "mib_walk.h"
#include "model.h"

struct nv_mib_view;

/* UPS-MIB enumerations, for the unit tests and the NV5 tree. */
int rfc1628_battery_status(const struct nv_snapshot *s, const struct nv_unit *u);
int rfc1628_output_source(const struct nv_snapshot *s, const struct nv_unit *u);

bool rfc1628_served(const struct nv_mib_view *view);

/* upsObjects (.1.3.6.1.2.1.33.1). */
extern const struct mib_tree nv_rfc1628_tree;

#endif
