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
};

/* Fill *cfg with the documented defaults. */
void nv_config_defaults(struct nv_config *cfg);

/*
 * Read and validate PATH into *cfg.  On error returns -1 and writes one line
 * "FILE:LINE: what is wrong" (or "FILE: ...") into err; *cfg is then
 * unspecified, so load into a scratch struct and copy on success.
 */
int nv_config_load(const char *path, struct nv_config *cfg, char *err, size_t errlen);

#endif
