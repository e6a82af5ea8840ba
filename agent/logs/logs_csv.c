/* logs_csv.c — log records as a table or as RFC 4180 CSV; see logs_csv.h. */
#include <stdio.h>
#include <string.h>

#include "logs_csv.h"

#define W_TIME 19       /* "YYYY-MM-DD HH:MM:SS" */
#define W_VALUE 8

void nv_table_init(struct nv_table *t, FILE *f, bool csv)
{
	t->f = f;
	t->csv = csv;
	t->col = 0;
}

void nv_csv_field(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void nv_table_cell(struct nv_table *t, const char *text, int width)
{
	if (t->csv) {
		if (t->col > 0)
			fputc(',', t->f);
		nv_csv_field(t->f, text);
	} else {
		if (t->col > 0)
			fputs("  ", t->f);
		fprintf(t->f, "%-*s", width, text);
	}
	t->col++;
}

void nv_table_end_row(struct nv_table *t)
{
	fputs(t->csv ? "\r\n" : "\n", t->f);
	t->col = 0;
}

void nv_value_text(int32_t v, int divisor, char *buf, size_t len)
{
	if (v == NV_NA || divisor <= 1) {
		snprintf(buf, len, "%d", (int)v);
		return;
	}
	/* one decimal: the model's 0.1 units */
	snprintf(buf, len, "%s%d.%d", v < 0 ? "-" : "",
	    (int)((v < 0 ? -(int64_t)v : v) / divisor),
	    (int)((v < 0 ? -(int64_t)v : v) % divisor));
}

void nv_time_text(int64_t t, char *buf, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (localtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm) == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

/* Column titles: the long title in CSV, the short name in a table. */
static const char *field_head(const struct nv_table *t, const struct nv_hist_field *f)
{
	return t->csv ? f->title : f->name;
}

void nv_render_hist_header(struct nv_table *t, enum nv_kind kind)
{
	int n;
	const struct nv_hist_field *f = nv_hist_fields(kind, &n);

	nv_table_cell(t, "Time", W_TIME);
	for (int i = 0; i < n; i++)
		nv_table_cell(t, field_head(t, &f[i]), W_VALUE);
	nv_table_end_row(t);
}

void nv_render_hist_row(struct nv_table *t, const struct nv_hist_rec *r)
{
	char buf[32];
	int n;
	const struct nv_hist_field *f = nv_hist_fields((enum nv_kind)r->kind, &n);

	nv_time_text(r->time, buf, sizeof(buf));
	nv_table_cell(t, buf, W_TIME);
	for (int i = 0; i < n; i++) {
		nv_value_text(r->v[i], f[i].divisor, buf, sizeof(buf));
		nv_table_cell(t, buf, W_VALUE);
	}
	nv_table_end_row(t);
}

void nv_render_ext_header(struct nv_table *t, enum nv_kind kind)
{
	static const char *const stat[] = { "min", "avg", "max" };
	char head[96];
	int n;
	const struct nv_hist_field *f = nv_hist_fields(kind, &n);

	nv_table_cell(t, "Start", W_TIME);
	nv_table_cell(t, "End", W_TIME);
	nv_table_cell(t, "Samples", 7);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 3; k++) {
			snprintf(head, sizeof(head), "%s %s", field_head(t, &f[i]), stat[k]);
			nv_table_cell(t, head, W_VALUE + 4);
		}
	nv_table_end_row(t);
}

void nv_render_ext_row(struct nv_table *t, const struct nv_ext_rec *r)
{
	char buf[32];
	int n;
	const struct nv_hist_field *f = nv_hist_fields((enum nv_kind)r->kind, &n);

	nv_time_text(r->start, buf, sizeof(buf));
	nv_table_cell(t, buf, W_TIME);
	nv_time_text(r->end, buf, sizeof(buf));
	nv_table_cell(t, buf, W_TIME);
	snprintf(buf, sizeof(buf), "%d", (int)r->samples);
	nv_table_cell(t, buf, 7);
	for (int i = 0; i < n; i++) {
		const int32_t *col[3] = { r->min, r->avg, r->max };

		for (int k = 0; k < 3; k++) {
			nv_value_text(col[k][i], f[i].divisor, buf, sizeof(buf));
			nv_table_cell(t, buf, W_VALUE + 4);
		}
	}
	nv_table_end_row(t);
}

void nv_render_event_header(struct nv_table *t)
{
	nv_table_cell(t, "Time", W_TIME);
	nv_table_cell(t, "Level", 8);
	nv_table_cell(t, "State", 7);
	nv_table_cell(t, "Description", 0);
	nv_table_end_row(t);
}

void nv_render_event_row(struct nv_table *t, const struct nv_event_rec *r)
{
	char buf[32], text[NV_EV_TEXT];

	nv_time_text(r->time, buf, sizeof(buf));
	nv_table_cell(t, buf, W_TIME);
	nv_table_cell(t, nv_ev_level_name((enum nv_ev_level)r->level), 8);
	nv_table_cell(t, nv_ev_state_name((enum nv_ev_state)r->state), 7);
	/* the record came from disk: make sure its text ends */
	memcpy(text, r->text, sizeof(text));
	text[sizeof(text) - 1] = '\0';
	nv_table_cell(t, text, 0);
	nv_table_end_row(t);
}
