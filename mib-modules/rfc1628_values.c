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

#include "ctx.h"
#include "mib_model.h"
#include "mib_state.h"
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

bool rfc1628_served(const struct nv_ctx *ctx)
{
	return ctx->snap.kind == NV_KIND_UPS;
}

/* ---- getters ------------------------------------------------------ */

/* The derived state, or NULL before nv_mib_state_init(). */
static const struct rfc1628_state *state(const struct nv_ctx *ctx)
{
	return ctx->mib != NULL ? &ctx->mib->rfc : NULL;
}

static void get_batt_status(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	mib_set_int(v, rfc1628_battery_status(&ctx->snap, mm_view(ctx)));
}

static void get_secs_on_batt(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	int32_t s = mm_view(ctx)->ups.batt_seconds_on;

	if (!mm_has(ctx, NV_C_ON_BATTERY) || !mm_comm_ok(ctx))
		mib_set_int(v, 0);
	else if (s != NV_NA && s >= 0)
		mib_set_int(v, s);
}

/* upsBatteryEstimatedChargeRemaining: 0..100 */
static void get_charge(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	int32_t c = mm_view(ctx)->ups.batt_charge;

	if (c != NV_NA)
		mib_set_int(v, c < 0 ? 0 : c > 100 ? 100 : c);
}

/* upsOutputPercentLoad: 0..200 */
static void get_load(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	int32_t l = mm_view(ctx)->ups.out_load[row - 1];

	if (l != NV_NA && l >= 0)
		mib_set_int(v, l > 200 ? 200 : l);
}

enum { TXT_MANUFACTURER, TXT_ATTACHED };

/* Shutdown clients are not known to the agent yet: no attached devices. */
static void get_text(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	mib_set_str(v, o->arg == TXT_MANUFACTURER ? "SOCOMEC" : "", MIB_STR_MAX);
}

static void get_out_source(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	mib_set_int(v, rfc1628_output_source(&ctx->snap, mm_view(ctx)));
}

enum { ST_LINE_BADS, ST_ALARMS, ST_TEST_SUMMARY, ST_TEST_DETAIL, ST_TEST_START,
	ST_TEST_ELAPSED };

static const char *test_detail(enum rfc1628_test_result r)
{
	switch (r) {
	case RFC1628_TEST_PASS:        return "battery test passed";
	case RFC1628_TEST_ERROR:       return "battery test failed";
	case RFC1628_TEST_ABORTED:     return "battery test outcome unknown: communication with the UPS lost";
	case RFC1628_TEST_IN_PROGRESS: return "battery test in progress";
	default:                       return "";
	}
}

/* Objects of the derived state; a test in progress shows its elapsed
 * time so far (TimeInterval, 0.01 s). */
static void get_state(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	const struct rfc1628_state *st = state(ctx);

	if (st == NULL)
		return;
	switch (o->arg) {
	case ST_LINE_BADS:
		mib_set_counter(v, st->line_bads);
		break;
	case ST_ALARMS:
		mib_set_gauge(v, (uint32_t)st->nrows);
		break;
	case ST_TEST_SUMMARY:
		mib_set_int(v, st->test_result);
		break;
	case ST_TEST_DETAIL:
		mib_set_str(v, test_detail(st->test_result), MIB_STR_MAX);
		break;
	case ST_TEST_START:
		mib_set_ticks(v, st->test_result == RFC1628_TEST_NONE ? 0 : st->test_start);
		break;
	case ST_TEST_ELAPSED:
		if (st->test_result == RFC1628_TEST_IN_PROGRESS)
			mib_set_int(v, (int32_t)(nv_mib_uptime_ticks(ctx) - st->test_start));
		else
			mib_set_int(v, (int32_t)st->test_elapsed);
		break;
	}
}

static const struct rfc1628_alarm_row *alarm_row(const struct nv_ctx *ctx, int id)
{
	const struct rfc1628_state *st = state(ctx);

	for (int i = 0; st != NULL && i < st->nrows; i++) {
		if (st->rows[i].id == id)
			return &st->rows[i];
	}
	return NULL;
}

static int rows_alarm(const struct nv_ctx *ctx, int after)
{
	const struct rfc1628_state *st = state(ctx);

	for (int i = 0; st != NULL && i < st->nrows; i++) {
		if (st->rows[i].id > after)
			return st->rows[i].id;
	}
	return -1;
}

