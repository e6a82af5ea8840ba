/*
 * fuzz_ring_open.c — a log file found corrupted at start: the input is
 * the content of one ring file in a state directory, opened by
 * nv_logs_open() as nvagentd does at start (every slot checked, the
 * newest valid record found), then printed by `log show` (table and CSV)
 * and appended to.
 *
 * Input: byte 0 picks the log, byte 1 the configured record count (the
 * file may hold another: the resize path), the rest is the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "logs.h"

static const char *const files[NV_LOGID_COUNT] = {
	[NV_LOGID_HISTORY] = "history.ring",
	[NV_LOGID_EXTENDED] = "extended.ring",
	[NV_LOGID_UPS_EVENTS] = "ups-events.ring",
	[NV_LOGID_STS_EVENTS] = "sts-events.ring",
	[NV_LOGID_AGENT_EVENTS] = "agent-events.ring",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_logs_cfg cfg;
	struct nv_logs_query q;
	struct nv_logs *l;
	enum nv_log_id id;
	char dir[512], err[512];
	const char *path;
	FILE *out;

	if (size < 2)
		return 0;
	nv_fuzz_setup();
	id = (enum nv_log_id)(data[0] % NV_LOGID_COUNT);
	nv_logs_cfg_defaults(&cfg);
	cfg.records = NV_LOGS_RECORDS_MIN + data[1] % 64;
	path = nv_fuzz_file(files[id], data + 2, size - 2);
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(path, '/') - path), path);
	for (int i = 0; i < NV_LOGID_COUNT; i++) {
		char other[600];

		snprintf(other, sizeof(other), "%s/%s", dir, files[i]);
		if (i != (int)id)
			unlink(other);
	}
	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	if (l == NULL)
		return 0;
	out = fopen("/dev/null", "w");
	if (out == NULL)
		abort();
	memset(&q, 0, sizeof(q));
	nv_logs_show(l, id, &q, out, err, sizeof(err));
	q.csv = true;
	q.last = 3;
	nv_logs_show(l, id, &q, out, err, sizeof(err));
	nv_agentlog(l, NV_EV_INFO, "fuzz input opened");
	fclose(out);
	nv_logs_close(l);
	return 0;
}
