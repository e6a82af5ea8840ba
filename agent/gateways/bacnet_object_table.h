/*
 * bacnet_object_table.h — the definitions of the UPS's BACnet objects as
 * data (bacnet_object_table.c): for each Analog Value its name, model
 * field and units; each Multi-state Value's state texts; each Bit String
 * Value's bits.  Used by bacnet_objects.c only.
 */
#ifndef NV_BACNET_OBJECT_TABLE_H
#define NV_BACNET_OBJECT_TABLE_H

#include <stdint.h>

#include "bacnet_objects.h"

enum view { VIEW_SYSTEM, VIEW_UNIT };

#define NA_FIELD (-1)

struct av_def {
	const char *name;
	uint8_t view;
	int field;              /* offsetof in struct nv_ups_meas, NA_FIELD: not in the model */
	int div;                /* model unit -> engineering unit */
	uint16_t units;         /* BACnetEngineeringUnits, as the appendix gives them */
};

struct mv_def {
	const char *name;
	uint8_t n_states;
	const char *const *texts;
};

enum { MV_DEVICE, MV_UPS_LOAD, MV_UNIT_LOAD, MV_UNIT, MV_ALARMS, MV_BATTERY,
	MV_RECTIFIER, MV_INVERTER, MV_INPUT_REC, MV_INPUT_BYP };

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

/* one row per object, instance = row, in the appendix's order */
extern const struct av_def bn_av_defs[BN_N_AV];
extern const struct mv_def bn_mv_defs[BN_N_MV];
extern const struct bsv_def bn_bsv_defs[BN_N_BSV];

#endif
