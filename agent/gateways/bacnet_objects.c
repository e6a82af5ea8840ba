/*
 * bacnet_objects.c — the UPS's BACnet objects (bacnet_objects.h).
 * One row per Analog Value in the appendix's order (instance = row), one
 * per Multi-state Value; the Device object's properties in one switch.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bacnet_objects.h"

enum view { VIEW_SYSTEM, VIEW_UNIT };

#define AVF(f) ((int)offsetof(struct nv_ups_meas, f))
#define NA_FIELD (-1)

struct av_def {
	const char *name;
	uint8_t view;
	int field;              /* offsetof in struct nv_ups_meas, NA_FIELD: not in the model */
	int div;                /* model unit -> engineering unit */
	uint16_t units;         /* BACnetEngineeringUnits, as the appendix gives them */
};

static const struct av_def avs[BN_N_AV] = {
	{ "UPS_OUTPUT_Lr", VIEW_SYSTEM, AVF(out_load_total), 1, 98 },
	{ "UPS_OUTPUT_kVA", VIEW_SYSTEM, AVF(out_kva_total), 10, 9 },
	{ "UPS_OUTPUT_kW", VIEW_SYSTEM, AVF(out_kw_total), 10, 48 },
	{ "UPS_OUTPUT_Lr1", VIEW_SYSTEM, AVF(out_load[0]), 1, 98 },
	{ "UPS_OUTPUT_Lr2", VIEW_SYSTEM, AVF(out_load[1]), 1, 98 },
	{ "UPS_OUTPUT_Lr3", VIEW_SYSTEM, AVF(out_load[2]), 1, 98 },
	{ "UPS_OUTPUT_I1", VIEW_SYSTEM, AVF(out_current[0]), 10, 3 },
	{ "UPS_OUTPUT_I2", VIEW_SYSTEM, AVF(out_current[1]), 10, 3 },
	{ "UPS_OUTPUT_I3", VIEW_SYSTEM, AVF(out_current[2]), 10, 3 },
	{ "UPS_OUTPUT_kVA1", VIEW_SYSTEM, AVF(out_kva[0]), 10, 9 },
	{ "UPS_OUTPUT_kVA2", VIEW_SYSTEM, AVF(out_kva[1]), 10, 9 },
	{ "UPS_OUTPUT_kVA3", VIEW_SYSTEM, AVF(out_kva[2]), 10, 9 },
	{ "UPS_OUTPUT_kW1", VIEW_SYSTEM, AVF(out_kw[0]), 10, 48 },
	{ "UPS_OUTPUT_kW2", VIEW_SYSTEM, AVF(out_kw[1]), 10, 48 },
	{ "UPS_OUTPUT_kW3", VIEW_SYSTEM, AVF(out_kw[2]), 10, 48 },
	{ "UPS_OUTPUT_V1", VIEW_SYSTEM, AVF(out_voltage[0]), 10, 5 },
	{ "UPS_OUTPUT_V2", VIEW_SYSTEM, AVF(out_voltage[1]), 10, 5 },
	{ "UPS_OUTPUT_V3", VIEW_SYSTEM, AVF(out_voltage[2]), 10, 5 },
	{ "UPS_OUTPUT_U12", VIEW_SYSTEM, NA_FIELD, 1, 5 },
	{ "UPS_OUTPUT_U23", VIEW_SYSTEM, NA_FIELD, 1, 5 },
	{ "UPS_OUTPUT_U31", VIEW_SYSTEM, NA_FIELD, 1, 5 },
	{ "UPS_OUTPUT_fr", VIEW_SYSTEM, AVF(out_freq), 10, 27 },
	{ "UPS_OUTPUT_cf", VIEW_SYSTEM, NA_FIELD, 1, 95 },
	{ "UPS_OUTPUT_pf1", VIEW_SYSTEM, NA_FIELD, 1, 15 },
	{ "UPS_OUTPUT_pf2", VIEW_SYSTEM, NA_FIELD, 1, 15 },
	{ "UPS_OUTPUT_pf3", VIEW_SYSTEM, NA_FIELD, 1, 15 },
	{ "UNIT_OUTPUT_Lr", VIEW_UNIT, AVF(out_load_total), 1, 98 },
	{ "UNIT_OUTPUT_kVA", VIEW_UNIT, AVF(out_kva_total), 10, 9 },
	{ "UNIT_OUTPUT_kW", VIEW_UNIT, AVF(out_kw_total), 10, 48 },
	{ "UNIT_OUTPUT_Lr1", VIEW_UNIT, AVF(out_load[0]), 1, 98 },
	{ "UNIT_OUTPUT_Lr2", VIEW_UNIT, AVF(out_load[1]), 1, 98 },
	{ "UNIT_OUTPUT_Lr3", VIEW_UNIT, AVF(out_load[2]), 1, 98 },
	{ "UNIT_OUTPUT_I1", VIEW_UNIT, AVF(out_current[0]), 10, 3 },
	{ "UNIT_OUTPUT_I2", VIEW_UNIT, AVF(out_current[1]), 10, 3 },
	{ "UNIT_OUTPUT_I3", VIEW_UNIT, AVF(out_current[2]), 10, 3 },
	{ "UNIT_OUTPUT_kVA1", VIEW_UNIT, AVF(out_kva[0]), 10, 9 },
	{ "UNIT_OUTPUT_kVA2", VIEW_UNIT, AVF(out_kva[1]), 10, 9 },
	{ "UNIT_OUTPUT_kVA3", VIEW_UNIT, AVF(out_kva[2]), 10, 9 },
	{ "UNIT_OUTPUT_kW1", VIEW_UNIT, AVF(out_kw[0]), 10, 48 },
	{ "UNIT_OUTPUT_kW2", VIEW_UNIT, AVF(out_kw[1]), 10, 48 },
	{ "UNIT_OUTPUT_kW3", VIEW_UNIT, AVF(out_kw[2]), 10, 48 },
	{ "UNIT_OUTPUT_V1", VIEW_UNIT, AVF(out_voltage[0]), 10, 5 },
	{ "UNIT_OUTPUT_V2", VIEW_UNIT, AVF(out_voltage[1]), 10, 5 },
	{ "UNIT_OUTPUT_V3", VIEW_UNIT, AVF(out_voltage[2]), 10, 5 },
	{ "UNIT_OUTPUT_U12", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "UNIT_OUTPUT_U23", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "UNIT_OUTPUT_U31", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "UNIT_OUTPUT_fr", VIEW_UNIT, AVF(out_freq), 10, 27 },
	{ "UNIT_OUTPUT_cf", VIEW_UNIT, NA_FIELD, 1, 95 },
	{ "UNIT_OUTPUT_pf1", VIEW_UNIT, NA_FIELD, 1, 15 },
	{ "UNIT_OUTPUT_pf2", VIEW_UNIT, NA_FIELD, 1, 15 },
	{ "UNIT_OUTPUT_pf3", VIEW_UNIT, NA_FIELD, 1, 15 },
	{ "UNIT_TMP", VIEW_UNIT, AVF(ambient_temp), 10, 62 },
	{ "RECTIFIER_V1", VIEW_UNIT, AVF(in_voltage[0]), 10, 5 },
	{ "RECTIFIER_V2", VIEW_UNIT, AVF(in_voltage[1]), 10, 5 },
	{ "RECTIFIER_V3", VIEW_UNIT, AVF(in_voltage[2]), 10, 5 },
	{ "RECTIFIER_U12", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "RECTIFIER_U23", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "RECTIFIER_U31", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "RECTIFIER_Fr", VIEW_UNIT, AVF(in_freq), 10, 27 },
	{ "RECTIFIER_I1", VIEW_UNIT, AVF(in_current[0]), 10, 3 },
	{ "RECTIFIER_I2", VIEW_UNIT, AVF(in_current[1]), 10, 3 },
	{ "RECTIFIER_I3", VIEW_UNIT, AVF(in_current[2]), 10, 3 },
	{ "RECTIFIER_kW1", VIEW_UNIT, NA_FIELD, 1, 48 },
	{ "RECTIFIER_kW2", VIEW_UNIT, NA_FIELD, 1, 48 },
	{ "RECTIFIER_kW3", VIEW_UNIT, NA_FIELD, 1, 48 },
	{ "BATTERY_V+", VIEW_UNIT, AVF(batt_voltage), 10, 5 },
	{ "BATTERY_V-", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "BATTERY_I+", VIEW_UNIT, AVF(batt_current), 10, 3 },
	{ "BATTERY_I-", VIEW_UNIT, NA_FIELD, 1, 3 },
	{ "BATTERY_%", VIEW_UNIT, AVF(batt_charge), 1, 98 },
	{ "BATTERY_Ah", VIEW_UNIT, AVF(batt_ah), 10, 261 },
	{ "BATTERY_Min", VIEW_UNIT, AVF(batt_minutes), 1, 72 },
	{ "BATTERY_s", VIEW_UNIT, AVF(batt_seconds_on), 1, 73 },
	{ "BATTERY_TMP", VIEW_UNIT, AVF(batt_temp), 10, 62 },
	{ "BYPASS_V1", VIEW_UNIT, AVF(byp_voltage[0]), 10, 5 },
	{ "BYPASS_V2", VIEW_UNIT, AVF(byp_voltage[1]), 10, 5 },
	{ "BYPASS_V3", VIEW_UNIT, AVF(byp_voltage[2]), 10, 5 },
	{ "BYPASS_U12", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "BYPASS_U23", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "BYPASS_U31", VIEW_UNIT, NA_FIELD, 1, 5 },
	{ "BYPASS_Fr", VIEW_UNIT, AVF(byp_freq), 10, 27 },
	{ "BYPASS_I1", VIEW_UNIT, AVF(byp_current[0]), 10, 3 },
	{ "BYPASS_I2", VIEW_UNIT, AVF(byp_current[1]), 10, 3 },
	{ "BYPASS_I3", VIEW_UNIT, AVF(byp_current[2]), 10, 3 },
	{ "BYPASS_kW1", VIEW_UNIT, NA_FIELD, 1, 48 },
	{ "BYPASS_kW2", VIEW_UNIT, NA_FIELD, 1, 48 },
	{ "BYPASS_kW3", VIEW_UNIT, NA_FIELD, 1, 48 },
};

