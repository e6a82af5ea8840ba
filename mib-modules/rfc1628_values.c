/*
 * rfc1628_values.c — the RFC 1628 UPS-MIB over the normalized model.
 *
 * Units are the RFC's, not the model's: voltages in whole volts, currents
 * in 0.1 A, frequencies in 0.1 Hz, powers in W, battery temperature in
 * whole degC.  Every value lies in its object's SYNTAX: a measurement the
 * device does not manage (NV_NA), or a negative one where the syntax is
 * non-negative, has no instance rather than a -1; where the UPS's figure
 * is beyond a range the nearest legal value stands for it (charge 0..100,
 * load up to 200 %, minutes remaining at least 1).  nvagentd(8) lists them.
 */
#include <string.h>

#include "alarm_table.h"
#include "mib_controls.h"
#include "mib_model.h"
#include "mib_state.h"
#include "mib_view.h"
#include "nvconfig.h"
#include "rfc1628_state.h"
#include "rfc1628_values.h"

#define UPS_MIB 1, 3, 6, 1, 2, 1, 33

enum { BATT_UNKNOWN = 1, BATT_NORMAL, BATT_LOW, BATT_DEPLETED };
enum { SRC_OTHER = 1, SRC_NONE, SRC_NORMAL, SRC_BYPASS, SRC_BATTERY };

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

int rfc1628_battery_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return BATT_UNKNOWN;
	if (has(u, NV_C_BATTERY_DISCHARGED))
		return BATT_DEPLETED;
	if (has(u, NV_C_BATTERY_LOW))
		return BATT_LOW;
	return BATT_NORMAL;
}

/* Eco mode feeds the load from the bypass line: bypass(4) is the truth. */
int rfc1628_output_source(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return SRC_OTHER;
	if (has(u, NV_C_LOAD_OFF) || has(u, NV_C_SYSTEM_OFF))
		return SRC_NONE;
	if (has(u, NV_C_ON_BATTERY))
		return SRC_BATTERY;
	if (has(u, NV_C_ON_BYPASS) || has(u, NV_C_ON_MAINT_BYPASS) || has(u, NV_C_ECO_MODE))
		return SRC_BYPASS;
	if (has(u, NV_C_ON_INVERTER))
		return SRC_NORMAL;
	return SRC_OTHER;
}

bool rfc1628_served(const struct nv_mib_view *view)
{
	return view->snap->kind == NV_KIND_UPS;
}

/* ---- getters ------------------------------------------------------ */

/* The derived state the event engine keeps, or NULL before it runs. */
static const struct rfc1628_state *state(const struct nv_mib_view *view)
{
	return view->rfc_state;
}

static void get_batt_status(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, rfc1628_battery_status(view->snap, mm_view(view)));
}

static void get_secs_on_batt(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	int32_t s = mm_view(view)->ups.batt_seconds_on;

	if (!mm_has(view, NV_C_ON_BATTERY) || !mm_comm_ok(view))
		mib_set_int(v, 0);
	else if (s != NV_NA && s >= 0)
		mib_set_int(v, s);
}

/* upsBatteryEstimatedChargeRemaining: 0..100 */
static void get_charge(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	int32_t c = mm_view(view)->ups.batt_charge;

	if (c != NV_NA)
		mib_set_int(v, c < 0 ? 0 : c > 100 ? 100 : c);
}

/* upsOutputPercentLoad: 0..200 */
static void get_load(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	int32_t l = mm_view(view)->ups.out_load[row - 1];

	if (l != NV_NA && l >= 0)
		mib_set_int(v, l > 200 ? 200 : l);
}

enum { TXT_MANUFACTURER, TXT_ATTACHED };

/* Shutdown clients are not known to the agent yet: no attached devices. */
static void get_text(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_str(v, o->arg == TXT_MANUFACTURER ? "SOCOMEC" : "", MIB_STR_MAX);
}

static void get_out_source(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, rfc1628_output_source(view->snap, mm_view(view)));
}

enum { ST_LINE_BADS, ST_ALARMS, ST_TEST_SUMMARY, ST_TEST_DETAIL, ST_TEST_START,
	ST_TEST_ELAPSED };

/* Objects of the derived state; a test in progress shows its elapsed
 * time so far (TimeInterval, 0.01 s). */
