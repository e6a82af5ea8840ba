/*
 * nut_vars.h — the UPS as NUT variables (names and units of NUT's
 * dictionary), computed from one snapshot of the model: never from the
 * serial line, never kept.
 */
#ifndef NV_NUT_VARS_H
#define NV_NUT_VARS_H

#include <stdbool.h>
#include <stddef.h>

struct nv_snapshot;

/* What the variables are made of besides the snapshot. */
struct nv_nut_var_src {
	const struct nv_snapshot *snap;
	int data_unit;                  /* 0: the system view */
	bool fsd;                       /* forced shutdown flagged */
	int delay_shutdown_s, delay_start_s;    /* the RW delays */
};

/* The RANGE of the RW delays (s). */
#define NV_NUT_DELAY_START_MAX_S        (65535 * 60)

typedef void nv_nut_var_fn(void *arg, const char *name, const char *value);

/* Every variable the snapshot has a value for, in a fixed order. */
void nv_nut_vars_each(const struct nv_nut_var_src *src, nv_nut_var_fn *fn, void *arg);
/* One variable's value into val: false when it has none now. */
bool nv_nut_var_get(const struct nv_nut_var_src *src, const char *name, char *val, size_t len);
/* ups.delay.shutdown / ups.delay.start */
bool nv_nut_var_is_rw(const char *name);
/* RANGE of an RW variable */
void nv_nut_var_range(const char *name, int *lo, int *hi);

#endif
