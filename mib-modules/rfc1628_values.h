/*
 * rfc1628_values.h — the RFC 1628 UPS-MIB (.1.3.6.1.2.1.33) over the
 * normalized model: the door (see door.h) and the state it derives from
 * successive snapshots (upsAlarmTable, upsInputLineBads, the last battery
 * test).  Served for a UPS only.
 */
#ifndef NV_RFC1628_VALUES_H
#define NV_RFC1628_VALUES_H

#include "door.h"

#define RFC1628_WK_ALARMS 24    /* upsWellKnownAlarms .1.3.6.1.2.1.33.1.6.3.1-24 */

/* upsTestResultsSummary */
enum rfc1628_test_result {
	RFC1628_TEST_PASS = 1,
	RFC1628_TEST_WARNING,
	RFC1628_TEST_ERROR,
	RFC1628_TEST_ABORTED,
	RFC1628_TEST_IN_PROGRESS,
	RFC1628_TEST_NONE,
};

struct rfc1628_alarm_row {
	int id;                 /* upsAlarmId: constant while the alarm lasts */
	int wk;                 /* well-known alarm N: .1.3.6.1.2.1.33.1.6.3.N */
	uint32_t time;          /* upsAlarmTime: uptime (0.01 s) when it began */
};

struct rfc1628_state {
	uint64_t seq;                           /* snapshot last folded in */
	bool have_seq;
	struct rfc1628_alarm_row rows[RFC1628_WK_ALARMS];
	int nrows;                              /* rows in upsAlarmId order */
	int last_id;
	uint32_t line_bads;                     /* upsInputLineBads */
	bool input_was_bad;
	enum rfc1628_test_result test_result;
	bool test_was_running;
	uint32_t test_start, test_elapsed;      /* 0.01 s */
};

void rfc1628_state_init(struct rfc1628_state *st);

/* Fold a snapshot into the derived state (alarm rows appear and go, line
 * bad counter, test result); does nothing if it already saw s->seq. */
void rfc1628_state_update(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now);

/* Is well-known alarm N (1..24) active?  Also used by the NV5 branch. */
bool rfc1628_alarm_active(const struct nv_snapshot *s, const struct nv_unit *u, int wk);

/* UPS-MIB enumerations, for the unit tests and other doors. */
int rfc1628_battery_status(const struct nv_snapshot *s, const struct nv_unit *u);
int rfc1628_output_source(const struct nv_snapshot *s, const struct nv_unit *u);

bool rfc1628_served(const struct door_in *in);

extern const struct door rfc1628_door;

#endif
