/*
 * rfc1628_alarms.c — RFC 1628's well-known alarms (upsWellKnownAlarms
 * .1.3.6.1.2.1.33.1.6.3.N) in model conditions, after the manual's
 * mapping appendix: the one definition behind the UPS-MIB's alarm table,
 * its traps 3 / 4 and the NV5 branch's alarm view.
 */
#include "alarm_table.h"

#define RFC1628_ALARMS  24
#define COMM_LOST       20      /* upsAlarmCommunicationsLost: the agent's own */
#define MAX_CONDS       2

static const struct rfc_alarm {
	const char *name;
	int n_conds;
	enum nv_cond cond[MAX_CONDS];   /* any of them */
} alarms[RFC1628_ALARMS] = {
	/* A01 or A47: battery fault or battery room alarm */
	[1 - 1] = { "upsAlarmBatteryBad", 2, { NV_C_BATTERY_FAULT, NV_C_BATTERY_ROOM } },
	[2 - 1] = { "upsAlarmOnBattery", 1, { NV_C_ON_BATTERY } },
	[3 - 1] = { "upsAlarmLowBattery", 1, { NV_C_BATTERY_LOW } },
	[4 - 1] = { "upsAlarmDepletedBattery", 1, { NV_C_BATTERY_DISCHARGED } },
	[5 - 1] = { "upsAlarmTempBad", 1, { NV_C_TEMPERATURE } },
	[6 - 1] = { "upsAlarmInputBad", 1, { NV_C_INPUT_BAD } },
	[7 - 1] = { "upsAlarmOutputBad", 0, { 0 } },
	[8 - 1] = { "upsAlarmOutputOverload", 1, { NV_C_OVERLOAD } },
	[9 - 1] = { "upsAlarmOnBypass", 1, { NV_C_ON_BYPASS } },
	[10 - 1] = { "upsAlarmBypassBad", 1, { NV_C_BYPASS_FAULT } },
	[11 - 1] = { "upsAlarmOutputOffAsRequested", 0, { 0 } },
	[12 - 1] = { "upsAlarmUpsOffAsRequested", 0, { 0 } },
	[13 - 1] = { "upsAlarmChargerFailed", 1, { NV_C_CHARGER_FAULT } },
	[14 - 1] = { "upsAlarmUpsOutputOff", 1, { NV_C_LOAD_OFF } },
	[15 - 1] = { "upsAlarmUpsSystemOff", 1, { NV_C_SYSTEM_OFF } },
	[16 - 1] = { "upsAlarmFanFailure", 1, { NV_C_FAN_FAILURE } },
	[17 - 1] = { "upsAlarmFuseFailure", 0, { 0 } },
	[18 - 1] = { "upsAlarmGeneralFault", 1, { NV_C_GENERAL_ALARM } },
	[19 - 1] = { "upsAlarmDiagnosticTestFailed", 1, { NV_C_BATTERY_TEST_FAILED } },
	[20 - 1] = { "upsAlarmCommunicationsLost", 0, { 0 } },
	/* 21-23 belong to a shutdown agent: no device source */
	[21 - 1] = { "upsAlarmAwaitingPower", 0, { 0 } },
	[22 - 1] = { "upsAlarmShutdownPending", 0, { 0 } },
	[23 - 1] = { "upsAlarmShutdownImminent", 0, { 0 } },
	[24 - 1] = { "upsAlarmTestInProgress", 1, { NV_C_BATTERY_TEST_RUNNING } },
};

static bool rfc_holds(const struct nv_snapshot *s, int data_unit, int wk)
{
	const struct nv_unit *u;

	if (wk < 1 || wk > RFC1628_ALARMS)
		return false;
	if (wk == COMM_LOST)
		return s->comm == NV_COMM_LOST;
	if (s->comm != NV_COMM_OK)
		return false;
	u = nv_snapshot_view(s, data_unit);
	for (int i = 0; i < alarms[wk - 1].n_conds; i++)
		if (nv_cond_get(u, alarms[wk - 1].cond[i]))
			return true;
	return false;
}

static const char *rfc_name(int wk)
{
	return wk >= 1 && wk <= RFC1628_ALARMS ? alarms[wk - 1].name : "";
}

/* RFC 1628: no upsTrapAlarmEntryAdded for on battery (2; upsTrapOnBattery
 * says it) and for test in progress (24), which sends no removal either. */
const struct nv_alarm_set nv_rfc1628_alarms = {
	.n = RFC1628_ALARMS,
	.holds = rfc_holds,
	.name = rfc_name,
	.no_trap_added = (UINT64_C(1) << (2 - 1)) | (UINT64_C(1) << (24 - 1)),
	.no_trap_removed = UINT64_C(1) << (24 - 1),
};
