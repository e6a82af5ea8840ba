/* handler_wol.h — the Wake-on-LAN plug-in: wake the servers when power is back. */
#ifndef NV_HANDLER_WOL_H
#define NV_HANDLER_WOL_H

#include <stdbool.h>

#include "handler.h"

extern const struct nv_handler_ops nv_handler_wol;

/* A shut-off during an AC failure was done and the wake is still to come
 * (nvctl ups status); false for NULL. */
bool nv_wol_armed(const void *state);

#endif
