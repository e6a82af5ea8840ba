/*
 * log_intervals_store.h — the log intervals set at run time (SNMP SET of
 * upsAgentHistoryLogFrequency / upsAgentExtHistoryLogFrequency), saved in
 * state-dir so that they survive a restart.  The saved values win over
 * nvagent.conf's logs section until the file is removed.
 */
#ifndef NV_LOG_INTERVALS_STORE_H
#define NV_LOG_INTERVALS_STORE_H

#include <stddef.h>

#include "config_logs.h"

#define NV_LOGS_SETTINGS_FILE "logs-settings"

/* Write the intervals (write temp + fsync + rename); -1 with err. */
int nv_logs_settings_save(const char *state_dir, const struct nv_logs_cfg *c,
    char *err, size_t errlen);

/* Put saved intervals, if any, into *c.  A damaged file is said in the
 * log and ignored; 1 when saved values were used, else 0. */
int nv_logs_settings_use_saved(const char *state_dir, struct nv_logs_cfg *c);

#endif