struct mv_def {
	const char *name;
	uint8_t n_states;
	const char *const *texts;
};

static const char *const t_device[] = { "Running", "Ready", "No com with UPS", "Fault" };
static const char *const t_load[] = { "ON MAINT. BYPASS", "ON BATTERY", "ON INVERTER",
	"NORMAL MODE", "ECO MODE", "ON BYPASS", "LOAD OFF", "LINE-INTERACTIVE", "FLEX MODE" };
static const char *const t_unit[] = { "SERVICE MODE", "ISOLATED", "ON STANDBY",
	"AUTO-TEST", "OPERATING", "AVAILABLE" };
static const char *const t_alarm[] = { "NO ALARM", "CRITICAL ALARM", "PREVENTIVE ALARM",
	"GENERAL ALARM" };
static const char *const t_battery[] = { "NO BATTERY", "DISCONNECTED", "DISCHARGED", "LOW",
	"DISCHARGING", "DISCHARG. TO INPUT", "ALARM", "TESTING", "CHARGING", "OK" };
static const char *const t_onoff[] = { "OFF", "ON" };
static const char *const t_input[] = { "GEN SET", "NOT PRESENT", "OUT OF TOL", "OK" };
static const char *const t_bypass[] = { "NOT PRESENT", "OUT OF TOL", "SYNCHRO INV", "OK" };

