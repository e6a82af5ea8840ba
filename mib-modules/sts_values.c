/*
 * sts_values.c — the SOCOMEC STS MIB over the normalized model.
 *
 * Units are the model's (0.1 V, 0.1 A, 0.1 Hz, 0.1 kVA / kW, %), as the
 * SOCOMEC MIBs use them; a measurement the STS does not manage reads -1,
 * and so does a well-known alarm while the STS does not answer.
 */
#include "mib_model.h"
#include "mib_view.h"
#include "nvconfig.h"
#include "sts_values.h"

#define STS_MIB 1, 3, 6, 1, 4, 1, 4555, 1, 1, 10, 1

enum { UNKNOWN = 1 };

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

/* source 1 or 2: unknown(1) ok(2) critical(3) outOfTolerance(4) absent(5) */
int sts_source_status(const struct nv_snapshot *s, const struct nv_unit *u, int source)
{
	static const enum nv_cond c[2][4] = {
		{ NV_C_STS_S1_ABSENT, NV_C_STS_S1_CRITICAL, NV_C_STS_S1_OUT_OF_TOL, NV_C_STS_S1_OK },
		{ NV_C_STS_S2_ABSENT, NV_C_STS_S2_CRITICAL, NV_C_STS_S2_OUT_OF_TOL, NV_C_STS_S2_OK },
	};
	static const int value[4] = { 5, 3, 4, 2 };     /* worst first */

	if (!comm_ok(s) || source < 1 || source > 2)
		return UNKNOWN;
	for (int i = 0; i < 4; i++) {
		if (has(u, c[source - 1][i]))
			return value[i];
	}
	return UNKNOWN;
}

/* unknown(1) synchron(2) sliding(3) asychron(4) */
int sts_interaction(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_ASYNCHRO))
		return 4;
	if (has(u, NV_C_STS_SLIDING))
		return 3;
	if (has(u, NV_C_STS_SYNCHRO))
		return 2;
	return UNKNOWN;
}

/* unknown(1) onPreferred(2) onAlternate(3) off(4) onMBP1(5) onMBP2(6):
 * a maintenance bypass wins, it is what actually carries the load. */
int sts_load_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_ON_MBP1))
		return 5;
	if (has(u, NV_C_STS_ON_MBP2))
		return 6;
	if (has(u, NV_C_STS_LOAD_OFF))
		return 4;
	if (has(u, NV_C_STS_ON_PREFERRED))
		return 2;
	if (has(u, NV_C_STS_ON_ALTERNATE))
		return 3;
	return UNKNOWN;
}

/* unknown(1) onSwitch1(2) onSwitch2(3) off(4) */
int sts_output_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_LOAD_OFF))
		return 4;
	if (has(u, NV_C_STS_ON_S1))
		return 2;
	if (has(u, NV_C_STS_ON_S2))
		return 3;
	return UNKNOWN;
}

bool sts_served(const struct nv_mib_view *view)
{
	return view->snap->kind == NV_KIND_STS;
}

/* ---- getters ------------------------------------------------------ */

enum { E_S1_STATUS, E_S2_STATUS, E_S1_PREFERRED, E_S2_PREFERRED, E_INTERACTION,
	E_LOAD, E_OUTPUT };

/* The STS MIB's enumerations; no(1) yes(2) for "preferred": while the
 * STS does not answer neither source is known preferred. */
static void get_enum(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_snapshot *s = view->snap;
	const struct nv_unit *u = mm_view(view);
	bool s1_pref = has(u, NV_C_STS_S1_PREFERRED);

	switch (o->arg) {
	case E_S1_STATUS:    mib_set_int(v, sts_source_status(s, u, 1)); break;
	case E_S2_STATUS:    mib_set_int(v, sts_source_status(s, u, 2)); break;
	case E_S1_PREFERRED: mib_set_int(v, comm_ok(s) && s1_pref ? 2 : 1); break;
	case E_S2_PREFERRED: mib_set_int(v, comm_ok(s) && !s1_pref ? 2 : 1); break;
	case E_INTERACTION:  mib_set_int(v, sts_interaction(s, u)); break;
	case E_LOAD:         mib_set_int(v, sts_load_status(s, u)); break;
	case E_OUTPUT:       mib_set_int(v, sts_output_status(s, u)); break;
	}
}

