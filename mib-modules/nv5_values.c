/*
 * nv5_values.c — the Net Vision 5/6 branch over the normalized model.
 *
 * That card family kept RFC 1628's layout with SOCOMEC units: voltages in
 * 0.1 V, currents in 0.1 A, frequencies in 0.1 Hz, -1 for what the UPS
 * does not manage.  Its input table is read at column 2 (Centreon,
 * Checkmk) and at column 5 (NUT) for the voltage: both answer it.
 * Well-known alarms are scalars .6.3.N.0 reading 0 / 1, N numbered as
 * RFC 1628's upsWellKnownAlarms (NUT reads .6.3.2.0, on battery).
 */
#include "alarm_table.h"
#include "mib_model.h"
#include "mib_view.h"
#include "nv5_values.h"
#include "nvconfig.h"
#include "rfc1628_values.h"

#define NV5_MIB 1, 3, 6, 1, 4, 1, 4555, 1, 1, 1, 1

enum { B_UNKNOWN = 1, B_NORMAL, B_LOW, B_DEPLETED, B_DISCHARGING, B_FAILURE };
enum { S_OTHER = 1, S_NONE, S_NORMAL, S_BYPASS, S_BATTERY, S_BOOSTER,
	S_REDUCER, S_STANDBY, S_ECO };

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

/* Low and depleted matter most to a shutdown client, so they come first. */
int nv5_battery_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return B_UNKNOWN;
	if (has(u, NV_C_BATTERY_DISCHARGED))
		return B_DEPLETED;
	if (has(u, NV_C_BATTERY_LOW))
		return B_LOW;
	if (has(u, NV_C_ON_BATTERY))
		return B_DISCHARGING;
	if (has(u, NV_C_BATTERY_FAULT) || has(u, NV_C_BATTERY_CIRCUIT_OPEN))
		return B_FAILURE;
	return B_NORMAL;
}

int nv5_output_source(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return S_OTHER;
	if (has(u, NV_C_LOAD_OFF) || has(u, NV_C_SYSTEM_OFF))
		return S_NONE;
	if (has(u, NV_C_ON_BATTERY))
		return S_BATTERY;
	if (has(u, NV_C_ECO_MODE))
		return S_ECO;
	if (has(u, NV_C_STANDBY))
		return S_STANDBY;
	if (has(u, NV_C_ON_BYPASS) || has(u, NV_C_ON_MAINT_BYPASS))
		return S_BYPASS;
	if (has(u, NV_C_ON_INVERTER))
		return S_NORMAL;
	return S_OTHER;
}

/* ---- getters ------------------------------------------------------ */

enum { ST_BATTERY, ST_OUTPUT_SOURCE };

static void get_status(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_unit *u = mm_view(view);

	mib_set_int(v, o->arg == ST_BATTERY ? nv5_battery_status(view->snap, u) :
	    nv5_output_source(view->snap, u));
}

static void get_secs_on_batt(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	if (!mm_comm_ok(view))
		mib_set_int(v, NV_NA);
	else if (!mm_has(view, NV_C_ON_BATTERY))
		mib_set_int(v, 0);
	else
		mib_set_int(v, mm_view(view)->ups.batt_seconds_on);
}

/* arg 0: how many well-known alarms hold; N: whether alarm N holds. */
static void get_wellknown(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_alarm_set *set = &nv_rfc1628_alarms;
	int32_t n = 0;

	if (o->arg > 0) {
		mib_set_int(v, set->holds(view->snap, view->cfg->data_unit, (int)o->arg));
		return;
	}
	for (int wk = 1; wk <= set->n; wk++)
		n += set->holds(view->snap, view->cfg->data_unit, wk);
	mib_set_int(v, n);
}

/* ---- descriptors, in OID order below upsObjects ---- */

#define U(f) MM_MEAS(ups.f, MM_RAW)
#define L(f) MM_LINE(ups.f, MM_RAW)
#define IN(col, get, arg) MM_COLUMN(mm_rows_in, get, arg, 3, 3, 1, col)
#define OUT(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 4, 4, 1, col)
#define BYP(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 5, 3, 1, col)
#define WK(n) MM_SCALAR(get_wellknown, n, 6, 3, n)

static const struct mib_obj nv5_objs[] = {
	/* upsIdent */
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, model), 1, 1),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, firmware), 1, 2),
	MM_SCALAR(mm_get_agent_sw, 0, 1, 3),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, serial), 1, 4),
	/* upsBattery; the temperature in whole degC, as the card showed it */
	MM_SCALAR(get_status, ST_BATTERY, 2, 1),
	MM_SCALAR(get_secs_on_batt, 0, 2, 2),
	MM_SCALAR(mm_get_meas, U(batt_minutes), 2, 3),
	MM_SCALAR(mm_get_meas, U(batt_charge), 2, 4),
	MM_SCALAR(mm_get_meas, U(batt_voltage), 2, 5),
	MM_SCALAR(mm_get_meas, MM_MEAS(ups.batt_temp, MM_TENTHS_NA), 2, 6),
	/* upsInput: the voltage at column 2 (Centreon, Checkmk) and 5 (NUT) */
	MM_SCALAR(mm_get_lines_in, 0, 3, 1),
	MM_SCALAR(mm_get_meas, U(in_freq), 3, 2),
	IN(1, mm_get_row, 0),
	IN(2, mm_get_meas, L(in_voltage)),
	IN(3, mm_get_meas, L(in_current)),
	IN(5, mm_get_meas, L(in_voltage)),
	/* upsOutput; the power in W */
	MM_SCALAR(get_status, ST_OUTPUT_SOURCE, 4, 1),
	MM_SCALAR(mm_get_meas, U(out_freq), 4, 2),
	MM_SCALAR(mm_get_lines_out, 0, 4, 3),
	OUT(1, mm_get_row, 0),
	OUT(2, mm_get_meas, L(out_voltage)),
	OUT(3, mm_get_meas, L(out_current)),
	OUT(4, mm_get_meas, L(out_load)),
	OUT(5, mm_get_meas, MM_LINE(ups.out_kw, MM_HUNDREDS_NA)),
	/* upsBypass: as many lines as the output */
	MM_SCALAR(mm_get_meas, U(byp_freq), 5, 1),
	MM_SCALAR(mm_get_lines_out, 0, 5, 2),
	BYP(1, mm_get_row, 0),
	BYP(2, mm_get_meas, L(byp_voltage)),
	BYP(3, mm_get_meas, L(byp_current)),
	/* upsAlarm */
	MM_SCALAR(get_wellknown, 0, 6, 1),
	WK(1), WK(2), WK(3), WK(4), WK(5), WK(6), WK(7), WK(8), WK(9), WK(10),
	WK(11), WK(12), WK(13), WK(14), WK(15), WK(16), WK(17), WK(18), WK(19), WK(20),
	WK(21), WK(22), WK(23), WK(24),
};

static const uint32_t nv5_root[] = { NV5_MIB };

const struct mib_tree nv_nv5_tree = MM_TREE("SOCOMECUPS5-MIB", nv5_root, nv5_objs, rfc1628_served);