static void get_state(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct rfc1628_state *st = state(view);

	if (st == NULL)
		return;
	switch (o->arg) {
	case ST_LINE_BADS:
		mib_set_counter(v, st->line_bads);
		break;
	case ST_ALARMS:
		mib_set_gauge(v, view->rfc_alarms != NULL ? (uint32_t)view->rfc_alarms->n : 0);
		break;
	case ST_TEST_SUMMARY:
		mib_set_int(v, st->test_result);
		break;
	case ST_TEST_DETAIL:
		mib_set_str(v, rfc1628_test_detail(st->test_result), MIB_STR_MAX);
		break;
	case ST_TEST_START:
		mib_set_ticks(v, st->test_result == RFC1628_TEST_NONE ? 0 : st->test_start);
		break;
	case ST_TEST_ELAPSED:
		if (st->test_result == RFC1628_TEST_IN_PROGRESS)
			mib_set_int(v, (int32_t)(nv_mib_uptime_ticks(view) - st->test_start));
		else
			mib_set_int(v, (int32_t)st->test_elapsed);
		break;
	}
}

static int rows_alarm(const struct nv_mib_view *view, int after)
{
	const struct nv_alarm_row *r = view->rfc_alarms == NULL ? NULL :
	    nv_alarm_table_next(view->rfc_alarms, after < 0 ? 0 : (uint32_t)after);

	return r != NULL ? (int)r->id : -1;
}

enum { ALARM_DESCR, ALARM_TIME };

static void get_alarm_col(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_alarm_row *r = view->rfc_alarms == NULL ? NULL :
	    nv_alarm_table_find(view->rfc_alarms, (uint32_t)row);
	uint32_t oid[] = { UPS_MIB, 1, 6, 3, 0 };

	if (r == NULL)
		return;
	if (o->arg == ALARM_TIME) {
		mib_set_ticks(v, r->time);
		return;
	}
	oid[sizeof(oid) / sizeof(oid[0]) - 1] = (uint32_t)r->alarm;
	mib_set_oid(v, oid, sizeof(oid) / sizeof(oid[0]));
}

static int32_t nominal_x(int n, int mult)
{
	return n == NV_NA || n < 0 ? NV_NA : n * mult;
}

static void set_nonneg(struct mib_value *v, int32_t n)
{
	if (n != NV_NA && n >= 0)
		mib_set_int(v, n);
}

enum { CFG_VIN, CFG_FIN, CFG_VOUT, CFG_FOUT, CFG_VA, CFG_POWER };

/* With data-unit = N the MIB describes unit N, so its own rating. */
static int32_t rating_kw(const struct nv_mib_view *view)
{
	const struct nv_identity *id = &view->snap->id;
	int kw = id->nominal_kw;

	if (mm_view(view) != &view->snap->sys && kw != NV_NA && id->nominal_kva > 0 &&
	    id->unit_kva > 0)
		kw = (int)((long)kw * id->unit_kva / id->nominal_kva);
	return kw;
}

static void get_config(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_identity *id = &view->snap->id;
	bool sys = mm_view(view) == &view->snap->sys;

	switch (o->arg) {
	case CFG_VIN:   set_nonneg(v, id->nominal_vin); break;
	case CFG_FIN:   set_nonneg(v, nominal_x(id->nominal_fin, 10)); break;
	case CFG_VOUT:  set_nonneg(v, id->nominal_vout); break;
	case CFG_FOUT:  set_nonneg(v, nominal_x(id->nominal_fout, 10)); break;
	case CFG_VA:    set_nonneg(v, nominal_x(sys ? id->nominal_kva : id->unit_kva, 100)); break;
	case CFG_POWER: set_nonneg(v, nominal_x(rating_kw(view), 100)); break;
	}
}

/* upsIdentName: the device's name when the agent serves several, the
 * name its traps carry (handler_trap.c); else the agent's. */
static void get_ident_name(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	if (view->device_name != NULL)
		mib_set_str(v, view->device_name, MIB_STR_MAX);
	else
		mm_get_cfg_str(o, row, view, v);
}

/* ---- descriptors, in OID order below upsObjects ---- */

#define U(f, conv) MM_MEAS(ups.f, conv)
#define L(f, conv) MM_LINE(ups.f, conv)
#define IN(col, get, arg) MM_COLUMN(mm_rows_in, get, arg, 3, 3, 1, col)
#define OUT(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 4, 4, 1, col)
#define BYP(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 5, 3, 1, col)

