/*
 * rfc1628_values.c — the RFC 1628 UPS-MIB over the normalized model.
 *
 * Units are the RFC's, not the model's: voltages in whole volts, currents
 * in 0.1 A, frequencies in 0.1 Hz, powers in W, battery temperature in
 * whole degC.  The RFC's syntaxes are non-negative, so a measurement the
 * device does not manage (NV_NA) has no instance rather than a -1.
 */
#include <string.h>

#include "ctx.h"
#include "rfc1628_values.h"

#define UPS_MIB 1, 3, 6, 1, 2, 1, 33

enum { BATT_UNKNOWN = 1, BATT_NORMAL, BATT_LOW, BATT_DEPLETED };
enum { SRC_OTHER = 1, SRC_NONE, SRC_NORMAL, SRC_BYPASS, SRC_BATTERY };

/* Well-known alarm numbers (upsWellKnownAlarms N) that have a source. */
enum {
	WK_BATTERY_BAD = 1, WK_ON_BATTERY, WK_LOW_BATTERY, WK_DEPLETED_BATTERY,
	WK_TEMP_BAD, WK_INPUT_BAD, WK_OUTPUT_BAD, WK_OUTPUT_OVERLOAD,
	WK_ON_BYPASS, WK_BYPASS_BAD, WK_OUTPUT_OFF_AS_REQUESTED,
	WK_UPS_OFF_AS_REQUESTED, WK_CHARGER_FAILED, WK_UPS_OUTPUT_OFF,
	WK_UPS_SYSTEM_OFF, WK_FAN_FAILURE, WK_FUSE_FAILURE, WK_GENERAL_FAULT,
	WK_DIAGNOSTIC_TEST_FAILED, WK_COMMUNICATIONS_LOST, WK_AWAITING_POWER,
	WK_SHUTDOWN_PENDING, WK_SHUTDOWN_IMMINENT, WK_TEST_IN_PROGRESS,
};

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

/*
 * The manual's "RFC1628 well-known alarms" appendix, in model conditions.
 * Output bad, fuse failure, "off as requested" and the shutdown-agent
 * alarms have no device source; communications lost is the agent's own.
 */