enum { MV_DEVICE, MV_UPS_LOAD, MV_UNIT_LOAD, MV_UNIT, MV_ALARMS, MV_BATTERY,
	MV_RECTIFIER, MV_INVERTER, MV_INPUT_REC, MV_INPUT_BYP };

static const struct mv_def mvs[BN_N_MV] = {
	[MV_DEVICE] = { "DeviceStatus", 4, t_device },
	[MV_UPS_LOAD] = { "UPSLoadStatus", 9, t_load },
	[MV_UNIT_LOAD] = { "UnitLoadStatus", 9, t_load },
	[MV_UNIT] = { "UnitStatus", 6, t_unit },
	[MV_ALARMS] = { "Alarms", 4, t_alarm },
	[MV_BATTERY] = { "BatteryStatus", 10, t_battery },
	[MV_RECTIFIER] = { "RectifierStatus", 2, t_onoff },
	[MV_INVERTER] = { "InverterStatus", 2, t_onoff },
	[MV_INPUT_REC] = { "InputRecStatus", 4, t_input },
	[MV_INPUT_BYP] = { "InputBypStatus", 4, t_bypass },
};

/* Bit String Values: bit k is the condition bits[k] of the view (or of
 * unit k for the "unit N operating" bits), NO_BIT when the model has none. */
#define NO_BIT 0xFFFF
#define UNIT_OPERATING(k) (0x8000 | (k))

struct bsv_def {
	const char *name;
	uint8_t view;
	uint8_t n_bits;
	uint16_t bits[31];
};

