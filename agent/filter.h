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

/* True when the notification passes: the test notification (to_all)
 * always does; otherwise severity >= `severity`, or the event is one of
 * events[0..n_events). */
bool nv_filter_wants(enum nv_rcv_filter by, int severity,
    const char (*events)[32], size_t n_events, const struct nv_notification *n);

#endif
