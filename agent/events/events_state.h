/*
 * events_state.h — the part of the event engine that reports device state
 * as read, without debounce: every condition set or cleared, and
 * communication lost / established / restored, each as one notification
 * (NV_NOTE_CONDITION, NV_NOTE_COMM).  The event log records them.
 *
 * While the device is not reachable its conditions are unknown, not
 * cleared: nothing is said of them, and on reconnection the changes since
 * the last known state are.
 */
#ifndef NV_EVENTS_STATE_H
#define NV_EVENTS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "notification.h"

struct nv_events_state {
	bool known;                             /* conditions seen at least once */
	enum nv_comm comm;
	enum nv_kind kind;
	uint64_t cond[NV_COND_WORDS];
};

void nv_events_state_init(struct nv_events_state *st);

/* Compare snapshot S with the last known state; emit each change. */
void nv_events_state_feed(struct nv_events_state *st, const struct nv_snapshot *s,
    uint64_t now_ms, void (*emit)(const struct nv_notification *n, void *arg),
    void *arg);

#endif
