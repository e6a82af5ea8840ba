/* logs_show.c — `log show` / `log clear`: options, dates, selection. */
#define _GNU_SOURCE     /* strptime */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "logs.h"
#include "logs_csv.h"
#include "ring.h"

static const char date_help[] = "expected YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS] or @EPOCH";

/* A calendar date that mktime() did not have to normalise is a real one. */
static int tm_to_time(struct tm *tm, time_t *out)
{
	struct tm want = *tm;

	tm->tm_isdst = -1;
	*out = mktime(tm);
	if (*out == (time_t)-1 || tm->tm_year != want.tm_year ||
	    tm->tm_mon != want.tm_mon || tm->tm_mday != want.tm_mday)
		return -1;
	return 0;
}

int nv_logs_parse_date(const char *s, bool end_of_day, time_t *out,
    char *err, size_t errlen)
{
	static const char *const with_time[] = {
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
		"%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M",
	};
	struct tm tm;
	const char *end;

	if (s[0] == '@') {
		char *e;
		long long v;

		errno = 0;
		v = strtoll(s + 1, &e, 10);
		if (errno == 0 && e != s + 1 && *e == '\0' && v >= 0) {
			*out = (time_t)v;
			return 0;
		}
	} else {
		for (size_t i = 0; i < sizeof(with_time) / sizeof(with_time[0]); i++) {
			memset(&tm, 0, sizeof(tm));
			end = strptime(s, with_time[i], &tm);
			if (end != NULL && *end == '\0')
				return tm_to_time(&tm, out) == 0 ? 0 :
				    (snprintf(err, errlen, "bad date '%s': no such day", s), -1);
		}
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, "%Y-%m-%d", &tm);
		if (end != NULL && *end == '\0') {
			if (end_of_day) {
				tm.tm_hour = 23;
				tm.tm_min = 59;
				tm.tm_sec = 59;
			}
			return tm_to_time(&tm, out) == 0 ? 0 :
			    (snprintf(err, errlen, "bad date '%s': no such day", s), -1);
		}
	}
	snprintf(err, errlen, "bad date '%s': %s", s, date_help);
	return -1;
}

int nv_logs_query_parse(int argc, char **argv, struct nv_logs_query *q,
    char *err, size_t errlen)
{
	memset(q, 0, sizeof(*q));
	for (int i = 0; i < argc; i++) {
		const char *opt = argv[i];

		if (strcmp(opt, "--csv") == 0) {
			q->csv = true;
			continue;
		}
		if (strcmp(opt, "--from") != 0 && strcmp(opt, "--to") != 0 &&
		    strcmp(opt, "--last") != 0) {
			snprintf(err, errlen, "unknown option '%s' (expected --from DATE, "
			    "--to DATE, --last N or --csv)", opt);
			return -1;
		}
		if (i + 1 >= argc) {
			snprintf(err, errlen, "%s needs a value", opt);
			return -1;
		}
		const char *val = argv[++i];

		if (strcmp(opt, "--last") == 0) {
			char *e;
			unsigned long n;

			errno = 0;
			n = strtoul(val, &e, 10);
			if (errno != 0 || e == val || *e != '\0' || val[0] == '-' ||
			    n == 0 || n > NV_LOGS_RECORDS_MAX) {
				snprintf(err, errlen, "bad --last '%s': expected a count 1..%d",
				    val, NV_LOGS_RECORDS_MAX);
				return -1;
			}
			q->last = (uint32_t)n;
		} else if (strcmp(opt, "--from") == 0) {
			if (nv_logs_parse_date(val, false, &q->from, err, errlen) < 0)
				return -1;
			q->has_from = true;
		} else {
			if (nv_logs_parse_date(val, true, &q->to, err, errlen) < 0)
				return -1;
			q->has_to = true;
		}
	}
	if (q->has_from && q->has_to && q->from > q->to) {
		snprintf(err, errlen, "--from is after --to");
		return -1;
	}
	return 0;
}

/* The time a record is filed under (extended: the end of its period). */
static int64_t rec_time(enum nv_log_id id, const void *rec)
{
	int64_t t;

	if (id == NV_LOGID_EXTENDED)
		memcpy(&t, (const char *)rec + offsetof(struct nv_ext_rec, end), sizeof(t));
	else
		memcpy(&t, rec, sizeof(t));     /* every other record starts with it */
	return t;
}

struct walk {
	enum nv_log_id id;
	const struct nv_logs_query *q;
	struct nv_table table;
	uint32_t matched, skip;
	bool print, header_done;
	enum nv_kind kind;
};

static bool selected(const struct walk *w, const void *rec)
{
	int64_t t = rec_time(w->id, rec);

	return (!w->q->has_from || t >= w->q->from) && (!w->q->has_to || t <= w->q->to);
}

static void header(struct walk *w, enum nv_kind kind)
{
	if (w->header_done)
		return;
	w->header_done = true;
	if (w->id == NV_LOGID_HISTORY)
		nv_render_hist_header(&w->table, kind);
	else if (w->id == NV_LOGID_EXTENDED)
		nv_render_ext_header(&w->table, kind);
	else
		nv_render_event_header(&w->table);
}