static const struct bsv_def bsvs[BN_N_BSV] = {
	{ "UPSStatus", VIEW_SYSTEM, 16, { NO_BIT, UNIT_OPERATING(0), UNIT_OPERATING(1),
		UNIT_OPERATING(2), UNIT_OPERATING(3), UNIT_OPERATING(4), UNIT_OPERATING(5),
		UNIT_OPERATING(6), UNIT_OPERATING(7), NO_BIT, NO_BIT, NO_BIT, NO_BIT, NO_BIT,
		NO_BIT, NO_BIT } },
	{ "UPSAlarms", VIEW_SYSTEM, 23, { NV_C_IMMINENT_STOP, NV_C_OVERLOAD,
		NV_C_TRANSFER_LOCKED, NV_C_TRANSFER_IMPOSSIBLE, NV_C_INSUFFICIENT_RESOURCES,
		NV_C_REDUNDANCY_LOST, NO_BIT, NV_C_GENERAL_ALARM, NV_C_UNIT_ALARM1,
		NV_C_UNIT_ALARM1 + 1, NV_C_UNIT_ALARM1 + 2, NV_C_UNIT_ALARM1 + 3,
		NV_C_UNIT_ALARM1 + 4, NV_C_UNIT_ALARM1 + 5, NV_C_UNIT_ALARM1 + 6,
		NV_C_UNIT_ALARM1 + 7, NO_BIT, NO_BIT, NO_BIT, NO_BIT, NO_BIT, NO_BIT, NO_BIT } },
	{ "UnitAlarms", VIEW_UNIT, 31, { NV_C_IMMINENT_STOP, NV_C_OVERLOAD, NV_C_TEMPERATURE,
		NV_C_TRANSFER_LOCKED, NV_C_TRANSFER_IMPOSSIBLE, NV_C_MAINTENANCE,
		NV_C_GENERAL_ALARM, NV_C_BATTERY_CIRCUIT_OPEN, NV_C_BATTERY_DISCHARGED,
		NV_C_BATTERY_LOW, NV_C_ON_BATTERY, NV_C_BATTERY_TEMPERATURE, NV_C_BATTERY_ROOM,
		NV_C_BATTERY_TEST_FAILED, NV_C_BATTERY_FAULT, NV_C_CHARGER_ALARM,
		NV_C_RECTIFIER_FAULT, NV_C_RECTIFIER_ALARM, NV_C_GENSET_ALARM,
		NV_C_INVERTER_FAULT, NV_C_INVERTER_ALARM, NV_C_BYPASS_FAULT, NV_C_BYPASS_ALARM,
		NV_C_FAN_FAILURE, NV_C_MAINT_BYPASS_ALARM, NV_C_POWER_OFF_ACTIVE,
		NV_C_INTERNAL_FAILURE, NV_C_EXTERNAL_ALARM1, NV_C_EXTERNAL_ALARM2,
		NV_C_EXTERNAL_ALARM3, NV_C_EXTERNAL_ALARM4 } },
};

/* ---- the object list ---- */

size_t bn_object_count(void)
{
	return 1 + BN_N_AV + BN_N_MV + BN_N_BSV;
}

void bn_object_at(const struct bn_db *db, size_t i, uint16_t *type, uint32_t *instance)
{
	if (i == 0) {
		*type = BN_OBJ_DEVICE;
		*instance = db->device_instance;
	} else if (i <= BN_N_AV) {
		*type = BN_OBJ_AV;
		*instance = (uint32_t)(i - 1);
	} else if (i <= BN_N_AV + BN_N_MV) {
		*type = BN_OBJ_MV;
		*instance = (uint32_t)(i - 1 - BN_N_AV);
	} else {
		*type = BN_OBJ_BSV;
		*instance = (uint32_t)(i - 1 - BN_N_AV - BN_N_MV);
	}
}

bool bn_object_exists(const struct bn_db *db, uint16_t type, uint32_t instance)
{
	switch (type) {
	case BN_OBJ_DEVICE:
		/* 4194303: "this device", whatever its instance (clause 12.11.1) */
		return instance == db->device_instance || instance == 4194303;
	case BN_OBJ_AV:
		return instance < BN_N_AV;
	case BN_OBJ_MV:
		return instance < BN_N_MV;
	case BN_OBJ_BSV:
		return instance < BN_N_BSV;
	default:
		return false;
	}
}

static const char *model_name(const struct bn_db *db)
{
	return db->snap->id.model[0] != '\0' ? db->snap->id.model : "UPS";
}

void bn_object_name(const struct bn_db *db, uint16_t type, uint32_t instance, char *buf,
    size_t len)
{
	if (type == BN_OBJ_DEVICE)
		snprintf(buf, len, "%s", model_name(db));
	else if (type == BN_OBJ_AV && instance < BN_N_AV)
		snprintf(buf, len, "%s", avs[instance].name);
	else if (type == BN_OBJ_MV && instance < BN_N_MV)
		snprintf(buf, len, "%s", mvs[instance].name);
	else if (type == BN_OBJ_BSV && instance < BN_N_BSV)
		snprintf(buf, len, "%s", bsvs[instance].name);
	else
		snprintf(buf, len, "?");
}

bool bn_object_by_name(const struct bn_db *db, const char *name, uint16_t *type,
    uint32_t *instance)
{
	char buf[64];

	for (size_t i = 0; i < bn_object_count(); i++) {
		bn_object_at(db, i, type, instance);
		bn_object_name(db, *type, *instance, buf, sizeof(buf));
		if (strcmp(buf, name) == 0)
			return true;
	}
	return false;
}

/* ---- values from the model ---- */

static const struct nv_unit *view_of(const struct bn_db *db, uint8_t view)
{
	return view == VIEW_SYSTEM ? &db->snap->sys : nv_snapshot_view(db->snap, db->data_unit);
}

bool bn_in_fault(const struct bn_db *db)
{
	return db->snap->comm != NV_COMM_OK;
}

static float av_value(const struct bn_db *db, uint32_t i)
{
	const struct av_def *d = &avs[i];
	const struct nv_unit *u = view_of(db, d->view);
	int32_t v;

	if (d->field == NA_FIELD || u == NULL)
		return -1.0f;
	memcpy(&v, (const char *)&u->ups + d->field, sizeof(v));
	return v == NV_NA ? -1.0f : (float)v / (float)d->div;
}

