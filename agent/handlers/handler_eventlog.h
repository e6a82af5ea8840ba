/* handler_eventlog.h — the event log plug-in: device events and history into the logs. */
#ifndef NV_HANDLER_EVENTLOG_H
#define NV_HANDLER_EVENTLOG_H

#include "handler.h"

extern const struct nv_handler_ops nv_handler_eventlog;

#endif
