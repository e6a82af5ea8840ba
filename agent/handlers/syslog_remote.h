/*
 * syslog_remote.h — RFC 5424 messages to one remote server over UDP,
 * TCP (octet counting, RFC 6587) or TLS (RFC 5425), from a worker thread
 * with a bounded queue: a server that is down blocks nobody, and what is
 * queued goes out when it is back (the oldest are dropped when full).
 */
#ifndef NV_SYSLOG_REMOTE_H
#define NV_SYSLOG_REMOTE_H

#include <stdbool.h>

#include "config_handlers.h"

struct nv_syslog_remote;

/* Start the worker; NULL after logging why. */
struct nv_syslog_remote *nv_syslog_remote_new(const struct nv_syslog_cfg *c);
/* Queue one message (copied). */
void nv_syslog_remote_send(struct nv_syslog_remote *r, const char *msg);
/* Wait until the queue is empty, at most timeout_s; false when not. */
bool nv_syslog_remote_flush(struct nv_syslog_remote *r, int timeout_s);
void nv_syslog_remote_free(struct nv_syslog_remote *r);

/* One RFC 5424 message: <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG */
void nv_syslog_format(char *buf, size_t len, int facility, int prio, time_t when,
    const char *app, const char *msgid, const char *sd, const char *msg);

#endif
