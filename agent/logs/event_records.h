/*
 * event_records.h — UPS / STS / agent event records, and the records that a
 * device notification of the event engine (events_state.h) makes.
 *
 * A device event is one of the manual's alarm or status events, logged
 * when it becomes true (set) and when it ends (cleared).
 */
#ifndef NV_EVENT_RECORDS_H
#define NV_EVENT_RECORDS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "model.h"
#include "notification.h"

enum nv_ev_source { NV_EV_UPS = 0, NV_EV_STS, NV_EV_AGENT };
enum nv_ev_state { NV_EV_ONCE = 0, NV_EV_SET, NV_EV_CLEARED };

#define NV_EV_TEXT 224

/* On disk as is (ring schemas "UPSE", "STSE", "AGTE"). */
struct nv_event_rec {
	int64_t time;                           /* wall clock, s */
	int32_t source;                         /* enum nv_ev_source */
	int32_t level;                          /* enum nv_ev_level */
	int32_t state;                          /* enum nv_ev_state */
	int32_t code;                           /* enum nv_cond, or -1 */
	char text[NV_EV_TEXT];                  /* NUL-terminated */
};

const char *nv_ev_level_name(enum nv_ev_level l);      /* "info" ... */
const char *nv_ev_state_name(enum nv_ev_state s);      /* "set" ... */

/* Fill an agent event record (text truncated to fit). */
void nv_event_make(struct nv_event_rec *r, enum nv_ev_source src,
    enum nv_ev_level level, enum nv_ev_state state, int code, time_t when,
    const char *text);

/* The records of notification N (a condition set / cleared: one; a
 * communication change: the device's and the agent's); 0 for other
 * kinds.  OUT has room for NV_EV_MAX_PER_NOTE. */
#define NV_EV_MAX_PER_NOTE 2
int nv_eventlog_records(const struct nv_notification *n, struct nv_event_rec *out);

#endif
