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
#include "ctx.h"
#include "nv5_values.h"
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

static bool served(const struct door_in *in)
{
	return in->snap->kind == NV_KIND_UPS;
}

/* ---- getters ------------------------------------------------------ */

static int phases(int n)
{
	return n >= 1 && n <= NV_MAX_PHASES ? n : 0;
}

static bool g_model(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.model);
}

static bool g_ups_sw(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.firmware);
}

static bool g_agent_sw(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->agent_version);
}

static bool g_serial(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.serial);
}

static bool g_batt_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, nv5_battery_status(in->snap, in->u));
}

static bool g_secs_on_batt(const struct door_in *in, int row, struct door_val *v)
{
	if (!comm_ok(in->snap))
		return door_int(v, NV_NA);
	if (!has(in->u, NV_C_ON_BATTERY))
		return door_int(v, 0);
	return door_int(v, in->u->ups.batt_seconds_on);
}

static bool g_minutes(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.batt_minutes);
}

static bool g_charge(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.batt_charge);
}

static bool g_batt_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.batt_voltage);
}

/* whole degC, as the card showed it */
static bool g_batt_temp(const struct door_in *in, int row, struct door_val *v)
{
	int32_t t = in->u->ups.batt_temp;

	return door_int(v, t == NV_NA ? NV_NA : door_div_round(t, 10));
}

static bool g_in_lines(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, phases(in->snap->id.phases_in));
}

static bool g_in_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.in_freq);
}

static int in_rows(const struct door_in *in, int after)
{
	return door_rows_upto(after, phases(in->snap->id.phases_in));
}

static bool g_index(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, row);
}

static bool g_in_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.in_voltage[row - 1]);
}

static bool g_in_current(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.in_current[row - 1]);
}

static bool g_out_source(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, nv5_output_source(in->snap, in->u));
}

static bool g_out_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.out_freq);
}

static bool g_out_lines(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, phases(in->snap->id.phases_out));
}

static int out_rows(const struct door_in *in, int after)
{
	return door_rows_upto(after, phases(in->snap->id.phases_out));
}

static bool g_out_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.out_voltage[row - 1]);
}

static bool g_out_current(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.out_current[row - 1]);
}

static bool g_out_load(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.out_load[row - 1]);
}

/* W, from the model's 0.1 kW */
static bool g_out_power(const struct door_in *in, int row, struct door_val *v)
{
	int32_t kw = in->u->ups.out_kw[row - 1];

	return door_int(v, kw == NV_NA ? NV_NA : (long)kw * 100);
}

static bool g_byp_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.byp_freq);
}

static bool g_byp_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.byp_voltage[row - 1]);
}

static bool g_byp_current(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->ups.byp_current[row - 1]);
}

static bool g_alarms_present(const struct door_in *in, int row, struct door_val *v)
{
	long n = 0;

	for (int wk = 1; wk <= RFC1628_WK_ALARMS; wk++)
		n += rfc1628_alarm_active(in->snap, in->u, wk);
	return door_int(v, n);
}

static bool g_wk(const struct door_in *in, int wk, struct door_val *v)
{
	return door_int(v, rfc1628_alarm_active(in->snap, in->u, wk));
}

#define WK_GETTER(n) \
static bool g_wk##n(const struct door_in *in, int row, struct door_val *v) \
{ \
	return g_wk(in, n, v); \
}
WK_GETTER(1) WK_GETTER(2) WK_GETTER(3) WK_GETTER(4) WK_GETTER(5) WK_GETTER(6)
WK_GETTER(7) WK_GETTER(8) WK_GETTER(9) WK_GETTER(10) WK_GETTER(11) WK_GETTER(12)
WK_GETTER(13) WK_GETTER(14) WK_GETTER(15) WK_GETTER(16) WK_GETTER(17) WK_GETTER(18)
WK_GETTER(19) WK_GETTER(20) WK_GETTER(21) WK_GETTER(22) WK_GETTER(23) WK_GETTER(24)

#define SCALAR(get, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), get, NULL, 0, NULL }
#define TABLE(cols, rows, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), NULL, cols, sizeof(cols) / sizeof(cols[0]), rows }

static const struct door_col in_cols[] = {
	{ 1, g_index }, { 2, g_in_voltage }, { 3, g_in_current }, { 5, g_in_voltage },
};
static const struct door_col out_cols[] = {
	{ 1, g_index }, { 2, g_out_voltage }, { 3, g_out_current }, { 4, g_out_load },
	{ 5, g_out_power },
};
static const struct door_col byp_cols[] = {
	{ 1, g_index }, { 2, g_byp_voltage }, { 3, g_byp_current },
};

/* Paths below upsObjects (.1.3.6.1.4.1.4555.1.1.1.1), in OID order. */
static const struct door_node nv5_nodes[] = {
	SCALAR(g_model, 1, 1), SCALAR(g_ups_sw, 1, 2), SCALAR(g_agent_sw, 1, 3),
	SCALAR(g_serial, 1, 4),
	SCALAR(g_batt_status, 2, 1), SCALAR(g_secs_on_batt, 2, 2),
	SCALAR(g_minutes, 2, 3), SCALAR(g_charge, 2, 4), SCALAR(g_batt_voltage, 2, 5),
	SCALAR(g_batt_temp, 2, 6),
	SCALAR(g_in_lines, 3, 1), SCALAR(g_in_freq, 3, 2),
	TABLE(in_cols, in_rows, 3, 3, 1),
	SCALAR(g_out_source, 4, 1), SCALAR(g_out_freq, 4, 2), SCALAR(g_out_lines, 4, 3),
	TABLE(out_cols, out_rows, 4, 4, 1),
	SCALAR(g_byp_freq, 5, 1), SCALAR(g_out_lines, 5, 2),
	TABLE(byp_cols, out_rows, 5, 3, 1),
	SCALAR(g_alarms_present, 6, 1),
	SCALAR(g_wk1, 6, 3, 1), SCALAR(g_wk2, 6, 3, 2), SCALAR(g_wk3, 6, 3, 3),
	SCALAR(g_wk4, 6, 3, 4), SCALAR(g_wk5, 6, 3, 5), SCALAR(g_wk6, 6, 3, 6),
	SCALAR(g_wk7, 6, 3, 7), SCALAR(g_wk8, 6, 3, 8), SCALAR(g_wk9, 6, 3, 9),
	SCALAR(g_wk10, 6, 3, 10), SCALAR(g_wk11, 6, 3, 11), SCALAR(g_wk12, 6, 3, 12),
	SCALAR(g_wk13, 6, 3, 13), SCALAR(g_wk14, 6, 3, 14), SCALAR(g_wk15, 6, 3, 15),
	SCALAR(g_wk16, 6, 3, 16), SCALAR(g_wk17, 6, 3, 17), SCALAR(g_wk18, 6, 3, 18),
	SCALAR(g_wk19, 6, 3, 19), SCALAR(g_wk20, 6, 3, 20), SCALAR(g_wk21, 6, 3, 21),
	SCALAR(g_wk22, 6, 3, 22), SCALAR(g_wk23, 6, 3, 23), SCALAR(g_wk24, 6, 3, 24),
};

const struct door nv5_door = {
	.name = "SOCOMECUPS5-MIB",
	.root = { NV5_MIB },
	.rootlen = 11,
	.nodes = nv5_nodes,
	.nnodes = sizeof(nv5_nodes) / sizeof(nv5_nodes[0]),
	.served = served,
};
