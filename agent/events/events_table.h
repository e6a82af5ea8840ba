/*
 * events_table.h — the data of the event engine (events_table.c): which
 * trap each MIB defines and which condition change raises it.  (The alarm
 * tables' well-known alarms are alarm_table.h's sets.)
 * Private to events.c and its tests.
 */
#ifndef NV_EVENTS_TABLE_H
#define NV_EVENTS_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "notification.h"

/* Pseudo-condition set by the engine, after the model's conditions. */
#define NV_X_COMM_LOST  NV_C_COUNT
#define NV_X_COUNT      (NV_C_COUNT + 1)
#define NV_X_WORDS      ((NV_X_COUNT + 63) / 64)

/* Conditions in a rule are stored +1 so that 0 ends a list. */
#define NV_XC(c)        ((uint16_t)((c) + 1))
#define NV_RULE_LITS    4

struct nv_trap_def {
	enum nv_mib_family family;
	int number;
	const char *object;             /* MIB name, e.g. upsTrapOverload */
	const char *event;              /* the manual's event, kebab-case */
	enum nv_severity severity;
	const char *text;
};

enum nv_edge { NV_EDGE_RISE, NV_EDGE_FALL };

enum nv_vb_set {
	NV_VBS_NONE,
	NV_VBS_ON_BATTERY,              /* minutes remaining, seconds on battery */
	NV_VBS_TEST_RESULT,             /* RFC 1628 upsTest group */
	NV_VBS_STS_STRING,              /* stsAgentTrapString */
	NV_VBS_EMD,                     /* no varbind; the readings in the text */
};

/* A predicate over the conditions: any of `any` (or none listed) and none
 * of `none`.  The trigger fires on the chosen edge of the predicate. */
struct nv_trigger {
	uint16_t any[NV_RULE_LITS];
	uint16_t none[NV_RULE_LITS];
	enum nv_edge edge;
	bool at_start;                  /* also when already true when first known */
	bool repeat;                    /* resent every NV_EVENTS_REPEAT_MS */
	enum nv_kind kind;              /* NV_KIND_NONE: any device */
	enum nv_mib_family family;
	int number;
	enum nv_vb_set vbs;
};

extern const struct nv_trap_def nv_trap_defs[];
extern const size_t nv_n_trap_defs;
extern const struct nv_trigger nv_triggers[];
extern const size_t nv_n_triggers;

const struct nv_trap_def *nv_trap_def_find(enum nv_mib_family f, int number);

#endif
