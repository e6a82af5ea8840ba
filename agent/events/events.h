/*
 * events.h — the event engine, the only code that compares snapshots.
 * Each new snapshot is compared with the state already reported; every
 * change that the manual names becomes one struct nv_notification (a trap
 * of each MIB, and the device state as read: events_state.h), handed to an
 * emit callback (the handler registry in nvagentd, a recorder in tests).
 * It keeps the alarm tables the MIBs serve.  Time is passed in (ms of
 * CLOCK_MONOTONIC) so that tests can drive it.
 *
 * Debounce: a condition that changed is reported at once, then held for
 * `debounce_ms`; a change inside that window is reported when it ends, and
 * only if the condition still differs from what was reported.  A flapping
 * bit therefore costs at most one notification per window and the last
 * one always tells the final state.
 */
#ifndef NV_EVENTS_H
#define NV_EVENTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "notification.h"

#define NV_EVENTS_DEBOUNCE_DEFAULT_MS   1000
#define NV_EVENTS_REPEAT_MS             60000   /* trap 1 while on battery */

struct nv_events_cfg {
	int debounce_ms;        /* 0 = report every change */
	uint64_t started_ms;    /* CLOCK_MONOTONIC ms of sysUpTime 0 */
	int data_unit;          /* view the alarm tables read (0 = system);
	                         * fixed when the engine is made */
	/* upsAlarmTime clock in TimeTicks (the master's sysUpTime); NULL:
	 * time since started_ms */
	uint32_t (*uptime)(void *arg);
	void *uptime_arg;
};

typedef void (*nv_emit_fn)(const struct nv_notification *n, void *arg);

/* Events the agent itself causes (not a UPS condition). */
enum nv_agent_event {
	NV_AE_RESTARTING,       /* trap 27 */
	NV_AE_TEST,             /* trap 42, to every receiver */
	NV_AE_SHUTDOWN_WARNING, /* trap 20 */
	NV_AE_SHUTDOWN_REQUEST, /* trap 21 */
	NV_AE_SHUTDOWN_CANCELLED, /* trap 26 */
	NV_AE_SESSION_LOGIN,    /* trap 40 */
	NV_AE_LOGIN_FAILED,     /* trap 41 */
};

struct nv_events;

struct nv_events *nv_events_new(const struct nv_events_cfg *cfg,
    nv_emit_fn emit, void *arg);
void nv_events_free(struct nv_events *ev);
void nv_events_set_cfg(struct nv_events *ev, const struct nv_events_cfg *cfg);

/* A new snapshot was taken (main loop, after nv_poller_take). */
void nv_events_snapshot(struct nv_events *ev, const struct nv_snapshot *s,
    uint64_t now_ms);

/* Timers: debounce windows that end, trap 1 repeats.  Call when
 * nv_events_next_ms() is reached (or more often; it is cheap). */
void nv_events_tick(struct nv_events *ev, uint64_t now_ms);

/* When the next timer is due (ms), or UINT64_MAX when none is. */
uint64_t nv_events_next_ms(const struct nv_events *ev);

void nv_events_agent(struct nv_events *ev, enum nv_agent_event what,
    uint64_t now_ms);

/* The alarm table (alarm_table.h) whose rows traps 3 / 4 of MIB F
 * describe, for the MIB to serve: NV_FAM_SOCOMEC or NV_FAM_RFC1628. */
struct nv_alarm_table;
const struct nv_alarm_table *nv_events_alarm_table(const struct nv_events *ev,
    enum nv_mib_family f);

/* RFC 1628's line bads and last battery test (rfc1628_state.h), the data
 * of upsTrapTestCompleted, for the MIB to serve. */
struct rfc1628_state;
const struct rfc1628_state *nv_events_rfc1628_state(const struct nv_events *ev);

/* Is NAME one of the manual's event names (config: events = {...})? */
bool nv_event_name_valid(const char *name);

/* CLOCK_MONOTONIC in ms. */
uint64_t nv_now_ms(void);

#endif
