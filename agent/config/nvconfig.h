/*
 * nvconfig.h — nvagent.conf (libconfuse), validated as a whole before use.
 * See nvagent.conf(5).
 */
#ifndef NV_NVCONFIG_H
#define NV_NVCONFIG_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "config_environment.h"
#include "config_gateways.h"
#include "config_handlers.h"
#include "config_logs.h"
#include "config_schedule.h"
#include "config_serial.h"
#include "config_shutdown.h"
#include "config_traps.h"
#include "config_ups_control.h"

#define NV_DEFAULT_CONFIG "/etc/nvagent/nvagent.conf"

#define NV_DEVICES_MAX 8

/* One device's own settings: a device NAME { } section, or the top-level
 * serial / poll / data-unit / controls / schedule / environment of a file
 * without device sections (then named "ups"). */
struct nv_device_cfg {
	char name[32];                          /* NV_DEVICE_NAME_MAX */
	int line;                               /* where its section starts, 0 */
	struct nv_serial_cfg serial;
	struct nv_poll_cfg poll;
	int data_unit;
	struct nv_controls_cfg controls;
	struct nv_schedule_cfg schedule;
	struct nv_env_cfg env;
};

/* Who this agent is: in every message and in the MIBs' identity. */
struct nv_system_cfg {
	char name[128], contact[128], location[128];
	char user_ref[12], user_location[12]; /* upsIdentUserRef / UserLocation */
};

struct nv_config {
	char path[PATH_MAX];                    /* file it was read from */
	struct nv_serial_cfg serial;
	struct nv_poll_cfg poll;
	struct {
		char socket[256];               /* "unix:/var/agentx/master", "tcp:127.0.0.1:705" */
		int ping_interval;              /* s */
	} agentx;
	char state_dir[PATH_MAX];
	char control_socket[PATH_MAX];
	char control_group[64];                 /* group allowed to read ("" = owner's) */
	char admin_group[64];                   /* group allowed to change ("" = root only) */
	struct nv_system_cfg system;
	struct {
		bool socomec, rfc1628, netvision5;
	} mibs;
	int data_unit;                          /* 0 = system, N = unit N */
	struct nv_traps_cfg traps;              /* trap-receiver, events (config_traps.c) */
	struct nv_logs_cfg logs;                /* logs { } (logs.c) */
	struct nv_notify_cfg notify;            /* mail, syslog, exec (config_handlers.c) */
	struct nv_controls_cfg controls;        /* controls { } (config_ups_control.c) */
	struct nv_wol_cfg wol;                  /* wol, wol target (config_ups_control.c) */
	struct nv_shutdown_cfg shutdown;        /* shutdown { } (config_shutdown.c) */
	struct nv_schedule_cfg schedule;        /* schedule { } (config_schedule.c) */
	struct nv_gateways_cfg gateways;        /* modbus-tcp { }, bacnet { } (gateways/) */
	struct nv_env_cfg env;                  /* environment { } (config_environment.c) */
	/*
	 * The devices.  serial, poll, data_unit, controls, schedule and env
	 * above are ONE device's: devices[0]'s as loaded, and each device's
	 * own in the copy nv_config_for_device() makes for it.
	 */
	size_t ndevices;                        /* 1..NV_DEVICES_MAX */
	bool device_sections;                   /* the file has device { } */
	struct nv_device_cfg devices[NV_DEVICES_MAX];
	char agent_state_dir[PATH_MAX];         /* state-dir as configured */
};

/* Fill *cfg with the documented defaults: one device "ups" on them. */
void nv_config_defaults(struct nv_config *cfg);

/*
 * Read and validate PATH into *cfg: its device sections into devices[]
 * (config_devices.h), or its top level as the one device "ups".  On error
 * returns -1 and writes one line "FILE:LINE: what is wrong" (or
 * "FILE: ...") into err; *cfg is then unspecified, so load into a scratch
 * struct and copy on success.
 */
int nv_config_load(const char *path, struct nv_config *cfg, char *err, size_t errlen);

/*
 * The configuration device I runs on: ALL with the device's own sections
 * in the one-device fields and, when the file has device sections, its
 * own state directory state-dir/NAME (agent_state_dir keeps state-dir).
 */
void nv_config_for_device(const struct nv_config *all, size_t i, struct nv_config *out);

/* Set the one-device fields of C from devices[0] (after its device list
 * was replaced, e.g. by the running one at a reload). */
void nv_config_first_device_fields(struct nv_config *c);

#endif
