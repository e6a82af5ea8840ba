/*
 * logs_csv.h — printing log records as a table for people or as CSV
 * (RFC 4180: a header line, comma-separated fields, fields holding a
 * comma, a quote or a line break quoted with quotes doubled, CRLF).
 */
#ifndef NV_LOGS_CSV_H
#define NV_LOGS_CSV_H

#include <stdbool.h>
#include <stdio.h>

#include "event_records.h"
#include "history.h"

struct nv_table {
	FILE *f;
	bool csv;
	int col;                /* cells written on the current row */
};

void nv_table_init(struct nv_table *t, FILE *f, bool csv);
/* One cell; in table mode padded to width (0: not padded). */
void nv_table_cell(struct nv_table *t, const char *text, int width);
void nv_table_end_row(struct nv_table *t);

/* One RFC 4180 field (quoted only when it must be). */
void nv_csv_field(FILE *f, const char *s);

/* A model value in shown units ("229.8"), or "-1" for NV_NA. */
void nv_value_text(int32_t v, int divisor, char *buf, size_t len);
/* Local time "YYYY-MM-DD HH:MM:SS". */
void nv_time_text(int64_t t, char *buf, size_t len);

void nv_render_hist_header(struct nv_table *t, enum nv_kind kind);
void nv_render_hist_row(struct nv_table *t, const struct nv_hist_rec *r);
void nv_render_ext_header(struct nv_table *t, enum nv_kind kind);
void nv_render_ext_row(struct nv_table *t, const struct nv_ext_rec *r);
void nv_render_event_header(struct nv_table *t);
void nv_render_event_row(struct nv_table *t, const struct nv_event_rec *r);

#endif
