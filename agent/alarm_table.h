/*
 * alarm_table.h — the SOCOMEC well-known alarms and the alarm table built
 * from them (upsAlarmTable, RFC 1628 semantics): a row per alarm in
 * effect, numbered 1, 2, 3... as alarms appear, removed when the alarm
 * ends.  Each update records the rows it added and removed, so that the
 * event engine sends traps 3 / 4 from the same data the MIB shows.
 * Plain C: no net-snmp.
 */
#ifndef NV_ALARM_TABLE_H
#define NV_ALARM_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define NV_WK_ALARMS    62              /* upsWellKnownAlarms .1 .. .62 */
#define NV_ALARM_ID_MAX 2147483647u     /* upsAlarmId is a PositiveInteger */

/* Whether well-known alarm N (1..62) holds in snapshot S, seen through
 * data unit DATA_UNIT (0 = system view).  Only communicationLost (58) can
 * hold while the agent does not communicate with the device. */
bool nv_wellknown_alarm(const struct nv_snapshot *s, int data_unit, int n);

/* Short text naming well-known alarm N ("On battery"); "" out of range. */
const char *nv_wellknown_alarm_name(int n);

struct nv_alarm_row {
	uint32_t id;                    /* upsAlarmId */
	int alarm;                      /* well-known alarm number, 1..62 */
	uint32_t time;                  /* agent up time (TimeTicks) when added */
};

struct nv_alarm_table {
	int data_unit;                  /* view the alarms are read from */
	bool started;                   /* a first real reading was seen */
	uint32_t next_id;
	size_t n;                       /* rows, by increasing id */
	struct nv_alarm_row row[NV_WK_ALARMS];
	/* what the last update changed */
	size_t n_added, n_removed;
	struct nv_alarm_row added[NV_WK_ALARMS], removed[NV_WK_ALARMS];
};

/* A new empty table; NULL with errno set when out of memory. */
struct nv_alarm_table *nv_alarm_table_new(int data_unit);
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
