/*
 * config_logs.h — the "logs" section of nvagent.conf, without libconfuse, so
 * that struct nv_config can hold it.  Functions are in logs.h.
 */
#ifndef NV_CONFIG_LOGS_H
#define NV_CONFIG_LOGS_H

/* logs { history-interval = 60  extended-interval = 60  records = 2048 } */
struct nv_logs_cfg {
	int history_interval;                   /* s */
	int extended_interval;                  /* min */
	int records;                            /* per log */
};

#define NV_LOGS_HIST_MIN 1
#define NV_LOGS_HIST_MAX 86400
#define NV_LOGS_EXT_MIN 1
#define NV_LOGS_EXT_MAX 10080                   /* a week */
#define NV_LOGS_RECORDS_MIN 16
#define NV_LOGS_RECORDS_MAX 65536
#define NV_LOGS_SYNC_INTERVAL 30                /* s between fsyncs of a log */

#endif
