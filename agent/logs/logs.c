/* logs.c — the five persistent logs of nvagentd; see logs.h. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag_log.h"
#include "logs.h"
#include "logs_csv.h"
#include "ring.h"

#define TAG(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | \
	(uint32_t)(c) << 16 | (uint32_t)(d) << 24)

/* One row per log: its name, file, ring schema and how it is announced.
 * History and extended history are version 2: the EMD's two columns. */
static const struct log_def {
	const char *name;
	const char *file;
	const char *title;              /* for the agent log */
	struct nv_ring_schema schema;
} log_defs[NV_LOGID_COUNT] = {
	[NV_LOGID_HISTORY]      = { "history", "history.ring", "History log",
	    { TAG('H', 'I', 'S', 'T'), 2, sizeof(struct nv_hist_rec) } },
	[NV_LOGID_EXTENDED]     = { "extended", "extended.ring", "Extended history log",
	    { TAG('E', 'X', 'T', 'H'), 2, sizeof(struct nv_ext_rec) } },
	[NV_LOGID_UPS_EVENTS]   = { "ups-events", "ups-events.ring", "UPS event log",
	    { TAG('U', 'P', 'S', 'E'), 1, sizeof(struct nv_event_rec) } },
	[NV_LOGID_STS_EVENTS]   = { "sts-events", "sts-events.ring", "STS event log",
	    { TAG('S', 'T', 'S', 'E'), 1, sizeof(struct nv_event_rec) } },
	[NV_LOGID_AGENT_EVENTS] = { "agent-events", "agent-events.ring", "Agent event log",
	    { TAG('A', 'G', 'T', 'E'), 1, sizeof(struct nv_event_rec) } },
};

struct nv_logs {
	char dir[PATH_MAX];
	struct nv_logs_cfg cfg;
	struct nv_ring *ring[NV_LOGID_COUNT];
	struct nv_history hist;
	enum nv_kind kind;              /* device seen last: CSV header of an empty log */
	struct nv_ratelimit write_rl;   /* write errors during a disk-full spell */
	nv_agentlog_fn sub;             /* agent events also go there (syslog) */
	void *sub_arg;
	bool in_sub;                    /* inside sub: no loop through it */
};

void nv_logs_cfg_defaults(struct nv_logs_cfg *c)
{
	c->history_interval = 60;
	c->extended_interval = 60;
	c->records = 2048;
}

int nv_logs_cfg_check(const struct nv_logs_cfg *c, char *err, size_t errlen)
{
	static const struct { const char *key; long min, max; size_t off; } keys[] = {
		{ "history-interval", NV_LOGS_HIST_MIN, NV_LOGS_HIST_MAX,
		    offsetof(struct nv_logs_cfg, history_interval) },
		{ "extended-interval", NV_LOGS_EXT_MIN, NV_LOGS_EXT_MAX,
		    offsetof(struct nv_logs_cfg, extended_interval) },
		{ "records", NV_LOGS_RECORDS_MIN, NV_LOGS_RECORDS_MAX,
		    offsetof(struct nv_logs_cfg, records) },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int v;

		memcpy(&v, (const char *)c + keys[i].off, sizeof(v));
		if (v < keys[i].min || v > keys[i].max) {
			snprintf(err, errlen, "logs: %s = %d is out of range %ld..%ld",
			    keys[i].key, v, keys[i].min, keys[i].max);
			return -1;
		}
	}
	return 0;
}

const char *nv_log_id_name(enum nv_log_id id)
{
	return (int)id >= 0 && id < NV_LOGID_COUNT ? log_defs[id].name : "unknown";
}

int nv_log_id_parse(const char *name)
{
	for (int i = 0; i < NV_LOGID_COUNT; i++)
		if (strcmp(log_defs[i].name, name) == 0)
			return i;
	return -1;
}

