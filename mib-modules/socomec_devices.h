/*
 * socomec_devices.h — upsDevicesTable of the SOCOMEC UPS MIB (upsConfig.5):
 * one row per client of the agent's client table (nvshutdown clients, then
 * logged-in NUT clients), read through ctx->shutdown_clients.
 */
#ifndef NV_SOCOMEC_DEVICES_H
#define NV_SOCOMEC_DEVICES_H

#include "mib_walk.h"

struct nv_mib_view;

enum { SDEV_INDEX = 1, SDEV_ADDR, SDEV_NAME, SDEV_TIME, SDEV_STATUS, SDEV_SEVERITY };

int nv_sdev_rows(const struct nv_mib_view *view, int after);
void nv_sdev_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

#endif
