/*
 * resolver.h — host names resolved off the main thread.  A name server
 * that does not answer must not stall the main loop (and with it SNMP):
 * getaddrinfo() runs in a worker thread, and its answer is handed back
 * through a pipe that the main loop selects on; the callback then runs in
 * the main thread, which alone may call net-snmp.
 */
#ifndef NV_RESOLVER_H
#define NV_RESOLVER_H

#include <sys/socket.h>

struct nv_resolver;

/* rc is getaddrinfo()'s (0 = sa holds the first address). */
typedef void (*nv_resolved_fn)(void *arg, int rc, const struct sockaddr *sa,
    socklen_t salen);

/* NULL when the thread or the pipe cannot be made (errno says why). */
struct nv_resolver *nv_resolver_start(void);
/* Stop; a lookup still hanging finishes (and is freed) on its own. */
void nv_resolver_stop(struct nv_resolver *r);
/* Readable when answers are waiting: then call nv_resolver_dispatch(). */
int nv_resolver_fd(const struct nv_resolver *r);
void nv_resolver_dispatch(struct nv_resolver *r);
/* Look host up (datagram socket addresses); fn(arg, ...) runs later from
 * nv_resolver_dispatch().  0, or -1 (out of memory, name too long). */
int nv_resolver_submit(struct nv_resolver *r, const char *host, nv_resolved_fn fn,
    void *arg);
/* fn is never called for arg's lookups any more. */
void nv_resolver_cancel(struct nv_resolver *r, const void *arg);

#endif
