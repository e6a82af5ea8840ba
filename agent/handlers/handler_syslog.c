/*
 * handler_syslog.c — the syslog plug-in.  Local messages go through
 * syslog(3) with the configured facility in the priority (so nv_log's own
 * openlog() is left alone); remote ones are RFC 5424 with the event as
 * MSGID and the trap as structured data, queued to syslog_remote.c.
 * When the agent serves several devices, both name the event's device:
 * "[NAME] " before the event in the text, device="NAME" in the SD.
 */
#define _GNU_SOURCE     /* program_invocation_short_name */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

#include "diag_log.h"
#include "handler_syslog.h"
#include "human_text.h"
#include "logs.h"
#include "nvconfig.h"
#include "syslog_remote.h"

/* SD-ID: our name at SOCOMEC's enterprise number, whose traps these are */
#define SD_ID "nvagent@4555"

struct syslog_state {
	struct nv_syslog_cfg cfg;
	struct nv_syslog_remote *remote;
	const char *app;
	struct nv_handler_env env;
};

static int prio_of(enum nv_severity s)
{
	switch (s) {
	case NV_SEV_CRITICAL:
		return LOG_CRIT;
	case NV_SEV_WARNING:
		return LOG_WARNING;
	default:
		return LOG_INFO;
	}
}

/* An SD-PARAM value: '"', '\' and ']' escaped (RFC 5424 6.3.3). */
static void sd_escape(char *dst, size_t len, const char *s)
{
	size_t o = 0;

	for (; *s != '\0' && o + 3 < len; s++) {
		if (*s == '"' || *s == '\\' || *s == ']')
			dst[o++] = '\\';
		dst[o++] = *s;
	}
	dst[o] = '\0';
}

void nv_syslog_local_line(char *buf, size_t len, const char *agent,
    const struct nv_notification *n, const char *device)
{
	char tag[NV_DEVICE_NAME_MAX + 3];

	nv_notice_tag(device, tag, sizeof(tag));
	snprintf(buf, len, "%s: %s%s: %s (%s)", agent, tag, n->event != NULL ? n->event : "-",
	    n->text, nv_severity_name(n->severity));
}

void nv_syslog_event_message(char *msg, size_t len, const struct nv_syslog_cfg *cfg,
    const char *app, const char *agent, const struct nv_notification *n,
    const char *device)
{
	char oid[NV_OID_MAX * 11 + 1], sd[1024], text[2 * sizeof(n->text)], name[2 * 128];
	char msgid[33], dev[2 * NV_DEVICE_NAME_MAX + 16] = "", tag[NV_DEVICE_NAME_MAX + 3];

	nv_oid_format(&n->trap_oid, oid, sizeof(oid));
	sd_escape(name, sizeof(name), agent);
	if (device != NULL) {
		char esc[2 * NV_DEVICE_NAME_MAX];

		sd_escape(esc, sizeof(esc), device);
		snprintf(dev, sizeof(dev), " device=\"%s\"", esc);
	}
	snprintf(sd, sizeof(sd), "[" SD_ID " severity=\"%s\" trap=\"%s\" mib=\"%s\" agent=\"%s\"%s]",
	    nv_severity_name(n->severity), oid, nv_mib_family_name(n->family), name, dev);
	/* MSGID: printable ASCII, at most 32 */
	snprintf(msgid, sizeof(msgid), "%s", n->event != NULL ? n->event : "-");
	nv_notice_tag(device, tag, sizeof(tag));
	snprintf(text, sizeof(text), "%s: %s%s (%s)", agent, tag, n->text,
	    nv_severity_name(n->severity));
	nv_syslog_format(msg, len, cfg->facility, prio_of(n->severity),
	    n->wallclock != 0 ? n->wallclock : time(NULL), app, msgid, sd, text);
}

