/*
 * socomec_schedules.c — the weekly, special-day and eco-mode schedule
 * tables of upsControl, read-write (see socomec_schedules.h).
 *
 * The three tables have the same shape: a row is two ends (shut-off and
 * restart, or eco on and off), each a day column and an "hh:mm" column;
 * the day is a weekday (1 = sunday .. 7, 8 = none) or, for special days,
 * "dd/mm/yyyy" ("00/00/0000" = none).  A SET works on that shape, the
 * NET VISION way: the next empty row takes a new entry; a first day of
 * none deletes the row and the rows after it move up; the whole is then
 * checked with nvagent.conf's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_schedule.h"
#include "ctx.h"
#include "diag_log.h"
#include "schedule_store.h"
#include "socomec_schedules.h"

#define NTABLES         3
#define ROWS_MAX        8
#define DAY_NONE        8
#define TIME_LEN        5       /* DisplayString (SIZE (5..5)) "hh:mm" */
#define DATE_LEN        10      /* DisplayString (SIZE (10..10)) "dd/mm/yyyy" */

static const char *const table_name[NTABLES] = { "weekly", "special-day", "eco-mode" };
static const int table_rows[NTABLES] = {
	NV_SCHED_WEEKLY_MAX, NV_SCHED_SPECIAL_MAX, NV_SCHED_ECO_MAX,
};

/* One end of a row: a day (weekday or date) and a time; none = no day. */
struct end {
	bool none;
	int wday;
	struct nv_sched_datetime date;  /* special days; date.sec unused */
	int sec;
};

struct row {
	struct end e[2];
};

static int rows_of(int table, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= table_rows[table] ? next : -1;
}

int nv_sch_weekly_rows(const struct nv_mib_view *view, int after)
{
	(void)view;
	return rows_of(NV_SCH_WEEKLY, after);
}

int nv_sch_special_rows(const struct nv_mib_view *view, int after)
{
	(void)view;
	return rows_of(NV_SCH_SPECIAL, after);
}

int nv_sch_eco_rows(const struct nv_mib_view *view, int after)
{
	(void)view;
	return rows_of(NV_SCH_ECO, after);
}

/* ---- the config's entries as rows, and back ------------------------------ */

static struct end week_end(const struct nv_sched_weektime *w)
{
	return (struct end){ .none = w->wday < 0, .wday = w->wday, .sec = w->sec };
}

static struct end date_end(const struct nv_sched_datetime *d)
{
	return (struct end){ .none = d->year == 0, .date = *d, .sec = d->sec };
}

static size_t to_rows(const struct nv_schedule_cfg *c, int table, struct row *r)
{
	switch (table) {
	case NV_SCH_WEEKLY:
		for (size_t i = 0; i < c->n_weekly; i++)
			r[i] = (struct row){ { week_end(&c->weekly[i].off),
			    week_end(&c->weekly[i].restart) } };
		return c->n_weekly;
	case NV_SCH_SPECIAL:
		for (size_t i = 0; i < c->n_special; i++)
			r[i] = (struct row){ { date_end(&c->special[i].off),
			    date_end(&c->special[i].restart) } };
		return c->n_special;
	default:
		for (size_t i = 0; i < c->n_eco; i++)
			r[i] = (struct row){ { week_end(&c->eco[i].on), week_end(&c->eco[i].off) } };
		return c->n_eco;
	}
}

static struct nv_sched_weektime to_week(const struct end *e)
{
	return (struct nv_sched_weektime){ e->none ? -1 : e->wday, e->none ? 0 : e->sec };
}

static struct nv_sched_datetime to_date(const struct end *e)
{
	struct nv_sched_datetime d = { 0, 0, 0, 0 };

	if (!e->none) {
		d = e->date;
		d.sec = e->sec;
	}
	return d;
}

static void from_rows(struct nv_schedule_cfg *c, int table, const struct row *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (table == NV_SCH_WEEKLY)
			c->weekly[i] = (struct nv_sched_weekly){ to_week(&r[i].e[0]),
			    to_week(&r[i].e[1]), 0 };
		else if (table == NV_SCH_SPECIAL)
			c->special[i] = (struct nv_sched_special){ to_date(&r[i].e[0]),
			    to_date(&r[i].e[1]), 0 };
		else
			c->eco[i] = (struct nv_sched_eco){ to_week(&r[i].e[0]),
			    to_week(&r[i].e[1]), 0 };
	}
	if (table == NV_SCH_WEEKLY)
		c->n_weekly = n;
	else if (table == NV_SCH_SPECIAL)
		c->n_special = n;
	else
		c->n_eco = n;
}

/* ---- GET ------------------------------------------------------------------ */

