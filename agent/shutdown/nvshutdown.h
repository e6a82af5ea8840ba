/*
 * nvshutdown.h — the nvshutdown client daemon's configuration
 * (nvshutdown.conf, see nvshutdown(8)).
 */
#ifndef NV_NVSHUTDOWN_H
#define NV_NVSHUTDOWN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "shutdown_proto.h"

#define NVS_DEFAULT_CONFIG "/etc/nvagent/nvshutdown.conf"
#define NVS_MAX_SERVERS 8

struct nvs_config {
	size_t n_servers;
	char servers[NVS_MAX_SERVERS][128];     /* "host:4200" */
	char secret_file[PATH_MAX];
	char name[NV_SD_NAME_LEN];              /* default: the host name */
	char shutdown_command[512];
	char pre_shutdown_script[PATH_MAX];     /* "" = none */
	int pre_shutdown_timeout;               /* s */
	int shutdown_duration;                  /* s, told to the agent */
	char warning_command[PATH_MAX];         /* hook for every message, "" = none */
	bool wall;                              /* warn logged-in users with wall(1) */
	bool test_mode;                         /* log instead of shutting down */
	bool shutdown_on_test;                  /* obey the agent's shutdown test */
	bool finish_countdown;                  /* agent lost in a countdown: finish it */
	int heartbeat;                          /* s */
	int lost_after;                         /* s without a reply: agent lost */
	char feeds[NV_SD_EVENT_LEN];            /* devices feeding us, "a,b"; "" = all */
};

/* Read and check FILE; -1 with "FILE:LINE: what is wrong" in err. */
int nvs_config_load(const char *path, struct nvs_config *c, char *err, size_t errlen);

#endif
