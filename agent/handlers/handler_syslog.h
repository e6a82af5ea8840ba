/*
 * handler_syslog.h — the syslog plug-in: local syslog(3) and a remote
 * RFC 5424 server (syslog_remote.c), filtered by group.
 */
#ifndef NV_HANDLER_SYSLOG_H
#define NV_HANDLER_SYSLOG_H

#include <stdbool.h>

#include "handler.h"

extern const struct nv_handler_ops nv_handler_syslog;

/* Wait until the remote queue is sent, at most timeout_s (nvtraphandle). */
bool nv_syslog_flush(void *state, int timeout_s);

#endif