void nv_sch_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	struct row r[ROWS_MAX];
	int table = (int)(o->arg / 16), col = (int)(o->arg % 16);
	size_t n = to_rows(&view->cfg->schedule, table, r);
	const struct end *e;
	char buf[16];

	if (col == 1) {
		mib_set_int(v, row);
		return;
	}
	e = (size_t)row <= n ? &r[row - 1].e[col >= 4] : NULL;
	if (col == 3 || col == 5) {
		snprintf(buf, sizeof(buf), "%02d:%02d", e != NULL && !e->none ? e->sec / 3600 : 0,
		    e != NULL && !e->none ? e->sec / 60 % 60 : 0);
		mib_set_str(v, buf, TIME_LEN);
	} else if (table == NV_SCH_SPECIAL) {
		if (e == NULL || e->none)
			snprintf(buf, sizeof(buf), "00/00/0000");
		else
			snprintf(buf, sizeof(buf), "%02d/%02d/%04d", e->date.mday % 100,
			    e->date.month % 100, e->date.year % 10000);
		mib_set_str(v, buf, DATE_LEN);
	} else {
		mib_set_int(v, e == NULL || e->none ? DAY_NONE : e->wday + 1);
	}
}

/* ---- SET -------------------------------------------------------------------- */

struct put {
	bool set[6];                    /* by column */
	struct end day[2];              /* columns 2 and 4 */
	int sec[2];                     /* columns 3 and 5 */
};

struct sch_txn {
	struct nv_schedule_cfg old, cand;
	struct put put[NTABLES][ROWS_MAX];
};

static enum mib_set_err string_of(const struct mib_value *v, size_t len, char *buf)
{
	if (v->type != MIB_STRING)
		return MIB_SET_WRONG_TYPE;
	if (v->len != len)
		return MIB_SET_WRONG_LENGTH;
	memcpy(buf, v->s, len);
	buf[len] = '\0';
	return MIB_SET_OK;
}

static enum mib_set_err put_time(const struct mib_value *v, int *sec)
{
	char buf[TIME_LEN + 1];
	enum mib_set_err e = string_of(v, TIME_LEN, buf);

	if (e != MIB_SET_OK)
		return e;
	*sec = nv_sched_parse_clock(buf);
	return *sec < 0 ? MIB_SET_WRONG_VALUE : MIB_SET_OK;
}

static enum mib_set_err put_date(const struct mib_value *v, struct end *d)
{
	char buf[DATE_LEN + 1];
	enum mib_set_err e = string_of(v, DATE_LEN, buf);
	int k = 0;

	if (e != MIB_SET_OK)
		return e;
	memset(d, 0, sizeof(*d));
	if (strcmp(buf, "00/00/0000") == 0) {
		d->none = true;
		return MIB_SET_OK;
	}
	if (sscanf(buf, "%2d/%2d/%4d%n", &d->date.mday, &d->date.month, &d->date.year, &k) != 3 ||
	    k != DATE_LEN || buf[2] != '/' || buf[5] != '/' ||
	    !nv_sched_valid_date(d->date.year, d->date.month, d->date.mday))
		return MIB_SET_WRONG_VALUE;
	return MIB_SET_OK;
}

static enum mib_set_err put_day(const struct mib_value *v, struct end *d)
{
	if (v->type != MIB_INTEGER)
		return MIB_SET_WRONG_TYPE;
	if (v->i < 1 || v->i > DAY_NONE)
		return MIB_SET_WRONG_VALUE;
	memset(d, 0, sizeof(*d));
	d->none = v->i == DAY_NONE;
	d->wday = d->none ? -1 : v->i - 1;
	return MIB_SET_OK;
}

static enum mib_set_err put_col(const struct mib_obj *o, int row, const struct mib_value *v,
    void *scratch)
{
	struct sch_txn *tx = scratch;
	int table = (int)(o->arg / 16), col = (int)(o->arg % 16), end = col >= 4;
	struct end day;
	int sec = 0;
	enum mib_set_err e;

	if (col < 2 || col > 5 || row < 1 || row > table_rows[table])
		return MIB_SET_NOT_WRITABLE;
	if (col == 3 || col == 5)
		e = put_time(v, &sec);
	else if (table == NV_SCH_SPECIAL)
		e = put_date(v, &day);
	else
		e = put_day(v, &day);
	if (e != MIB_SET_OK || tx == NULL)
		return e;
	tx->put[table][row - 1].set[col] = true;
	if (col == 3 || col == 5)
		tx->put[table][row - 1].sec[end] = sec;
	else
		tx->put[table][row - 1].day[end] = day;
	return MIB_SET_OK;
}

