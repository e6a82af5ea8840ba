/*
 * handler_syslog.h — the syslog plug-in: local syslog(3) and a remote
 * RFC 5424 server (syslog_remote.c), filtered by group.
 */
#ifndef NV_HANDLER_SYSLOG_H
#define NV_HANDLER_SYSLOG_H

#include <stdbool.h>

#include "config_handlers.h"
#include "handler.h"

extern const struct nv_handler_ops nv_handler_syslog;

/* Wait until the remote queue is sent, at most timeout_s (nvtraphandle). */
bool nv_syslog_flush(void *state, int timeout_s);

/* N as a local syslog line: "AGENT: [DEVICE] EVENT: TEXT (LEVEL)", the
 * device part only when DEVICE is not NULL (nv_handler_device_named). */
void nv_syslog_local_line(char *buf, size_t len, const char *agent,
    const struct nv_notification *n, const char *device);
/* N as an RFC 5424 message: MSGID the event, SD nvagent@4555 (severity,
 * trap, mib, agent and, when not NULL, device), MSG "AGENT: [DEVICE] TEXT
 * (LEVEL)". */
void nv_syslog_event_message(char *msg, size_t len, const struct nv_syslog_cfg *cfg,
    const char *app, const char *agent, const struct nv_notification *n,
    const char *device);

#endif
