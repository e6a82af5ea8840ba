/*
 * nut_vars.c — NUT variables from the model (nut_vars.h).  A value the
 * device does not manage (NV_NA) is no variable at all, as a NUT driver
 * leaves out what its UPS lacks.  Units: V, A, Hz, W, VA, s, percent,
 * degrees C (the model holds tenths, kVA and minutes).
 */
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "model.h"
#include "nut_dict.h"
#include "nut_vars.h"

/* Where the values go: every one (want NULL), or only the one named want,
 * so that GET VAR formats one value rather than the whole list. */
struct emit {
	nv_nut_var_fn *fn;
	void *arg;
	const char *want;
};

/* Is NAME to be formatted at all? */
static bool wanted(const struct emit *e, const char *name)
{
	return e->want == NULL || strcmp(e->want, name) == 0;
}

/* Can a variable under PREFIX ("input.bypass") be the one wanted? */
static bool wanted_under(const struct emit *e, const char *prefix)
{
	size_t n = strlen(prefix);

	return e->want == NULL || (strncmp(e->want, prefix, n) == 0 && e->want[n] == '.');
}

static void str(const struct emit *e, const char *name, const char *v)
{
	if (v != NULL && v[0] != '\0' && wanted(e, name))
		e->fn(e->arg, name, v);
}

static void num(const struct emit *e, const char *name, long v)
{
	char buf[24];

	if (v == NV_NA || !wanted(e, name))
		return;
	snprintf(buf, sizeof(buf), "%ld", v);
	e->fn(e->arg, name, buf);
}

/* a value in tenths, "230.1" */
static void tenths(const struct emit *e, const char *name, long v)
{
	char buf[24];

	if (v == NV_NA || !wanted(e, name))
		return;
	snprintf(buf, sizeof(buf), "%s%ld.%ld", v < 0 ? "-" : "", (v < 0 ? -v : v) / 10,
	    (v < 0 ? -v : v) % 10);
	e->fn(e->arg, name, buf);
}

/* 0.1 kW / 0.1 kVA -> W / VA */
static void hundreds(const struct emit *e, const char *name, long v)
{
	num(e, name, v == NV_NA ? NV_NA : v * 100);
}

static void status(const struct emit *e, const struct nv_unit *u, bool fsd)
{
	char buf[96] = "";
	bool on_batt = nv_cond_get(u, NV_C_ON_BATTERY);
	const struct {
		bool on;
		const char *flag;
	} f[] = {
		{ !on_batt && !nv_cond_get(u, NV_C_LOAD_OFF), "OL" },
		{ on_batt, "OB" },
		{ nv_cond_get(u, NV_C_BATTERY_LOW) || nv_cond_get(u, NV_C_BATTERY_DISCHARGED), "LB" },
		{ nv_cond_get(u, NV_C_BATTERY_TEST_FAILED) || nv_cond_get(u, NV_C_BATTERY_FAULT),
		  "RB" },
		{ nv_cond_get(u, NV_C_ON_BYPASS) || nv_cond_get(u, NV_C_ON_MAINT_BYPASS), "BYPASS" },
		{ nv_cond_get(u, NV_C_OVERLOAD), "OVER" },
		{ nv_cond_get(u, NV_C_BATTERY_CHARGING) && !on_batt, "CHRG" },
		{ on_batt, "DISCHRG" },
		{ nv_cond_get(u, NV_C_LOAD_OFF), "OFF" },
		{ nv_cond_get(u, NV_C_GENERAL_ALARM), "ALARM" },
		{ fsd, "FSD" },
	};

	if (!wanted(e, "ups.status"))
		return;
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (f[i].on)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
			    buf[0] != '\0' ? " " : "", f[i].flag);
	str(e, "ups.status", buf);
}

/* The texts of the alarms set, "; " between them. */
static void alarms(const struct emit *e, const struct nv_unit *u)
{
	char buf[512] = "", text[96];

	if (!wanted(e, "ups.alarm"))
		return;
	for (int c = NV_C_IMMINENT_STOP; c <= NV_C_UNIT_ALARM12; c++)
		if (nv_cond_get(u, (enum nv_cond)c) &&
		    nv_cond_event_text((enum nv_cond)c, text, sizeof(text)) != NULL)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
			    buf[0] != '\0' ? "; " : "", text);
	str(e, "ups.alarm", buf);
}

static void test_result(const struct emit *e, const struct nv_unit *u)
{
	if (nv_cond_get(u, NV_C_BATTERY_TEST_RUNNING))
		str(e, "ups.test.result", "In progress");
	else if (nv_cond_get(u, NV_C_BATTERY_TEST_FAILED))
		str(e, "ups.test.result", "Failed");
	else
		str(e, "ups.test.result", "No test failed");
}

static void identity(const struct emit *e, const struct nv_snapshot *s)
{
	str(e, "device.mfr", "SOCOMEC");
	str(e, "device.model", s->id.model);
	str(e, "device.serial", s->id.serial);
	str(e, "device.type", s->kind == NV_KIND_STS ? "sts" : "ups");
	str(e, "driver.name", "nvagentd");
	str(e, "ups.mfr", "SOCOMEC");
	str(e, "ups.model", s->id.model);
	str(e, "ups.serial", s->id.serial);
}

/* PREFIX.voltage etc. of one line (input, input.bypass, output), then per
 * phase when there are three. */
