/*
 * alarm_table.h — a set of well-known alarms and the alarm table built
 * from it (upsAlarmTable, RFC 1628 semantics): a row per alarm in effect,
 * numbered 1, 2, 3... as alarms appear, removed when the alarm ends.
 *
 * There are two sets, each defined once: the SOCOMEC MIB's 62 alarms
 * (alarm_table.c) and RFC 1628's 24 (rfc1628_alarms.c).  The event engine
 * owns one table of each; traps 3 / 4 of either MIB and the upsAlarmTable
 * the MIB serves are the same rows.  Plain C: no net-snmp.
 */
#ifndef NV_ALARM_TABLE_H
#define NV_ALARM_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define NV_WK_ALARMS    62              /* the largest set: SOCOMEC .1 .. .62 */
#define NV_ALARM_ID_MAX 2147483647u     /* upsAlarmId is a PositiveInteger */

/* One MIB's well-known alarms, numbered 1..n. */
struct nv_alarm_set {
	int n;
	/* Whether alarm WK holds in S seen through data unit DATA_UNIT (0 =
	 * system view).  Only "communication lost" can hold while the agent
	 * does not communicate with the device. */
	bool (*holds)(const struct nv_snapshot *s, int data_unit, int wk);
	const char *(*name)(int wk);            /* "" out of range */
	/* RFC 1628's exceptions: alarms whose addition / removal sends no
	 * upsTrapAlarmEntryAdded / Removed (bit WK-1) */
	uint64_t no_trap_added, no_trap_removed;
};

extern const struct nv_alarm_set nv_socomec_alarms;     /* alarm_table.c */
extern const struct nv_alarm_set nv_rfc1628_alarms;     /* rfc1628_alarms.c */

/* The SOCOMEC set's predicate and names (upsWellKnownAlarms of the MIB). */
bool nv_wellknown_alarm(const struct nv_snapshot *s, int data_unit, int n);
const char *nv_wellknown_alarm_name(int n);

/* Does alarm WK of SET send trap 3 (added) or 4 (removed)? */
bool nv_alarm_set_traps(const struct nv_alarm_set *set, int wk, bool added);

struct nv_alarm_row {
	uint32_t id;                    /* upsAlarmId */
	int alarm;                      /* well-known alarm number, 1..62 */
	uint32_t time;                  /* agent up time (TimeTicks) when added */
};

struct nv_alarm_table {
	const struct nv_alarm_set *set;
	int data_unit;                  /* view the alarms are read from */
	bool started;                   /* a first real reading was seen */
	uint32_t next_id;
	size_t n;                       /* rows, by increasing id */
	struct nv_alarm_row row[NV_WK_ALARMS];
	/* what the last update changed */
	size_t n_added, n_removed;
	struct nv_alarm_row added[NV_WK_ALARMS], removed[NV_WK_ALARMS];
};

/* A new empty table of SET; NULL with errno set when out of memory. */
struct nv_alarm_table *nv_alarm_table_new(const struct nv_alarm_set *set, int data_unit);
void nv_alarm_table_free(struct nv_alarm_table *t);

/*
 * Follow snapshot S: add a row for every well-known alarm that now holds
 * and has none, remove the rows of alarms that ended.  NOW_TICKS is the
 * agent up time; rows present at the first reading get time 0 (they
 * existed before the agent could see them).  A snapshot of a device not
 * yet detected changes nothing.  Returns the number of rows added plus
 * removed (listed in t->added / t->removed until the next update).
 */
size_t nv_alarm_table_update(struct nv_alarm_table *t, const struct nv_snapshot *s,
    uint32_t now_ticks);

/* The row with the smallest id greater than AFTER (0 = the first), or NULL. */
const struct nv_alarm_row *nv_alarm_table_next(const struct nv_alarm_table *t, uint32_t after);

/* The row with id ID, or NULL. */
const struct nv_alarm_row *nv_alarm_table_find(const struct nv_alarm_table *t, uint32_t id);

#endif
