/*
 * handler_trap.h — the trap plug-in (per-receiver SNMP notifications).
 */
#ifndef NV_HANDLER_TRAP_H
#define NV_HANDLER_TRAP_H

#include <stdbool.h>

#include "config_traps.h"
#include "handler.h"
#include "notification.h"

extern const struct nv_handler_ops nv_handler_trap;

/* Does receiver R get notification N (MIB choice, filters)? */
bool nv_receiver_wants(const struct nv_receiver *r, const struct nv_notification *n);

/* The PDU (net-snmp's netsnmp_pdu) receiver R gets for N; DEVICE (NULL:
 * none) named as upsIdentName.0 after N's varbinds and, for v3, as the
 * contextName.  NULL when out of memory. */
struct snmp_pdu *nv_trap_pdu(const struct nv_receiver *r, const struct nv_notification *n,
    const char *device);

#endif