static int visit(uint64_t seq, const void *rec, void *arg)
{
	struct walk *w = arg;

	if (!selected(w, rec))
		return 0;
	if (!w->print) {
		w->matched++;
		return 0;
	}
	if (w->skip > 0) {
		w->skip--;
		return 0;
	}
	if (w->id == NV_LOGID_HISTORY) {
		struct nv_hist_rec r;

		memcpy(&r, rec, sizeof(r));
		header(w, (enum nv_kind)r.kind);
		nv_render_hist_row(&w->table, &r);
	} else if (w->id == NV_LOGID_EXTENDED) {
		struct nv_ext_rec r;

		memcpy(&r, rec, sizeof(r));
		header(w, (enum nv_kind)r.kind);
		nv_render_ext_row(&w->table, &r);
	} else {
		struct nv_event_rec r;

		memcpy(&r, rec, sizeof(r));
		header(w, w->kind);
		nv_render_event_row(&w->table, &r);
	}
	return 0;
}

/* A `log show` in progress: a count pass (for --last), then the rows,
 * both bounded to the records that were there when it began. */
struct nv_logs_show {
	struct nv_logs *l;
	struct nv_logs_query q;
	struct walk w;
	uint64_t pos, upto;
};

struct nv_logs_show *nv_logs_show_begin(struct nv_logs *l, enum nv_log_id id,
    const struct nv_logs_query *q, char *err, size_t errlen)
{
	struct nv_ring *r = nv_logs_ring(l, id);
	struct nv_logs_show *s;

	if (r == NULL) {
		snprintf(err, errlen, "no such log");
		return NULL;
	}
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->l = l;
	s->q = *q;
	s->w.id = id;
	s->w.q = &s->q;
	s->w.kind = nv_logs_kind(l);
	s->upto = nv_ring_newest_seq(r);
	nv_table_init(&s->w.table, NULL, q->csv);
	return s;
}

int nv_logs_show_step(struct nv_logs_show *s, FILE *out, uint32_t max,
    char *err, size_t errlen)
{
	/* looked up again each step: a SIGHUP or a SET may re-create the log */
	struct nv_ring *r = nv_logs_ring(s->l, s->w.id);
	int more;

	if (r == NULL) {
		snprintf(err, errlen, "no such log");
		return -1;
	}
	s->w.table.f = out;
	more = nv_ring_foreach_from(r, &s->pos, s->upto, max, visit, &s->w);
	if (more < 0) {
		snprintf(err, errlen, "%s log: read error: %s", nv_log_id_name(s->w.id),
		    strerror(errno));
		return -1;
	}
	if (more == 0 && !s->w.print) {
		/* counted: now print, skipping what --last leaves out */
		s->w.print = true;
		s->w.skip = s->q.last > 0 && s->w.matched > s->q.last ?
		    s->w.matched - s->q.last : 0;
		s->pos = 0;
		more = 1;
	}
	if (more == 0)
		header(&s->w, s->w.kind);       /* an empty log still has its header */
	if (ferror(out)) {
		snprintf(err, errlen, "cannot write the output");
		return -1;
	}
	return more;
}

void nv_logs_show_end(struct nv_logs_show *s)
{
	free(s);
}

int nv_logs_show(struct nv_logs *l, enum nv_log_id id, const struct nv_logs_query *q,
    FILE *out, char *err, size_t errlen)
{
	struct nv_logs_show *s = nv_logs_show_begin(l, id, q, err, errlen);
	int rc;

	if (s == NULL)
		return -1;
	while ((rc = nv_logs_show_step(s, out, UINT32_MAX, err, errlen)) > 0)
		;
	nv_logs_show_end(s);
	return rc;
}

static int parse_name(const char *name, char *err, size_t errlen)
{
	int id = nv_log_id_parse(name);

	if (id < 0)
		snprintf(err, errlen, "unknown log '%s' (expected history, extended, "
		    "ups-events, sts-events or agent-events)", name);
	return id;
}

bool nv_logs_command_writes(int argc, char **argv)
{
	return argc > 0 && strcmp(argv[0], "clear") == 0;
}

int nv_logs_command_begin(struct nv_logs *l, int argc, char **argv, const char *who,
    FILE *out, struct nv_logs_show **show, char *err, size_t errlen)
{
	struct nv_logs_query q;
	int id;

	*show = NULL;
	if (argc >= 2 && strcmp(argv[0], "show") == 0) {
		if ((id = parse_name(argv[1], err, errlen)) < 0 ||
		    nv_logs_query_parse(argc - 2, argv + 2, &q, err, errlen) < 0)
			return -1;
		*show = nv_logs_show_begin(l, id, &q, err, errlen);
		return *show != NULL ? 0 : -1;
	}
	if (argc >= 2 && strcmp(argv[0], "clear") == 0) {
		/* check every name first: all or nothing */
		for (int i = 1; i < argc; i++)
			if (parse_name(argv[i], err, errlen) < 0)
				return -1;
		for (int i = 1; i < argc; i++) {
			if (nv_logs_clear(l, nv_log_id_parse(argv[i]), who, err, errlen) < 0)
				return -1;
			fprintf(out, "%s log cleared\n", argv[i]);
		}
		return 0;
	}
	snprintf(err, errlen, "usage: log show NAME [--from DATE] [--to DATE] "
	    "[--last N] [--csv] | log clear NAME...");
	return -1;
}

int nv_logs_command(struct nv_logs *l, int argc, char **argv, const char *who,
    FILE *out, char *err, size_t errlen)
{
	struct nv_logs_show *show;
	int rc = nv_logs_command_begin(l, argc, argv, who, out, &show, err, errlen);

	if (rc != 0 || show == NULL)
		return rc;
	while ((rc = nv_logs_show_step(show, out, UINT32_MAX, err, errlen)) > 0)
		;
	nv_logs_show_end(show);
	return rc;
}
