/*
 * handler_bacnet.h — the BACnet/IP gateway plug-in: the UPS as a BACnet
 * device (bacnet_objects.h) on a UDP socket, from the newest snapshot,
 * read-only.  Off unless nvagent.conf has a bacnet section; silent for
 * an STS, as the card.
 */
#ifndef NV_HANDLER_BACNET_H
#define NV_HANDLER_BACNET_H

#include "handler.h"

extern const struct nv_handler_ops nv_handler_bacnet;

#endif
