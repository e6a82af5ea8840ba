/*
 * mib_logs.h — the SOCOMEC MIB's log objects in upsAgent: the history and
 * extended history intervals (read-write, saved in state-dir) and the
 * four clear actions (write clear(1); they read nothing(2)).
 */
#ifndef NV_MIB_LOGS_H
#define NV_MIB_LOGS_H

#include "mib_walk.h"

enum nv_mib_logs_obj {
	NV_MLOG_HIST_FREQ = 1,          /* upsAgentHistoryLogFrequency, s */
	NV_MLOG_EXT_FREQ,               /* upsAgentExtHistoryLogFrequency, min */
	NV_MLOG_CLEAR_AGENT,            /* upsAgentClearAgentLog */
	NV_MLOG_CLEAR_EVENT,            /* upsAgentClearEventLog: UPS and STS events */
	NV_MLOG_CLEAR_EXT,              /* upsAgentClearExtHistoryLog */
	NV_MLOG_CLEAR_HIST,             /* upsAgentClearHistoryLog */
};

/* The SOCOMEC MIB's ranges, narrower than nvagent.conf's. */
#define NV_MLOG_HIST_MIN 5
#define NV_MLOG_HIST_MAX 28800
#define NV_MLOG_EXT_MIN 3
#define NV_MLOG_EXT_MAX 10080

void nv_mib_logs_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);
extern const struct mib_setter nv_mib_logs_setter;

#endif
