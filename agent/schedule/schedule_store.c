/*
 * schedule_store.c — save and restore the schedule tables set over SNMP
 * and the schedule's "done up to" (see schedule_store.h).  The tables are
 * written in nvagent.conf syntax and read back by config_schedule.c with
 * every check of the config file.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "diag_log.h"
#include "schedule_store.h"

static void put_week(FILE *f, const char *key, const struct nv_sched_weektime *w)
{
	char buf[32];

	if (w->wday < 0)
		return;
	nv_sched_format_weektime(w, buf, sizeof(buf));
	fprintf(f, "  %s = \"%s\"", key, buf);
}

static void put_date(FILE *f, const char *key, const struct nv_sched_datetime *d)
{
	char buf[32];

	if (d->year == 0)
		return;
	nv_sched_format_datetime(d, buf, sizeof(buf));
	fprintf(f, "  %s = \"%s\"", key, buf);
}

static void write_tables(FILE *f, const void *arg)
{
	const struct nv_schedule_cfg *c = arg;

	fputs("# nvagentd: weekly, special-day and eco-mode schedules as set over SNMP;\n"
	    "# rewritten at each SET.  battery-test entries come from nvagent.conf.\n"
	    "# Remove this file to use nvagent.conf's schedules again.\n"
	    "schedule {\n", f);
	for (size_t i = 0; i < c->n_weekly; i++) {
		fputs(" weekly {", f);
		put_week(f, "off", &c->weekly[i].off);
		put_week(f, "restart", &c->weekly[i].restart);
		fputs(" }\n", f);
	}
	for (size_t i = 0; i < c->n_special; i++) {
		fputs(" special-day {", f);
		put_date(f, "off", &c->special[i].off);
		put_date(f, "restart", &c->special[i].restart);
		fputs(" }\n", f);
	}
	for (size_t i = 0; i < c->n_eco; i++) {
		fputs(" eco-mode {", f);
		put_week(f, "on", &c->eco[i].on);
		put_week(f, "off", &c->eco[i].off);
		fputs(" }\n", f);
	}
	fputs("}\n", f);
}

int nv_schedule_save(const char *state_dir, const struct nv_schedule_cfg *c,
    char *err, size_t errlen)
{
	return nv_atomic_write(state_dir, NV_SCHEDULE_FILE, 0640, write_tables, c,
	    err, errlen);
}

static int path_of(const char *dir, const char *name, char *path, size_t len)
{
	return snprintf(path, len, "%s/%s", dir, name) < (int)len ? 0 : -1;
}

int nv_schedule_overlay(const char *state_dir, struct nv_schedule_cfg *c,
    char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct nv_schedule_cfg saved;

	if (path_of(state_dir, NV_SCHEDULE_FILE, path, sizeof(path)) != 0) {
		snprintf(err, errlen, "%s: path too long", state_dir);
		return -1;
	}
	nv_atomic_discard_stale(state_dir, NV_SCHEDULE_FILE);
	if (access(path, F_OK) != 0)
		return 0;
	if (nv_config_schedule_load(path, &saved, err, errlen) != 0)
		return -1;
	saved.n_battery = c->n_battery;
	memcpy(saved.battery, c->battery, sizeof(saved.battery));
	*c = saved;
	return 1;
}

void nv_schedule_use_saved(const char *state_dir, struct nv_schedule_cfg *c)
{
	char err[512];

	switch (nv_schedule_overlay(state_dir, c, err, sizeof(err))) {
	case 1:
		nv_log(LOG_NOTICE, "schedules: using the tables set over SNMP (%s/%s)",
		    state_dir, NV_SCHEDULE_FILE);
		break;
	case -1:
		nv_log(LOG_ERR, "schedules: saved tables ignored, using the config file's: %s",
		    err);
		break;
	}
}

int nv_schedule_state_load(const char *state_dir, time_t *t)
{
	char path[PATH_MAX];
	intmax_t v;
	FILE *f;
	int rc = -1;

	if (path_of(state_dir, NV_SCHEDULE_STATE_FILE, path, sizeof(path)) != 0)
		return -1;
	nv_atomic_discard_stale(state_dir, NV_SCHEDULE_STATE_FILE);
	if ((f = fopen(path, "r")) == NULL)
		return errno == ENOENT ? 1 : -1;
	if (fscanf(f, "done-until %jd", &v) == 1 && v > 0) {
		*t = (time_t)v;
		rc = 0;
	}
	fclose(f);
	return rc;
}

static void write_state(FILE *f, const void *arg)
{
	const time_t *t = arg;

	fprintf(f, "done-until %jd\n", (intmax_t)*t);
}

int nv_schedule_state_save(const char *state_dir, time_t t, char *err, size_t errlen)
{
	return nv_atomic_write(state_dir, NV_SCHEDULE_STATE_FILE, 0640, write_state, &t,
	    err, errlen);
}