static uint32_t load_status(const struct nv_unit *u)
{
	if (nv_cond_get(u, NV_C_ON_MAINT_BYPASS))
		return 1;
	if (nv_cond_get(u, NV_C_ON_BATTERY))
		return 2;
	if (nv_cond_get(u, NV_C_ECO_MODE))
		return 5;
	if (nv_cond_get(u, NV_C_ON_BYPASS))
		return 6;
	if (nv_cond_get(u, NV_C_ON_INVERTER))
		return 3;
	return 7;
}

static uint32_t unit_status(const struct nv_unit *u)
{
	if (nv_cond_get(u, NV_C_STANDBY))
		return 3;
	if (nv_cond_get(u, NV_C_AUTOTEST_RUNNING))
		return 4;
	if (!nv_cond_get(u, NV_C_LOAD_OFF) && !nv_cond_get(u, NV_C_SYSTEM_OFF))
		return 5;
	return 6;
}

static bool any(const struct nv_unit *u, const enum nv_cond *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (nv_cond_get(u, c[i]))
			return true;
	return false;
}

static uint32_t alarm_status(const struct nv_unit *u)
{
	static const enum nv_cond critical[] = { NV_C_RECTIFIER_FAULT, NV_C_INVERTER_FAULT,
		NV_C_BYPASS_FAULT, NV_C_CHARGER_FAULT };
	static const enum nv_cond preventive[] = { NV_C_RECTIFIER_ALARM, NV_C_INVERTER_ALARM,
		NV_C_BYPASS_ALARM, NV_C_CHARGER_ALARM };

	if (any(u, critical, sizeof(critical) / sizeof(critical[0])))
		return 2;
	if (any(u, preventive, sizeof(preventive) / sizeof(preventive[0])))
		return 3;
	for (int c = NV_C_IMMINENT_STOP; c <= NV_C_UNIT_ALARM12; c++)
		if (nv_cond_get(u, (enum nv_cond)c))
			return 4;
	return 1;
}

static uint32_t battery_status(const struct nv_unit *u)
{
	static const enum nv_cond alarm[] = { NV_C_BATTERY_FAULT, NV_C_BATTERY_TEMPERATURE,
		NV_C_BATTERY_TEST_FAILED, NV_C_BATTERY_ROOM };

	if (nv_cond_get(u, NV_C_BATTERY_CIRCUIT_OPEN))
		return 2;
	if (nv_cond_get(u, NV_C_BATTERY_DISCHARGED))
		return 3;
	if (nv_cond_get(u, NV_C_BATTERY_LOW))
		return 4;
	if (nv_cond_get(u, NV_C_ON_BATTERY))
		return 5;
	if (any(u, alarm, sizeof(alarm) / sizeof(alarm[0])))
		return 7;
	if (nv_cond_get(u, NV_C_BATTERY_TEST_RUNNING))
		return 8;
	if (nv_cond_get(u, NV_C_BATTERY_CHARGING))
		return 9;
	return 10;
}

static uint32_t mv_value(const struct bn_db *db, uint32_t instance);

static uint32_t bsv_bits(const struct bn_db *db, const struct bsv_def *d)
{
	const struct nv_unit *u = view_of(db, d->view);
	uint32_t bits = 0;

	for (unsigned k = 0; k < d->n_bits; k++) {
		uint16_t c = d->bits[k];
		bool on = false;

		if (c == NO_BIT || u == NULL)
			continue;
		if (c & 0x8000) {       /* unit N operating: supplying the load */
			int n = c & 0x7FFF;

			on = n < db->snap->n_units && db->snap->unit[n].present &&
			    !nv_cond_get(&db->snap->unit[n], NV_C_LOAD_OFF) &&
			    !nv_cond_get(&db->snap->unit[n], NV_C_SYSTEM_OFF);
		} else {
			on = nv_cond_get(u, (enum nv_cond)c);
		}
		if (on)
			bits |= (uint32_t)1 << k;
	}
	return bits;
}

bool bn_is_status_object(uint16_t type)
{
	return type == BN_OBJ_MV || type == BN_OBJ_BSV;
}

uint32_t bn_status_value(const struct bn_db *db, uint16_t type, uint32_t instance)
{
	if (type == BN_OBJ_BSV)
		return instance < BN_N_BSV ? bsv_bits(db, &bsvs[instance]) : 0;
	return mv_value(db, instance);
}

