/* mib_subtree.h — serve a struct mib_tree through net-snmp (main thread only). */
#ifndef NV_MIB_SUBTREE_H
#define NV_MIB_SUBTREE_H

#include "ctx.h"
#include "mib_walk.h"

/* Register T with CTX as its data (read-write when a descriptor has a
 * setter, else read-only); returns the registration
 * (for mib_subtree_unregister) or NULL after logging why. */
/* Register T, served from CTX, in SNMP context CONTEXT ("" = default). */
void *mib_subtree_register(const struct mib_tree *t, struct nv_ctx *ctx,
    const char *context);
void mib_subtree_unregister(void *reg);

#endif
