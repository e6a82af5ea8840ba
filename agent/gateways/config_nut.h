/*
 * config_nut.h — the `nut { ... }` section of nvagent.conf: the Network
 * UPS Tools server (RFC 9271), its listen addresses, limits and users
 * (as upsd.conf and upsd.users hold them).  Off unless the section is
 * present.  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_NUT_H
#define NV_CONFIG_NUT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr_allow.h"

typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

#define NV_NUT_PORT             3493
#define NV_NUT_MAX_LISTEN       4
#define NV_NUT_MAX_USERS        16
#define NV_NUT_MAX_CONN         512     /* select(): below FD_SETSIZE with the rest */

enum nv_nut_upsmon { NV_NUT_UPSMON_NONE = 0, NV_NUT_UPSMON_PRIMARY, NV_NUT_UPSMON_SECONDARY };

struct nv_nut_user {
	char name[64];
	char password[128];             /* read from password-file */
	enum nv_nut_upsmon upsmon;
	bool may_set, may_fsd;          /* actions = { SET, FSD } */
	bool all_instcmds;              /* instcmds = { ALL } */
	uint32_t instcmds;              /* bit i: nv_nut_cmds[i] (nut_dict.h) */
};

struct nv_nut_cfg {
	bool enabled;                   /* the section is present */
	int n_listen;
	char listen[NV_NUT_MAX_LISTEN][80];     /* "ADDR:PORT", "[::1]:PORT" */
	struct nv_allow allow;          /* empty: any client */
	int max_connections;            /* 1 .. NV_NUT_MAX_CONN */
	int idle_timeout_s;             /* a connection silent this long is closed */
	int client_duration_s;          /* a logged-in client's shutdown time; 0: none */
	char ups_name[32];              /* LIST UPS name ("ups") */
	char description[64];           /* its UPSDESC */
	char certificate[PATH_MAX];     /* STARTTLS: PEM chain; "" = no TLS */
	char key[PATH_MAX];             /* its private key (PEM) */
	int data_unit;                  /* the top-level data-unit: the view served */
	int n_users;
	struct nv_nut_user user[NV_NUT_MAX_USERS];
};

void nv_nut_cfg_defaults(struct nv_nut_cfg *c);

/* The section's options (the "nut" entry of config_gateways.c). */
cfg_opt_t *nv_config_nut_opts(void);
/* Check every value as it is parsed (after cfg_init). */
void nv_config_nut_validators(cfg_t *cfg);
/* Read the parsed section into *c (password files read here); 0, or -1
 * with "PATH:LINE: ..." in err. */
int nv_config_nut_store(cfg_t *cfg, const char *path, struct nv_nut_cfg *c,
    char *err, size_t errlen);

/* The user NAME of c, or NULL. */
const struct nv_nut_user *nv_nut_user_find(const struct nv_nut_cfg *c, const char *name);

#endif
