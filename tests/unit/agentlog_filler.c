/*
 * agentlog_filler — helper of tests/integration/nvctl_log_show_streams_a_full_log.sh.
 *
 *   agentlog_filler DIR RECORDS N
 *       append N records to the agent event log kept in DIR, as nvagentd
 *       keeps it with `logs { records = RECORDS }`, so that a test can
 *       start nvagentd on a full log without waiting for N real events.
 */
#include <stdio.h>
#include <stdlib.h>

#include "event_records.h"
#include "logs.h"

int main(int argc, char **argv)
{
	struct nv_logs_cfg cfg;
	struct nv_logs *l;
	char err[512];
	long n;

	if (argc != 4) {
		fprintf(stderr, "usage: agentlog_filler DIR RECORDS N\n");
		return 2;
	}
	nv_logs_cfg_defaults(&cfg);
	cfg.records = atoi(argv[2]);
	n = atol(argv[3]);
	l = nv_logs_open(argv[1], &cfg, err, sizeof(err));
	if (l == NULL) {
		fprintf(stderr, "agentlog_filler: %s\n", err);
		return 1;
	}
	for (long i = 1; i <= n; i++)
		nv_agentlog(l, NV_EV_INFO, "filler record %ld of %ld", i, n);
	nv_logs_close(l);
	return 0;
}