/* Index columns are not-accessible in the RFC: tables start at column 2. */
static const struct mib_obj rfc1628_objs[] = {
	/* upsIdent */
	MM_SCALAR(get_text, TXT_MANUFACTURER, 1, 1),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, model), 1, 2),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, firmware), 1, 3),
	MM_SCALAR(mm_get_agent_sw, 0, 1, 4),
	MM_SCALAR(get_ident_name, offsetof(struct nv_config, system.name), 1, 5),
	MM_SCALAR(get_text, TXT_ATTACHED, 1, 6),
	/* upsBattery */
	MM_SCALAR(get_batt_status, 0, 2, 1),
	MM_SCALAR(get_secs_on_batt, 0, 2, 2),
	/* PositiveInteger: a UPS's 0 minutes reads 1, the nearest legal value */
	MM_SCALAR(mm_get_meas, U(batt_minutes, MM_POSITIVE), 2, 3),
	MM_SCALAR(get_charge, 0, 2, 4),
	MM_SCALAR(mm_get_meas, U(batt_voltage, MM_NONNEG), 2, 5),
	MM_SCALAR(mm_get_meas, U(batt_current, MM_KNOWN), 2, 6),
	MM_SCALAR(mm_get_meas, U(batt_temp, MM_TENTHS), 2, 7),
	/* upsInput */
	MM_SCALAR(get_state, ST_LINE_BADS, 3, 1),
	MM_SCALAR(mm_get_lines_in, 0, 3, 2),
	/* one input frequency for the unit: the same on every line */
	IN(2, mm_get_meas, U(in_freq, MM_NONNEG)),
	IN(3, mm_get_meas, L(in_voltage, MM_TENTHS_NONNEG)),
	IN(4, mm_get_meas, L(in_current, MM_NONNEG)),
	/* upsOutput */
	MM_SCALAR(get_out_source, 0, 4, 1),
	MM_SCALAR(mm_get_meas, U(out_freq, MM_NONNEG), 4, 2),
	MM_SCALAR(mm_get_lines_out, 0, 4, 3),
	OUT(2, mm_get_meas, L(out_voltage, MM_TENTHS_NONNEG)),
	OUT(3, mm_get_meas, L(out_current, MM_NONNEG)),
	OUT(4, mm_get_meas, L(out_kw, MM_HUNDREDS_NONNEG)),
	OUT(5, get_load, 0),
	/* upsBypass: the bypass line feeds the output, as many lines */
	MM_SCALAR(mm_get_meas, U(byp_freq, MM_NONNEG), 5, 1),
	MM_SCALAR(mm_get_lines_out, 0, 5, 2),
	BYP(2, mm_get_meas, L(byp_voltage, MM_TENTHS_NONNEG)),
	BYP(3, mm_get_meas, L(byp_current, MM_NONNEG)),
	/* upsAlarm */
	MM_SCALAR(get_state, ST_ALARMS, 6, 1),
	MM_COLUMN(rows_alarm, get_alarm_col, ALARM_DESCR, 6, 2, 1, 2),
	MM_COLUMN(rows_alarm, get_alarm_col, ALARM_TIME, 6, 2, 1, 3),
	/* upsTest */
	/* upsTestId starts the UPS's battery test (mib_controls.c) */
	{ MM_SUB(7, 1), NULL, nv_mib_test_get, NV_MTEST_ID, &nv_mib_test_setter },
	{ MM_SUB(7, 2), NULL, nv_mib_test_get, NV_MTEST_SPINLOCK, &nv_mib_test_setter },
	MM_SCALAR(get_state, ST_TEST_SUMMARY, 7, 3),
	MM_SCALAR(get_state, ST_TEST_DETAIL, 7, 4),
	MM_SCALAR(get_state, ST_TEST_START, 7, 5),
	MM_SCALAR(get_state, ST_TEST_ELAPSED, 7, 6),
	/* upsControl: the UPS's delayed off / restart order (mib_controls.c) */
	{ MM_SUB(8, 1), NULL, nv_mib_upsctl_get, NV_MUPSCTL_TYPE, &nv_mib_upsctl_setter },
	{ MM_SUB(8, 2), NULL, nv_mib_upsctl_get, NV_MUPSCTL_SHUTDOWN, &nv_mib_upsctl_setter },
	{ MM_SUB(8, 3), NULL, nv_mib_upsctl_get, NV_MUPSCTL_STARTUP, &nv_mib_upsctl_setter },
	{ MM_SUB(8, 4), NULL, nv_mib_upsctl_get, NV_MUPSCTL_REBOOT, &nv_mib_upsctl_setter },
	{ MM_SUB(8, 5), NULL, nv_mib_upsctl_get, NV_MUPSCTL_AUTO_RESTART, &nv_mib_upsctl_setter },
	/* upsConfig */
	MM_SCALAR(get_config, CFG_VIN, 9, 1),
	MM_SCALAR(get_config, CFG_FIN, 9, 2),
	MM_SCALAR(get_config, CFG_VOUT, 9, 3),
	MM_SCALAR(get_config, CFG_FOUT, 9, 4),
	MM_SCALAR(get_config, CFG_VA, 9, 5),
	MM_SCALAR(get_config, CFG_POWER, 9, 6),
	/* enabled(2): the agent cannot silence the UPS */
	MM_SCALAR(mm_get_const, 2, 9, 8),
};

static const uint32_t rfc1628_root[] = { UPS_MIB, 1 };

const struct mib_tree nv_rfc1628_tree =
	MM_TREE("UPS-MIB", rfc1628_root, rfc1628_objs, rfc1628_served);