bool rfc1628_alarm_active(const struct nv_snapshot *s, const struct nv_unit *u, int wk)
{
	if (wk == WK_COMMUNICATIONS_LOST)
		return s->comm == NV_COMM_LOST;
	if (!comm_ok(s))
		return false;
	switch (wk) {
	case WK_BATTERY_BAD:
		return has(u, NV_C_BATTERY_FAULT) || has(u, NV_C_BATTERY_CIRCUIT_OPEN);
	case WK_ON_BATTERY:          return has(u, NV_C_ON_BATTERY);
	case WK_LOW_BATTERY:         return has(u, NV_C_BATTERY_LOW);
	case WK_DEPLETED_BATTERY:    return has(u, NV_C_BATTERY_DISCHARGED);
	case WK_TEMP_BAD:            return has(u, NV_C_TEMPERATURE);
	case WK_INPUT_BAD:           return has(u, NV_C_INPUT_BAD);
	case WK_OUTPUT_OVERLOAD:     return has(u, NV_C_OVERLOAD);
	case WK_ON_BYPASS:           return has(u, NV_C_ON_BYPASS);
	case WK_BYPASS_BAD:          return has(u, NV_C_BYPASS_FAULT);
	case WK_CHARGER_FAILED:      return has(u, NV_C_CHARGER_FAULT);
	case WK_UPS_OUTPUT_OFF:      return has(u, NV_C_LOAD_OFF);
	case WK_UPS_SYSTEM_OFF:      return has(u, NV_C_SYSTEM_OFF);
	case WK_FAN_FAILURE:         return has(u, NV_C_FAN_FAILURE);
	case WK_GENERAL_FAULT:       return has(u, NV_C_GENERAL_ALARM);
	case WK_DIAGNOSTIC_TEST_FAILED: return has(u, NV_C_BATTERY_TEST_FAILED);
	case WK_TEST_IN_PROGRESS:    return has(u, NV_C_BATTERY_TEST_RUNNING);
	default:                     return false;
	}
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

/* Mains lost or out of tolerance; a battery test discharges on purpose. */
static bool input_bad(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return false;
	return has(u, NV_C_INPUT_BAD) ||
	    (has(u, NV_C_ON_BATTERY) && !has(u, NV_C_BATTERY_TEST_RUNNING));
}

void rfc1628_state_init(struct rfc1628_state *st)
{
	memset(st, 0, sizeof(*st));
	st->test_result = RFC1628_TEST_NONE;
}

static bool row_present(const struct rfc1628_state *st, int wk)
{
	for (int i = 0; i < st->nrows; i++) {
		if (st->rows[i].wk == wk)
			return true;
	}
	return false;
}

static void update_alarm_rows(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now)
{
	int kept = 0;

	for (int i = 0; i < st->nrows; i++) {
		if (rfc1628_alarm_active(s, u, st->rows[i].wk))
			st->rows[kept++] = st->rows[i];
	}
	st->nrows = kept;
	for (int wk = 1; wk <= RFC1628_WK_ALARMS; wk++) {
		if (row_present(st, wk) || !rfc1628_alarm_active(s, u, wk))
			continue;
		/* ids only grow, so rows stay in id order; wrap back to 1 only
		 * when the table is empty, so that an id is never reused live */
		if (st->last_id >= INT32_MAX - RFC1628_WK_ALARMS && st->nrows == 0)
			st->last_id = 0;
		st->rows[st->nrows].id = ++st->last_id;
		st->rows[st->nrows].wk = wk;
		st->rows[st->nrows].time = now;
		st->nrows++;
	}
}

static void update_test(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now)
{
	bool running = comm_ok(s) && has(u, NV_C_BATTERY_TEST_RUNNING);

	if (running && !st->test_was_running) {
		st->test_result = RFC1628_TEST_IN_PROGRESS;
		st->test_start = now;
		st->test_elapsed = 0;
	} else if (!running && st->test_was_running) {
		st->test_elapsed = now - st->test_start;
		if (!comm_ok(s))
			st->test_result = RFC1628_TEST_ABORTED;
		else if (has(u, NV_C_BATTERY_TEST_FAILED))
			st->test_result = RFC1628_TEST_ERROR;
		else
			st->test_result = RFC1628_TEST_PASS;
	} else if (!running && comm_ok(s) && has(u, NV_C_BATTERY_TEST_FAILED)) {
		/* a failed test the UPS still reports from before we started */
		st->test_result = RFC1628_TEST_ERROR;
	}
	st->test_was_running = running;
}

void rfc1628_state_update(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now)
{
	bool bad;

	if (st->have_seq && st->seq == s->seq)
		return;
	st->seq = s->seq;
	st->have_seq = true;
	update_alarm_rows(st, s, u, now);
	update_test(st, s, u, now);
	bad = input_bad(s, u);
	if (bad && !st->input_was_bad)
		st->line_bads++;
	st->input_was_bad = bad;
}

bool rfc1628_served(const struct door_in *in)
{
	return in->snap->kind == NV_KIND_UPS;
}

/* ---- getters ------------------------------------------------------ */

#define ST(in) ((const struct rfc1628_state *)(in)->state)

static int phases(int n)
{
	return n >= 1 && n <= NV_MAX_PHASES ? n : 0;
}

/* 0.1 V -> V */
static bool volts(struct door_val *v, int32_t dv)
{
	if (dv == NV_NA)
		return false;
	return door_int(v, door_div_round(dv, 10));
}

/* 0.1 kW or 0.1 kVA -> W or VA */
static bool watts(struct door_val *v, int32_t dkw)
{
	if (dkw == NV_NA)
		return false;
	return door_int(v, (long)dkw * 100);
}

static bool nonneg(struct door_val *v, int32_t n)
{
	if (n == NV_NA || n < 0)
		return false;
	return door_int(v, n);
}

static bool g_manufacturer(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, "SOCOMEC");
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

static bool g_name(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.name);
}

