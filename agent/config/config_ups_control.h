/*
 * config_ups_control.h — the UPS-control part of nvagent.conf:
 *   controls [PROFILE] { shutoff-register = 0x1580 ... }   register overrides
 *   wol target NAME { mac = "..."  enabled = true  description = "..." }
 *   wol { address = "255.255.255.255:9" }
 * See nvagent.conf(5).  libconfuse cannot read "wol target NAME {" nor an
 * untitled "controls {", so nv_config_upsctl_rewrite() turns them into
 * "wol-target NAME {" and "controls any {" before parsing, keeping lines.
 */
#ifndef NV_CONFIG_UPS_CONTROL_H
#define NV_CONFIG_UPS_CONTROL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config_traps.h"       /* cfg_t, cfg_opt_t */

#define NV_WOL_MAX_TARGETS      32
#define NV_WOL_DEFAULT_ADDRESS  "255.255.255.255:9"

struct nv_wol_target {
	char name[32];
	uint8_t mac[6];
	bool enabled;
	char description[64];
};

struct nv_wol_cfg {
	size_t n;
	struct nv_wol_target t[NV_WOL_MAX_TARGETS];
	char address[128];      /* IPv4:port the magic packets go to */
};

/* Index: 0 = "controls any" / "controls {", then enum nv_protocol. */
#define NV_CONTROLS_ANY 0
#define NV_CONTROLS_N   4

/* One controls section: each field, when >= 0, replaces the device
 * profile's register or value (the device layer applies it). */
struct nv_control_override {
	int perm_addr, perm_words, perm_remote_bit;
	int shutoff_addr, type_restart, type_stay_off, type_cancel;
};

struct nv_controls_cfg {
	struct nv_control_override ovr[NV_CONTROLS_N];
};

void nv_wol_cfg_defaults(struct nv_wol_cfg *w);
void nv_controls_cfg_defaults(struct nv_controls_cfg *c);
/* The override for a protocol: its own fields, else the "any" section's. */
void nv_controls_for(const struct nv_controls_cfg *c, int proto,
    struct nv_control_override *out);

/* Options for the parser (CFG_END-ended, NOPTS of them): controls { },
 * a device's (the top level or a device section), and wol, the agent's. */
#define NV_CONFIG_CONTROLS_NOPTS 1
#define NV_CONFIG_WOL_NOPTS 2
cfg_opt_t *nv_config_controls_opts(void);
cfg_opt_t *nv_config_wol_opts(void);
bool nv_config_upsctl_section(const char *name);

/* A memory copy of fp with the two rewrites done (fp is closed), or NULL
 * with errno set (fp is then left open). */
FILE *nv_config_upsctl_rewrite(FILE *fp);

/* Read the parsed sections, checking every value; -1 and "FILE:LINE: ...".
 * scope: the top level or a device section. */
int nv_config_controls_store(cfg_t *scope, const char *path, struct nv_controls_cfg *c,
    char *err, size_t errlen);
int nv_config_wol_store(cfg_t *cfg, const char *path, struct nv_wol_cfg *w,
    char *err, size_t errlen);

/* "a.b.c.d:port" (port 1-65535, default 9): 0, or -1 when malformed. */
int nv_wol_parse_address(const char *s, uint32_t *ip_be, uint16_t *port);

#endif
