/* mib_socomec.h — the SOCOMEC UPS MIB (.1.3.6.1.4.1.4555.1.1.7.1) as descriptors. */
#ifndef NV_MIB_SOCOMEC_H
#define NV_MIB_SOCOMEC_H

#include "mib_walk.h"

#define NV_SOCOMEC_MIB_VERSION 713      /* the object set of NET VISION MIB 7.13 */

extern const struct mib_tree nv_socomec_tree;

/* The tree's served(): false for a static transfer switch. */
bool nv_socomec_served(const struct nv_mib_view *view);

#endif
