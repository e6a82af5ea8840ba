/* diag_log.c — see diag_log.h.  The logger's state is process-wide by nature (like
 * syslog(3) itself), guarded by a mutex because two threads log. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "diag_log.h"

static struct {
	pthread_mutex_t lock;
	enum nv_log_dest dest;
	FILE *file;
	bool debug;
	const char *ident;      /* program name on every line */
} logger = { PTHREAD_MUTEX_INITIALIZER, NV_LOG_STDERR, NULL, false, "nvagentd" };

static int facility_from_name(const char *name)
{
	static const struct { const char *name; int fac; } tab[] = {
		{ "daemon", LOG_DAEMON }, { "user", LOG_USER },
		{ "local0", LOG_LOCAL0 }, { "local1", LOG_LOCAL1 },
		{ "local2", LOG_LOCAL2 }, { "local3", LOG_LOCAL3 },
		{ "local4", LOG_LOCAL4 }, { "local5", LOG_LOCAL5 },
		{ "local6", LOG_LOCAL6 }, { "local7", LOG_LOCAL7 },
	};

	if (name == NULL || *name == '\0')
		return LOG_DAEMON;
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (strcmp(tab[i].name, name) == 0)
			return tab[i].fac;
	return -1;
}

int nv_log_open(enum nv_log_dest dest, const char *arg)
{
	FILE *f = NULL;
	int fac = LOG_DAEMON;

	if (dest == NV_LOG_FILE) {
		f = fopen(arg, "a");
		if (f == NULL)
			return -1;
		setvbuf(f, NULL, _IOLBF, 0);
	} else if (dest == NV_LOG_SYSLOG) {
		fac = facility_from_name(arg);
		if (fac < 0)
			return -1;
		openlog(logger.ident, LOG_PID | LOG_NDELAY, fac);
	}
	pthread_mutex_lock(&logger.lock);
	if (logger.file != NULL)
		fclose(logger.file);
	logger.file = f;
	logger.dest = dest;
	pthread_mutex_unlock(&logger.lock);
	return 0;
}

void nv_log_set_ident(const char *ident)
{
	logger.ident = ident;
}

void nv_log_set_debug(bool on)
{
	logger.debug = on;
}

static const char *prio_name(int prio)
{
	static const char *names[] = { "emerg", "alert", "crit", "error",
	    "warning", "notice", "info", "debug" };

	return (prio >= 0 && prio <= LOG_DEBUG) ? names[prio] : "log";
}

void nv_log(int prio, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	FILE *out;

	if (prio == LOG_DEBUG && !logger.debug)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);

	pthread_mutex_lock(&logger.lock);
	if (logger.dest == NV_LOG_SYSLOG) {
		syslog(prio, "%s", msg);
	} else {
		out = logger.dest == NV_LOG_FILE ? logger.file :
		    logger.dest == NV_LOG_STDOUT ? stdout : stderr;
		if (logger.dest == NV_LOG_FILE) {
			char ts[32];
			time_t now = time(NULL);
			struct tm tm;

			localtime_r(&now, &tm);
			strftime(ts, sizeof(ts), "%Y-%m-%d %H:%M:%S", &tm);
			fprintf(out, "%s ", ts);
		}
		fprintf(out, "%s: %s: %s\n", logger.ident, prio_name(prio), msg);
		fflush(out);
	}
	pthread_mutex_unlock(&logger.lock);
}

void nv_log_close(void)
{
	pthread_mutex_lock(&logger.lock);
	if (logger.file != NULL)
		fclose(logger.file);
	logger.file = NULL;
	if (logger.dest == NV_LOG_SYSLOG)
		closelog();
	logger.dest = NV_LOG_STDERR;
	pthread_mutex_unlock(&logger.lock);
}

bool nv_ratelimit_ok(struct nv_ratelimit *rl, unsigned *suppressed)
{
	struct timespec ts;
	double now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = ts.tv_sec + ts.tv_nsec / 1e9;
	if (rl->last != 0 && now - rl->last < rl->interval) {
		rl->suppressed++;
		return false;
	}
	if (suppressed != NULL)
		*suppressed = rl->suppressed;
	rl->suppressed = 0;
	rl->last = now;
	return true;
}
