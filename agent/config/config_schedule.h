/*
 * config_schedule.h — the `schedule { ... }` section of nvagent.conf: the
 * weekly shut-off / restart, the special days, the eco-mode schedule and
 * the battery-test schedule, all in the host's local time.  The same
 * tables are read and written over SNMP (upsControlWeeklyScheduleTable,
 * upsControlSpecialScheduleTable, upsControlEcoModeScheduleTable) and
 * saved in state-dir (schedule_store.h).  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_SCHEDULE_H
#define NV_CONFIG_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

/* As many rows as the SOCOMEC MIB's tables have. */
#define NV_SCHED_WEEKLY_MAX     7
#define NV_SCHED_SPECIAL_MAX    8
#define NV_SCHED_ECO_MAX        7
#define NV_SCHED_BATTERY_MAX    4
/* The UPS counts its stand-by time in minutes on 14 bits (0x1580 block):
 * a restart further than this after the shut-off cannot be programmed. */
#define NV_SCHED_RESTART_MAX_MIN 9999

/* A time of the week: wday 0 = Sunday .. 6, -1 = none. */
struct nv_sched_weektime {
	int wday;
	int sec;                        /* seconds after local midnight */
};

/* A local date and time; year 0 = none. */
struct nv_sched_datetime {
	int year, month, mday;
	int sec;
};

struct nv_sched_weekly {
	struct nv_sched_weektime off, restart;  /* restart.wday -1: stays off */
	int line;                               /* in the file read, 0 = SNMP */
};

struct nv_sched_special {
	struct nv_sched_datetime off, restart;  /* restart.year 0: stays off */
	int line;
};

struct nv_sched_eco {
	struct nv_sched_weektime on, off;
	int line;
};

struct nv_sched_battery {
	struct nv_sched_datetime start;
	int every_weeks;                        /* 0: once */
	int line;
};

struct nv_schedule_cfg {
	size_t n_weekly, n_special, n_eco, n_battery;
	struct nv_sched_weekly weekly[NV_SCHED_WEEKLY_MAX];
	struct nv_sched_special special[NV_SCHED_SPECIAL_MAX];
	struct nv_sched_eco eco[NV_SCHED_ECO_MAX];
	struct nv_sched_battery battery[NV_SCHED_BATTERY_MAX];
};

/* "HH:MM" or "HH:MM:SS" into seconds after midnight; -1 when malformed. */
int nv_sched_parse_clock(const char *s);
/* "mon 22:00[:SS]"; 0, or -1. */
int nv_sched_parse_weektime(const char *s, struct nv_sched_weektime *w);
/* "2026-12-24 18:00[:SS]" (a real date); 0, or -1. */
int nv_sched_parse_datetime(const char *s, struct nv_sched_datetime *d);
/* A real calendar date (2000..2099). */
bool nv_sched_valid_date(int year, int month, int mday);
/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
long nv_sched_day_number(int year, int month, int mday);
/* "mon 22:00", "2026-12-24 18:00" (seconds shown when not 0). */
void nv_sched_format_weektime(const struct nv_sched_weektime *w, char *buf, size_t len);
void nv_sched_format_datetime(const struct nv_sched_datetime *d, char *buf, size_t len);

/*
 * The rules every schedule obeys, from the file or over SNMP: a restart
 * after its shut-off and at most NV_SCHED_RESTART_MAX_MIN later, eco-mode
 * on and off at different times, no two entries of a table overlapping.
 * 0, or -1 with why in why and the offending entry's line in *line.
 */
int nv_schedule_check(const struct nv_schedule_cfg *c, char *why, size_t whylen,
    int *line);

#define NV_CONFIG_SCHEDULE_NOPTS 1
cfg_opt_t *nv_config_schedule_opts(void);
bool nv_config_schedule_section(const char *name);

/* Read and check the parsed section into *c; -1 with "FILE:LINE: ...". */
int nv_config_schedule_store(cfg_t *cfg, const char *path, struct nv_schedule_cfg *c,
    char *err, size_t errlen);
/* A file holding only a schedule section (the one saved in state-dir). */
int nv_config_schedule_load(const char *path, struct nv_schedule_cfg *c,
    char *err, size_t errlen);

#endif
