/*
 * schedule_store.h — what the schedules keep in state-dir:
 *
 *  - schedule.conf: the weekly, special-day and eco-mode tables as last
 *    set over SNMP, in nvagent.conf syntax.  Once it exists those three
 *    tables come from it, not from nvagent.conf (battery-test entries,
 *    which the MIB has no table for, always come from nvagent.conf);
 *    removing it returns to the config file's.  The trap receivers' rule.
 *  - schedule-state: "done up to", the instant up to which every
 *    scheduled action is done (schedule_plan.h), so that a restart never
 *    repeats one.
 * Both are replaced whole (atomic_file.h).
 */
#ifndef NV_SCHEDULE_STORE_H
#define NV_SCHEDULE_STORE_H

#include <stddef.h>
#include <time.h>

#include "config_schedule.h"

#define NV_SCHEDULE_FILE        "schedule.conf"
#define NV_SCHEDULE_STATE_FILE  "schedule-state"

/* Save C's weekly, special-day and eco-mode tables; 0, or -1 with why. */
int nv_schedule_save(const char *state_dir, const struct nv_schedule_cfg *c,
    char *err, size_t errlen);

/* Lay the saved tables over C (the config file's).  0: nothing saved;
 * 1: C holds the saved tables; -1: the saved file is bad, C unchanged. */
int nv_schedule_overlay(const char *state_dir, struct nv_schedule_cfg *c,
    char *err, size_t errlen);
/* nv_schedule_overlay that logs what it did (start, reload). */
void nv_schedule_use_saved(const char *state_dir, struct nv_schedule_cfg *c);

/* "done up to": 0 and *t set, 1 when there is none yet, -1 unreadable. */
int nv_schedule_state_load(const char *state_dir, time_t *t);
int nv_schedule_state_save(const char *state_dir, time_t t, char *err, size_t errlen);

#endif
