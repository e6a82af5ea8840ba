/*
 * events_table.c — what the event engine knows, as data: every trap of
 * the SOCOMEC UPS MIB that a condition or the agent can cause (1, 3-42), the RFC 1628 traps, the 8 STS traps, the condition edges that
 * raise them (the manual's trap appendix, JBUSP / VU-MAP bits already
 * folded into enum nv_cond by the profiles), and the RFC 1628 well-known
 * alarms that fill the alarm table.  Levels are the appendix's.
 */
#include <stddef.h>

#include "events_table.h"

#define I NV_SEV_INFORMATION
#define W NV_SEV_WARNING
#define C NV_SEV_CRITICAL
#define S NV_FAM_SOCOMEC
#define R NV_FAM_RFC1628
#define T NV_FAM_STS

const struct nv_trap_def nv_trap_defs[] = {
	{ S, 1, "upsTrapOnBattery", "on-battery", C,
	  "UPS on battery: remaining time and time on battery attached" },
	{ S, 3, "upsTrapAlarmEntryAdded", "alarm-entry-added", W,
	  "alarm added to the alarm table" },
	{ S, 4, "upsTrapAlarmEntryRemoved", "alarm-entry-removed", I,
	  "alarm removed from the alarm table" },
	{ S, 5, "upsTrapImminentStop", "imminent-stop", C,
	  "UPS about to switch its output off" },
	{ S, 6, "upsTrapOverload", "overload", W,
	  "UPS output overloaded (load above 100%)" },
	{ S, 7, "upsTrapRedundancyLost", "redundancy-lost", W,
	  "redundancy of the UPS system lost" },
	{ S, 8, "upsTrapBatteryCircuitOpen", "battery-circuit-open", C,
	  "battery disconnected from the UPS" },
	{ S, 9, "upsTrapBatteryDischarged", "battery-discharged", C,
	  "battery discharged" },
	{ S, 10, "upsTrapBatteryLow", "battery-low", C,
	  "battery near the end of its backup time" },
	{ S, 11, "upsTrapBatteryAlarm", "battery-alarm", W,
	  "battery alarm" },
	{ S, 12, "upsTrapUpsCriticalAlarm", "ups-critical-alarm", C,
	  "critical alarm on the UPS (rectifier, inverter or bypass fault)" },
	{ S, 13, "upsTrapLoadOFF", "load-off", C,
	  "load no longer supplied by the UPS" },
	{ S, 14, "upsTrapCommunicationLost", "communication-lost", C,
	  "agent lost communication with the UPS" },
	{ S, 15, "upsTrapOnBatteryPower", "on-battery-power", W,
	  "UPS switched to battery power" },
	{ S, 16, "upsTrapBatteryTestfailed", "battery-test-failed", W,
	  "battery test failed: weak battery" },
	{ S, 17, "upsTrapTemperatureAlarm", "temperature-alarm", W,
	  "UPS internal temperature over its threshold" },
	{ S, 18, "upsTrapOnBypass", "on-bypass", W,
	  "load supplied by the automatic bypass" },
	{ S, 19, "upsTrapUpsPreventiveAlarm", "preventive-alarm", W,
	  "preventive (general) alarm on the UPS" },
	{ S, 20, "upsTrapShutdownWarning", "shutdown-warning", W,
	  "shutdown warning sent to the shutdown clients" },
	{ S, 21, "upsTrapShutdownrequest", "shutdown-request", W,
	  "shutdown request sent to the shutdown clients" },
	{ S, 22, "upsTrapUpsNormal", "ups-normal", I,
	  "UPS back to normal: load protected by the inverter" },
	{ S, 23, "upsTrapPowerRestored", "power-restored", I,
	  "UPS input supply restored" },
	{ S, 24, "upsTrapAlarmCancelled", "alarm-cancelled", I,
	  "general alarm cleared" },
	{ S, 25, "upsTrapComEstablished", "communication-established", I,
	  "agent talks to the UPS again" },
	{ S, 26, "upsTrapShutdwonCancelled", "shutdown-cancelled", I,
	  "shutdown of the clients cancelled" },
	{ S, 27, "upsTrapAgentRestarting", "agent-restarting", I,
	  "nvagent (re)started" },
	{ S, 28, "upsTrapEmdTempLow", "emd-temperature-low", C,
	  "EMD sensor: temperature under a low set point" },
	{ S, 29, "upsTrapEmdTempNotLow", "emd-temperature-not-low", I,
	  "EMD sensor: temperature back over a low set point" },
	{ S, 30, "upsTrapEmdTempHigh", "emd-temperature-high", C,
	  "EMD sensor: temperature over a high set point" },
	{ S, 31, "upsTrapEmdTempNotHigh", "emd-temperature-not-high", I,
	  "EMD sensor: temperature back under a high set point" },
	{ S, 32, "upsTrapEmdHumidityLow", "emd-humidity-low", C,
	  "EMD sensor: humidity under a low set point" },
	{ S, 33, "upsTrapEmdHumidityNotLow", "emd-humidity-not-low", I,
	  "EMD sensor: humidity back over a low set point" },
	{ S, 34, "upsTrapEmdHumidityHigh", "emd-humidity-high", C,
	  "EMD sensor: humidity over a high set point" },
	{ S, 35, "upsTrapEmdHumidityNotHigh", "emd-humidity-not-high", I,
	  "EMD sensor: humidity back under a high set point" },
	{ S, 36, "upsTrapEmdFirstInputActive", "emd-input-1-active", C,
	  "EMD input 1 active" },
	{ S, 37, "upsTrapEmdFirstInputRestored", "emd-input-1-restored", I,
	  "EMD input 1 restored" },
	{ S, 38, "upsTrapEmdSecondInputActive", "emd-input-2-active", C,
	  "EMD input 2 active" },
	{ S, 39, "upsTrapEmdSecondInputRestored", "emd-input-2-restored", I,
	  "EMD input 2 restored" },
	{ S, 40, "upsTrapSessionLogin", "session-login", I,
	  "administration session opened" },
	{ S, 41, "upsTrapLoginUnsuccesfulTentative", "login-failed", W,
	  "administration login refused" },
	{ S, 42, "upsTrapTest", "test-trap", I,
	  "test notification" },
	{ R, 1, "upsTrapOnBattery", "on-battery", C,
	  "UPS on battery: remaining time and time on battery attached" },
	{ R, 2, "upsTrapTestCompleted", "test-completed", I,
	  "UPS diagnostic test completed" },
	{ R, 3, "upsTrapAlarmEntryAdded", "alarm-entry-added", W,
	  "alarm added to the alarm table" },
	{ R, 4, "upsTrapAlarmEntryRemoved", "alarm-entry-removed", I,
	  "alarm removed from the alarm table" },
	{ T, 1, "stsTrapImminentStop", "sts-imminent-stop", C,
	  "STS about to stop supplying the load" },
	{ T, 2, "stsTrapOverload", "sts-overload", C,
	  "STS output overloaded" },
	{ T, 3, "stsTrapSwitchOnPreferedSource", "sts-on-preferred-source", I,
	  "load supplied by the preferred source" },
	{ T, 4, "stsTrapSwitchOnAlternateSource", "sts-on-alternate-source", W,
	  "load supplied by the alternate source" },
	{ T, 5, "stsTrapSource1PreferredSource", "sts-source1-preferred", I,
	  "source 1 is now the preferred source" },
	{ T, 6, "stsTrapOutputLoadOFF", "sts-load-off", C,
	  "load not supplied by the STS" },
	{ T, 7, "stsTrapGeneralAlarm", "sts-general-alarm", W,
	  "STS general alarm" },
	{ T, 8, "stsTrapAlarmCancelled", "sts-alarm-cancelled", I,
	  "STS alarms cleared: normal situation" },
};
const size_t nv_n_trap_defs = sizeof(nv_trap_defs) / sizeof(nv_trap_defs[0]);