enum { ALARM_DESCR, ALARM_TIME };

static void get_alarm_col(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	const struct rfc1628_alarm_row *r = alarm_row(ctx, row);
	uint32_t oid[] = { UPS_MIB, 1, 6, 3, 0 };

	if (r == NULL)
		return;
	if (o->arg == ALARM_TIME) {
		mib_set_ticks(v, r->time);
		return;
	}
	oid[sizeof(oid) / sizeof(oid[0]) - 1] = (uint32_t)r->wk;
	mib_set_oid(v, oid, sizeof(oid) / sizeof(oid[0]));
}

/* Tests are started from the UPS panel or nvctl for now: read side only. */
static void get_test_id(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	static const uint32_t none[] = { UPS_MIB, 1, 7, 7, 1 };   /* upsTestNoTestsInitiated */

	mib_set_oid(v, none, sizeof(none) / sizeof(none[0]));
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
static int32_t rating_kw(const struct nv_ctx *ctx)
{
	const struct nv_identity *id = &ctx->snap.id;
	int kw = id->nominal_kw;

	if (mm_view(ctx) != &ctx->snap.sys && kw != NV_NA && id->nominal_kva > 0 &&
	    id->unit_kva > 0)
		kw = (int)((long)kw * id->unit_kva / id->nominal_kva);
	return kw;
}

static void get_config(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	const struct nv_identity *id = &ctx->snap.id;
	bool sys = mm_view(ctx) == &ctx->snap.sys;

	switch (o->arg) {
	case CFG_VIN:   set_nonneg(v, id->nominal_vin); break;
	case CFG_FIN:   set_nonneg(v, nominal_x(id->nominal_fin, 10)); break;
	case CFG_VOUT:  set_nonneg(v, id->nominal_vout); break;
	case CFG_FOUT:  set_nonneg(v, nominal_x(id->nominal_fout, 10)); break;
	case CFG_VA:    set_nonneg(v, nominal_x(sys ? id->nominal_kva : id->unit_kva, 100)); break;
	case CFG_POWER: set_nonneg(v, nominal_x(rating_kw(ctx), 100)); break;
	}
}

/* ---- descriptors, in OID order below upsObjects ---- */

#define U(f, conv) MM_MEAS(ups.f, conv)
#define L(f, conv) MM_LINE(ups.f, conv)
#define IN(col, get, arg) MM_COLUMN(mm_rows_in, get, arg, 3, 3, 1, col)
#define OUT(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 4, 4, 1, col)
#define BYP(col, get, arg) MM_COLUMN(mm_rows_out, get, arg, 5, 3, 1, col)
#define NO_COUNTDOWN -1         /* no shutdown, startup or reboot countdown runs */

/* Index columns are not-accessible in the RFC: tables start at column 2. */
static const struct mib_obj rfc1628_objs[] = {
	/* upsIdent */
	MM_SCALAR(get_text, TXT_MANUFACTURER, 1, 1),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, model), 1, 2),
	MM_SCALAR(mm_get_id_str, offsetof(struct nv_identity, firmware), 1, 3),
	MM_SCALAR(mm_get_agent_sw, 0, 1, 4),
	MM_SCALAR(mm_get_cfg_str, offsetof(struct nv_config, system.name), 1, 5),
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
	MM_SCALAR(get_test_id, 0, 7, 1),
	MM_SCALAR(mm_get_const, 0, 7, 2),
	MM_SCALAR(get_state, ST_TEST_SUMMARY, 7, 3),
	MM_SCALAR(get_state, ST_TEST_DETAIL, 7, 4),
	MM_SCALAR(get_state, ST_TEST_START, 7, 5),
	MM_SCALAR(get_state, ST_TEST_ELAPSED, 7, 6),
	/* upsControl */
	MM_SCALAR(mm_get_const, 1, 8, 1),       /* upsShutdownType: output(1) */
	MM_SCALAR(mm_get_const, NO_COUNTDOWN, 8, 2),
	MM_SCALAR(mm_get_const, NO_COUNTDOWN, 8, 3),
	MM_SCALAR(mm_get_const, NO_COUNTDOWN, 8, 4),
	/* on(1): SOCOMEC UPSs restart when mains return */
	MM_SCALAR(mm_get_const, 1, 8, 5),
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
