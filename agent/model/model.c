/* model.c — helpers over the normalized model (see model.h). */
#include <stdio.h>
#include <string.h>

#include "model.h"

static void fill_na(int32_t *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		v[i] = NV_NA;
}

void nv_unit_clear(struct nv_unit *u)
{
	memset(u, 0, sizeof(*u));
	/* both measurement structs are plain int32_t arrays: all NV_NA */
	fill_na((int32_t *)&u->ups, sizeof(u->ups) / sizeof(int32_t));
	fill_na((int32_t *)&u->sts, sizeof(u->sts) / sizeof(int32_t));
}

void nv_snapshot_init(struct nv_snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->comm = NV_COMM_DETECTING;
	nv_snapshot_invalidate(s);
	nv_env_init(&s->env, false);
}

void nv_snapshot_invalidate(struct nv_snapshot *s)
{
	nv_unit_clear(&s->sys);
	for (int i = 0; i < NV_MAX_UNITS; i++) {
		bool present = s->unit[i].present;

		nv_unit_clear(&s->unit[i]);
		s->unit[i].present = present;   /* topology stays known */
	}
	for (int i = 0; i < NV_MAX_MODULES; i++) {
		bool present = s->module[i].present;

		memset(&s->module[i], 0, sizeof(s->module[i]));
		s->module[i].present = present;
	}
}

void nv_env_init(struct nv_env *e, bool configured)
{
	memset(e, 0, sizeof(*e));
	e->configured = configured;
	e->comm = NV_COMM_DETECTING;
	e->temp = e->hum = NV_NA;
	e->input[0] = e->input[1] = NV_NA;
}

void nv_snapshot_merge_env(struct nv_snapshot *s, const struct nv_env *e)
{
	s->env = *e;
	for (int c = NV_C_EMD_FIRST; c <= NV_C_EMD_LAST; c++)
		nv_cond_set(&s->sys, c, nv_bit_get(e->cond, c));
}

const struct nv_unit *nv_snapshot_view(const struct nv_snapshot *s, int data_unit)
{
	if (data_unit < 1 || data_unit > s->n_units || data_unit > NV_MAX_UNITS)
		return &s->sys;
	return &s->unit[data_unit - 1];
}

const char *nv_protocol_name(enum nv_protocol p)
{
	switch (p) {
	case NV_PROTO_JBUSP: return "JBUSP";
	case NV_PROTO_VUMAP: return "VU-MAP";
	case NV_PROTO_STS:   return "STS";
	case NV_PROTO_NONE:  break;
	}
	return "none";
}

const char *nv_topology_name(enum nv_topology t)
{
	switch (t) {
	case NV_TOPO_SINGLE:         return "single";
	case NV_TOPO_MODULAR:        return "modular";
	case NV_TOPO_PARALLEL:       return "parallel";
	case NV_TOPO_MODULAR_SYSTEM: return "modular-system";
	}
	return "unknown";
}

const char *nv_comm_name(enum nv_comm c)
{
	switch (c) {
	case NV_COMM_DETECTING: return "detecting";
	case NV_COMM_OK:        return "ok";
	case NV_COMM_LOST:      return "lost";
	}
	return "unknown";
}