static void append(struct nv_logs *l, enum nv_log_id id, const void *rec)
{
	char err[PATH_MAX + 64];
	unsigned suppressed = 0;

	if (l->ring[id] == NULL || nv_ring_append(l->ring[id], rec, err, sizeof(err)) != 0)
		return;
	if (nv_ratelimit_ok(&l->write_rl, &suppressed))
		nv_log(LOG_ERR, "%s (%u similar suppressed)", err, suppressed);
}

void nv_agentlog(struct nv_logs *l, enum nv_ev_level level, const char *fmt, ...)
{
	static const int prio[] = { LOG_INFO, LOG_WARNING, LOG_CRIT };
	struct nv_event_rec r;
	char text[NV_EV_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	nv_log(prio[level <= NV_EV_CRITICAL ? level : NV_EV_CRITICAL], "%s", text);
	if (l == NULL)
		return;
	nv_event_make(&r, NV_EV_AGENT, level, NV_EV_ONCE, -1, time(NULL), text);
	append(l, NV_LOGID_AGENT_EVENTS, &r);
	if (l->sub != NULL && !l->in_sub) {
		l->in_sub = true;
		l->sub(l->sub_arg, level, text);
		l->in_sub = false;
	}
}

void nv_logs_subscribe(struct nv_logs *l, nv_agentlog_fn fn, void *arg)
{
	if (l == NULL)
		return;
	l->sub = fn;
	l->sub_arg = arg;
}

static int open_one(struct nv_logs *l, enum nv_log_id id, enum nv_ring_found *found,
    char *err, size_t errlen)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", l->dir, log_defs[id].file) >=
	    sizeof(path)) {
		snprintf(err, errlen, "%s: state-dir path too long", l->dir);
		return -1;
	}
	l->ring[id] = nv_ring_open(path, &log_defs[id].schema, (uint32_t)l->cfg.records,
	    NV_LOGS_SYNC_INTERVAL, found, err, errlen);
	return l->ring[id] != NULL ? 0 : -1;
}

/* What the agent log says about a log file found changed on disk. */
static void announce(struct nv_logs *l, enum nv_log_id id, enum nv_ring_found f)
{
	const char *title = log_defs[id].title;

	if (f == NV_RING_RECREATED)
		nv_agentlog(l, NV_EV_WARNING, "%s schema changed. Log has been re-created.", title);
	else if (f == NV_RING_CORRUPT)
		nv_agentlog(l, NV_EV_WARNING, "%s file was unreadable. Log has been re-created.", title);
	else if (f == NV_RING_RESIZED)
		nv_agentlog(l, NV_EV_INFO, "%s size changed to %d records", title, l->cfg.records);
}

