/*
 * history.h — the history log (one sample of the key measurements every
 * history-interval seconds) and the extended history log (min / avg / max
 * of the same measurements over every extended-interval minutes, computed
 * from every snapshot fed in, not from the history samples).
 *
 * The measurements are the manual's lists (a table per device kind), and
 * the room's temperature and humidity (the EMD's columns: -1 without an
 * environment sensor); values are in the model's units (0.1 V, 0.1 Hz,
 * %, 0.1 degC, 0.1 A) and NV_NA (-1) where the device does not manage
 * them or was not reachable.
 */
#ifndef NV_HISTORY_H
#define NV_HISTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

#define NV_HIST_MAX_FIELDS 18

/* One measurement of the history: its name, column title and scale. */
struct nv_hist_field {
	const char *name;       /* short id for --fields: "in_v1" */
	const char *title;      /* column title: "Input voltage L1 (V)" */
	int divisor;            /* model unit -> shown unit: 10 for 0.1 V */
	const char *group;      /* plot panel: "input", "output", "ups", "room" */
	size_t offset;          /* int32_t in struct nv_unit ... */
	bool room;              /* ... or in struct nv_env (the EMD's columns) */
};

/* The measurement list for a device kind (UPS or STS); n_fields set. */
const struct nv_hist_field *nv_hist_fields(enum nv_kind kind, int *n_fields);

/* History record: on disk as is (ring schema "HIST"). */
struct nv_hist_rec {
	int64_t time;                           /* wall clock, s */
	int32_t kind;                           /* enum nv_kind */
	int32_t n;                              /* fields used */
	int32_t v[NV_HIST_MAX_FIELDS];
};

/* Extended history record (ring schema "EXTH"). */
struct nv_ext_rec {
	int64_t start, end;                     /* wall clock, s */
	int32_t kind;
	int32_t n;
	int32_t samples;                        /* snapshots aggregated */
	int32_t pad;
	int32_t min[NV_HIST_MAX_FIELDS];
	int32_t avg[NV_HIST_MAX_FIELDS];
	int32_t max[NV_HIST_MAX_FIELDS];
};

/* Fill v[] from the system view of a snapshot of a UPS or STS (and its
 * environment reading); returns the number of fields. */
int nv_hist_sample(const struct nv_snapshot *s, int32_t *v);

/* The running min / sum / max of one extended period. */
struct nv_ext_acc {
	int64_t start;                          /* wall clock of first sample */
	int32_t kind;
	int32_t samples;
	int32_t min[NV_HIST_MAX_FIELDS], max[NV_HIST_MAX_FIELDS];
	int64_t sum[NV_HIST_MAX_FIELDS];
	int32_t valid[NV_HIST_MAX_FIELDS];      /* samples that were not NV_NA */
};

void nv_ext_acc_reset(struct nv_ext_acc *a);
/* Add one snapshot's values (NV_NA values do not count). */
void nv_ext_acc_add(struct nv_ext_acc *a, enum nv_kind kind, const int32_t *v,
    int n, time_t when);
/* The record of the period so far (avg rounded to nearest; NV_NA where
 * no sample was valid).  False when nothing was added. */
bool nv_ext_acc_record(const struct nv_ext_acc *a, time_t end, struct nv_ext_rec *out);

/*
 * The scheduler: feed every snapshot; it says when a history sample and
 * an extended record are due.  Times are CLOCK_MONOTONIC seconds so that
 * a wall clock change does not skip or repeat records.
 */
struct nv_history {
	int hist_interval;                      /* s */
	int ext_interval;                       /* s */
	double next_hist;                       /* 0: at the first snapshot */
	double ext_end;                         /* end of the current period */
	struct nv_ext_acc acc;
};

void nv_history_init(struct nv_history *h, int hist_interval_s, int ext_interval_s);

/*
 * Feed one snapshot taken at monotonic time `now`.  Sets *hist_due (and
 * fills *hr) when a history record is to be written, *ext_due (and *er)
 * when an extended period ended.  Snapshots of a device not yet detected
 * are ignored.
 */
void nv_history_feed(struct nv_history *h, const struct nv_snapshot *s, double now,
    bool *hist_due, struct nv_hist_rec *hr, bool *ext_due, struct nv_ext_rec *er);

#endif
