/*
 * aggregate.c — the system view (snap->sys) from the units.
 *
 * A single unit (or a modular unit, which answers as one) is the system:
 * sys is a copy of unit 1.  For several units in parallel:
 *
 *   output kVA / kW / currents, input and bypass currents,
 *   battery current and Ah ............................. sum of the units
 *   load % (total and per phase) ......................... total kVA (phase
 *       kVA) / total nominal kVA (a third of it per phase); the mean of
 *       the units' load when kVA or the nominal is unknown
 *   voltages, frequencies, battery voltage ............... mean of the units
 *   battery charge, minutes remaining .................... minimum
 *   seconds on battery, temperatures ..................... maximum
 *   conditions ........................................... OR of the units
 *       (an alarm or on-battery in any unit is the system's), except the
 *       "all units" states below, which hold only when every unit has them
 *
 * Only units present and with data (not all NV_NA) take part; a value
 * none of them manages stays NV_NA.
 */
#include <string.h>

#include "private/profile.h"

/* States the system has only when every unit has them. */
static const enum nv_cond all_units_conds[] = {
	NV_C_INPUT_PRESENT, NV_C_RECTIFIER_ON, NV_C_INVERTER_ON,
	NV_C_BATTERY_OK, NV_C_BYPASS_PRESENT, NV_C_LOAD_OFF, NV_C_SYSTEM_OFF,
	NV_C_STANDBY, NV_C_ECO_MODE,
};

enum agg { AGG_SUM, AGG_MEAN, AGG_MIN, AGG_MAX };

struct agg_field {
	uint16_t off;           /* offsetof(struct nv_unit, ...) */
	uint8_t n;              /* consecutive int32_t values */
	uint8_t how;            /* enum agg */
};

#define F(fld, n, how) { offsetof(struct nv_unit, fld), (n), (how) }

static const struct agg_field ups_fields[] = {
	F(ups.in_freq, 1, AGG_MEAN),
	F(ups.in_voltage, NV_MAX_PHASES, AGG_MEAN),
	F(ups.in_current, NV_MAX_PHASES, AGG_SUM),
	F(ups.byp_freq, 1, AGG_MEAN),
	F(ups.byp_voltage, NV_MAX_PHASES, AGG_MEAN),
	F(ups.byp_current, NV_MAX_PHASES, AGG_SUM),
	F(ups.out_freq, 1, AGG_MEAN),
	F(ups.out_voltage, NV_MAX_PHASES, AGG_MEAN),
	F(ups.out_current, NV_MAX_PHASES, AGG_SUM),
	F(ups.out_load, NV_MAX_PHASES, AGG_MEAN),
	F(ups.out_kva, NV_MAX_PHASES, AGG_SUM),
	F(ups.out_kw, NV_MAX_PHASES, AGG_SUM),
	F(ups.out_kva_total, 1, AGG_SUM),
	F(ups.out_kw_total, 1, AGG_SUM),
	F(ups.out_load_total, 1, AGG_MEAN),
	F(ups.batt_voltage, 1, AGG_MEAN),
	F(ups.batt_current, 1, AGG_SUM),
	F(ups.batt_charge, 1, AGG_MIN),
	F(ups.batt_ah, 1, AGG_SUM),
	F(ups.batt_minutes, 1, AGG_MIN),
	F(ups.batt_seconds_on, 1, AGG_MAX),
	F(ups.batt_temp, 1, AGG_MAX),
	F(ups.ambient_temp, 1, AGG_MAX),
};

static int32_t get(const struct nv_unit *u, uint16_t off, int i)
{
	return ((const int32_t *)((const char *)u + off))[i];
}

static void put(struct nv_unit *u, uint16_t off, int i, int32_t v)
{
	((int32_t *)((char *)u + off))[i] = v;
}

static int32_t combine(const struct nv_unit *const *units, int n, uint16_t off,
    int i, enum agg how)
{
	int64_t acc = 0;
	int got = 0;

	for (int k = 0; k < n; k++) {
		int32_t v = get(units[k], off, i);

		if (v == NV_NA)
			continue;
		if (got == 0)
			acc = v;
		else if (how == AGG_SUM || how == AGG_MEAN)
			acc += v;
		else if (how == AGG_MIN && v < acc)
			acc = v;
		else if (how == AGG_MAX && v > acc)
			acc = v;
		got++;
	}
	if (got == 0)
		return NV_NA;
	if (how == AGG_MEAN)
		acc = (acc + got / 2) / got;
	return (int32_t)acc;
}

static int32_t percent(int32_t part, int64_t whole)
{
	if (part == NV_NA || whole <= 0)
		return NV_NA;
	return (int32_t)((part * 100LL + whole / 2) / whole);
}

static void load_from_kva(struct nv_unit *sys, int nominal_kva)
{
	int32_t v;

	if (nominal_kva <= 0 || nominal_kva == NV_NA)
		return;
	v = percent(sys->ups.out_kva_total, nominal_kva);
	if (v != NV_NA)
		sys->ups.out_load_total = v;
	for (int ph = 0; ph < NV_MAX_PHASES; ph++) {
		v = percent(sys->ups.out_kva[ph], nominal_kva / 3);
		if (v != NV_NA)
			sys->ups.out_load[ph] = v;
	}
}

static void combine_conds(struct nv_unit *sys, const struct nv_unit *const *units,
    int n)
{
	memset(sys->cond, 0, sizeof(sys->cond));
	for (int k = 0; k < n; k++)
		for (int w = 0; w < NV_COND_WORDS; w++)
			sys->cond[w] |= units[k]->cond[w];
	for (size_t i = 0; i < sizeof(all_units_conds) / sizeof(all_units_conds[0]); i++) {
		bool all = true;

		for (int k = 0; k < n; k++)
			all = all && nv_cond_get(units[k], all_units_conds[i]);
		nv_cond_set(sys, all_units_conds[i], all);
	}
}

static bool has_data(const struct nv_unit *u)
{
	return u->present && (u->n_status_words > 0 || u->n_alarm_words > 0);
}

void nv_aggregate(struct nv_snapshot *s)
{
	const struct nv_unit *units[NV_MAX_UNITS];
	int n = 0;

	if (s->n_units <= 1) {
		s->sys = s->unit[0];
		s->sys.present = true;
		return;
	}
	for (int k = 0; k < s->n_units && k < NV_MAX_UNITS; k++)
		if (has_data(&s->unit[k]))
			units[n++] = &s->unit[k];
	nv_unit_clear(&s->sys);
	s->sys.present = true;
	if (n == 0)
		return;
	for (size_t f = 0; f < sizeof(ups_fields) / sizeof(ups_fields[0]); f++)
		for (int i = 0; i < ups_fields[f].n; i++)
			put(&s->sys, ups_fields[f].off, i, combine(units, n,
			    ups_fields[f].off, i, ups_fields[f].how));
	load_from_kva(&s->sys, s->id.nominal_kva);
	combine_conds(&s->sys, units, n);
	/* raw words: unit 1's, the one a single-unit reader would see */
	memcpy(s->sys.status_raw, units[0]->status_raw, sizeof(s->sys.status_raw));
	memcpy(s->sys.alarm_raw, units[0]->alarm_raw, sizeof(s->sys.alarm_raw));
	s->sys.n_status_words = units[0]->n_status_words;
	s->sys.n_alarm_words = units[0]->n_alarm_words;
}