/* stsWellKnownAlarms N: 1 while the condition holds, 0 when not, -1 unknown. */
static const enum nv_cond sts_alarm_cond[] = {
	NV_C_STS_IMMINENT_STOP, NV_C_STS_TRANSFER_IMPOSSIBLE,
	NV_C_STS_CONSECUTIVE_DETECTIONS, NV_C_STS_OVERLOAD,
	NV_C_STS_PATH1_ALARM, NV_C_STS_PATH2_ALARM, NV_C_STS_PREVENTIVE,
	NV_C_STS_GENERAL_ALARM, NV_C_STS_CUSTOM_INPUT,
};

static void get_alarm(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	if (!mm_comm_ok(view))
		mib_set_int(v, -1);
	else
		mib_set_int(v, mm_has(view, sts_alarm_cond[o->arg - 1]));
}

/* The last notification text: empty, notifications carry their own copy. */
static void get_trap_string(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_str(v, "", MIB_STR_MAX);
}

/* ---- descriptors, in OID order below stsObjects ---- */

#define M(f) MM_MEAS(sts.f, MM_RAW)
#define L(f) MM_LINE(sts.f, MM_RAW)
#define ID(f) offsetof(struct nv_identity, f)
#define SYS(f) offsetof(struct nv_config, system.f)
#define SRC(n, col, get, arg) MM_COLUMN(mm_rows_in, get, arg, n + 1, 5, 1, col)
#define OUT(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 5, 6, 1, col)
#define ALARM(n) MM_SCALAR(get_alarm, n, 6, 1, n)

/* In this MIB the line index columns are readable. */
static const struct mib_obj sts_objs[] = {
	/* stsIdent */
	MM_SCALAR(mm_get_id_str, ID(model), 1, 1),
	MM_SCALAR(mm_get_id_str, ID(serial), 1, 2),
	MM_SCALAR(mm_get_id_str, ID(firmware), 1, 3),
	MM_SCALAR(mm_get_agent_sw, 0, 1, 4),
	MM_SCALAR(mm_get_cfg_str, SYS(user_ref), 1, 5),
	MM_SCALAR(mm_get_cfg_str, SYS(user_location), 1, 6),
	MM_SCALAR(mm_get_cfg_str, SYS(name), 1, 7),
	MM_SCALAR(mm_get_cfg_str, SYS(contact), 1, 8),
	MM_SCALAR(mm_get_cfg_str, SYS(location), 1, 9),
	/* source 1 */
	MM_SCALAR(get_enum, E_S1_STATUS, 2, 1),
	MM_SCALAR(get_enum, E_S1_PREFERRED, 2, 2),
	MM_SCALAR(mm_get_meas, M(src_freq[0]), 2, 3),
	MM_SCALAR(mm_get_lines_in, 0, 2, 4),
	SRC(1, 1, mm_get_row, 0),
	SRC(1, 2, mm_get_meas, L(src_voltage[0])),
	/* source 2 */
	MM_SCALAR(get_enum, E_S2_STATUS, 3, 1),
	MM_SCALAR(get_enum, E_S2_PREFERRED, 3, 2),
	MM_SCALAR(mm_get_meas, M(src_freq[1]), 3, 3),
	MM_SCALAR(mm_get_lines_in, 0, 3, 4),
	SRC(2, 1, mm_get_row, 0),
	SRC(2, 2, mm_get_meas, L(src_voltage[1])),
	/* sources' interaction */
	MM_SCALAR(get_enum, E_INTERACTION, 4, 1),
	/* output */
	MM_SCALAR(get_enum, E_LOAD, 5, 1),
	MM_SCALAR(get_enum, E_OUTPUT, 5, 2),
	MM_SCALAR(mm_get_meas, M(out_freq), 5, 3),
	MM_SCALAR(mm_get_meas, M(out_load_total), 5, 4),
	MM_SCALAR(mm_get_lines_out, 0, 5, 5),
	OUT(1, mm_get_row, 0),
	OUT(2, mm_get_meas, L(out_voltage)),
	OUT(3, mm_get_meas, L(out_current)),
	OUT(4, mm_get_meas, L(out_kva)),
	OUT(5, mm_get_meas, L(out_kw)),
	OUT(6, mm_get_meas, L(out_crest)),
	OUT(7, mm_get_meas, L(out_pf)),
	/* stsWellKnownAlarms */
	ALARM(1), ALARM(2), ALARM(3), ALARM(4), ALARM(5), ALARM(6), ALARM(7),
	ALARM(8), ALARM(9),
	MM_SCALAR(get_trap_string, 0, 7, 1),
};

static const uint32_t sts_root[] = { STS_MIB };

const struct mib_tree nv_sts_tree = MM_TREE("SOCOMECUPSSTS-MIB", sts_root, sts_objs, sts_served);