static void *txn_begin(const struct nv_ctx *ctx)
{
	struct sch_txn *tx = calloc(1, sizeof(*tx));

	if (tx != NULL)
		tx->cand = ctx->cfg.schedule;
	return tx;
}

static enum mib_set_err refuse(int table, int row, const char *why)
{
	nv_log(LOG_NOTICE, "SNMP SET of %s schedule row %d refused: %s", table_name[table],
	    row, why);
	return MIB_SET_INCONSISTENT;
}

/* Lay P over row R (one end at a time: the day, then the time). */
static void lay(struct row *r, const struct put *p)
{
	for (int end = 0; end < 2; end++) {
		struct end *e = &r->e[end];

		if (p->set[2 + 2 * end]) {
			int sec = e->sec;

			*e = p->day[end];
			e->sec = sec;
		}
		if (p->set[3 + 2 * end])
			e->sec = p->sec[end];
		if (e->none)
			e->sec = 0;
	}
}

static enum mib_set_err check_table(struct sch_txn *tx, int table)
{
	struct row r[ROWS_MAX];
	bool gone[ROWS_MAX] = { false };
	size_t n = to_rows(&tx->cand, table, r), kept = 0;

	for (int i = 0; i < table_rows[table]; i++) {
		const struct put *p = &tx->put[table][i];
		bool any = p->set[2] || p->set[3] || p->set[4] || p->set[5];
		bool others = p->set[3] || p->set[4] || p->set[5];

		if (!any)
			continue;
		if ((size_t)i > n)
			return refuse(table, i + 1, "fill the first empty row first");
		if ((size_t)i == n) {
			if (!p->set[2] || p->day[0].none) {
				if (others)
					return refuse(table, i + 1, "the row is empty: set its first "
					    "day too");
				continue;       /* none into an empty row: nothing to do */
			}
			r[n++] = (struct row){ { { .none = true, .wday = -1 },
			    { .none = true, .wday = -1 } } };
		}
		if (p->set[2] && p->day[0].none) {
			if (others)
				return refuse(table, i + 1, "a row being deleted (first day none) "
				    "cannot take other columns in the same SET");
			gone[i] = true;
			continue;
		}
		lay(&r[i], p);
		if (table == NV_SCH_ECO && r[i].e[1].none)
			return refuse(table, i + 1, "an eco-mode entry needs its end day");
	}
	for (size_t i = 0; i < n; i++)
		if (!gone[i])
			r[kept++] = r[i];
	from_rows(&tx->cand, table, r, kept);
	return MIB_SET_OK;
}

static enum mib_set_err txn_check(void *scratch, const struct nv_ctx *ctx)
{
	struct sch_txn *tx = scratch;
	char why[256];
	int line;

	(void)ctx;
	for (int t = 0; t < NTABLES; t++) {
		enum mib_set_err e = check_table(tx, t);

		if (e != MIB_SET_OK)
			return e;
	}
	if (nv_schedule_check(&tx->cand, why, sizeof(why), &line) != 0) {
		nv_log(LOG_NOTICE, "SNMP SET of the schedules refused: %s", why);
		return MIB_SET_INCONSISTENT;
	}
	return MIB_SET_OK;
}

static enum mib_set_err txn_apply(void *scratch, struct nv_ctx *ctx)
{
	struct sch_txn *tx = scratch;
	char err[512];

	if (nv_schedule_save(ctx->cfg.state_dir, &tx->cand, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "schedules not changed: cannot save them: %s", err);
		return MIB_SET_COMMIT_FAILED;
	}
	tx->old = ctx->cfg.schedule;
	ctx->cfg.schedule = tx->cand;
	return MIB_SET_OK;
}

static void txn_undo(void *scratch, struct nv_ctx *ctx)
{
	struct sch_txn *tx = scratch;
	char err[512];

	ctx->cfg.schedule = tx->old;
	if (nv_schedule_save(ctx->cfg.state_dir, &tx->old, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "schedules: cannot save the restored tables: %s", err);
}

static void txn_commit(void *scratch, struct nv_ctx *ctx)
{
	struct sch_txn *tx = scratch;

	nv_log(LOG_NOTICE, "schedules set over SNMP: %zu weekly, %zu special-day, %zu "
	    "eco-mode entries, saved in %s/%s", tx->cand.n_weekly, tx->cand.n_special,
	    tx->cand.n_eco, ctx->cfg.state_dir, NV_SCHEDULE_FILE);
	ctx->schedule_changed = true;   /* the main loop plans again */
}

static void txn_end(void *scratch)
{
	free(scratch);
}

static const struct mib_txn_ops schedules_txn = {
	txn_begin, txn_check, txn_apply, txn_undo, txn_commit, txn_end, NULL,
};

const struct mib_setter nv_sch_setter = { put_col, &schedules_txn };
