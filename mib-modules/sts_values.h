/*
 * sts_values.h — the SOCOMEC STS MIB (.1.3.6.1.4.1.4555.1.1.10) over the
 * normalized model (a mib_walk.h tree).  Served for a static transfer switch only.
 */
#ifndef NV_STS_VALUES_H
#define NV_STS_VALUES_H

#include <stdbool.h>

#include "mib_walk.h"
#include "model.h"

struct nv_mib_view;

bool sts_served(const struct nv_mib_view *view);

/* STS MIB enumerations, for the unit tests. */
int sts_source_status(const struct nv_snapshot *s, const struct nv_unit *u, int source);
int sts_interaction(const struct nv_snapshot *s, const struct nv_unit *u);
int sts_load_status(const struct nv_snapshot *s, const struct nv_unit *u);
int sts_output_status(const struct nv_snapshot *s, const struct nv_unit *u);

/* stsObjects (.1.3.6.1.4.1.4555.1.1.10.1) */
extern const struct mib_tree nv_sts_tree;

#endif
