/*
 * handler_modbus.h — the Modbus TCP gateway plug-in: serves the UPS's
 * register tables as the UPS gives them (reg_image.h) to building-
 * management systems, read-only (functions 03 / 04), from the newest
 * snapshot, never from the serial line.  Off unless nvagent.conf has a
 * modbus-tcp section.
 */
#ifndef NV_HANDLER_MODBUS_H
#define NV_HANDLER_MODBUS_H

#include "handler.h"

extern const struct nv_handler_ops nv_handler_modbus;

#endif
