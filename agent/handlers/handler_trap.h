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

#endif
