/*
 * logs.h — nvagentd's persistent logs, one ring file each in state-dir:
 * history, extended history, UPS events, STS events, agent events.
 *
 * The event log plug-in (handlers/handler_eventlog.c) samples each new
 * snapshot into the history (nv_logs_sample) and writes the device events
 * the engine notifies (nv_logs_event); the main loop calls nv_logs_tick
 * once a second or so (bounded-rate fsync); other parts log agent events
 * with nv_agentlog().  The control socket's `log show` and
 * `log clear` are nv_logs_command().  Only the main thread calls these.
 */
#ifndef NV_LOGS_H
#define NV_LOGS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <confuse.h>

#include "config_logs.h"
#include "event_records.h"
#include "history.h"
#include "model.h"

void nv_logs_cfg_defaults(struct nv_logs_cfg *c);
/* Range-check values that came from elsewhere (SNMP SET, nvctl). */
int nv_logs_cfg_check(const struct nv_logs_cfg *c, char *err, size_t errlen);

enum nv_log_id {
	NV_LOGID_HISTORY = 0,
	NV_LOGID_EXTENDED,
	NV_LOGID_UPS_EVENTS,
	NV_LOGID_STS_EVENTS,
	NV_LOGID_AGENT_EVENTS,
	NV_LOGID_COUNT
};

const char *nv_log_id_name(enum nv_log_id id);  /* "history", "ups-events"... */
int nv_log_id_parse(const char *name);          /* -1 when unknown */

struct nv_logs;

/* Open (or create) every log in dir; re-created logs are said in the
 * agent log.  NULL with a reason in err. */
struct nv_logs *nv_logs_open(const char *dir, const struct nv_logs_cfg *cfg,
    char *err, size_t errlen);
/* Write the extended period so far, sync and close; NULL is fine. */
void nv_logs_close(struct nv_logs *l);

/* Sample one new snapshot into the history logs; `now` is CLOCK_MONOTONIC s. */
void nv_logs_sample(struct nv_logs *l, const struct nv_snapshot *s, double now);
/* Append one UPS / STS / agent event record to its log. */
void nv_logs_event(struct nv_logs *l, const struct nv_event_rec *ev);
/* Bounded-rate fsync; call about once a second. */
void nv_logs_tick(struct nv_logs *l);

/* The ring file of one log (reading, tests); the device kind seen last. */
struct nv_ring *nv_logs_ring(struct nv_logs *l, enum nv_log_id id);
enum nv_kind nv_logs_kind(const struct nv_logs *l);

/* New intervals / size; changes are said in the agent log, by `who`. */
int nv_logs_apply_cfg(struct nv_logs *l, const struct nv_logs_cfg *cfg,
    const char *who, char *err, size_t errlen);

/* Empty one log and say so (by `who`) in the agent log. */
int nv_logs_clear(struct nv_logs *l, enum nv_log_id id, const char *who,
    char *err, size_t errlen);

/* One agent event (also sent to nv_log). */
void nv_agentlog(struct nv_logs *l, enum nv_ev_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Who else hears of each agent event (the syslog plug-in's "agent"
 * group): one subscriber, fn NULL for none.  An entry logged from inside
 * the subscriber is stored but not passed to it again. */
typedef void (*nv_agentlog_fn)(void *arg, enum nv_ev_level level, const char *text);
void nv_logs_subscribe(struct nv_logs *l, nv_agentlog_fn fn, void *arg);

/* What `log show` selects and how it prints. */
struct nv_logs_query {
	bool has_from, has_to;
	time_t from, to;                        /* inclusive, wall clock */
	uint32_t last;                          /* 0: all */
	bool csv;
};

/*
 * Parse a date: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" (also with a blank
 * for T), local time, or "@EPOCH".  A date without a time means the start
 * of the day, or its end when end_of_day.  -1 with a one-line error.
 */
int nv_logs_parse_date(const char *s, bool end_of_day, time_t *out,
    char *err, size_t errlen);

/* Parse [--from DATE] [--to DATE] [--last N] [--csv]. */
int nv_logs_query_parse(int argc, char **argv, struct nv_logs_query *q,
    char *err, size_t errlen);

/* Print the selected records of one log (table or CSV with a header). */
int nv_logs_show(struct nv_logs *l, enum nv_log_id id, const struct nv_logs_query *q,
    FILE *out, char *err, size_t errlen);

/* The same in steps, for a reader that takes it a chunk at a time:
 * begin (NULL with err), then step until it returns 0 (done; -1 = error
 * in err), each step rendering at most `max` records to out; then end. */
struct nv_logs_show;
struct nv_logs_show *nv_logs_show_begin(struct nv_logs *l, enum nv_log_id id,
    const struct nv_logs_query *q, char *err, size_t errlen);
int nv_logs_show_step(struct nv_logs_show *s, FILE *out, uint32_t max,
    char *err, size_t errlen);
void nv_logs_show_end(struct nv_logs_show *s);

/*
 * The control socket's "log" command, argv[0] being the word after "log":
 *   show NAME [--from DATE] [--to DATE] [--last N] [--csv]
 *   clear NAME...          (changes state: the caller checks permission)
 * Output goes to out; -1 with a one-line error in err.
 */
int nv_logs_command(struct nv_logs *l, int argc, char **argv, const char *who,
    FILE *out, char *err, size_t errlen);
/* The same, but a "show" is only begun: *show is then to be stepped
 * (above); for "clear", *show is NULL and out has the whole answer. */
int nv_logs_command_begin(struct nv_logs *l, int argc, char **argv, const char *who,
    FILE *out, struct nv_logs_show **show, char *err, size_t errlen);
/* True when the command changes state (needs the admin group). */
bool nv_logs_command_writes(int argc, char **argv);

/* The plot (logs_plot.c): history CSV as printed by nv_logs_show, the
 * field names to draw (comma list of nv_hist_field names, NULL = all),
 * a PNG written to png_path by gnuplot. */
int nv_logs_plot_csv(const char *csv, size_t len, const char *fields,
    const char *png_path, char *err, size_t errlen);

#endif
