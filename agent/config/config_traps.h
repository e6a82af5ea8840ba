/*
 * config_traps.h — the notification part of nvagent.conf: up to 8
 * `trap-receiver NAME { ... }` sections and `events { debounce = MS }`.
 * See nvagent.conf(5).  The same struct is changed at run time by SETs on
 * upsAgentTrapsReceiversTable (and then saved by trap_receivers_store.c).
 */
#ifndef NV_CONFIG_TRAPS_H
#define NV_CONFIG_TRAPS_H

#include <stdbool.h>
#include <stddef.h>

/* libconfuse's types, without its header for everyone including nvconfig.h */
typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

#define NV_MAX_RECEIVERS        8
#define NV_RCV_MAX_EVENTS       48

enum nv_rcv_version { NV_RCV_V1 = 1, NV_RCV_V2C, NV_RCV_V3 };
/* values of receiverNmstype in the SOCOMEC MIB */
enum nv_rcv_mib { NV_RCV_MIB_NONE = 1, NV_RCV_MIB_RFC1628 = 2, NV_RCV_MIB_SOCOMEC = 3 };
enum nv_rcv_filter { NV_RCV_BY_SEVERITY, NV_RCV_BY_EVENTS };

struct nv_receiver {
	char name[32];
	char address[128];              /* host[:port], port 162 by default */
	enum nv_rcv_version version;
	char community[32];             /* v1 / v2c */
	char user[32];                  /* v3 USM user */
	char auth_pass[64], priv_pass[64]; /* v3: SHA / AES; "" = none */
	enum nv_rcv_mib mib;
	bool inform;                    /* v2c / v3 only */
	int retries, timeout_ms;        /* inform */
	enum nv_rcv_filter filter;
	int severity;                   /* enum nv_severity: the lowest sent */
	bool alarm_entry_filter;        /* the manual's "TRAP 3/4 filter" */
	size_t n_events;
	char events[NV_RCV_MAX_EVENTS][32];
};

struct nv_traps_cfg {
	size_t n;
	struct nv_receiver rcv[NV_MAX_RECEIVERS];
	int debounce_ms;
};

void nv_traps_cfg_defaults(struct nv_traps_cfg *t);
void nv_receiver_defaults(struct nv_receiver *r);

/* Options to add to the top level of a libconfuse parser (CFG_END-ended,
 * NV_CONFIG_TRAPS_NOPTS of them before the end). */
#define NV_CONFIG_TRAPS_NOPTS 2
cfg_opt_t *nv_config_traps_opts(void);
/* Is NAME one of these sections ("trap-receiver", "events")? */
bool nv_config_traps_section(const char *name);

/* Read the parsed sections into *t, checking every value; on error -1
 * and "FILE:LINE: what is wrong" in err. */
int nv_config_traps_store(cfg_t *cfg, const char *path, struct nv_traps_cfg *t,
    char *err, size_t errlen);

/* Parse a file holding only these sections (tests, tools). */
int nv_config_traps_load(const char *path, struct nv_traps_cfg *t,
    char *err, size_t errlen);

/* Check one receiver as a whole (address, v3 keys, filter); NULL or why. */
const char *nv_receiver_check(const struct nv_receiver *r);

#endif
