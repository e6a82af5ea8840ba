/*
 * poller_control.h — control commands as Modbus writes, run by the poller
 * thread (poller.c) on its own link.  The register addresses and values
 * come from the profile's control map and the config's override.
 * Private to the device layer.
 */
#ifndef NV_POLLER_CONTROL_H
#define NV_POLLER_CONTROL_H

#include <stddef.h>

#include "config_ups_control.h"
#include "device.h"
#include "modbus_link.h"
#include "profile.h"

/* The profile's map with the override applied. */
void nv_control_effective(const struct nv_profile *prof,
    const struct nv_control_override *ovr, struct nv_control_map *out);

/* The shut-off block for a command: NV_SHUTOFF_WORDS words. */
void nv_control_shutoff_words(const struct nv_control_map *m,
    const struct nv_command *c, uint16_t w[NV_SHUTOFF_WORDS]);

/* Read the permission words: 1 remote granted, 0 refused, -1 no such bit
 * or unreadable. */
int nv_control_read_remote(struct nv_link *l, int slave,
    const struct nv_control_map *m, struct nv_poll_stats *st);

/* The UPS clock minus the host's (s) into *drift_s: 0, or -1 when the
 * device has no clock or it is unreadable. */
int nv_control_read_clock(struct nv_link *l, int slave, const struct nv_control_map *m,
    struct nv_poll_stats *st, int32_t *drift_s);

/* Run one command; what was done (or why not) in text. */
enum nv_cmd_status nv_control_execute(struct nv_link *l, int slave,
    const struct nv_profile *prof, const struct nv_control_override *ovr,
    const struct nv_command *c, struct nv_poll_stats *st, char *text, size_t len);

#endif
