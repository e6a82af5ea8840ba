/*
 * eventlog.h — UPS / STS / agent event records, and the derivation of
 * device events from the condition changes between snapshots.
 *
 * A device event is one of the manual's alarm or status events, logged
 * when it becomes true (set) and when it ends (cleared).  While the device
 * is not reachable its conditions are unknown, not cleared: nothing is
 * logged for them, and on reconnection the changes since the last known
 * state are.
 */
#ifndef NV_EVENTLOG_H
#define NV_EVENTLOG_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

enum nv_ev_level { NV_EV_INFO = 0, NV_EV_WARNING, NV_EV_CRITICAL };
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

/* The manual's description and level of a condition; NULL text for a
 * condition that is not logged. */
const char *nv_cond_event_text(enum nv_cond c, char *buf, size_t len);
enum nv_ev_level nv_cond_event_level(enum nv_cond c);

/* Fill an agent event record (text truncated to fit). */
void nv_event_make(struct nv_event_rec *r, enum nv_ev_source src,
    enum nv_ev_level level, enum nv_ev_state state, int code, time_t when,
    const char *text);

/* The state the derivation compares against. */
struct nv_eventlog {
	bool known;                             /* conditions seen at least once */
	enum nv_comm comm;
	enum nv_kind kind;
	uint64_t cond[NV_COND_WORDS];
};

#define NV_EV_MAX_PER_SNAPSHOT (NV_C_COUNT + 2)

void nv_eventlog_init(struct nv_eventlog *el);

/*
 * Compare a new snapshot with the last known state; write the events into
 * out (room for NV_EV_MAX_PER_SNAPSHOT) and return how many.  Device
 * events have source UPS or STS; communication lost / restored are both a
 * device event ("UPS not connected" / "UPS connected") and an agent event.
 */
int nv_eventlog_feed(struct nv_eventlog *el, const struct nv_snapshot *s,
    struct nv_event_rec *out);

#endif
