/*
 * mib_model.h — getters over the normalized model that the table-driven
 * trees share (RFC 1628 UPS-MIB, STS MIB, Net Vision 5/6 branch), and the
 * descriptor macros they are written with (see mib_walk.h).  Plain C.
 */
#ifndef NV_MIB_MODEL_H
#define NV_MIB_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "mib_view.h"
#include "mib_walk.h"
#include "nvconfig.h"

#define MM_SUB(...) { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)
#define MM_SCALAR(get, arg, ...) { MM_SUB(__VA_ARGS__), NULL, get, arg, NULL }
#define MM_COLUMN(rows, get, arg, ...) { MM_SUB(__VA_ARGS__), rows, get, arg, NULL }
#define MM_TREE(name, root, objs, served) { name, root, sizeof(root) / sizeof(root[0]), \
	objs, sizeof(objs) / sizeof(objs[0]), served }

/* How mm_get_meas shows a measurement of the model; "none" = no instance. */
enum mm_conv {
	MM_RAW,                 /* as the model has it, -1 included */
	MM_KNOWN,               /* as is; none when not managed */
	MM_NONNEG,              /* as is; none when not managed or negative */
	MM_TENTHS,              /* tenths -> units, nearest; none when not managed */
	MM_TENTHS_NONNEG,       /* the same; also none when negative */
	MM_TENTHS_NA,           /* tenths -> units, nearest; -1 stays -1 */
	MM_HUNDREDS_NONNEG,     /* 0.1 k -> units (x100); none when not managed or negative */
	MM_HUNDREDS_NA,         /* 0.1 k -> units (x100); -1 stays -1 */
	MM_POSITIVE,            /* as is, below 1 the nearest legal value 1;
				 * none when not managed (a PositiveInteger) */
};

/*
 * arg of mm_get_meas: an int32_t of struct nv_unit and its conversion.
 * MM_MEAS: one value of the unit; a table column shows it on every line.
 * MM_LINE: a per-line array; line N reads element N-1.  It does not
 * compile on anything but an int32_t[NV_MAX_PHASES], so that a per-unit
 * value is never read through a line's index.
 */
#define MM_IS_LINE_ARRAY(type, member) \
	(sizeof(((type *)0)->member) == NV_MAX_PHASES * sizeof(int32_t))
#define MM_ARG(member, line, conv) \
	((long)offsetof(struct nv_unit, member) * 32 + (line) * 16 + (conv))
#define MM_MEAS(member, conv) MM_ARG(member, 0, conv)
#define MM_LINE(member, conv) (MM_ARG(member, 1, conv) + \
	0 * (long)sizeof(char[MM_IS_LINE_ARRAY(struct nv_unit, member) ? 1 : -1]))

/* The unit the MIBs show: the system, or cfg.data_unit's. */
const struct nv_unit *mm_view(const struct nv_mib_view *view);
bool mm_comm_ok(const struct nv_mib_view *view);
bool mm_has(const struct nv_mib_view *view, enum nv_cond c);
/* N lines when 1..NV_MAX_PHASES, else 0. */
int mm_phases(int n);
/* Nearest integer of n / d, halves away from zero. */
long mm_div_round(long n, long d);

/* Row functions: one row per input / output line. */
int mm_rows_in(const struct nv_mib_view *view, int after);
int mm_rows_out(const struct nv_mib_view *view, int after);

mib_get_fn mm_get_meas;         /* arg: MM_MEAS() or MM_LINE() */
mib_get_fn mm_get_id_str;       /* arg: offsetof(struct nv_identity, member) */
mib_get_fn mm_get_cfg_str;      /* arg: offsetof(struct nv_config, member) */
mib_get_fn mm_get_const;        /* arg: the integer */
mib_get_fn mm_get_row;          /* the row index itself */
mib_get_fn mm_get_lines_in;     /* number of input lines */
mib_get_fn mm_get_lines_out;
mib_get_fn mm_get_agent_sw;     /* "nvagent VERSION" */

#endif
