/*
 * filter.h — which notifications one output wants: by severity (the
 * lowest level sent) or by a list of event names.  Shared by the trap
 * receivers and the mail / exec plug-ins so that they all agree.
 */
#ifndef NV_FILTER_H
#define NV_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "config_traps.h"
#include "notification.h"

/* The filter's keys in a libconfuse section (needs <confuse.h>). */
#define NV_FILTER_OPTS \
	CFG_STR("filter", "severity", CFGF_NONE), \
	CFG_STR("severity", "information", CFGF_NONE), \
	CFG_STR_LIST("events", "{}", CFGF_NONE)

/* True when the notification passes: the test notification (to_all)
 * always does; otherwise severity >= `severity`, or the event is one of
 * events[0..n_events). */
bool nv_filter_wants(enum nv_rcv_filter by, int severity,
    const char (*events)[32], size_t n_events, const struct nv_notification *n);

/* Read NV_FILTER_OPTS from a parsed section; NULL or why not. */
const char *nv_filter_parse(cfg_t *sec, enum nv_rcv_filter *by, int *severity,
    char (*events)[32], size_t *n_events);

/* A filter by events needs at least one; NULL or why not. */
const char *nv_filter_check(enum nv_rcv_filter by, size_t n_events);

#endif
