/*
 * diag_log.h — nvagentd's one logging helper.  Thread-safe (the poller thread
 * logs too) and independent of net-snmp, which only the main thread may
 * call.  Priorities are syslog(3)'s LOG_ERR ... LOG_DEBUG.
 */
#ifndef NV_DIAG_LOG_H
#define NV_DIAG_LOG_H

#include <stdbool.h>
#include <syslog.h>

enum nv_log_dest { NV_LOG_STDERR, NV_LOG_STDOUT, NV_LOG_SYSLOG, NV_LOG_FILE };

/* Where messages go; for NV_LOG_FILE, arg is the path; for NV_LOG_SYSLOG,
 * the facility name ("daemon", "local0"...).  Returns 0 or -1. */
int nv_log_open(enum nv_log_dest dest, const char *arg);
/* Program name on every line and for syslog (default "nvagentd"); a
 * static string, set before nv_log_open(). */
void nv_log_set_ident(const char *ident);
void nv_log_set_debug(bool on);
void nv_log(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nv_log_close(void);

/*
 * A rate limiter for messages that would repeat during a long outage:
 * nv_ratelimit_ok() is true at most once per `interval` seconds and counts
 * what it suppressed, so the next message can say "(N similar suppressed)".
 */
struct nv_ratelimit {
	int interval;           /* s */
	double last;            /* monotonic s of the last message let through */
	unsigned suppressed;
};
bool nv_ratelimit_ok(struct nv_ratelimit *rl, unsigned *suppressed);

#endif
