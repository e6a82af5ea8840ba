/*
 * handler_nut.h — the NUT server plug-in: every device of the agent served
 * as a UPS of its own over the Network UPS Tools protocol (RFC 9271) to upsmon, upsc and every NAS, hypervisor
 * and Windows client that speaks it; values from the newest snapshot,
 * instant commands through the control layer, FSD when the agent's
 * shutdown sequence requests shutdown.  Off unless nvagent.conf has a nut
 * section.
 */
#ifndef NV_HANDLER_NUT_H
#define NV_HANDLER_NUT_H

#include "handler.h"
#include "shutdown.h"

extern const struct nv_handler_ops nv_handler_nut;

/* client-duration when a NUT client is logged in ("NUT user@address" in
 * who), else 0: the UPS shut-off waits for it as for an nvshutdown
 * client's shutdown-duration. */
int nv_nut_longest_client(void *state, char *who, size_t wholen);
/* The same for the clients logged in to the UPS of device DEVICE_NO
 * (env->devices[DEVICE_NO]) only: that device's shut-off waits for them. */
int nv_nut_longest_client_of(void *state, unsigned device_no, char *who, size_t wholen);

/* The logged-in NUT sessions as rows of the agent's client table (nvctl
 * clients, upsDevicesTable) beside the nvshutdown clients, in no set
 * order; their indexes start above NV_NUT_CLIENT_INDEX_BASE, clear of the
 * nvshutdown clients' (1 up), and hold while the session lasts.  How many
 * (0 for NULL). */
#define NV_NUT_CLIENT_INDEX_BASE        100000
size_t nv_nut_clients(const void *state, nv_shutdown_client_fn fn, void *arg);
/* The same for the sessions logged in to device DEVICE_NO's UPS only. */
size_t nv_nut_clients_of(const void *state, unsigned device_no, nv_shutdown_client_fn fn,
    void *arg);

#endif
