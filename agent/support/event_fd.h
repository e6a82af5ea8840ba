/*
 * event_fd.h — a thread's doorbell: a non-blocking eventfd that one side
 * rings and the other drains (a poller's "new snapshot" and "wake up").
 */
#ifndef NV_EVENT_FD_H
#define NV_EVENT_FD_H

/* A new doorbell, or -1 with errno set. */
int nv_event_fd_open(void);
/* Ring it; a failure is logged with what (a full counter is not one). */
void nv_event_fd_ring(int fd, const char *what);
/* Take every ring so far (the fd reads as not ready after). */
void nv_event_fd_drain(int fd);

#endif
