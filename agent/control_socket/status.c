/*
 * status.c — render the device state for `nvctl status`.  Measurements are
 * table rows (label, unit, scale, where in the model), so that the human
 * and the JSON report always show the same set.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "status.h"

enum count { ONE, PHASES_IN, PHASES_OUT, TWO };

struct meas_row {
	const char *label;      /* human */
	const char *key;        /* JSON */
	const char *unit;
	int scale;              /* 10: value in tenths; 1: whole units */
	size_t off;             /* in struct nv_ups_meas or nv_sts_meas */
	enum count count;
};

#define U(m) offsetof(struct nv_ups_meas, m)
#define S(m) offsetof(struct nv_sts_meas, m)

static const struct meas_row ups_rows[] = {
	{ "Input voltage",    "input_voltage_v",    "V",    10, U(in_voltage),   PHASES_IN },
	{ "Input frequency",  "input_frequency_hz", "Hz",   10, U(in_freq),      ONE },
	{ "Bypass voltage",   "bypass_voltage_v",   "V",    10, U(byp_voltage),  PHASES_OUT },
	{ "Bypass frequency", "bypass_frequency_hz", "Hz",  10, U(byp_freq),     ONE },
	{ "Output voltage",   "output_voltage_v",   "V",    10, U(out_voltage),  PHASES_OUT },
	{ "Output current",   "output_current_a",   "A",    10, U(out_current),  PHASES_OUT },
	{ "Output frequency", "output_frequency_hz", "Hz",  10, U(out_freq),     ONE },
	{ "Load",             "load_pct",           "%",     1, U(out_load),     PHASES_OUT },
	{ "Load total",       "load_total_pct",     "%",     1, U(out_load_total), ONE },
	{ "Apparent power",   "output_kva",         "kVA",  10, U(out_kva_total), ONE },
	{ "Active power",     "output_kw",          "kW",   10, U(out_kw_total), ONE },
	{ "Battery charge",   "battery_charge_pct", "%",     1, U(batt_charge),  ONE },
	{ "Time remaining",   "battery_minutes",    "min",   1, U(batt_minutes), ONE },
	{ "On battery since", "battery_seconds_on", "s",     1, U(batt_seconds_on), ONE },
	{ "Battery voltage",  "battery_voltage_v",  "V",    10, U(batt_voltage), ONE },
	{ "Battery current",  "battery_current_a",  "A",    10, U(batt_current), ONE },
	{ "Battery temp.",    "battery_temp_c",     "degC", 10, U(batt_temp),    ONE },
	{ "Ambient temp.",    "ambient_temp_c",     "degC", 10, U(ambient_temp), ONE },
};

static const struct meas_row sts_rows[] = {
	{ "Source 1 voltage",  "source1_voltage_v",   "V",   10, S(src_voltage[0]), PHASES_IN },
	{ "Source 2 voltage",  "source2_voltage_v",   "V",   10, S(src_voltage[1]), PHASES_IN },
	{ "Source frequency",  "source_frequency_hz", "Hz",  10, S(src_freq),      TWO },
	{ "Phase shift",       "phase_shift_deg",     "deg",  1, S(phase_shift),   ONE },
	{ "Output voltage",    "output_voltage_v",    "V",   10, S(out_voltage),   PHASES_OUT },
	{ "Output current",    "output_current_a",    "A",   10, S(out_current),   PHASES_OUT },
	{ "Output frequency",  "output_frequency_hz", "Hz",  10, S(out_freq),      ONE },
	{ "Load",              "load_pct",            "%",    1, S(out_load),      PHASES_OUT },
	{ "Load total",        "load_total_pct",      "%",    1, S(out_load_total), ONE },
	{ "Active power",      "output_kw",           "kW",  10, S(out_kw_total),  ONE },
	{ "Switch temp.",      "switch_temp_c",       "degC", 10, S(switch_temp),  TWO },
	{ "Ambient temp.",     "ambient_temp_c",      "degC", 10, S(ambient_temp), ONE },
};

#define NROWS(t) (sizeof(t) / sizeof(t[0]))

