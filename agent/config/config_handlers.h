/*
 * config_handlers.h — the mail, syslog and exec sections of nvagent.conf
 * (also the whole of nvtraphandle's config).  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_HANDLERS_H
#define NV_CONFIG_HANDLERS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "config_traps.h"

#define NV_MAX_MAIL_RCPT        8
#define NV_MAX_EXEC             8

struct nv_filter_cfg {
	enum nv_rcv_filter by;
	int severity;                   /* enum nv_severity: the lowest sent */
	size_t n_events;
	char events[NV_RCV_MAX_EVENTS][32];
};

enum nv_mail_type { NV_MAIL_EVENTS = 1, NV_MAIL_STATUS = 2 };   /* a bit set */
enum nv_mail_tls { NV_TLS_NONE, NV_TLS_STARTTLS, NV_TLS_REQUIRED };

struct nv_mail_rcpt {
	char name[32];
	char address[128];
	int type;                       /* NV_MAIL_EVENTS | NV_MAIL_STATUS */
	struct nv_filter_cfg filter;
};

struct nv_mail_cfg {
	bool enabled;                   /* a mail section is present */
	char host[128];
	int port;
	char from[128];
	char subject_prefix[64];
	enum nv_mail_tls tls;
	char ca_file[PATH_MAX];         /* "" = the system's CA store */
	char user[64];                  /* "" = no AUTH */
	char password[128];             /* read from password-file */
	int delay_s;                    /* delay before sending */
	int report_hour, report_min;    /* daily status report; -1 = none */
	int timeout_s;                  /* one SMTP session */
	int retries;                    /* after the first attempt */
	int retry_s;                    /* first backoff, doubled each time */
	size_t n;
	struct nv_mail_rcpt rcpt[NV_MAX_MAIL_RCPT];
};

enum nv_syslog_group { NV_SLG_UPS = 1, NV_SLG_AGENT = 2, NV_SLG_SERVICE = 4 };
enum nv_syslog_proto { NV_SL_UDP, NV_SL_TCP, NV_SL_TLS };

struct nv_syslog_cfg {
	bool enabled;                   /* a syslog section is present */
	bool local;                     /* also syslog(3) */
	int facility;                   /* LOG_LOCAL0 ... (syslog.h value) */
	int groups;                     /* enum nv_syslog_group bits */
	bool has_remote;
	enum nv_syslog_proto proto;
	char host[128];
	int port;
	char ca_file[PATH_MAX];         /* tls:// */
	int queue;                      /* messages kept while the server is down */
};

struct nv_exec_cfg {
	char name[32];
	char command[512];
	int timeout_s;
	struct nv_filter_cfg filter;
};

struct nv_notify_cfg {
	struct nv_mail_cfg mail;
	struct nv_syslog_cfg syslog;
	size_t n_exec;
	struct nv_exec_cfg exec[NV_MAX_EXEC];
};

void nv_notify_cfg_defaults(struct nv_notify_cfg *c);

/* Options to add to the top level of a libconfuse parser
 * (NV_CONFIG_NOTIFY_NOPTS of them before CFG_END). */
#define NV_CONFIG_NOTIFY_NOPTS 3
cfg_opt_t *nv_config_notify_opts(void);
bool nv_config_notify_section(const char *name);

/* Read the parsed sections into *c, checking every value (and the
 * password file's mode); -1 with "FILE:LINE: what is wrong" in err. */
int nv_config_notify_store(cfg_t *cfg, const char *path, struct nv_notify_cfg *c,
    char *err, size_t errlen);

/* Parse a file holding only these sections (nvtraphandle, tests). */
int nv_config_notify_load(const char *path, struct nv_notify_cfg *c,
    char *err, size_t errlen);

/* Split a command line into at most max-1 words (quotes '..' and "..",
 * backslash escapes; no shell).  Words point into buf.  The count, or -1
 * with why in *why. */
int nv_split_command(const char *cmd, char *buf, size_t buflen,
    char **argv, int max, const char **why);

/* "local0" ... into a syslog.h facility; -1 when unknown. */
int nv_syslog_facility_parse(const char *s);

#endif