static uint32_t mv_value(const struct bn_db *db, uint32_t instance)
{
	const struct nv_unit *sys = &db->snap->sys;
	const struct nv_unit *u = nv_snapshot_view(db->snap, db->data_unit);

	if (u == NULL)
		u = sys;
	switch (instance) {
	case MV_DEVICE:
		return db->snap->comm == NV_COMM_OK ? 1 : db->snap->comm == NV_COMM_LOST ? 3 : 2;
	case MV_UPS_LOAD:
		return load_status(sys);
	case MV_UNIT_LOAD:
		return load_status(u);
	case MV_UNIT:
		return unit_status(u);
	case MV_ALARMS:
		return alarm_status(sys);
	case MV_BATTERY:
		return battery_status(u);
	case MV_RECTIFIER:
		return nv_cond_get(u, NV_C_RECTIFIER_ON) ? 2 : 1;
	case MV_INVERTER:
		return nv_cond_get(u, NV_C_INVERTER_ON) ? 2 : 1;
	case MV_INPUT_REC:
		return nv_cond_get(u, NV_C_GENSET_ALARM) ? 1 : nv_cond_get(u, NV_C_INPUT_BAD) ? 3 :
		    !nv_cond_get(u, NV_C_INPUT_PRESENT) ? 2 : 4;
	case MV_INPUT_BYP:
		return nv_cond_get(u, NV_C_BYPASS_INPUT_BAD) ? 2 :
		    !nv_cond_get(u, NV_C_BYPASS_PRESENT) ? 1 : 4;
	default:
		return 1;
	}
}

/* ---- property lists ---- */

static const uint32_t device_required[] = { BN_P_OBJECT_IDENTIFIER, BN_P_OBJECT_NAME,
	BN_P_OBJECT_TYPE, BN_P_SYSTEM_STATUS, BN_P_VENDOR_NAME, BN_P_VENDOR_IDENTIFIER,
	BN_P_MODEL_NAME, BN_P_FIRMWARE_REVISION, BN_P_APP_SW_VERSION, BN_P_PROTOCOL_VERSION,
	BN_P_PROTOCOL_REVISION, BN_P_PROTOCOL_SERVICES, BN_P_PROTOCOL_OBJECT_TYPES,
	BN_P_OBJECT_LIST, BN_P_MAX_APDU, BN_P_SEGMENTATION, BN_P_APDU_TIMEOUT,
	BN_P_NUMBER_OF_APDU_RETRIES, BN_P_DEVICE_ADDRESS_BINDING, BN_P_DATABASE_REVISION };
static const uint32_t device_optional[] = { BN_P_LOCATION, BN_P_DESCRIPTION,
	BN_P_LOCAL_TIME, BN_P_LOCAL_DATE, BN_P_PROFILE_NAME };
static const uint32_t av_required[] = { BN_P_OBJECT_IDENTIFIER, BN_P_OBJECT_NAME,
	BN_P_OBJECT_TYPE, BN_P_PRESENT_VALUE, BN_P_STATUS_FLAGS, BN_P_EVENT_STATE,
	BN_P_OUT_OF_SERVICE, BN_P_UNITS };
static const uint32_t mv_required[] = { BN_P_OBJECT_IDENTIFIER, BN_P_OBJECT_NAME,
	BN_P_OBJECT_TYPE, BN_P_PRESENT_VALUE, BN_P_STATUS_FLAGS, BN_P_EVENT_STATE,
	BN_P_OUT_OF_SERVICE, BN_P_NUMBER_OF_STATES };
static const uint32_t mv_optional[] = { BN_P_STATE_TEXT };
static const uint32_t bsv_required[] = { BN_P_OBJECT_IDENTIFIER, BN_P_OBJECT_NAME,
	BN_P_OBJECT_TYPE, BN_P_PRESENT_VALUE, BN_P_STATUS_FLAGS, BN_P_EVENT_STATE,
	BN_P_OUT_OF_SERVICE };

#define N(a) (sizeof(a) / sizeof((a)[0]))

static size_t append(uint32_t *out, size_t n, size_t max, const uint32_t *p, size_t np)
{
	for (size_t i = 0; i < np && n < max; i++)
		out[n++] = p[i];
	return n;
}

size_t bn_property_list(uint16_t type, uint32_t which, uint32_t *out, size_t max)
{
	const uint32_t *req = NULL, *opt = NULL;
	size_t nreq = 0, nopt = 0, n = 0;

	if (type == BN_OBJ_DEVICE) {
		req = device_required, nreq = N(device_required);
		opt = device_optional, nopt = N(device_optional);
	} else if (type == BN_OBJ_AV) {
		req = av_required, nreq = N(av_required);
	} else if (type == BN_OBJ_MV) {
		req = mv_required, nreq = N(mv_required);
		opt = mv_optional, nopt = N(mv_optional);
	} else if (type == BN_OBJ_BSV) {
		req = bsv_required, nreq = N(bsv_required);
	}
	if (which != BN_P_OPTIONAL)
		n = append(out, n, max, req, nreq);
	if (which != BN_P_REQUIRED && opt != NULL)
		n = append(out, n, max, opt, nopt);
	return n;
}

