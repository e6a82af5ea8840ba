/*
 * config_devices.h — the `device NAME { ... }` sections of nvagent.conf:
 * several UPSs / STSs served by one agent, each with its own serial, poll,
 * data-unit, controls, schedule and environment (the keys, ranges and
 * checks of the top-level sections of a one-device file), its own state
 * directory state-dir/NAME.  See nvagent.conf(5), DEVICES.
 */
#ifndef NV_CONFIG_DEVICES_H
#define NV_CONFIG_DEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <confuse.h>

#include "nvconfig.h"

#define NV_DEVICES_TOO_MANY "more than 8 devices in one agent"

/* 1-31 characters of [A-Za-z0-9._-], starting with a letter or digit. */
bool nv_device_name_valid(const char *name);

/* The option "device" (titled, one per device) over the device's subopts. */
cfg_opt_t nv_config_device_opt(cfg_opt_t *subopts);

/* Is NAME, at the top level, a device's own section or key? */
typedef bool nv_device_scoped_fn(const char *name);

/*
 * The top level of fp (the text libconfuse reads): every device section
 * named well, no name twice, at most NV_DEVICES_MAX and, when the file has
 * device sections, none of a device's own sections or keys (own) left at
 * the top level; no section (titled ones too) left open at the end.  The line each device section opens on goes to
 * lines[NV_DEVICES_MAX] (libconfuse keeps the line a section closes on).
 * 0, or the line of the first problem with "PATH:LINE: ..." in err.
 */
int nv_config_devices_scan(FILE *fp, const char *path, nv_device_scoped_fn *own,
    int *lines, char *err, size_t errlen);

/*
 * The sections a device has beside its serial, poll and data-unit keys:
 * controls, schedule, environment, read from scope (the top level of a
 * one-device file, or device d's section, which must name its serial
 * { device }).  -1 with "PATH:LINE: ..." in err.
 */
int nv_config_device_store(cfg_t *scope, const char *path, struct nv_device_cfg *d,
    char *err, size_t errlen);

/*
 * What no single device section can check: two devices (or a device and
 * another's environment sensor) on one serial device and slave id, a
 * state-dir/NAME that does not fit.  -1 with "PATH:LINE: ..." in err, the
 * line of the later device's section.
 */
int nv_config_devices_check(const struct nv_config *c, char *err, size_t errlen);

/* state-dir/NAME into out; -1 when it does not fit. */
int nv_device_state_dir(const char *state_dir, const char *name, char *out, size_t len);

/* One line per device, "device NAME: DEV slave N, state DIR", for
 * `nvagentd --check-config`. */
void nv_config_devices_describe(const struct nv_config *c, FILE *out);

#endif
