/*
 * config_gateways.h — the `modbus-tcp { ... }`, `bacnet { ... }` and
 * `nut { ... }` (config_nut.h) sections of nvagent.conf (libconfuse): the
 * building-management gateways and the NUT server.  Each is off unless
 * its section is present.  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_GATEWAYS_H
#define NV_CONFIG_GATEWAYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr_allow.h"
#include "config_nut.h"

typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

#define NV_MODBUS_TCP_PORT      502
#define NV_BACNET_PORT          47808
#define NV_MODBUS_MAX_CONN      64

struct nv_modbus_tcp_cfg {
	bool enabled;                   /* the section is present */
	char listen[80];                /* "ADDR:PORT" */
	struct nv_allow allow;          /* empty: any client */
	int max_connections;            /* 1 .. NV_MODBUS_MAX_CONN */
	int idle_timeout_s;             /* a connection silent this long is closed */
};

struct nv_bacnet_cfg {
	bool enabled;
	char listen[80];                /* "ADDR:PORT" (UDP) */
	uint32_t device_instance;       /* 0 .. 4194302 */
	int data_unit;                  /* the top-level data-unit: UNIT_* objects */
};

struct nv_gateways_cfg {
	struct nv_modbus_tcp_cfg modbus;
	struct nv_bacnet_cfg bacnet;
	struct nv_nut_cfg nut;
};

void nv_gateways_cfg_defaults(struct nv_gateways_cfg *c);

#define NV_CONFIG_GATEWAYS_NOPTS 3
cfg_opt_t *nv_config_gateways_opts(void);
bool nv_config_gateways_section(const char *name);

/* Check every value as it is parsed (after cfg_init). */
void nv_config_gateways_validators(cfg_t *cfg);
/* Read the parsed, checked sections into *c; 0, or -1 with
 * "PATH:LINE: ..." in err (a password file refused). */
int nv_config_gateways_store(cfg_t *cfg, const char *path, struct nv_gateways_cfg *c,
    char *err, size_t errlen);

#endif