/* ---- encoding ---- */

static void set_bit(uint8_t *bits, unsigned n)
{
	bits[n / 8] |= (uint8_t)(0x80 >> (n % 8));
}

static void wr_status_flags(struct bn_wr *w, bool fault)
{
	uint8_t bits[1] = { 0 };

	if (fault)
		set_bit(bits, 1);       /* in-alarm, fault, overridden, out-of-service */
	bn_wr_app_bitstring(w, bits, 4);
}

static int fail(struct bn_error *e, uint32_t cls, uint32_t code)
{
	e->cls = cls;
	e->code = code;
	return -1;
}

/* An array property: index 0 is its size, 1..n an element, none all. */
static int wr_object_list(const struct bn_db *db, uint32_t index, struct bn_wr *w,
    struct bn_error *e)
{
	uint16_t type;
	uint32_t inst;

	if (index == 0) {
		bn_wr_app_unsigned(w, (uint32_t)bn_object_count());
		return 0;
	}
	if (index != BN_NO_INDEX && index > bn_object_count())
		return fail(e, BN_EC_PROPERTY, BN_E_INVALID_ARRAY_INDEX);
	for (size_t i = 0; i < bn_object_count(); i++) {
		if (index != BN_NO_INDEX && i + 1 != index)
			continue;
		bn_object_at(db, i, &type, &inst);
		bn_wr_app_object_id(w, type, inst);
	}
	return 0;
}

static int wr_state_text(const struct mv_def *m, uint32_t index, struct bn_wr *w,
    struct bn_error *e)
{
	if (index == 0) {
		bn_wr_app_unsigned(w, m->n_states);
		return 0;
	}
	if (index != BN_NO_INDEX && index > m->n_states)
		return fail(e, BN_EC_PROPERTY, BN_E_INVALID_ARRAY_INDEX);
	for (uint32_t i = 0; i < m->n_states; i++)
		if (index == BN_NO_INDEX || i + 1 == index)
			bn_wr_app_charstring(w, m->texts[i]);
	return 0;
}

static int device_property(const struct bn_db *db, uint32_t prop, struct bn_wr *w,
    struct bn_error *e)
{
	uint8_t bits[7] = { 0 };
	char text[64];
	struct tm tm;

	switch (prop) {
	case BN_P_SYSTEM_STATUS:        /* operational, or non-operational without the UPS */
		bn_wr_app_enum(w, db->snap->comm == NV_COMM_OK ? 0 : 4);
		break;
	case BN_P_VENDOR_NAME:
		bn_wr_app_charstring(w, "SOCOMEC UPS");
		break;
	case BN_P_VENDOR_IDENTIFIER:
		bn_wr_app_unsigned(w, BN_VENDOR_ID);
		break;
	case BN_P_MODEL_NAME:           /* the appendix: the nominal kVA */
		if (db->snap->id.nominal_kva > 0)
			snprintf(text, sizeof(text), "%d.%d kVA", db->snap->id.nominal_kva / 10,
			    db->snap->id.nominal_kva % 10);
		else
			snprintf(text, sizeof(text), "unknown");
		bn_wr_app_charstring(w, text);
		break;
	case BN_P_FIRMWARE_REVISION:
		bn_wr_app_charstring(w, db->snap->id.firmware);
		break;
	case BN_P_APP_SW_VERSION:
		bn_wr_app_charstring(w, db->app_version);
		break;
	case BN_P_LOCATION:
		bn_wr_app_charstring(w, db->location);
		break;
	case BN_P_DESCRIPTION:          /* the appendix: the serial number */
		bn_wr_app_charstring(w, db->snap->id.serial);
		break;
	case BN_P_PROTOCOL_VERSION:
		bn_wr_app_unsigned(w, 1);
		break;
	case BN_P_PROTOCOL_REVISION:
		bn_wr_app_unsigned(w, 14);
		break;
	case BN_P_PROTOCOL_SERVICES:
		set_bit(bits, 5);       /* subscribeCOV */
		set_bit(bits, 12);      /* readProperty */
		set_bit(bits, 14);      /* readPropertyMultiple */
		set_bit(bits, 33);      /* who-Has */
		set_bit(bits, 34);      /* who-Is */
		bn_wr_app_bitstring(w, bits, 49);
		break;
	case BN_P_PROTOCOL_OBJECT_TYPES:
		set_bit(bits, BN_OBJ_AV);
		set_bit(bits, BN_OBJ_DEVICE);
		set_bit(bits, BN_OBJ_MV);
		set_bit(bits, BN_OBJ_BSV);
		bn_wr_app_bitstring(w, bits, 56);
		break;
	case BN_P_MAX_APDU:
		bn_wr_app_unsigned(w, BN_MAX_APDU);
		break;
	case BN_P_SEGMENTATION:
		bn_wr_app_enum(w, 3);   /* no-segmentation */
		break;
	case BN_P_APDU_TIMEOUT:
		bn_wr_app_unsigned(w, 3000);
		break;
	case BN_P_NUMBER_OF_APDU_RETRIES:
		bn_wr_app_unsigned(w, 3);
		break;
	case BN_P_DEVICE_ADDRESS_BINDING:
		break;                  /* an empty list: the agent binds nothing */
	case BN_P_DATABASE_REVISION:
		bn_wr_app_unsigned(w, 1);
		break;
	case BN_P_LOCAL_DATE:
	case BN_P_LOCAL_TIME:
		localtime_r(&db->now, &tm);
		if (prop == BN_P_LOCAL_DATE)
			bn_wr_app_date(w, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			    tm.tm_wday == 0 ? 7 : tm.tm_wday);
		else
			bn_wr_app_time(w, tm.tm_hour, tm.tm_min, tm.tm_sec, 0);
		break;
	case BN_P_PROFILE_NAME:         /* values are in engineering units already */
		bn_wr_app_charstring(w, "no_factor");
		break;
	default:
		return fail(e, BN_EC_PROPERTY, BN_E_UNKNOWN_PROPERTY);
	}
	return 0;
}