#define X(c) NV_XC(NV_C_##c)
#define UPS NV_KIND_UPS
#define STS NV_KIND_STS
#define ANY NV_KIND_NONE
#define RISE NV_EDGE_RISE
#define FALL NV_EDGE_FALL

/* Order is emission order inside one snapshot. */
const struct nv_trigger nv_triggers[] = {
	/* communication: the agent's own events, any device */
	{ { NV_XC(NV_X_COMM_LOST) }, { 0 }, RISE, true, false, ANY, S, 14, NV_VBS_NONE },
	{ { NV_XC(NV_X_COMM_LOST) }, { 0 }, FALL, false, false, ANY, S, 25, NV_VBS_NONE },
	/* UPS, SOCOMEC MIB */
	{ { X(ON_BATTERY) }, { 0 }, RISE, true, false, UPS, S, 15, NV_VBS_NONE },
	{ { X(ON_BATTERY) }, { 0 }, RISE, true, true, UPS, S, 1, NV_VBS_ON_BATTERY },
	{ { X(IMMINENT_STOP) }, { 0 }, RISE, true, false, UPS, S, 5, NV_VBS_NONE },
	{ { X(OVERLOAD) }, { 0 }, RISE, true, false, UPS, S, 6, NV_VBS_NONE },
	{ { X(REDUNDANCY_LOST) }, { 0 }, RISE, true, false, UPS, S, 7, NV_VBS_NONE },
	{ { X(BATTERY_CIRCUIT_OPEN) }, { 0 }, RISE, true, false, UPS, S, 8, NV_VBS_NONE },
	{ { X(BATTERY_DISCHARGED) }, { 0 }, RISE, true, false, UPS, S, 9, NV_VBS_NONE },
	{ { X(BATTERY_LOW) }, { 0 }, RISE, true, false, UPS, S, 10, NV_VBS_NONE },
	{ { X(BATTERY_FAULT) }, { 0 }, RISE, true, false, UPS, S, 11, NV_VBS_NONE },
	{ { X(RECTIFIER_FAULT), X(INVERTER_FAULT), X(BYPASS_FAULT) }, { 0 },
	  RISE, true, false, UPS, S, 12, NV_VBS_NONE },
	{ { X(LOAD_OFF) }, { 0 }, RISE, true, false, UPS, S, 13, NV_VBS_NONE },
	{ { X(BATTERY_TEST_FAILED) }, { 0 }, RISE, true, false, UPS, S, 16, NV_VBS_NONE },
	{ { X(TEMPERATURE) }, { 0 }, RISE, true, false, UPS, S, 17, NV_VBS_NONE },
	{ { X(ON_BYPASS) }, { 0 }, RISE, true, false, UPS, S, 18, NV_VBS_NONE },
	{ { X(GENERAL_ALARM) }, { 0 }, RISE, true, false, UPS, S, 19, NV_VBS_NONE },
	{ { X(INPUT_PRESENT) }, { 0 }, RISE, false, false, UPS, S, 23, NV_VBS_NONE },
	{ { X(ON_INVERTER) }, { X(ON_BATTERY), X(ON_BYPASS), X(LOAD_OFF) },
	  RISE, false, false, UPS, S, 22, NV_VBS_NONE },
	{ { X(GENERAL_ALARM) }, { 0 }, FALL, false, false, UPS, S, 24, NV_VBS_NONE },
	/* the environment sensor, any device: one trap per set point crossed,
	 * the outer set point after the inner one on the way out, before it
	 * on the way back */
	{ { X(EMD_TEMP_WARN_LOW) }, { 0 }, RISE, true, false, ANY, S, 28, NV_VBS_EMD },
	{ { X(EMD_TEMP_CRIT_LOW) }, { 0 }, RISE, true, false, ANY, S, 28, NV_VBS_EMD },
	{ { X(EMD_TEMP_CRIT_LOW) }, { 0 }, FALL, false, false, ANY, S, 29, NV_VBS_EMD },
	{ { X(EMD_TEMP_WARN_LOW) }, { 0 }, FALL, false, false, ANY, S, 29, NV_VBS_EMD },
	{ { X(EMD_TEMP_WARN_HIGH) }, { 0 }, RISE, true, false, ANY, S, 30, NV_VBS_EMD },
	{ { X(EMD_TEMP_CRIT_HIGH) }, { 0 }, RISE, true, false, ANY, S, 30, NV_VBS_EMD },
	{ { X(EMD_TEMP_CRIT_HIGH) }, { 0 }, FALL, false, false, ANY, S, 31, NV_VBS_EMD },
	{ { X(EMD_TEMP_WARN_HIGH) }, { 0 }, FALL, false, false, ANY, S, 31, NV_VBS_EMD },
	{ { X(EMD_HUM_WARN_LOW) }, { 0 }, RISE, true, false, ANY, S, 32, NV_VBS_EMD },
	{ { X(EMD_HUM_CRIT_LOW) }, { 0 }, RISE, true, false, ANY, S, 32, NV_VBS_EMD },
	{ { X(EMD_HUM_CRIT_LOW) }, { 0 }, FALL, false, false, ANY, S, 33, NV_VBS_EMD },
	{ { X(EMD_HUM_WARN_LOW) }, { 0 }, FALL, false, false, ANY, S, 33, NV_VBS_EMD },
	{ { X(EMD_HUM_WARN_HIGH) }, { 0 }, RISE, true, false, ANY, S, 34, NV_VBS_EMD },
	{ { X(EMD_HUM_CRIT_HIGH) }, { 0 }, RISE, true, false, ANY, S, 34, NV_VBS_EMD },
	{ { X(EMD_HUM_CRIT_HIGH) }, { 0 }, FALL, false, false, ANY, S, 35, NV_VBS_EMD },
	{ { X(EMD_HUM_WARN_HIGH) }, { 0 }, FALL, false, false, ANY, S, 35, NV_VBS_EMD },
	{ { X(EMD_INPUT1) }, { 0 }, RISE, true, false, ANY, S, 36, NV_VBS_EMD },
	{ { X(EMD_INPUT1) }, { 0 }, FALL, false, false, ANY, S, 37, NV_VBS_EMD },
	{ { X(EMD_INPUT2) }, { 0 }, RISE, true, false, ANY, S, 38, NV_VBS_EMD },
	{ { X(EMD_INPUT2) }, { 0 }, FALL, false, false, ANY, S, 39, NV_VBS_EMD },
	/* UPS, RFC 1628 */
	{ { X(ON_BATTERY) }, { 0 }, RISE, true, true, UPS, R, 1, NV_VBS_ON_BATTERY },
	{ { X(BATTERY_TEST_RUNNING) }, { 0 }, FALL, false, false, UPS, R, 2, NV_VBS_TEST_RESULT },
	/* STS */
	{ { X(STS_IMMINENT_STOP) }, { 0 }, RISE, true, false, STS, T, 1, NV_VBS_STS_STRING },
	{ { X(STS_OVERLOAD) }, { 0 }, RISE, true, false, STS, T, 2, NV_VBS_STS_STRING },
	{ { X(STS_ON_PREFERRED) }, { 0 }, RISE, false, false, STS, T, 3, NV_VBS_STS_STRING },
	{ { X(STS_ON_ALTERNATE) }, { 0 }, RISE, true, false, STS, T, 4, NV_VBS_STS_STRING },
	{ { X(STS_S1_PREFERRED) }, { 0 }, RISE, false, false, STS, T, 5, NV_VBS_STS_STRING },
	{ { X(STS_LOAD_OFF) }, { 0 }, RISE, true, false, STS, T, 6, NV_VBS_STS_STRING },
	{ { X(STS_GENERAL_ALARM) }, { 0 }, RISE, true, false, STS, T, 7, NV_VBS_STS_STRING },
	{ { X(STS_GENERAL_ALARM) }, { 0 }, FALL, false, false, STS, T, 8, NV_VBS_STS_STRING },
};
const size_t nv_n_triggers = sizeof(nv_triggers) / sizeof(nv_triggers[0]);

const struct nv_trap_def *nv_trap_def_find(enum nv_mib_family f, int number)
{
	for (size_t i = 0; i < nv_n_trap_defs; i++)
		if (nv_trap_defs[i].family == f && nv_trap_defs[i].number == number)
			return &nv_trap_defs[i];
	return NULL;
}