static void syslog_handle(void *state, const struct nv_notification *n)
{
	struct syslog_state *st = state;
	const char *device = nv_handler_device_named(&st->env, n);
	char msg[2048];

	if (!st->cfg.enabled || !nv_notice_wanted_family(n))
		return;
	if (!n->to_all && !(nv_notice_group(n) & st->cfg.groups))
		return;
	if (st->cfg.local) {
		nv_syslog_local_line(msg, sizeof(msg), st->env.system->name, n, device);
		syslog(st->cfg.facility | prio_of(n->severity), "%s", msg);
	}
	if (st->remote == NULL)
		return;
	nv_syslog_event_message(msg, sizeof(msg), &st->cfg, st->app, st->env.system->name,
	    n, device);
	nv_syslog_remote_send(st->remote, msg);
}

/* An agent event log entry (logs.c's subscriber): the "agent" group. */
static void syslog_agentlog(void *arg, enum nv_ev_level level, const char *text)
{
	static const enum nv_severity sev[] = { NV_SEV_INFORMATION, NV_SEV_WARNING,
		NV_SEV_CRITICAL };
	struct syslog_state *st = arg;
	enum nv_severity s = sev[level <= NV_EV_CRITICAL ? level : NV_EV_CRITICAL];
	char sd[512], name[2 * 128], line[1024], msg[2048];

	if (!st->cfg.enabled || !(st->cfg.groups & NV_SLG_AGENT))
		return;
	if (st->cfg.local)
		syslog(st->cfg.facility | prio_of(s), "%s: agent-log: %s (%s)",
		    st->env.system->name, text, nv_severity_name(s));
	if (st->remote == NULL)
		return;
	sd_escape(name, sizeof(name), st->env.system->name);
	snprintf(sd, sizeof(sd), "[" SD_ID " severity=\"%s\" agent=\"%s\"]",
	    nv_severity_name(s), name);
	snprintf(line, sizeof(line), "%s: %s (%s)", st->env.system->name, text,
	    nv_severity_name(s));
	nv_syslog_format(msg, sizeof(msg), st->cfg.facility, prio_of(s), time(NULL),
	    st->app, "agent-log", sd, line);
	nv_syslog_remote_send(st->remote, msg);
}

static int start(struct syslog_state *st, const struct nv_handler_env *env)
{
	st->env = *env;
	st->cfg = *(const struct nv_syslog_cfg *)env->section;
	st->remote = NULL;
	if (st->cfg.enabled && st->cfg.has_remote &&
	    (st->remote = nv_syslog_remote_new(&st->cfg)) == NULL)
		return -1;
	return 0;
}

static int syslog_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct syslog_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		nv_log(LOG_ERR, "syslog: out of memory");
		return -1;
	}
	st->app = program_invocation_short_name;
	if (start(st, env) == -1) {
		free(st);
		return -1;
	}
	if (env->logs != NULL)
		nv_logs_subscribe(*env->logs, syslog_agentlog, st);
	*state = st;
	return 0;
}

static int syslog_reload(void *state, const struct nv_handler_env *env)
{
	struct syslog_state *st = state;
	struct nv_syslog_remote *old = st->remote;

	/* a new remote only when it changed: the queue is kept otherwise */
	if (memcmp(&st->cfg, env->section, sizeof(st->cfg)) == 0) {
		st->env = *env;
		return 0;
	}
	nv_syslog_remote_free(old);
	return start(st, env);
}

bool nv_syslog_flush(void *state, int timeout_s)
{
	struct syslog_state *st = state;

	return st->remote == NULL || nv_syslog_remote_flush(st->remote, timeout_s);
}

static void syslog_fini(void *state)
{
	struct syslog_state *st = state;

	if (st->env.logs != NULL)
		nv_logs_subscribe(*st->env.logs, NULL, NULL);
	nv_syslog_remote_free(st->remote);
	free(st);
}

static const void *syslog_section(const struct nv_config *cfg)
{
	return &cfg->notify.syslog;
}

const struct nv_handler_ops nv_handler_syslog = {
	.name = "syslog",
	.section = syslog_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_TRAP),
	.init = syslog_init,
	.handle = syslog_handle,
	.reload = syslog_reload,
	.fini = syslog_fini,
};
