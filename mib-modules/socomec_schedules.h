/*
 * socomec_schedules.h — the SOCOMEC UPS MIB's schedule tables, read-write:
 * upsControlWeeklyScheduleTable (upsControl 5, 7 rows),
 * upsControlSpecialScheduleTable (upsControl 6, 8 rows) and
 * upsControlEcoModeScheduleTable (upsControl 7, 7 rows).  Their rows are
 * the running schedule's entries (config_schedule.h); rows past the last
 * read empty (day none(8), "00:00", date "00/00/0000").  A SET is checked
 * column by column (wrongType / wrongLength / wrongValue), then as a whole
 * with the config file's rules (inconsistentValue), saved in state-dir
 * (schedule_store.h) and applied at once (ctx->schedule_changed).
 * The descriptors are rows of mib_socomec.c's table.
 */
#ifndef NV_SOCOMEC_SCHEDULES_H
#define NV_SOCOMEC_SCHEDULES_H

#include "mib_walk.h"

/* The descriptors' arg: table * 16 + column (the MIB's column number). */
enum { NV_SCH_WEEKLY = 0, NV_SCH_SPECIAL = 1, NV_SCH_ECO = 2 };
#define NV_SCH_ARG(table, col) ((table) * 16 + (col))

mib_rows_fn nv_sch_weekly_rows, nv_sch_special_rows, nv_sch_eco_rows;
mib_get_fn nv_sch_get;
extern const struct mib_setter nv_sch_setter;

#endif