/* Shutdown clients are not known to the agent yet. */
static bool g_attached(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, "");
}

static bool g_batt_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, rfc1628_battery_status(in->snap, in->u));
}

static bool g_secs_on_batt(const struct door_in *in, int row, struct door_val *v)
{
	if (!has(in->u, NV_C_ON_BATTERY) || !comm_ok(in->snap))
		return door_int(v, 0);
	return nonneg(v, in->u->ups.batt_seconds_on);
}

static bool g_minutes(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.batt_minutes);
}

static bool g_charge(const struct door_in *in, int row, struct door_val *v)
{
	int32_t c = in->u->ups.batt_charge;

	if (c == NV_NA)
		return false;
	return door_int(v, c < 0 ? 0 : c > 100 ? 100 : c);
}

static bool g_batt_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.batt_voltage);
}

static bool g_batt_current(const struct door_in *in, int row, struct door_val *v)
{
	return door_int_known(v, in->u->ups.batt_current);
}

static bool g_batt_temp(const struct door_in *in, int row, struct door_val *v)
{
	return volts(v, in->u->ups.batt_temp);  /* 0.1 degC -> degC, same rounding */
}

static bool g_line_bads(const struct door_in *in, int row, struct door_val *v)
{
	v->type = DOOR_COUNTER;
	v->num = ST(in)->line_bads;
	return true;
}

static bool g_in_lines(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, phases(in->snap->id.phases_in));
}

static int in_rows(const struct door_in *in, int after)
{
	return door_rows_upto(after, phases(in->snap->id.phases_in));
}

static bool g_in_freq(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.in_freq);
}

static bool g_in_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return volts(v, in->u->ups.in_voltage[row - 1]);
}

static bool g_in_current(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.in_current[row - 1]);
}

static bool g_out_source(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, rfc1628_output_source(in->snap, in->u));
}

static bool g_out_freq(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.out_freq);
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
	return volts(v, in->u->ups.out_voltage[row - 1]);
}

static bool g_out_current(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.out_current[row - 1]);
}

static bool g_out_power(const struct door_in *in, int row, struct door_val *v)
{
	return watts(v, in->u->ups.out_kw[row - 1]);
}

static bool g_out_load(const struct door_in *in, int row, struct door_val *v)
{
	int32_t l = in->u->ups.out_load[row - 1];

	if (l == NV_NA || l < 0)
		return false;
	return door_int(v, l > 200 ? 200 : l);
}

static bool g_byp_freq(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.byp_freq);
}

/* The bypass line feeds the output: as many lines as the output. */
static bool g_byp_lines(const struct door_in *in, int row, struct door_val *v)
{
	return g_out_lines(in, row, v);
}

static bool g_byp_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return volts(v, in->u->ups.byp_voltage[row - 1]);
}

static bool g_byp_current(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->u->ups.byp_current[row - 1]);
}

static bool g_alarms_present(const struct door_in *in, int row, struct door_val *v)
{
	v->type = DOOR_GAUGE;
	v->num = ST(in)->nrows;
	return true;
}

static const struct rfc1628_alarm_row *alarm_row(const struct door_in *in, int id)
{
	const struct rfc1628_state *st = ST(in);

	for (int i = 0; i < st->nrows; i++) {
		if (st->rows[i].id == id)
			return &st->rows[i];
	}
	return NULL;
}

static int alarm_rows(const struct door_in *in, int after)
{
	const struct rfc1628_state *st = ST(in);

	for (int i = 0; i < st->nrows; i++) {
		if (st->rows[i].id > after)
			return st->rows[i].id;
	}
	return 0;
}