/* Short kebab-case names of the conditions, for logs, nvctl and tests. */
static const char *const cond_names[NV_C_COUNT] = {
	[NV_C_INPUT_PRESENT] = "input-present",
	[NV_C_RECTIFIER_ON] = "rectifier-on",
	[NV_C_INVERTER_ON] = "inverter-on",
	[NV_C_ON_INVERTER] = "on-inverter",
	[NV_C_ON_BYPASS] = "on-bypass",
	[NV_C_ON_MAINT_BYPASS] = "on-maintenance-bypass",
	[NV_C_LOAD_OFF] = "load-off",
	[NV_C_SYSTEM_OFF] = "system-off",
	[NV_C_ECO_MODE] = "eco-mode",
	[NV_C_STANDBY] = "standby",
	[NV_C_ON_BATTERY] = "on-battery",
	[NV_C_BATTERY_LOW] = "battery-low",
	[NV_C_BATTERY_DISCHARGED] = "battery-discharged",
	[NV_C_BATTERY_CHARGING] = "battery-charging",
	[NV_C_BATTERY_OK] = "battery-ok",
	[NV_C_BATTERY_TEST_RUNNING] = "battery-test-running",
	[NV_C_BATTERY_TEST_FAILED] = "battery-test-failed",
	[NV_C_BYPASS_PRESENT] = "bypass-present",
	[NV_C_REMOTE_CONTROL_OFF] = "remote-control-off",
	[NV_C_AUTOTEST_RUNNING] = "autotest-running",
	[NV_C_PARALLEL] = "parallel",
	[NV_C_IMMINENT_STOP] = "imminent-stop",
	[NV_C_OVERLOAD] = "overload",
	[NV_C_TEMPERATURE] = "temperature",
	[NV_C_TRANSFER_LOCKED] = "transfer-locked",
	[NV_C_TRANSFER_IMPOSSIBLE] = "transfer-impossible",
	[NV_C_INSUFFICIENT_RESOURCES] = "insufficient-resources",
	[NV_C_REDUNDANCY_LOST] = "redundancy-lost",
	[NV_C_OUTPUT_SHORT_CIRCUIT] = "output-short-circuit",
	[NV_C_MAINTENANCE] = "maintenance",
	[NV_C_REMOTE_SERVICE] = "remote-service",
	[NV_C_GENERAL_ALARM] = "general-alarm",
	[NV_C_BATTERY_CIRCUIT_OPEN] = "battery-circuit-open",
	[NV_C_BATTERY_TEMPERATURE] = "battery-temperature",
	[NV_C_BATTERY_ROOM] = "battery-room",
	[NV_C_BATTERY_FAULT] = "battery-fault",
	[NV_C_RECTIFIER_FAULT] = "rectifier-fault",
	[NV_C_RECTIFIER_ALARM] = "rectifier-alarm",
	[NV_C_INPUT_BAD] = "input-bad",
	[NV_C_GENSET_ALARM] = "genset-alarm",
	[NV_C_CHARGER_FAULT] = "charger-fault",
	[NV_C_CHARGER_ALARM] = "charger-alarm",
	[NV_C_INVERTER_FAULT] = "inverter-fault",
	[NV_C_INVERTER_ALARM] = "inverter-alarm",
	[NV_C_BYPASS_FAULT] = "bypass-fault",
	[NV_C_BYPASS_ALARM] = "bypass-alarm",
	[NV_C_BYPASS_INPUT_BAD] = "bypass-input-bad",
	[NV_C_PHASE_ROTATION] = "phase-rotation",
	[NV_C_FAN_FAILURE] = "fan-failure",
	[NV_C_MAINT_BYPASS_ALARM] = "maintenance-bypass-alarm",
	[NV_C_POWER_OFF_ACTIVE] = "power-off-active",
	[NV_C_WRONG_CONFIG] = "wrong-config",
	[NV_C_INTERNAL_FAILURE] = "internal-failure",
	[NV_C_OPTION_BOARD] = "option-board",
	[NV_C_EXTERNAL_ALARM1] = "external-alarm-1",
	[NV_C_EXTERNAL_ALARM2] = "external-alarm-2",
	[NV_C_EXTERNAL_ALARM3] = "external-alarm-3",
	[NV_C_EXTERNAL_ALARM4] = "external-alarm-4",
	[NV_C_UNIT_ALARM1 + 0] = "unit-1-alarm",
	[NV_C_UNIT_ALARM1 + 1] = "unit-2-alarm",
	[NV_C_UNIT_ALARM1 + 2] = "unit-3-alarm",
	[NV_C_UNIT_ALARM1 + 3] = "unit-4-alarm",
	[NV_C_UNIT_ALARM1 + 4] = "unit-5-alarm",
	[NV_C_UNIT_ALARM1 + 5] = "unit-6-alarm",
	[NV_C_UNIT_ALARM1 + 6] = "unit-7-alarm",
	[NV_C_UNIT_ALARM1 + 7] = "unit-8-alarm",
	[NV_C_UNIT_ALARM1 + 8] = "unit-9-alarm",
	[NV_C_UNIT_ALARM1 + 9] = "unit-10-alarm",
	[NV_C_UNIT_ALARM1 + 10] = "unit-11-alarm",
	[NV_C_UNIT_ALARM1 + 11] = "unit-12-alarm",
	[NV_C_STS_S1_OK] = "sts-s1-ok",
	[NV_C_STS_S1_CRITICAL] = "sts-s1-critical",
	[NV_C_STS_S1_OUT_OF_TOL] = "sts-s1-out-of-tolerance",
	[NV_C_STS_S1_ABSENT] = "sts-s1-absent",
	[NV_C_STS_S2_OK] = "sts-s2-ok",
	[NV_C_STS_S2_CRITICAL] = "sts-s2-critical",
	[NV_C_STS_S2_OUT_OF_TOL] = "sts-s2-out-of-tolerance",
	[NV_C_STS_S2_ABSENT] = "sts-s2-absent",
	[NV_C_STS_S1_PREFERRED] = "sts-s1-preferred",
	[NV_C_STS_SYNCHRO] = "sts-synchro",
	[NV_C_STS_SLIDING] = "sts-sliding",
	[NV_C_STS_ASYNCHRO] = "sts-asynchro",
	[NV_C_STS_ON_PREFERRED] = "sts-on-preferred",
	[NV_C_STS_ON_ALTERNATE] = "sts-on-alternate",
	[NV_C_STS_LOAD_OFF] = "sts-load-off",
	[NV_C_STS_ON_MBP1] = "sts-on-mbp1",
	[NV_C_STS_ON_MBP2] = "sts-on-mbp2",
	[NV_C_STS_ON_S1] = "sts-on-s1",
	[NV_C_STS_ON_S2] = "sts-on-s2",
	[NV_C_STS_OUTPUT_OK] = "sts-output-ok",
	[NV_C_STS_OUTPUT_OUT_OF_TOL] = "sts-output-out-of-tolerance",
	[NV_C_STS_OUTPUT_ABSENT] = "sts-output-absent",
	[NV_C_STS_REMOTE_ENABLED] = "sts-remote-enabled",
	[NV_C_STS_IMMINENT_STOP] = "sts-imminent-stop",
	[NV_C_STS_OUTPUT_SHORT] = "sts-output-short-circuit",
	[NV_C_STS_MANUAL_BYPASS] = "sts-manual-bypass",
	[NV_C_STS_OVERLOAD] = "sts-overload",
	[NV_C_STS_CONSECUTIVE_DETECTIONS] = "sts-consecutive-detections",
	[NV_C_STS_SWITCHBACK_IMPOSSIBLE] = "sts-switchback-impossible",
	[NV_C_STS_TRANSFER_IMPOSSIBLE] = "sts-transfer-impossible",
	[NV_C_STS_PATH1_ALARM] = "sts-path1-alarm",
	[NV_C_STS_PATH2_ALARM] = "sts-path2-alarm",
	[NV_C_STS_BACKFEED] = "sts-backfeed",
	[NV_C_STS_TEMPERATURE] = "sts-temperature",
	[NV_C_STS_PREVENTIVE] = "sts-preventive",
	[NV_C_STS_WRONG_CONFIG] = "sts-wrong-config",
	[NV_C_STS_CUSTOM_INPUT] = "sts-custom-input",
	[NV_C_STS_MAINTENANCE] = "sts-maintenance",
	[NV_C_STS_GENERAL_ALARM] = "sts-general-alarm",
	[NV_C_EMD_TEMP_CRIT_LOW] = "emd-temperature-critical-low",
	[NV_C_EMD_TEMP_WARN_LOW] = "emd-temperature-warning-low",
	[NV_C_EMD_TEMP_WARN_HIGH] = "emd-temperature-warning-high",
	[NV_C_EMD_TEMP_CRIT_HIGH] = "emd-temperature-critical-high",
	[NV_C_EMD_HUM_CRIT_LOW] = "emd-humidity-critical-low",
	[NV_C_EMD_HUM_WARN_LOW] = "emd-humidity-warning-low",
	[NV_C_EMD_HUM_WARN_HIGH] = "emd-humidity-warning-high",
	[NV_C_EMD_HUM_CRIT_HIGH] = "emd-humidity-critical-high",
	[NV_C_EMD_INPUT1] = "emd-input-1",
	[NV_C_EMD_INPUT2] = "emd-input-2",
	[NV_C_EMD_COMM_LOST] = "emd-communication-lost",
};

