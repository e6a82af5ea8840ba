/*
 * control_devices.h — `nvctl devices`: every device the daemon serves,
 * with the name `nvctl -d NAME`, `snmpget -n NAME` and NUT clients use.
 */
#ifndef NV_CONTROL_DEVICES_H
#define NV_CONTROL_DEVICES_H

#include "ctx.h"
#include "textbuf.h"

void nv_ctl_cmd_devices(const struct nv_devices *devs, int argc, char **argv,
    struct nv_text *out);

#endif