static bool g_alarm_descr(const struct door_in *in, int row, struct door_val *v)
{
	const struct rfc1628_alarm_row *r = alarm_row(in, row);
	uint32_t oid[] = { UPS_MIB, 1, 6, 3, 0 };

	if (!r)
		return false;
	oid[sizeof(oid) / sizeof(oid[0]) - 1] = (uint32_t)r->wk;
	return door_oid(v, oid, sizeof(oid) / sizeof(oid[0]));
}

static bool g_alarm_time(const struct door_in *in, int row, struct door_val *v)
{
	const struct rfc1628_alarm_row *r = alarm_row(in, row);

	if (!r)
		return false;
	v->type = DOOR_TICKS;
	v->num = r->time;
	return true;
}

/* Tests are started from the UPS panel or nvctl for now: read side only. */
static bool g_test_id(const struct door_in *in, int row, struct door_val *v)
{
	static const uint32_t none[] = { UPS_MIB, 1, 7, 7, 1 };   /* upsTestNoTestsInitiated */

	return door_oid(v, none, sizeof(none) / sizeof(none[0]));
}

static bool g_zero(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, 0);
}

static bool g_test_summary(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, ST(in)->test_result);
}

static bool g_test_detail(const struct door_in *in, int row, struct door_val *v)
{
	switch (ST(in)->test_result) {
	case RFC1628_TEST_PASS:        return door_str(v, "battery test passed");
	case RFC1628_TEST_ERROR:       return door_str(v, "battery test failed");
	case RFC1628_TEST_ABORTED:     return door_str(v, "battery test outcome unknown: communication with the UPS lost");
	case RFC1628_TEST_IN_PROGRESS: return door_str(v, "battery test in progress");
	default:                       return door_str(v, "");
	}
}

static bool g_test_start(const struct door_in *in, int row, struct door_val *v)
{
	v->type = DOOR_TICKS;
	v->num = ST(in)->test_result == RFC1628_TEST_NONE ? 0 : ST(in)->test_start;
	return true;
}

/* TimeInterval: 0.01 s; a test in progress shows its elapsed time so far. */
static bool g_test_elapsed(const struct door_in *in, int row, struct door_val *v)
{
	const struct rfc1628_state *st = ST(in);

	if (st->test_result == RFC1628_TEST_IN_PROGRESS)
		return door_int(v, (long)(in->now - st->test_start));
	return door_int(v, st->test_elapsed);
}

static bool g_shutdown_type(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, 1);          /* output(1) */
}

/* No shutdown, startup or reboot countdown is running. */
static bool g_no_countdown(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, -1);
}

static bool g_auto_restart(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, 1);          /* on(1): SOCOMEC UPSs restart when mains return */
}

static int32_t nominal_x(int n, int mult)
{
	return n == NV_NA || n < 0 ? NV_NA : n * mult;
}

static bool g_cfg_vin(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->snap->id.nominal_vin);
}

static bool g_cfg_fin(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, nominal_x(in->snap->id.nominal_fin, 10));
}

static bool g_cfg_vout(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, in->snap->id.nominal_vout);
}

static bool g_cfg_fout(const struct door_in *in, int row, struct door_val *v)
{
	return nonneg(v, nominal_x(in->snap->id.nominal_fout, 10));
}

/* With data-unit = N the MIB describes unit N, so its own rating. */
static bool g_cfg_va(const struct door_in *in, int row, struct door_val *v)
{
	const struct nv_identity *id = &in->snap->id;
	int kva = in->u == &in->snap->sys ? id->nominal_kva : id->unit_kva;

	return nonneg(v, nominal_x(kva, 100));
}

