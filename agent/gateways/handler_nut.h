/*
 * handler_nut.h — the NUT server plug-in: the UPS served over the Network
 * UPS Tools protocol (RFC 9271) to upsmon, upsc and every NAS, hypervisor
 * and Windows client that speaks it; values from the newest snapshot,
 * instant commands through the control layer, FSD when the agent's
 * shutdown sequence requests shutdown.  Off unless nvagent.conf has a nut
 * section.
 */
#ifndef NV_HANDLER_NUT_H
#define NV_HANDLER_NUT_H

#include "handler.h"

extern const struct nv_handler_ops nv_handler_nut;

/* client-duration when a NUT client is logged in ("NUT user@address" in
 * who), else 0: the UPS shut-off waits for it as for an nvshutdown
 * client's shutdown-duration. */
int nv_nut_longest_client(void *state, char *who, size_t wholen);

#endif