static void line(const struct emit *e, const char *prefix, int phases, long freq,
    const int32_t *volt, const int32_t *amps)
{
	char name[64];

	if (!wanted_under(e, prefix))
		return;
	snprintf(name, sizeof(name), "%s.frequency", prefix);
	tenths(e, name, freq);
	snprintf(name, sizeof(name), "%s.voltage", prefix);
	tenths(e, name, volt[0]);
	snprintf(name, sizeof(name), "%s.current", prefix);
	tenths(e, name, amps[0]);
	for (int p = 0; phases == 3 && p < 3; p++) {
		snprintf(name, sizeof(name), "%s.L%d-N.voltage", prefix, p + 1);
		tenths(e, name, volt[p]);
		snprintf(name, sizeof(name), "%s.L%d.current", prefix, p + 1);
		tenths(e, name, amps[p]);
	}
}

static void output_phases(const struct emit *e, const struct nv_ups_meas *m, int phases)
{
	char name[64];

	for (int p = 0; phases == 3 && p < 3 && wanted_under(e, "output"); p++) {
		snprintf(name, sizeof(name), "output.L%d.power.percent", p + 1);
		num(e, name, m->out_load[p]);
		snprintf(name, sizeof(name), "output.L%d.power", p + 1);
		hundreds(e, name, m->out_kva[p]);
		snprintf(name, sizeof(name), "output.L%d.realpower", p + 1);
		hundreds(e, name, m->out_kw[p]);
	}
}

static void ups_values(const struct emit *e, const struct nv_snapshot *s,
    const struct nv_unit *u)
{
	const struct nv_ups_meas *m = &u->ups;
	const struct nv_identity *id = &s->id;

	num(e, "ups.load", m->out_load_total);
	hundreds(e, "ups.power", m->out_kva_total);
	hundreds(e, "ups.power.nominal", id->nominal_kva > 0 ? id->nominal_kva : NV_NA);
	hundreds(e, "ups.realpower", m->out_kw_total);
	hundreds(e, "ups.realpower.nominal", id->nominal_kw > 0 ? id->nominal_kw : NV_NA);
	num(e, "battery.charge", m->batt_charge);
	num(e, "battery.runtime", m->batt_minutes == NV_NA ? NV_NA : m->batt_minutes * 60L);
	tenths(e, "battery.voltage", m->batt_voltage);
	tenths(e, "battery.current", m->batt_current);
	tenths(e, "battery.temperature", m->batt_temp);
	tenths(e, "ambient.temperature", m->ambient_temp);
	num(e, "input.phases", id->phases_in > 0 ? id->phases_in : NV_NA);
	line(e, "input", id->phases_in, m->in_freq, m->in_voltage, m->in_current);
	num(e, "input.voltage.nominal", id->nominal_vin);
	num(e, "input.frequency.nominal", id->nominal_fin);
	line(e, "input.bypass", id->phases_in, m->byp_freq, m->byp_voltage, m->byp_current);
	num(e, "output.phases", id->phases_out > 0 ? id->phases_out : NV_NA);
	line(e, "output", id->phases_out, m->out_freq, m->out_voltage, m->out_current);
	num(e, "output.voltage.nominal", id->nominal_vout);
	num(e, "output.frequency.nominal", id->nominal_fout);
	output_phases(e, m, id->phases_out);
}

/* The variables of SRC through E, in a fixed order. */
static void emit_vars(const struct emit *e, const struct nv_nut_var_src *src)
{
	const struct nv_snapshot *s = src->snap;
	const struct nv_unit *u;

	if (s == NULL || s->kind == NV_KIND_NONE)
		return;
	u = nv_snapshot_view(s, src->data_unit);
	identity(e, s);
	if (u == NULL || s->kind != NV_KIND_UPS)
		return;
	status(e, u, src->fsd);
	alarms(e, u);
	test_result(e, u);
	num(e, NV_NUT_VAR_DELAY_SHUTDOWN, src->delay_shutdown_s);
	num(e, NV_NUT_VAR_DELAY_START, src->delay_start_s);
	ups_values(e, s, u);
}

void nv_nut_vars_each(const struct nv_nut_var_src *src, nv_nut_var_fn *fn, void *arg)
{
	const struct emit e = { fn, arg, NULL };

	emit_vars(&e, src);
}

struct one {
	char *val;
	size_t len;
	bool found;
};

/* Only NAME reaches here (emit.want). */
static void keep(void *arg, const char *name, const char *value)
{
	struct one *o = arg;

	(void)name;
	snprintf(o->val, o->len, "%s", value);
	o->found = true;
}

bool nv_nut_var_get(const struct nv_nut_var_src *src, const char *name, char *val, size_t len)
{
	struct one o = { val, len, false };
	const struct emit e = { keep, &o, name };

	emit_vars(&e, src);
	return o.found;
}

bool nv_nut_var_is_rw(const char *name)
{
	return strcmp(name, NV_NUT_VAR_DELAY_SHUTDOWN) == 0 ||
	    strcmp(name, NV_NUT_VAR_DELAY_START) == 0;
}

void nv_nut_var_range(const char *name, int *lo, int *hi)
{
	if (strcmp(name, NV_NUT_VAR_DELAY_SHUTDOWN) == 0) {
		*lo = NV_SHUTOFF_DELAY_MIN_S;
		*hi = NV_SHUTOFF_DELAY_MAX_S;
	} else {
		*lo = 60;
		*hi = NV_NUT_DELAY_START_MAX_S;
	}
}