static bool g_cfg_power(const struct door_in *in, int row, struct door_val *v)
{
	const struct nv_identity *id = &in->snap->id;
	int kw = id->nominal_kw;

	if (in->u != &in->snap->sys && kw != NV_NA && id->nominal_kva > 0 && id->unit_kva > 0)
		kw = (int)((long)kw * id->unit_kva / id->nominal_kva);
	return nonneg(v, nominal_x(kw, 100));
}

static bool g_audible(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, 2);          /* enabled(2): the agent cannot silence the UPS */
}

#define SCALAR(get, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), get, NULL, 0, NULL }
#define TABLE(cols, rows, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), NULL, cols, sizeof(cols) / sizeof(cols[0]), rows }

static const struct door_col input_cols[] = {
	{ 2, g_in_freq }, { 3, g_in_voltage }, { 4, g_in_current },
};

static const struct door_col output_cols[] = {
	{ 2, g_out_voltage }, { 3, g_out_current },
	{ 4, g_out_power }, { 5, g_out_load },
};

static const struct door_col bypass_cols[] = {
	{ 2, g_byp_voltage }, { 3, g_byp_current },
};

static const struct door_col alarm_cols[] = {
	{ 2, g_alarm_descr }, { 3, g_alarm_time },
};

/* Paths below upsObjects (.1.3.6.1.2.1.33.1), in OID order.  Index
 * columns are not-accessible in the RFC, so tables start at column 2. */
static const struct door_node rfc1628_nodes[] = {
	SCALAR(g_manufacturer, 1, 1), SCALAR(g_model, 1, 2), SCALAR(g_ups_sw, 1, 3),
	SCALAR(g_agent_sw, 1, 4), SCALAR(g_name, 1, 5), SCALAR(g_attached, 1, 6),
	SCALAR(g_batt_status, 2, 1), SCALAR(g_secs_on_batt, 2, 2),
	SCALAR(g_minutes, 2, 3), SCALAR(g_charge, 2, 4), SCALAR(g_batt_voltage, 2, 5),
	SCALAR(g_batt_current, 2, 6), SCALAR(g_batt_temp, 2, 7),
	SCALAR(g_line_bads, 3, 1), SCALAR(g_in_lines, 3, 2),
	TABLE(input_cols, in_rows, 3, 3, 1),
	SCALAR(g_out_source, 4, 1), SCALAR(g_out_freq, 4, 2), SCALAR(g_out_lines, 4, 3),
	TABLE(output_cols, out_rows, 4, 4, 1),
	SCALAR(g_byp_freq, 5, 1), SCALAR(g_byp_lines, 5, 2),
	TABLE(bypass_cols, out_rows, 5, 3, 1),
	SCALAR(g_alarms_present, 6, 1),
	TABLE(alarm_cols, alarm_rows, 6, 2, 1),
	SCALAR(g_test_id, 7, 1), SCALAR(g_zero, 7, 2), SCALAR(g_test_summary, 7, 3),
	SCALAR(g_test_detail, 7, 4), SCALAR(g_test_start, 7, 5),
	SCALAR(g_test_elapsed, 7, 6),
	SCALAR(g_shutdown_type, 8, 1), SCALAR(g_no_countdown, 8, 2),
	SCALAR(g_no_countdown, 8, 3), SCALAR(g_no_countdown, 8, 4),
	SCALAR(g_auto_restart, 8, 5),
	SCALAR(g_cfg_vin, 9, 1), SCALAR(g_cfg_fin, 9, 2), SCALAR(g_cfg_vout, 9, 3),
	SCALAR(g_cfg_fout, 9, 4), SCALAR(g_cfg_va, 9, 5), SCALAR(g_cfg_power, 9, 6),
	SCALAR(g_audible, 9, 8),
};

const struct door rfc1628_door = {
	.name = "UPS-MIB",
	.root = { UPS_MIB, 1 },
	.rootlen = 8,
	.nodes = rfc1628_nodes,
	.nnodes = sizeof(rfc1628_nodes) / sizeof(rfc1628_nodes[0]),
	.served = rfc1628_served,
};
