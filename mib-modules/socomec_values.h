/*
 * socomec_values.h — model -> SOCOMEC UPS MIB values, in plain C so that
 * unit tests (and the event engine) use them on hand-built snapshots.
 * U is the unit the MIB shows (nv_snapshot_view of cfg.data_unit).
 */
#ifndef NV_SOCOMEC_VALUES_H
#define NV_SOCOMEC_VALUES_H

#include <stdint.h>
#include <time.h>

#include "model.h"

/* upsBatteryStatus */
enum {
	SV_BATT_UNKNOWN = 1, SV_BATT_NORMAL, SV_BATT_CHARGING, SV_BATT_TEST,
	SV_BATT_DISCHARGING, SV_BATT_LOW, SV_BATT_DEPLETED, SV_BATT_FAILURE,
	SV_BATT_DISCONNECTED,
};

/* upsOutputSource */
enum {
	SV_OUT_UNKNOWN = 1, SV_OUT_MAINT_BYPASS, SV_OUT_INVERTER, SV_OUT_NORMAL,
	SV_OUT_ECO, SV_OUT_BYPASS, SV_OUT_STANDBY, SV_OUT_OFF,
};

/* upsControlStatusControl, read side */
enum {
	SV_CTL_STANDBY_ON = 1, SV_CTL_STANDBY_OFF, SV_CTL_ECO, SV_CTL_NORMAL,
	SV_CTL_ALARM_RESET, SV_CTL_ON_BYPASS, SV_CTL_ON_INVERTER,
};

int sv_battery_status(const struct nv_snapshot *s, const struct nv_unit *u);
int sv_output_source(const struct nv_snapshot *s, const struct nv_unit *u);
/* 0 when not known (no communication): the object then has no value. */
int sv_control_status(const struct nv_snapshot *s, const struct nv_unit *u);
int32_t sv_seconds_on_battery(const struct nv_snapshot *s, const struct nv_unit *u);
/* upsConfigRemoteCtrl: 1 enabled, 0 disabled, -1 unknown. */
int32_t sv_remote_control(const struct nv_snapshot *s, const struct nv_unit *u);
/* A measurement as served: NV_NA unless communication is OK. */
int32_t sv_measure(const struct nv_snapshot *s, int32_t v);
/* Number of lines for 1..3 phases, else NV_NA; rows follow it (0 when NV_NA). */
int32_t sv_num_lines(int phases);

/* "dd/mm/yyyy" and "hh:mm:ss" of local time T; buf of 11 / 9 bytes. */
void sv_format_date(time_t t, char *buf, size_t len);
void sv_format_time(time_t t, char *buf, size_t len);

/*
 * Highest / lowest value over a sliding time span (upsInputVoltageMax /
 * Min over the last minute).  Samples older than the span are dropped;
 * when more samples arrive than fit, the oldest go first.
 */
#define SV_WINDOW_SAMPLES 128

struct sv_window {
	int64_t t_ms[SV_WINDOW_SAMPLES];
	int32_t v[SV_WINDOW_SAMPLES];
	unsigned first, count;
};

void sv_window_reset(struct sv_window *w);
/* Add V taken at NOW_MS (NV_NA is ignored); forget samples older than SPAN_MS. */
void sv_window_add(struct sv_window *w, int64_t now_ms, int32_t v, int64_t span_ms);
int32_t sv_window_max(const struct sv_window *w);       /* NV_NA when empty */
int32_t sv_window_min(const struct sv_window *w);

#endif