bool nv_cond_is_alarm(enum nv_cond c)
{
	return (c >= NV_C_IMMINENT_STOP && c <= NV_C_UNIT_ALARM12) ||
	    (c >= NV_C_STS_IMMINENT_STOP && c < NV_C_COUNT && c != NV_C_EMD_COMM_LOST);
}

void nv_status_clock_now(struct nv_status_clock *now)
{
	clock_gettime(CLOCK_MONOTONIC, &now->mono);
	now->wall = time(NULL);
}

static int phases(int n)
{
	return n == 1 ? 1 : NV_MAX_PHASES;
}

static int row_count(const struct meas_row *r, const struct nv_identity *id)
{
	switch (r->count) {
	case PHASES_IN:  return phases(id->phases_in);
	case PHASES_OUT: return phases(id->phases_out);
	case TWO:        return 2;
	case ONE:        break;
	}
	return 1;
}

/* A model value as text: "229.5", "-3.2", "95", or "n/a" for NV_NA. */
void nv_status_put_value(struct nv_text *t, int32_t v, int scale, bool json)
{
	if (v == NV_NA) {
		nv_text_printf(t, "%s", json ? "null" : "n/a");
		return;
	}
	if (scale == 10) {
		long a = v < 0 ? -(long)v : v;

		nv_text_printf(t, "%s%ld.%ld", v < 0 ? "-" : "", a / 10, a % 10);
	} else {
		nv_text_printf(t, "%ld", (long)v);
	}
}

static const char *kind_name(enum nv_kind k)
{
	return k == NV_KIND_UPS ? "UPS" : k == NV_KIND_STS ? "STS" : "none";
}

/* Seconds since the last communication change, or -1 when unknown. */
static long comm_age(const struct nv_snapshot *s, const struct nv_status_clock *now)
{
	if (s->comm_since.tv_sec == 0 && s->comm_since.tv_nsec == 0)
		return -1;
	if (now->mono.tv_sec < s->comm_since.tv_sec)
		return 0;
	return (long)(now->mono.tv_sec - s->comm_since.tv_sec);
}

/* Age in seconds of the oldest measurement shown, or -1 when none was read. */
static double oldest_meas_age(const struct nv_snapshot *s, const struct nv_status_clock *now)
{
	double mono = (double)now->mono.tv_sec + now->mono.tv_nsec / 1e9;

	if (s->comm != NV_COMM_OK || s->stats.oldest_meas_s <= 0 ||
	    mono < s->stats.oldest_meas_s)
		return -1;
	return mono - s->stats.oldest_meas_s;
}

