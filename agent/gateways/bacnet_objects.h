/*
 * bacnet_objects.h — the BACnet objects of a UPS, as the card's appendix
 * lists them: the Device object, 88 Analog Value objects (measurements in
 * engineering units: V, A, Hz, kVA, kW, %, min, s, degC; -1 = not
 * available), 10 Multi-state Value objects (load, unit, battery,
 * rectifier, inverter, input states) and 3 Bit String Value objects
 * (UPS status, UPS alarms, unit alarms).  Values come from the model (the
 * snapshot), never from registers.  Encodes property values with
 * bacnet_codec; no sockets.
 */
#ifndef NV_BACNET_OBJECTS_H
#define NV_BACNET_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "bacnet_codec.h"
#include "model.h"

enum bn_object_type { BN_OBJ_AV = 2, BN_OBJ_DEVICE = 8, BN_OBJ_MV = 19, BN_OBJ_BSV = 39 };

/* Property identifiers used here (clause 21). */
enum bn_prop {
	BN_P_ALL = 8, BN_P_OPTIONAL = 80, BN_P_REQUIRED = 105,
	BN_P_APDU_TIMEOUT = 11, BN_P_APP_SW_VERSION = 12, BN_P_DESCRIPTION = 28,
	BN_P_DEVICE_ADDRESS_BINDING = 30, BN_P_EVENT_STATE = 36,
	BN_P_FIRMWARE_REVISION = 44, BN_P_LOCAL_DATE = 56, BN_P_LOCAL_TIME = 57,
	BN_P_LOCATION = 58, BN_P_MAX_APDU = 62, BN_P_MODEL_NAME = 70,
	BN_P_NUMBER_OF_APDU_RETRIES = 73, BN_P_NUMBER_OF_STATES = 74,
	BN_P_OBJECT_IDENTIFIER = 75, BN_P_OBJECT_LIST = 76, BN_P_OBJECT_NAME = 77,
	BN_P_OBJECT_TYPE = 79, BN_P_OUT_OF_SERVICE = 81, BN_P_PRESENT_VALUE = 85,
	BN_P_PROTOCOL_OBJECT_TYPES = 96, BN_P_PROTOCOL_SERVICES = 97,
	BN_P_PROTOCOL_VERSION = 98, BN_P_SEGMENTATION = 107, BN_P_STATE_TEXT = 110,
	BN_P_STATUS_FLAGS = 111, BN_P_SYSTEM_STATUS = 112, BN_P_UNITS = 117,
	BN_P_VENDOR_IDENTIFIER = 120, BN_P_VENDOR_NAME = 121,
	BN_P_PROTOCOL_REVISION = 139, BN_P_DATABASE_REVISION = 155,
	BN_P_PROFILE_NAME = 168,
};

/* Error class / code (clause 18). */
enum { BN_EC_OBJECT = 1, BN_EC_PROPERTY = 2, BN_EC_SERVICES = 5 };
enum {
	BN_E_UNKNOWN_OBJECT = 31, BN_E_UNKNOWN_PROPERTY = 32,
	BN_E_WRITE_ACCESS_DENIED = 40, BN_E_INVALID_ARRAY_INDEX = 42,
	BN_E_OPTIONAL_NOT_SUPPORTED = 45, BN_E_NOT_AN_ARRAY = 50,
};

#define BN_VENDOR_ID    591
#define BN_NO_INDEX     UINT32_MAX
#define BN_N_AV         88
#define BN_N_MV         10
#define BN_N_BSV        3

/* What the objects show: the newest snapshot and the agent's settings. */
struct bn_db {
	const struct nv_snapshot *snap;
	int data_unit;                  /* UNIT_* objects: 0 = system, N = unit N */
	uint32_t device_instance;
	const char *location;           /* system location of the config */
	const char *app_version;
	time_t now;                     /* Local_Date / Local_Time */
};

struct bn_error {
	uint32_t cls, code;
};

bool bn_object_exists(const struct bn_db *db, uint16_t type, uint32_t instance);
size_t bn_object_count(void);
void bn_object_at(const struct bn_db *db, size_t i, uint16_t *type, uint32_t *instance);
/* The object named name; false when there is none. */
bool bn_object_by_name(const struct bn_db *db, const char *name, uint16_t *type,
    uint32_t *instance);
/* The object's name into buf. */
void bn_object_name(const struct bn_db *db, uint16_t type, uint32_t instance, char *buf,
    size_t len);

/* Encode property prop (array element index, or BN_NO_INDEX) of the
 * object: 0, or -1 with *e set. */
int bn_read_property(const struct bn_db *db, uint16_t type, uint32_t instance,
    uint32_t prop, uint32_t index, struct bn_wr *w, struct bn_error *e);

/* The properties ALL / REQUIRED / OPTIONAL stand for, for an object type:
 * their count, each written to out[] (at most max). */
size_t bn_property_list(uint16_t type, uint32_t which, uint32_t *out, size_t max);

/* The status objects (Multi-state and Bit String Values) are the ones
 * with COV: their Present_Value now, a 1-based state or the bits
 * (bit k = b<k> of the appendix). */
bool bn_is_status_object(uint16_t type);
uint32_t bn_status_value(const struct bn_db *db, uint16_t type, uint32_t instance);
/* Present_Value of an existing object, as its application type. */
void bn_wr_present_value(const struct bn_db *db, uint16_t type, uint32_t instance,
    struct bn_wr *w);
/* Whether the object is "fault" now (link lost: Status_Flags fault). */
bool bn_in_fault(const struct bn_db *db);

#endif
