/*
 * config_handlers.c — parse and check the mail, syslog and exec sections
 * (config_handlers.h).  Every value is checked here, so that the plug-ins
 * never meet a setting they cannot use.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <confuse.h>

#include "config_handlers.h"
#include "confuse_file.h"
#include "filter.h"
#include "hostport.h"
#include "secret_file.h"

static cfg_opt_t rcpt_opts[] = {
	CFG_STR("address", NULL, CFGF_NODEFAULT),
	CFG_STR("type", "events", CFGF_NONE),
	NV_FILTER_OPTS,
	CFG_END()
};

static cfg_opt_t mail_opts[] = {
	CFG_STR("server", NULL, CFGF_NODEFAULT),
	CFG_STR("from", NULL, CFGF_NODEFAULT),
	CFG_STR("subject-prefix", "[UPS]", CFGF_NONE),
	CFG_STR("tls", "starttls", CFGF_NONE),
	CFG_STR("ca-file", "", CFGF_NONE),
	CFG_STR("user", "", CFGF_NONE),
	CFG_STR("password-file", "", CFGF_NONE),
	CFG_INT("delay", 0, CFGF_NONE),
	CFG_STR("report-time", "", CFGF_NONE),
	CFG_INT("timeout", 30, CFGF_NONE),
	CFG_INT("retries", 3, CFGF_NONE),
	CFG_INT("retry-interval", 30, CFGF_NONE),
	CFG_SEC("recipient", rcpt_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

static cfg_opt_t syslog_opts[] = {
	CFG_BOOL("local", cfg_true, CFGF_NONE),
	CFG_STR("facility", "local0", CFGF_NONE),
	CFG_STR("remote", "", CFGF_NONE),
	CFG_STR("ca-file", "", CFGF_NONE),
	CFG_STR_LIST("groups", "{ups, agent, service}", CFGF_NONE),
	CFG_INT("queue", 1000, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t exec_opts[] = {
	CFG_STR("command", NULL, CFGF_NODEFAULT),
	CFG_INT("timeout", 10, CFGF_NONE),
	NV_FILTER_OPTS,
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	/* MULTI so that an absent section counts 0 (checked: at most one) */
	CFG_SEC("mail", mail_opts, CFGF_MULTI),
	CFG_SEC("syslog", syslog_opts, CFGF_MULTI),
	CFG_SEC("exec", exec_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

cfg_opt_t *nv_config_notify_opts(void)
{
	return top_opts;
}

bool nv_config_notify_section(const char *name)
{
	return strcmp(name, "mail") == 0 || strcmp(name, "syslog") == 0 ||
	    strcmp(name, "exec") == 0;
}

void nv_notify_cfg_defaults(struct nv_notify_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->mail.port = 25;
	c->mail.tls = NV_TLS_STARTTLS;
	snprintf(c->mail.subject_prefix, sizeof(c->mail.subject_prefix), "[UPS]");
	c->mail.report_hour = c->mail.report_min = -1;
	c->mail.timeout_s = 30;
	c->mail.retries = 3;
	c->mail.retry_s = 30;
	c->syslog.local = true;
	c->syslog.facility = LOG_LOCAL0;
	c->syslog.groups = NV_SLG_UPS | NV_SLG_AGENT | NV_SLG_SERVICE;
	c->syslog.queue = 1000;
}

static int copy(char *dst, size_t len, const char *s)
{
	if (s == NULL || strlen(s) >= len)
		return -1;
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static const char *store_filter(cfg_t *sec, struct nv_filter_cfg *f)
{
	const char *why;

	memset(f, 0, sizeof(*f));
	why = nv_filter_parse(sec, &f->by, &f->severity, f->events, &f->n_events);
	return why != NULL ? why : nv_filter_check(f->by, f->n_events);
}

static const char *store_rcpt(cfg_t *sec, struct nv_mail_rcpt *r)
{
	const char *type = cfg_getstr(sec, "type");
	const char *a = cfg_getstr(sec, "address");

	memset(r, 0, sizeof(*r));
	if (copy(r->name, sizeof(r->name), cfg_title(sec)) == -1 || r->name[0] == '\0')
		return "recipient name must be 1-31 characters";
	if (a == NULL)
		return "address is required";
	if (copy(r->address, sizeof(r->address), a) == -1)
		return "address too long";
	if (strchr(a, '@') == NULL || strpbrk(a, " \t<>\r\n,") != NULL)
		return "address must be one mailbox, user@domain";
	if (strcmp(type, "events") == 0)
		r->type = NV_MAIL_EVENTS;
	else if (strcmp(type, "status") == 0)
		r->type = NV_MAIL_STATUS;
	else if (strcmp(type, "both") == 0)
		r->type = NV_MAIL_EVENTS | NV_MAIL_STATUS;
	else
		return "type must be events, status or both";
	return store_filter(sec, &r->filter);
}

static const char *store_mail_keys(cfg_t *sec, struct nv_mail_cfg *m)
{
	const char *s, *why, *tls = cfg_getstr(sec, "tls");
	int hh, mm;
	char tail;

	if ((s = cfg_getstr(sec, "server")) == NULL)
		return "server is required";
	if ((why = nv_hostport_parse(s, m->host, sizeof(m->host), &m->port, 25)) != NULL)
		return why;
	if ((s = cfg_getstr(sec, "from")) == NULL)
		return "from is required";
	if (copy(m->from, sizeof(m->from), s) == -1 || strchr(s, '@') == NULL ||
	    strpbrk(s, " \t<>\r\n") != NULL)
		return "from must be one mailbox, user@domain";
	if (copy(m->subject_prefix, sizeof(m->subject_prefix),
	    cfg_getstr(sec, "subject-prefix")) == -1 ||
	    strpbrk(m->subject_prefix, "\r\n") != NULL)
		return "subject-prefix: at most 63 characters on one line";
	if (strcmp(tls, "none") == 0)
		m->tls = NV_TLS_NONE;
	else if (strcmp(tls, "starttls") == 0)
		m->tls = NV_TLS_STARTTLS;
	else if (strcmp(tls, "required") == 0)
		m->tls = NV_TLS_REQUIRED;
	else
		return "tls must be none, starttls or required";
	if (copy(m->ca_file, sizeof(m->ca_file), cfg_getstr(sec, "ca-file")) == -1)
		return "ca-file path too long";
	if (m->ca_file[0] != '\0' && access(m->ca_file, R_OK) != 0)
		return "ca-file cannot be read";
	if (copy(m->user, sizeof(m->user), cfg_getstr(sec, "user")) == -1)
		return "user longer than 63 characters";
	s = cfg_getstr(sec, "password-file");
	if ((m->user[0] != '\0') != (s[0] != '\0'))
		return "user and password-file go together";
	if (s[0] != '\0' && (why = nv_secret_file_read(s, S_IROTH | S_IWOTH,
	    m->password, sizeof(m->password))) != NULL)
		return why;
	m->delay_s = (int)cfg_getint(sec, "delay");
	if (m->delay_s < 0 || m->delay_s > 3600)
		return "delay must be 0-3600 (s)";
	s = cfg_getstr(sec, "report-time");
	if (s[0] != '\0') {
		if (sscanf(s, "%2d:%2d%c", &hh, &mm, &tail) != 2 || hh < 0 || hh > 23 ||
		    mm < 0 || mm > 59)
			return "report-time must be HH:MM (00:00-23:59)";
		m->report_hour = hh;
		m->report_min = mm;
	}
	m->timeout_s = (int)cfg_getint(sec, "timeout");
	if (m->timeout_s < 1 || m->timeout_s > 600)
		return "timeout must be 1-600 (s)";
	m->retries = (int)cfg_getint(sec, "retries");
	if (m->retries < 0 || m->retries > 10)
		return "retries must be 0-10";
	m->retry_s = (int)cfg_getint(sec, "retry-interval");
	if (m->retry_s < 1 || m->retry_s > 3600)
		return "retry-interval must be 1-3600 (s)";
	return NULL;
}

static int store_mail(cfg_t *sec, const char *path, struct nv_mail_cfg *m,
    char *err, size_t errlen)
{
	const char *why = store_mail_keys(sec, m);
	unsigned n = cfg_size(sec, "recipient");

	if (why != NULL) {
		snprintf(err, errlen, "%s:%d: mail: %s", path, sec->line, why);
		return -1;
	}
	if (n > NV_MAX_MAIL_RCPT) {
		snprintf(err, errlen, "%s:%d: mail: at most %d recipients", path,
		    cfg_getnsec(sec, "recipient", NV_MAX_MAIL_RCPT)->line, NV_MAX_MAIL_RCPT);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		cfg_t *r = cfg_getnsec(sec, "recipient", i);

		if ((why = store_rcpt(r, &m->rcpt[i])) != NULL) {
			snprintf(err, errlen, "%s:%d: mail: recipient %s: %s", path,
			    r->line, cfg_title(r), why);
			return -1;
		}
	}
	m->n = n;
	m->enabled = true;
	return 0;
}

int nv_syslog_facility_parse(const char *s)
{
	static const struct { const char *name; int fac; } facs[] = {
		{ "daemon", LOG_DAEMON }, { "user", LOG_USER },
		{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
		{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
		{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
		{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
	};

	for (size_t i = 0; i < sizeof(facs) / sizeof(facs[0]); i++)
		if (strcmp(s, facs[i].name) == 0)
			return facs[i].fac;
	return -1;
}

static const char *store_syslog_keys(cfg_t *sec, struct nv_syslog_cfg *c)
{
	const char *r = cfg_getstr(sec, "remote"), *why;

	c->local = cfg_getbool(sec, "local");
	if ((c->facility = nv_syslog_facility_parse(cfg_getstr(sec, "facility"))) == -1)
		return "facility must be daemon, user or local0-local7";
	c->groups = 0;
	for (unsigned i = 0; i < cfg_size(sec, "groups"); i++) {
		const char *g = cfg_getnstr(sec, "groups", i);

		if (strcmp(g, "ups") == 0)
			c->groups |= NV_SLG_UPS;
		else if (strcmp(g, "agent") == 0)
			c->groups |= NV_SLG_AGENT;
		else if (strcmp(g, "service") == 0)
			c->groups |= NV_SLG_SERVICE;
		else
			return "groups: each must be ups, agent or service";
	}
	c->queue = (int)cfg_getint(sec, "queue");
	if (c->queue < 1 || c->queue > 100000)
		return "queue must be 1-100000 (messages)";
	if (copy(c->ca_file, sizeof(c->ca_file), cfg_getstr(sec, "ca-file")) == -1)
		return "ca-file path too long";
	if (c->ca_file[0] != '\0' && access(c->ca_file, R_OK) != 0)
		return "ca-file cannot be read";
	if (r[0] == '\0')
		return NULL;
	if (strncmp(r, "udp://", 6) == 0)
		c->proto = NV_SL_UDP;
	else if (strncmp(r, "tcp://", 6) == 0)
		c->proto = NV_SL_TCP;
	else if (strncmp(r, "tls://", 6) == 0)
		c->proto = NV_SL_TLS;
	else
		return "remote must be udp://HOST[:PORT], tcp://... or tls://...";
	why = nv_hostport_parse(r + 6, c->host, sizeof(c->host), &c->port,
	    c->proto == NV_SL_TLS ? 6514 : 514);
	if (why != NULL)
		return why;
	c->has_remote = true;
	return NULL;
}

int nv_split_command(const char *cmd, char *buf, size_t buflen,
    char **argv, int max, const char **why)
{
	size_t o = 0;
	int argc = 0;
	const char *p = cmd;

	while (*p != '\0') {
		char quote = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (argc == max - 1) {
			*why = "too many words";
			return -1;
		}
		argv[argc++] = buf + o;
		for (; *p != '\0' && (quote != 0 || (*p != ' ' && *p != '\t')); p++) {
			if (quote == 0 && (*p == '\'' || *p == '"')) {
				quote = *p;
				continue;
			}
			if (quote != 0 && *p == quote) {
				quote = 0;
				continue;
			}
			if (*p == '\\' && quote != '\'' && p[1] != '\0')
				p++;
			if (o + 2 > buflen) {
				*why = "command too long";
				return -1;
			}
			buf[o++] = *p;
		}
		if (quote != 0) {
			*why = "unterminated quote";
			return -1;
		}
		buf[o++] = '\0';
	}
	argv[argc] = NULL;
	if (argc == 0) {
		*why = "empty command";
		return -1;
	}
	return argc;
}

static const char *store_exec(cfg_t *sec, struct nv_exec_cfg *e)
{
	const char *cmd = cfg_getstr(sec, "command"), *why;
	char buf[sizeof(e->command)], *argv[64];

	memset(e, 0, sizeof(*e));
	if (copy(e->name, sizeof(e->name), cfg_title(sec)) == -1 || e->name[0] == '\0')
		return "name must be 1-31 characters";
	if (cmd == NULL)
		return "command is required";
	if (copy(e->command, sizeof(e->command), cmd) == -1)
		return "command longer than 511 characters";
	if (nv_split_command(cmd, buf, sizeof(buf), argv, 64, &why) == -1)
		return why;
	if (argv[0][0] != '/')
		return "command must start with an absolute path";
	e->timeout_s = (int)cfg_getint(sec, "timeout");
	if (e->timeout_s < 1 || e->timeout_s > 3600)
		return "timeout must be 1-3600 (s)";
	return store_filter(sec, &e->filter);
}

int nv_config_notify_store(cfg_t *cfg, const char *path, struct nv_notify_cfg *c,
    char *err, size_t errlen)
{
	cfg_t *sec;
	const char *why;
	unsigned n = cfg_size(cfg, "exec");

	nv_notify_cfg_defaults(c);
	for (int i = 0; i < 2; i++) {
		const char *name = i == 0 ? "mail" : "syslog";

		if (cfg_size(cfg, name) > 1) {
			snprintf(err, errlen, "%s:%d: only one %s section", path,
			    cfg_getnsec(cfg, name, 1)->line, name);
			return -1;
		}
	}
	if (cfg_size(cfg, "mail") > 0 && (sec = cfg_getsec(cfg, "mail")) != NULL &&
	    store_mail(sec, path, &c->mail, err, errlen) == -1)
		return -1;
	if (cfg_size(cfg, "syslog") > 0 && (sec = cfg_getsec(cfg, "syslog")) != NULL) {
		if ((why = store_syslog_keys(sec, &c->syslog)) != NULL) {
			snprintf(err, errlen, "%s:%d: syslog: %s", path, sec->line, why);
			return -1;
		}
		c->syslog.enabled = true;
	}
	if (n > NV_MAX_EXEC) {
		snprintf(err, errlen, "%s:%d: at most %d exec sections", path,
		    cfg_getnsec(cfg, "exec", NV_MAX_EXEC)->line, NV_MAX_EXEC);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		sec = cfg_getnsec(cfg, "exec", i);
		if ((why = store_exec(sec, &c->exec[i])) != NULL) {
			snprintf(err, errlen, "%s:%d: exec %s: %s", path, sec->line,
			    cfg_title(sec), why);
			return -1;
		}
	}
	c->n_exec = n;
	return 0;
}

int nv_config_notify_load(const char *path, struct nv_notify_cfg *c,
    char *err, size_t errlen)
{
	cfg_t *cfg = nv_confuse_parse(top_opts, path, err, errlen);
	int rc;

	if (cfg == NULL)
		return -1;
	rc = nv_config_notify_store(cfg, path, c, err, errlen);
	cfg_free(cfg);
	return rc;
}