static int value_property(const struct bn_db *db, uint16_t type, uint32_t instance,
    uint32_t prop, uint32_t index, struct bn_wr *w, struct bn_error *e)
{
	switch (prop) {
	case BN_P_PRESENT_VALUE:
		bn_wr_present_value(db, type, instance, w);
		return 0;
	case BN_P_STATUS_FLAGS:
		wr_status_flags(w, bn_in_fault(db));
		return 0;
	case BN_P_EVENT_STATE:
		bn_wr_app_enum(w, 0);   /* normal: the agent does no intrinsic reporting */
		return 0;
	case BN_P_OUT_OF_SERVICE:
		bn_wr_app_bool(w, false);
		return 0;
	case BN_P_UNITS:
		if (type != BN_OBJ_AV)
			break;
		bn_wr_app_enum(w, avs[instance].units);
		return 0;
	case BN_P_NUMBER_OF_STATES:
		if (type != BN_OBJ_MV)
			break;
		bn_wr_app_unsigned(w, mvs[instance].n_states);
		return 0;
	case BN_P_STATE_TEXT:
		if (type != BN_OBJ_MV)
			break;
		return wr_state_text(&mvs[instance], index, w, e);
	default:
		break;
	}
	return fail(e, BN_EC_PROPERTY, BN_E_UNKNOWN_PROPERTY);
}

void bn_wr_present_value(const struct bn_db *db, uint16_t type, uint32_t instance,
    struct bn_wr *w)
{
	uint8_t bits[4];
	uint32_t v;

	if (type == BN_OBJ_AV) {
		bn_wr_app_real(w, av_value(db, instance));
		return;
	}
	v = bn_status_value(db, type, instance);
	if (type == BN_OBJ_MV) {
		bn_wr_app_unsigned(w, v);
		return;
	}
	memset(bits, 0, sizeof(bits));
	for (unsigned k = 0; k < bsvs[instance].n_bits; k++)
		if (v >> k & 1u)
			set_bit(bits, k);
	bn_wr_app_bitstring(w, bits, bsvs[instance].n_bits);
}

static bool is_array(uint16_t type, uint32_t prop)
{
	return (type == BN_OBJ_DEVICE && prop == BN_P_OBJECT_LIST) ||
	    (type == BN_OBJ_MV && prop == BN_P_STATE_TEXT);
}

int bn_read_property(const struct bn_db *db, uint16_t type, uint32_t instance,
    uint32_t prop, uint32_t index, struct bn_wr *w, struct bn_error *e)
{
	char name[64];

	if (!bn_object_exists(db, type, instance))
		return fail(e, BN_EC_OBJECT, BN_E_UNKNOWN_OBJECT);
	if (type == BN_OBJ_DEVICE)
		instance = db->device_instance;
	if (index != BN_NO_INDEX && !is_array(type, prop))
		return fail(e, BN_EC_PROPERTY, BN_E_NOT_AN_ARRAY);
	switch (prop) {
	case BN_P_OBJECT_IDENTIFIER:
		bn_wr_app_object_id(w, type, instance);
		return 0;
	case BN_P_OBJECT_NAME:
		bn_object_name(db, type, instance, name, sizeof(name));
		bn_wr_app_charstring(w, name);
		return 0;
	case BN_P_OBJECT_TYPE:
		bn_wr_app_enum(w, type);
		return 0;
	case BN_P_OBJECT_LIST:
		if (type != BN_OBJ_DEVICE)
			break;
		return wr_object_list(db, index, w, e);
	default:
		break;
	}
	if (type == BN_OBJ_DEVICE)
		return device_property(db, prop, w, e);
	return value_property(db, type, instance, prop, index, w, e);
}