const char *nv_cond_name(enum nv_cond c)
{
	if ((unsigned)c >= NV_C_COUNT || cond_names[c] == NULL)
		return "unknown";
	return cond_names[c];
}

#define I NV_EV_INFO
#define W NV_EV_WARNING
#define C NV_EV_CRITICAL

/* What each condition means in words, and how serious it is when set. */
static const struct cond_event {
	const char *text;
	enum nv_ev_level level;
} cond_events[NV_C_COUNT] = {
	[NV_C_INPUT_PRESENT]        = { "Rectifier input supply present", I },
	[NV_C_RECTIFIER_ON]         = { "Rectifier on", I },
	[NV_C_INVERTER_ON]          = { "Inverter on", I },
	[NV_C_ON_INVERTER]          = { "Load protected by inverter", I },
	[NV_C_ON_BYPASS]            = { "Load on bypass", W },
	[NV_C_ON_MAINT_BYPASS]      = { "On maintenance bypass", W },
	[NV_C_LOAD_OFF]             = { "Load off", C },
	[NV_C_SYSTEM_OFF]           = { "UPS system off", W },
	[NV_C_ECO_MODE]             = { "UPS in eco mode", I },
	[NV_C_STANDBY]              = { "On standby", I },
	[NV_C_ON_BATTERY]           = { "Operating on battery", W },
	[NV_C_BATTERY_LOW]          = { "End of backup time / battery low", C },
	[NV_C_BATTERY_DISCHARGED]   = { "Battery discharged", C },
	[NV_C_BATTERY_CHARGING]     = { "Battery charging", I },
	[NV_C_BATTERY_OK]           = { "Battery OK", I },
	[NV_C_BATTERY_TEST_RUNNING] = { "Battery test in progress", I },
	[NV_C_BATTERY_TEST_FAILED]  = { "Battery test failed", W },
	[NV_C_BYPASS_PRESENT]       = { "Bypass input supply present", I },
	[NV_C_REMOTE_CONTROL_OFF]   = { "Remote controls disabled", I },
	[NV_C_AUTOTEST_RUNNING]     = { "Auto-test in progress", I },
	[NV_C_PARALLEL]             = { "Unit in parallel system", I },
	[NV_C_IMMINENT_STOP]        = { "UPS imminent stop", C },
	[NV_C_OVERLOAD]             = { "Overload alarm", W },
	[NV_C_TEMPERATURE]          = { "Ambient temperature alarm", W },
	[NV_C_TRANSFER_LOCKED]      = { "Transfer locked", W },
	[NV_C_TRANSFER_IMPOSSIBLE]  = { "Transfer impossible", W },
	[NV_C_INSUFFICIENT_RESOURCES] = { "Insufficient resources", W },
	[NV_C_REDUNDANCY_LOST]      = { "Redundancy lost", W },
	[NV_C_OUTPUT_SHORT_CIRCUIT] = { "Output short circuit detected", C },
	[NV_C_MAINTENANCE]          = { "Maintenance alarm", W },
	[NV_C_REMOTE_SERVICE]       = { "Remote service alarm", W },
	[NV_C_GENERAL_ALARM]        = { "General alarm", W },
	[NV_C_BATTERY_CIRCUIT_OPEN] = { "Battery disconnected", C },
	[NV_C_BATTERY_TEMPERATURE]  = { "Battery temperature alarm", W },
	[NV_C_BATTERY_ROOM]         = { "Battery room alarm", W },
	[NV_C_BATTERY_FAULT]        = { "Battery alarm", W },
	[NV_C_RECTIFIER_FAULT]      = { "Rectifier critical alarm", C },
	[NV_C_RECTIFIER_ALARM]      = { "Rectifier preventive alarm", W },
	[NV_C_INPUT_BAD]            = { "Rectifier input supply not OK", W },
	[NV_C_GENSET_ALARM]         = { "Generator set alarm", W },
	[NV_C_CHARGER_FAULT]        = { "Charger critical alarm", C },
	[NV_C_CHARGER_ALARM]        = { "Charger preventive alarm", W },
	[NV_C_INVERTER_FAULT]       = { "Inverter critical alarm", C },
	[NV_C_INVERTER_ALARM]       = { "Inverter preventive alarm", W },
	[NV_C_BYPASS_FAULT]         = { "Bypass critical alarm", C },
	[NV_C_BYPASS_ALARM]         = { "Bypass preventive alarm", W },
	[NV_C_BYPASS_INPUT_BAD]     = { "Bypass input supply not OK", W },
	[NV_C_PHASE_ROTATION]       = { "Phase rotation fault", W },
	[NV_C_FAN_FAILURE]          = { "Fan failure", W },
	[NV_C_MAINT_BYPASS_ALARM]   = { "Maintenance bypass alarm", W },
	[NV_C_POWER_OFF_ACTIVE]     = { "UPS power off (ESD) active", C },
	[NV_C_WRONG_CONFIG]         = { "Wrong configuration", W },
	[NV_C_INTERNAL_FAILURE]     = { "Internal / communication failure", C },
	[NV_C_OPTION_BOARD]         = { "Option board alarm", W },
	[NV_C_EXTERNAL_ALARM1]      = { "External input 1 alarm", W },
	[NV_C_EXTERNAL_ALARM2]      = { "External input 2 alarm", W },
	[NV_C_EXTERNAL_ALARM3]      = { "External input 3 alarm", W },
	[NV_C_EXTERNAL_ALARM4]      = { "External input 4 alarm", W },
	/* NV_C_UNIT_ALARM1..12: "Unit N general alarm", built below */
	[NV_C_STS_S1_OK]            = { "STS source 1 OK", I },
	[NV_C_STS_S1_CRITICAL]      = { "STS source 1 critical", C },
	[NV_C_STS_S1_OUT_OF_TOL]    = { "STS source 1 out of tolerance", W },
	[NV_C_STS_S1_ABSENT]        = { "STS source 1 absent", W },
	[NV_C_STS_S2_OK]            = { "STS source 2 OK", I },
	[NV_C_STS_S2_CRITICAL]      = { "STS source 2 critical", C },
	[NV_C_STS_S2_OUT_OF_TOL]    = { "STS source 2 out of tolerance", W },
	[NV_C_STS_S2_ABSENT]        = { "STS source 2 absent", W },
	[NV_C_STS_S1_PREFERRED]     = { "STS S1 is the preferred source", I },
	[NV_C_STS_SYNCHRO]          = { "STS sources permanently synchronised", I },
	[NV_C_STS_SLIDING]          = { "STS sliding sources", W },
	[NV_C_STS_ASYNCHRO]         = { "STS sources not synchronised", W },
	[NV_C_STS_ON_PREFERRED]     = { "STS load on preferred source", I },
	[NV_C_STS_ON_ALTERNATE]     = { "STS load on alternate source", W },
	[NV_C_STS_LOAD_OFF]         = { "STS load off", C },
	[NV_C_STS_ON_MBP1]          = { "STS load on manual bypass 1", W },
	[NV_C_STS_ON_MBP2]          = { "STS load on manual bypass 2", W },
	[NV_C_STS_ON_S1]            = { "STS load on S1", I },
	[NV_C_STS_ON_S2]            = { "STS load on S2", I },
	[NV_C_STS_OUTPUT_OK]        = { "STS output OK", I },
	[NV_C_STS_OUTPUT_OUT_OF_TOL] = { "STS output out of tolerance", W },
	[NV_C_STS_OUTPUT_ABSENT]    = { "STS output absent", W },
	[NV_C_STS_REMOTE_ENABLED]   = { "STS remote controls enabled", I },
	[NV_C_STS_IMMINENT_STOP]    = { "STS imminent stop", C },
	[NV_C_STS_OUTPUT_SHORT]     = { "STS output short circuit detected", W },
	[NV_C_STS_MANUAL_BYPASS]    = { "STS manual bypass alarm", W },
	[NV_C_STS_OVERLOAD]         = { "STS overload alarm", W },
	[NV_C_STS_CONSECUTIVE_DETECTIONS] = { "STS consecutive detections alarm", W },
	[NV_C_STS_SWITCHBACK_IMPOSSIBLE] = { "STS switchback impossible alarm", W },
	[NV_C_STS_TRANSFER_IMPOSSIBLE] = { "STS transfer impossible alarm", W },
	[NV_C_STS_PATH1_ALARM]      = { "STS power path 1 alarm", W },
	[NV_C_STS_PATH2_ALARM]      = { "STS power path 2 alarm", W },
	[NV_C_STS_BACKFEED]         = { "STS backfeed protection open", W },
	[NV_C_STS_TEMPERATURE]      = { "STS ambient temperature max", W },
	[NV_C_STS_PREVENTIVE]       = { "STS preventive alarm", W },
	[NV_C_STS_WRONG_CONFIG]     = { "STS wrong configuration", W },
	[NV_C_STS_CUSTOM_INPUT]     = { "STS custom input alarm", W },
	[NV_C_STS_MAINTENANCE]      = { "STS maintenance alarm", W },
	[NV_C_STS_GENERAL_ALARM]    = { "STS general alarm", W },
	[NV_C_EMD_TEMP_CRIT_LOW]    = { "EMD Temperature under critical low set point", C },
	[NV_C_EMD_TEMP_WARN_LOW]    = { "EMD Temperature under low set point", W },
	[NV_C_EMD_TEMP_WARN_HIGH]   = { "EMD Temperature over high set point", W },
	[NV_C_EMD_TEMP_CRIT_HIGH]   = { "EMD Temperature over critical high set point", C },
	[NV_C_EMD_HUM_CRIT_LOW]     = { "EMD Humidity under critical low set point", C },
	[NV_C_EMD_HUM_WARN_LOW]     = { "EMD Humidity under low set point", W },
	[NV_C_EMD_HUM_WARN_HIGH]    = { "EMD Humidity over high set point", W },
	[NV_C_EMD_HUM_CRIT_HIGH]    = { "EMD Humidity over critical high set point", C },
	[NV_C_EMD_INPUT1]           = { "EMD Alarm-1 activated", C },
	[NV_C_EMD_INPUT2]           = { "EMD Alarm-2 activated", C },
	[NV_C_EMD_COMM_LOST]        = { "EMD sensor not answering", W },
};

#undef I
#undef W
#undef C

const char *nv_cond_event_text(enum nv_cond c, char *buf, size_t len)
{
	if ((int)c < 0 || c >= NV_C_COUNT)
		return NULL;
	if (c >= NV_C_UNIT_ALARM1 && c <= NV_C_UNIT_ALARM12) {
		snprintf(buf, len, "Unit %d general alarm", c - NV_C_UNIT_ALARM1 + 1);
		return buf;
	}
	if (cond_events[c].text == NULL)
		return NULL;
	snprintf(buf, len, "%s", cond_events[c].text);
	return buf;
}

enum nv_ev_level nv_cond_event_level(enum nv_cond c)
{
	if ((int)c < 0 || c >= NV_C_COUNT)
		return NV_EV_INFO;
	if (c >= NV_C_UNIT_ALARM1 && c <= NV_C_UNIT_ALARM12)
		return NV_EV_WARNING;
	return cond_events[c].level;
}
