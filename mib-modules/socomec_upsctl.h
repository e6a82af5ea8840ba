/*
 * socomec_upsctl.h — upsControl of the SOCOMEC UPS MIB, read side, from the
 * shutdown configuration: upsShutdownDelay, upsTurnOffAfterShutdown and
 * upsControlShutdownParamTable (one row per shutdown event).
 */
#ifndef NV_SOCOMEC_UPSCTL_H
#define NV_SOCOMEC_UPSCTL_H

#include "mib_walk.h"

struct nv_mib_view;

enum { SDC_DELAY, SDC_TURN_OFF };
enum { SDP_INDEX = 1, SDP_STATUS, SDP_DELAY, SDP_FIRST, SDP_INTERVAL };

int nv_sdp_rows(const struct nv_mib_view *view, int after);
void nv_sdc_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);
void nv_sdp_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

#endif
