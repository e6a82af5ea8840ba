/* log_intervals_store.c — save / restore the run-time log intervals; see log_intervals_store.h. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "diag_log.h"
#include "log_intervals_store.h"
#include "logs.h"

static int settings_path(const char *dir, char *out, size_t outlen)
{
	return snprintf(out, outlen, "%s/%s", dir, NV_LOGS_SETTINGS_FILE) < (int)outlen ? 0 : -1;
}

static void write_settings(FILE *f, const void *arg)
{
	const struct nv_logs_cfg *c = arg;

	fprintf(f, "# nvagentd: log intervals set over SNMP; they win over nvagent.conf.\n"
	    "# Remove this file to use nvagent.conf's logs section again.\n"
	    "history-interval %d\nextended-interval %d\n",
	    c->history_interval, c->extended_interval);
}

int nv_logs_settings_save(const char *state_dir, const struct nv_logs_cfg *c,
    char *err, size_t errlen)
{
	return nv_atomic_write(state_dir, NV_LOGS_SETTINGS_FILE, 0640, write_settings, c,
	    err, errlen);
}

/* One "key value" line into *c; -1 when it is not one of ours. */
static int read_line(const char *line, struct nv_logs_cfg *c)
{
	char key[32];
	int v, used = 0;

	if (sscanf(line, "%31s %d %n", key, &v, &used) != 2 || line[used] != '\0')
		return -1;
	if (strcmp(key, "history-interval") == 0)
		c->history_interval = v;
	else if (strcmp(key, "extended-interval") == 0)
		c->extended_interval = v;
	else
		return -1;
	return 0;
}

int nv_logs_settings_use_saved(const char *state_dir, struct nv_logs_cfg *c)
{
	char path[PATH_MAX], line[128], err[256];
	struct nv_logs_cfg got = *c;
	int lineno = 0;
	FILE *f;

	nv_atomic_discard_stale(state_dir, NV_LOGS_SETTINGS_FILE);
	if (settings_path(state_dir, path, sizeof(path)) != 0 || (f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (read_line(line, &got) != 0) {
			nv_log(LOG_WARNING, "%s:%d: not understood; saved log intervals ignored",
			    path, lineno);
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	if (nv_logs_cfg_check(&got, err, sizeof(err)) != 0) {
		nv_log(LOG_WARNING, "%s: %s; saved log intervals ignored", path, err);
		return 0;
	}
	*c = got;
	return 1;
}
