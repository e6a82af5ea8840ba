/*
 * bacnet_objects.c — the UPS's BACnet objects (bacnet_objects.h): the
 * object list, values from the model, property encoding.  The objects'
 * definitions are data in bacnet_object_table.c; the Device object's
 * properties are in one switch.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "bacnet_object_table.h"
#include "bacnet_objects.h"

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
		snprintf(buf, len, "%s", bn_av_defs[instance].name);
	else if (type == BN_OBJ_MV && instance < BN_N_MV)
		snprintf(buf, len, "%s", bn_mv_defs[instance].name);
	else if (type == BN_OBJ_BSV && instance < BN_N_BSV)
		snprintf(buf, len, "%s", bn_bsv_defs[instance].name);
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
	const struct av_def *d = &bn_av_defs[i];
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
		return instance < BN_N_BSV ? bsv_bits(db, &bn_bsv_defs[instance]) : 0;
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
		bn_wr_app_enum(w, bn_av_defs[instance].units);
		return 0;
	case BN_P_NUMBER_OF_STATES:
		if (type != BN_OBJ_MV)
			break;
		bn_wr_app_unsigned(w, bn_mv_defs[instance].n_states);
		return 0;
	case BN_P_STATE_TEXT:
		if (type != BN_OBJ_MV)
			break;
		return wr_state_text(&bn_mv_defs[instance], index, w, e);
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
	for (unsigned k = 0; k < bn_bsv_defs[instance].n_bits; k++)
		if (v >> k & 1u)
			set_bit(bits, k);
	bn_wr_app_bitstring(w, bits, bn_bsv_defs[instance].n_bits);
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