struct nv_logs *nv_logs_open(const char *dir, const struct nv_logs_cfg *cfg,
    char *err, size_t errlen)
{
	enum nv_ring_found found[NV_LOGID_COUNT];
	struct nv_logs *l;

	if (nv_logs_cfg_check(cfg, err, errlen) < 0)
		return NULL;
	if (mkdir(dir, 0750) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: cannot create state-dir: %s", dir, strerror(errno));
		return NULL;
	}
	l = calloc(1, sizeof(*l));
	if (l == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	snprintf(l->dir, sizeof(l->dir), "%s", dir);
	l->cfg = *cfg;
	l->kind = NV_KIND_UPS;
	l->write_rl.interval = 60;
	nv_history_init(&l->hist, cfg->history_interval, cfg->extended_interval * 60);
	for (int i = 0; i < NV_LOGID_COUNT; i++) {
		if (open_one(l, i, &found[i], err, errlen) < 0) {
			nv_logs_close(l);
			return NULL;
		}
	}
	/* the agent log is open now: it can tell what happened to the others */
	for (int i = 0; i < NV_LOGID_COUNT; i++)
		announce(l, i, found[i]);
	return l;
}

void nv_logs_close(struct nv_logs *l)
{
	struct nv_ext_rec er;

	if (l == NULL)
		return;
	/* the period so far is worth keeping: it says its own start and end */
	if (l->ring[NV_LOGID_EXTENDED] != NULL &&
	    nv_ext_acc_record(&l->hist.acc, time(NULL), &er))
		append(l, NV_LOGID_EXTENDED, &er);
	for (int i = 0; i < NV_LOGID_COUNT; i++)
		nv_ring_close(l->ring[i]);
	free(l);
}

void nv_logs_sample(struct nv_logs *l, const struct nv_snapshot *s, double now)
{
	struct nv_hist_rec hr;
	struct nv_ext_rec er;
	bool hist_due, ext_due;

	if (s->kind == NV_KIND_UPS || s->kind == NV_KIND_STS)
		l->kind = s->kind;
	nv_history_feed(&l->hist, s, now, &hist_due, &hr, &ext_due, &er);
	if (ext_due)
		append(l, NV_LOGID_EXTENDED, &er);
	if (hist_due)
		append(l, NV_LOGID_HISTORY, &hr);
}

void nv_logs_event(struct nv_logs *l, const struct nv_event_rec *ev)
{
	enum nv_log_id id = ev->source == NV_EV_AGENT ? NV_LOGID_AGENT_EVENTS :
	    ev->source == NV_EV_STS ? NV_LOGID_STS_EVENTS : NV_LOGID_UPS_EVENTS;

	if (id == NV_LOGID_AGENT_EVENTS)
		nv_log(ev->level == NV_EV_INFO ? LOG_NOTICE : LOG_WARNING, "%s", ev->text);
	append(l, id, ev);
}

void nv_logs_tick(struct nv_logs *l)
{
	for (int i = 0; i < NV_LOGID_COUNT; i++)
		if (nv_ring_sync_due(l->ring[i]) < 0)
			nv_log(LOG_ERR, "%s/%s: fdatasync: %s", l->dir, log_defs[i].file,
			    strerror(errno));
}

int nv_logs_apply_cfg(struct nv_logs *l, const struct nv_logs_cfg *cfg,
    const char *who, char *err, size_t errlen)
{
	if (nv_logs_cfg_check(cfg, err, errlen) < 0)
		return -1;
	if (cfg->history_interval != l->cfg.history_interval) {
		nv_agentlog(l, NV_EV_INFO, "History log interval changed from %d to %d s by %s",
		    l->cfg.history_interval, cfg->history_interval, who);
		l->hist.hist_interval = cfg->history_interval;
		l->hist.next_hist = 0;  /* a record now, then at the new pace */
	}
	if (cfg->extended_interval != l->cfg.extended_interval) {
		nv_agentlog(l, NV_EV_INFO,
		    "Extended history log interval changed from %d to %d min by %s",
		    l->cfg.extended_interval, cfg->extended_interval, who);
		l->hist.ext_interval = cfg->extended_interval * 60;
	}
	if (cfg->records != l->cfg.records) {
		l->cfg.records = cfg->records;
		for (int i = 0; i < NV_LOGID_COUNT; i++) {
			enum nv_ring_found f;

			nv_ring_close(l->ring[i]);
			l->ring[i] = NULL;
			if (open_one(l, i, &f, err, errlen) < 0)
				return -1;
			announce(l, i, f);
		}
	}
	l->cfg = *cfg;
	return 0;
}

int nv_logs_clear(struct nv_logs *l, enum nv_log_id id, const char *who,
    char *err, size_t errlen)
{
	if ((int)id < 0 || id >= NV_LOGID_COUNT || l->ring[id] == NULL) {
		snprintf(err, errlen, "no such log");
		return -1;
	}
	if (nv_ring_clear(l->ring[id], err, errlen) < 0)
		return -1;
	/* after the clear, so that a cleared agent log starts with it */
	nv_agentlog(l, NV_EV_INFO, "%s cleared by %s", log_defs[id].title, who);
	return 0;
}

struct nv_ring *nv_logs_ring(struct nv_logs *l, enum nv_log_id id)
{
	return (int)id >= 0 && id < NV_LOGID_COUNT ? l->ring[id] : NULL;
}

enum nv_kind nv_logs_kind(const struct nv_logs *l)
{
	return l->kind;
}