static void put_iso_time(struct nv_text *t, time_t when)
{
	char buf[32];
	struct tm tm;

	if (localtime_r(&when, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S%z", &tm) == 0)
		snprintf(buf, sizeof(buf), "%lld", (long long)when);
	nv_text_printf(t, "%s", buf);
}

static const struct meas_row *rows_for(const struct nv_snapshot *s, size_t *n)
{
	if (s->kind == NV_KIND_STS) {
		*n = NROWS(sts_rows);
		return sts_rows;
	}
	*n = NROWS(ups_rows);
	return ups_rows;
}

static const void *meas_base(const struct nv_snapshot *s, const struct nv_unit *u)
{
	return s->kind == NV_KIND_STS ? (const void *)&u->sts : (const void *)&u->ups;
}

static int32_t meas_at(const void *base, const struct meas_row *r, int i)
{
	const int32_t *p = (const int32_t *)((const char *)base + r->off);

	return p[i];
}

/* ---- human ---------------------------------------------------------- */

static void human_conds(struct nv_text *t, const struct nv_unit *u, bool alarms)
{
	int n = 0;

	for (int c = 0; c < NV_C_COUNT; c++) {
		if (!nv_cond_get(u, (enum nv_cond)c) || nv_cond_is_alarm((enum nv_cond)c) != alarms)
			continue;
		nv_text_printf(t, "%s%s", n++ ? ", " : "", nv_cond_name((enum nv_cond)c));
	}
	nv_text_printf(t, "%s\n", n ? "" : "none");
}

enum mod_state { MOD_OPERATING, MOD_ALARM, MOD_STOP };

static bool module_is(const struct nv_module *m, enum mod_state what)
{
	switch (what) {
	case MOD_OPERATING:
		return m->operating;
	case MOD_ALARM:
		return m->general_alarm;
	case MOD_STOP:
		return m->imminent_stop;
	}
	return false;
}

/* The present modules in state WHAT, by number, or "none". */
static void human_module_list(struct nv_text *t, const struct nv_snapshot *s,
    enum mod_state what)
{
	int n = 0;

	for (int m = 0; m < s->n_modules && m < NV_MAX_MODULES; m++) {
		const struct nv_module *mod = &s->module[m];

		if (mod->present && module_is(mod, what))
			nv_text_printf(t, "%s%d", n++ ? "," : "", m + 1);
	}
	nv_text_printf(t, "%s", n ? "" : "none");
}

/*
 * Modules are numbered as the NET VISION shows them: in a modular system,
 * unit 1's modules first, then unit 2's, and so on (1..24).
 */
static void human_modules(struct nv_text *t, const struct nv_snapshot *s)
{
	if (s->n_modules <= 0)
		return;
	nv_text_printf(t, "Modules:        operating ");
	human_module_list(t, s, MOD_OPERATING);
	nv_text_printf(t, "; general alarm ");
	human_module_list(t, s, MOD_ALARM);
	nv_text_printf(t, "; imminent stop ");
	human_module_list(t, s, MOD_STOP);
	nv_text_printf(t, "\n");
}

static void human_identity(struct nv_text *t, const struct nv_snapshot *s)
{
	const struct nv_identity *id = &s->id;

	nv_text_printf(t, "Device:         %s %s\n", kind_name(s->kind),
	    id->model[0] ? id->model : "(unknown model)");
	nv_text_printf(t, "Serial number:  %s\n", id->serial[0] ? id->serial : "n/a");
	if (id->reference[0])
		nv_text_printf(t, "Reference:      %s\n", id->reference);
	if (id->type_code == NV_NA)
		nv_text_printf(t, "Type code:      n/a\n");
	else
		nv_text_printf(t, "Type code:      %d (0x%04x)\n", id->type_code, (unsigned)id->type_code);
	nv_text_printf(t, "Protocol:       %s, ", nv_protocol_name(s->proto));
	if (s->baud > 0)
		nv_text_printf(t, "%d baud\n", s->baud);
	else
		nv_text_printf(t, "baud n/a\n");
	nv_text_printf(t, "Nominal power:  ");
	nv_status_put_value(t, id->nominal_kva, 10, false);
	nv_text_printf(t, " kVA\n");
	nv_text_printf(t, "Topology:       %s, %d unit(s), %d module(s), %d phase(s) in, %d out\n",
	    nv_topology_name(s->topo), s->n_units, s->n_modules, id->phases_in, id->phases_out);
	human_modules(t, s);
}

static void human_comm(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_status_clock *now)
{
	long age = comm_age(s, now);

	nv_text_printf(t, "Communication:  %s", nv_comm_name(s->comm));
	if (age >= 0) {
		nv_text_printf(t, " since ");
		put_iso_time(t, now->wall - age);
		nv_text_printf(t, " (%ld s ago)", age);
	}
	nv_text_printf(t, "\nSerial line:    %llu cycles, %llu requests, %llu errors, %llu timeouts\n",
	    (unsigned long long)s->stats.cycles, (unsigned long long)s->stats.requests,
	    (unsigned long long)s->stats.errors, (unsigned long long)s->stats.timeouts);
	if (oldest_meas_age(s, now) >= 0)
		nv_text_printf(t, "Measurements:   the oldest read %.1f s ago\n",
		    oldest_meas_age(s, now));
	else
		nv_text_printf(t, "Measurements:   none read\n");
	if (s->comm == NV_COMM_OK && s->clock_known)
		nv_text_printf(t, "UPS clock:      %+ld s from the host's\n",
		    (long)s->clock_drift_s);
}

static void human_meas(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_unit *u, int data_unit)
{
	size_t n;
	const struct meas_row *rows = rows_for(s, &n);
	const void *base = meas_base(s, u);

	if (data_unit > 0 && data_unit <= s->n_units)
		nv_text_printf(t, "Measurements (unit %d):\n", data_unit);
	else
		nv_text_printf(t, "Measurements (system):\n");
	for (size_t i = 0; i < n; i++) {
		int cnt = row_count(&rows[i], &s->id);

		nv_text_printf(t, "  %-18s ", rows[i].label);
		for (int k = 0; k < cnt; k++) {
			if (k > 0)
				nv_text_printf(t, " / ");
			nv_status_put_value(t, meas_at(base, &rows[i], k), rows[i].scale, false);
		}
		nv_text_printf(t, " %s\n", rows[i].unit);
	}
}

static void render_human(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg, const struct nv_status_clock *now)
{
	const struct nv_unit *u = nv_snapshot_view(s, cfg->data_unit);

	nv_text_printf(t, "Agent:          %s\n", cfg->system.name);
	human_identity(t, s);
	human_comm(t, s, now);
	nv_text_printf(t, "Status:         ");
	human_conds(t, u, false);
	nv_text_printf(t, "Alarms:         ");
	human_conds(t, u, true);
	human_meas(t, s, u, cfg->data_unit);
	nv_status_env_human(t, s, cfg);
}

/* ---- JSON ----------------------------------------------------------- */

static void json_str(struct nv_text *t, const char *key, const char *val, bool comma)
{
	nv_text_printf(t, "\"%s\":", key);
	nv_text_json_string(t, val);
	if (comma)
		nv_text_append(t, ",", 1);
}

static void json_num(struct nv_text *t, const char *key, int32_t v, int scale, bool comma)
{
	nv_text_printf(t, "\"%s\":", key);
	nv_status_put_value(t, v, scale, true);
	if (comma)
		nv_text_append(t, ",", 1);
}

static void json_conds(struct nv_text *t, const struct nv_unit *u, bool alarms)
{
	int n = 0;

	nv_text_append(t, "[", 1);
	for (int c = 0; c < NV_C_COUNT; c++) {
		if (!nv_cond_get(u, (enum nv_cond)c) || nv_cond_is_alarm((enum nv_cond)c) != alarms)
			continue;
		if (n++)
			nv_text_append(t, ",", 1);
		nv_text_json_string(t, nv_cond_name((enum nv_cond)c));
	}
	nv_text_append(t, "]", 1);
}

/* module_list: one object per module slot, numbered as human_modules() says */
static void json_modules(struct nv_text *t, const struct nv_snapshot *s)
{
	nv_text_printf(t, "\"module_list\":[");
	for (int m = 0; m < s->n_modules && m < NV_MAX_MODULES; m++) {
		const struct nv_module *mod = &s->module[m];

		nv_text_printf(t, "%s{\"module\":%d,\"present\":%s,\"operating\":%s,"
		    "\"available\":%s,\"general_alarm\":%s,\"imminent_stop\":%s}",
		    m ? "," : "", m + 1, mod->present ? "true" : "false",
		    mod->operating ? "true" : "false", mod->available ? "true" : "false",
		    mod->general_alarm ? "true" : "false",
		    mod->imminent_stop ? "true" : "false");
	}
	nv_text_printf(t, "],");
}

static void json_identity(struct nv_text *t, const struct nv_snapshot *s)
{
	const struct nv_identity *id = &s->id;

	nv_text_printf(t, "\"identity\":{");
	json_str(t, "kind", kind_name(s->kind), true);
	json_str(t, "model", id->model, true);
	json_str(t, "serial", id->serial, true);
	json_str(t, "reference", id->reference, true);
	json_str(t, "firmware", id->firmware, true);
	json_num(t, "type_code", id->type_code, 1, true);
	json_str(t, "protocol", nv_protocol_name(s->proto), true);
	json_num(t, "baud", s->baud > 0 ? s->baud : NV_NA, 1, true);
	json_num(t, "nominal_kva", id->nominal_kva, 10, false);
	nv_text_printf(t, "},\"topology\":{");
	json_str(t, "type", nv_topology_name(s->topo), true);
	json_num(t, "units", s->n_units, 1, true);
	json_num(t, "modules", s->n_modules, 1, true);
	json_modules(t, s);
	json_num(t, "phases_in", id->phases_in, 1, true);
	json_num(t, "phases_out", id->phases_out, 1, false);
	nv_text_printf(t, "},");
}

static void json_comm(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_status_clock *now)
{
	long age = comm_age(s, now);

	nv_text_printf(t, "\"communication\":{");
	json_str(t, "state", nv_comm_name(s->comm), true);
	if (age >= 0) {
		nv_text_printf(t, "\"since\":\"");
		put_iso_time(t, now->wall - age);
		nv_text_printf(t, "\",\"seconds\":%ld,", age);
	} else {
		nv_text_printf(t, "\"since\":null,\"seconds\":null,");
	}
	nv_text_printf(t, "\"cycles\":%llu,\"requests\":%llu,\"errors\":%llu,\"timeouts\":%llu,",
	    (unsigned long long)s->stats.cycles, (unsigned long long)s->stats.requests,
	    (unsigned long long)s->stats.errors, (unsigned long long)s->stats.timeouts);
	if (oldest_meas_age(s, now) >= 0)
		nv_text_printf(t, "\"oldest_measurement_s\":%.1f,", oldest_meas_age(s, now));
	else
		nv_text_printf(t, "\"oldest_measurement_s\":null,");
	if (s->comm == NV_COMM_OK && s->clock_known)
		nv_text_printf(t, "\"ups_clock_drift_s\":%ld},", (long)s->clock_drift_s);
	else
		nv_text_printf(t, "\"ups_clock_drift_s\":null},");
}

/* Serial-line figures for benchmarks and monitoring; times in ms. */
static void json_stats(struct nv_text *t, const struct nv_snapshot *s)
{
	nv_text_printf(t, "\"stats\":{\"requests\":%llu,\"errors\":%llu,\"timeouts\":%llu,"
	    "\"last_cycle_ms\":%.1f,\"full_read_ms\":%.1f},",
	    (unsigned long long)s->stats.requests, (unsigned long long)s->stats.errors,
	    (unsigned long long)s->stats.timeouts, s->stats.last_cycle_ms, s->stats.full_read_ms);
}

static void json_meas(struct nv_text *t, const struct nv_snapshot *s, const struct nv_unit *u)
{
	size_t n;
	const struct meas_row *rows = rows_for(s, &n);
	const void *base = meas_base(s, u);

	nv_text_printf(t, "\"measurements\":{");
	for (size_t i = 0; i < n; i++) {
		int cnt = row_count(&rows[i], &s->id);

		nv_text_printf(t, "%s\"%s\":", i ? "," : "", rows[i].key);
		if (rows[i].count == ONE) {
			nv_status_put_value(t, meas_at(base, &rows[i], 0), rows[i].scale, true);
			continue;
		}
		nv_text_append(t, "[", 1);
		for (int k = 0; k < cnt; k++) {
			if (k)
				nv_text_append(t, ",", 1);
			nv_status_put_value(t, meas_at(base, &rows[i], k), rows[i].scale, true);
		}
		nv_text_append(t, "]", 1);
	}
	nv_text_printf(t, "}");
}

static void render_json(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg, const struct nv_status_clock *now)
{
	const struct nv_unit *u = nv_snapshot_view(s, cfg->data_unit);

	nv_text_printf(t, "{\"agent\":{");
	json_str(t, "name", cfg->system.name, true);
	nv_text_printf(t, "\"data_unit\":%d},", cfg->data_unit);
	json_identity(t, s);
	json_comm(t, s, now);
	json_stats(t, s);
	nv_text_printf(t, "\"statuses\":");
	json_conds(t, u, false);
	nv_text_printf(t, ",\"alarms\":");
	json_conds(t, u, true);
	nv_text_append(t, ",", 1);
	json_meas(t, s, u);
	nv_status_env_json(t, s, cfg);
	nv_text_printf(t, "}\n");
}

int nv_status_render(struct nv_text *out, const struct nv_snapshot *s,
    const struct nv_config *cfg, const struct nv_status_clock *now, bool json)
{
	if (json)
		render_json(out, s, cfg, now);
	else
		render_human(out, s, cfg, now);
	return out->failed ? -1 : 0;
}
