/* socomec_values.c — model -> SOCOMEC UPS MIB values (see socomec_values.h). */
#include <stdio.h>
#include <string.h>

#include "socomec_values.h"

static bool on(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

/*
 * Several battery conditions can hold at once; the most urgent for an
 * operator wins: depleted, low, discharging, under test, disconnected,
 * failed, charging, normal.
 */
int sv_battery_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (s->comm != NV_COMM_OK)
		return SV_BATT_UNKNOWN;
	if (on(u, NV_C_BATTERY_DISCHARGED))
		return SV_BATT_DEPLETED;
	if (on(u, NV_C_BATTERY_LOW))
		return SV_BATT_LOW;
	if (on(u, NV_C_ON_BATTERY))
		return SV_BATT_DISCHARGING;
	if (on(u, NV_C_BATTERY_TEST_RUNNING))
		return SV_BATT_TEST;
	if (on(u, NV_C_BATTERY_CIRCUIT_OPEN))
		return SV_BATT_DISCONNECTED;
	if (on(u, NV_C_BATTERY_FAULT) || on(u, NV_C_BATTERY_TEST_FAILED))
		return SV_BATT_FAILURE;
	if (on(u, NV_C_BATTERY_CHARGING))
		return SV_BATT_CHARGING;
	return SV_BATT_NORMAL;
}

/*
 * What feeds the load: the maintenance bypass overrides everything (the
 * UPS is bypassed mechanically), then an output that is off, then the
 * electronic paths.  On battery the inverter still feeds the load.
 */
int sv_output_source(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (s->comm != NV_COMM_OK)
		return SV_OUT_UNKNOWN;
	if (on(u, NV_C_ON_MAINT_BYPASS))
		return SV_OUT_MAINT_BYPASS;
	if (on(u, NV_C_STANDBY))
		return SV_OUT_STANDBY;
	if (on(u, NV_C_LOAD_OFF) || on(u, NV_C_SYSTEM_OFF))
		return SV_OUT_OFF;
	if (on(u, NV_C_ECO_MODE))
		return SV_OUT_ECO;
	if (on(u, NV_C_ON_BYPASS))
		return SV_OUT_BYPASS;
	if (on(u, NV_C_ON_INVERTER) || on(u, NV_C_ON_BATTERY))
		return SV_OUT_INVERTER;
	return SV_OUT_UNKNOWN;
}

int sv_control_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	switch (sv_output_source(s, u)) {
	case SV_OUT_STANDBY:
		return SV_CTL_STANDBY_ON;
	case SV_OUT_ECO:
		return SV_CTL_ECO;
	case SV_OUT_BYPASS:
		return SV_CTL_ON_BYPASS;
	case SV_OUT_INVERTER:
		return SV_CTL_NORMAL;
	default:
		return 0;
	}
}

int32_t sv_seconds_on_battery(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (s->comm != NV_COMM_OK || !on(u, NV_C_ON_BATTERY))
		return NV_NA;           /* the SOCOMEC MIB says -1 when not on battery */
	return u->ups.batt_seconds_on;
}

int32_t sv_remote_control(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (s->comm != NV_COMM_OK)
		return NV_NA;
	return on(u, NV_C_REMOTE_CONTROL_OFF) ? 0 : 1;
}

int32_t sv_measure(const struct nv_snapshot *s, int32_t v)
{
	return s->comm == NV_COMM_OK ? v : NV_NA;
}

int32_t sv_num_lines(int phases)
{
	return phases >= 1 && phases <= NV_MAX_PHASES ? phases : NV_NA;
}

void sv_format_date(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%d/%m/%Y", &tm) == 0)
		snprintf(buf, len, "00/00/0000");
}

void sv_format_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%H:%M:%S", &tm) == 0)
		snprintf(buf, len, "00:00:00");
}

void sv_window_reset(struct sv_window *w)
{
	w->first = w->count = 0;
}

void sv_window_add(struct sv_window *w, int64_t now_ms, int32_t v, int64_t span_ms)
{
	while (w->count > 0 && now_ms - w->t_ms[w->first] > span_ms) {
		w->first = (w->first + 1) % SV_WINDOW_SAMPLES;
		w->count--;
	}
	if (v == NV_NA)
		return;
	if (w->count == SV_WINDOW_SAMPLES) {
		w->first = (w->first + 1) % SV_WINDOW_SAMPLES;
		w->count--;
	}
	unsigned i = (w->first + w->count) % SV_WINDOW_SAMPLES;

	w->t_ms[i] = now_ms;
	w->v[i] = v;
	w->count++;
}

static int32_t window_pick(const struct sv_window *w, int sign)
{
	int32_t best = NV_NA;

	for (unsigned k = 0; k < w->count; k++) {
		int32_t v = w->v[(w->first + k) % SV_WINDOW_SAMPLES];

		if (k == 0 || (int64_t)sign * v > (int64_t)sign * best)
			best = v;
	}
	return best;
}

int32_t sv_window_max(const struct sv_window *w)
{
	return window_pick(w, 1);
}

int32_t sv_window_min(const struct sv_window *w)
{
	return window_pick(w, -1);
}
