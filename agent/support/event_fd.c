/*
 * event_fd.c — a thread's doorbell (see event_fd.h).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <syslog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "diag_log.h"
#include "event_fd.h"

int nv_event_fd_open(void)
{
	return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

void nv_event_fd_ring(int fd, const char *what)
{
	uint64_t one = 1;

	if (write(fd, &one, sizeof(one)) == -1 && errno != EAGAIN)
		nv_log(LOG_ERR, "cannot signal %s: %s", what, strerror(errno));
}

void nv_event_fd_drain(int fd)
{
	uint64_t v;

	while (read(fd, &v, sizeof(v)) == (ssize_t)sizeof(v))
		;
}
