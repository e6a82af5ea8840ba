/*
 * nv5_values.h — the Net Vision 5/6 branch (.1.3.6.1.4.1.4555.1.1.1) over
 * the normalized model (a mib_walk.h tree): the objects NUT's netvision
 * subdriver, Centreon, Checkmk and LibreNMS read.  Served for a UPS only,
 * when mibs { netvision5 = true }.
 */
#ifndef NV_NV5_VALUES_H
#define NV_NV5_VALUES_H

#include "mib_walk.h"
#include "model.h"

/* v5 enumerations: upsBatteryStatus and upsOutputSource of that branch */
int nv5_battery_status(const struct nv_snapshot *s, const struct nv_unit *u);
int nv5_output_source(const struct nv_snapshot *s, const struct nv_unit *u);

/* upsObjects of that branch (.1.3.6.1.4.1.4555.1.1.1.1), UPS only. */
extern const struct mib_tree nv_nv5_tree;

#endif
