/*
 * schedule_plan.h — which scheduled actions are due, without I/O: given
 * the schedule, the instant up to which every action is done and "now"
 * (both time_t; local times are resolved with the process's time zone),
 * the actions to run now, those missed, the new "done up to" and the next
 * action.  schedule.c runs it on the host's clock and persists "done up
 * to"; a unit test runs it on a clock of its own.
 *
 * The clock rules (nvagent.conf(5), SCHEDULES):
 *  - A local time that occurs twice (autumn change) runs once, at its
 *    first occurrence; one that does not occur (spring change) runs at the
 *    first instant after the gap.
 *  - An action is done once: "done up to" only moves forward.  After the
 *    clock went back, nothing runs until it passes "done up to" again,
 *    unless it went back more than NV_SCHED_REWIND_MAX_S: that is a clock
 *    correction, and the schedule starts afresh from the new time.
 *  - An action whose time passed while the clock jumped forward (or the
 *    agent was not running) runs once, late, if it is at most
 *    NV_SCHED_CATCH_UP_S old; an older one is missed (logged), not run.
 */
#ifndef NV_SCHEDULE_PLAN_H
#define NV_SCHEDULE_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "config_schedule.h"

#define NV_SCHED_CATCH_UP_S     (2 * 3600)
#define NV_SCHED_REWIND_MAX_S   (24 * 3600)
#define NV_SCHED_MAX_DUE        16

enum nv_sched_what {
	NV_SCHA_OFF = 1,        /* start the shutdown sequence (clients warned) */
	NV_SCHA_RESTART,        /* the UPS restarts (programmed with the off) */
	NV_SCHA_ECO_ON,
	NV_SCHA_ECO_OFF,
	NV_SCHA_BATTERY_TEST,
};

enum nv_sched_kind { NV_SCHK_WEEKLY, NV_SCHK_SPECIAL, NV_SCHK_ECO, NV_SCHK_BATTERY };

struct nv_sched_action {
	enum nv_sched_what what;
	enum nv_sched_kind kind;
	int entry;              /* 0.. in its table */
	time_t at;              /* when it runs */
	time_t off;             /* NV_SCHA_OFF: the shut-off time (at + lead) */
	time_t restart;         /* NV_SCHA_OFF: the restart time, 0 = none */
};

struct nv_sched_plan_in {
	const struct nv_schedule_cfg *cfg;
	/* NV_SCHA_OFF runs this long before the shut-off time, so that the
	 * shutdown request reaches the clients at that time: the warning
	 * period of the weekly-schedule / special-day shutdown events. */
	int off_lead_s[2];      /* [NV_SCHK_WEEKLY], [NV_SCHK_SPECIAL] */
	time_t done_until;
	time_t now;
};

struct nv_sched_plan_out {
	size_t n_due, n_missed;
	struct nv_sched_action due[NV_SCHED_MAX_DUE];      /* oldest first */
	struct nv_sched_action missed[NV_SCHED_MAX_DUE];
	time_t done_until;      /* to keep (and persist when it moved) */
	bool rewound;           /* the clock went back too far: started afresh */
	bool waiting;           /* the clock is behind done_until: nothing runs */
	bool has_next;
	struct nv_sched_action next;    /* the first action after done_until */
};

void nv_sched_plan(const struct nv_sched_plan_in *in, struct nv_sched_plan_out *out);

/* The instant of local date Y-M-D at SEC after midnight under the rules
 * above (first occurrence; after a gap, the gap's end); -1 when none. */
time_t nv_sched_local(int year, int month, int mday, int sec);

/* "weekly shut-off", "eco-mode on" ... */
const char *nv_sched_what_name(enum nv_sched_what w);

#endif
