/*
 * resolver.c — one worker thread runs getaddrinfo() for the main thread
 * (resolver.h).  Requests wait in a queue; answers go to a done list and
 * a byte on a pipe wakes the main loop.  At stop, a worker stuck in a
 * lookup is left to finish: whichever side lets go last frees the state.
 */
#define _GNU_SOURCE     /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "resolver.h"

struct request {
	struct request *next;
	char host[256];
	nv_resolved_fn fn;
	void *arg;
	bool cancelled;
	int rc;
	struct sockaddr_storage sa;
	socklen_t salen;
};

struct nv_resolver {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	struct request *queue, *done, *busy;
	int pipe_rd, pipe_wr;
	bool stopping;
};

static void free_list(struct request *q)
{
	while (q != NULL) {
		struct request *next = q->next;

		free(q);
		q = next;
	}
}

static void free_state(struct nv_resolver *r)
{
	free_list(r->queue);
	free_list(r->done);
	free(r->busy);
	close(r->pipe_rd);
	close(r->pipe_wr);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
}

static void lookup(struct request *q)
{
	struct addrinfo hints, *res = NULL;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	q->rc = getaddrinfo(q->host, NULL, &hints, &res);
	if (q->rc == 0 && res->ai_addrlen <= sizeof(q->sa)) {
		memcpy(&q->sa, res->ai_addr, res->ai_addrlen);
		q->salen = res->ai_addrlen;
	} else if (q->rc == 0) {
		q->rc = EAI_FAMILY;
	}
	if (res != NULL)
		freeaddrinfo(res);
}

static void *worker(void *arg)
{
	struct nv_resolver *r = arg;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		struct request *q;

		while (!r->stopping && r->queue == NULL)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stopping)
			break;
		q = r->queue;
		r->queue = q->next;
		q->next = NULL;
		r->busy = q;
		pthread_mutex_unlock(&r->mu);
		lookup(q);
		pthread_mutex_lock(&r->mu);
		r->busy = NULL;
		if (r->stopping) {
			/* the main thread let go while we waited: ours to free */
			free(q);
			pthread_mutex_unlock(&r->mu);
			free_state(r);
			return NULL;
		}
		q->next = r->done;
		r->done = q;
		if (write(r->pipe_wr, "", 1) < 0 && errno != EAGAIN)
			break;  /* cannot happen with the read end open */
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

struct nv_resolver *nv_resolver_start(void)
{
	struct nv_resolver *r = calloc(1, sizeof(*r));
	int p[2], e;

	if (r == NULL)
		return NULL;
	if (pipe2(p, O_NONBLOCK | O_CLOEXEC) != 0) {
		free(r);
		return NULL;
	}
	r->pipe_rd = p[0];
	r->pipe_wr = p[1];
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if ((e = pthread_create(&r->thread, NULL, worker, r)) != 0) {
		free_state(r);
		errno = e;
		return NULL;
	}
	return r;
}

void nv_resolver_stop(struct nv_resolver *r)
{
	bool busy;

	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stopping = true;
	busy = r->busy != NULL;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	if (busy) {
		/* a lookup may hang for the resolver's whole timeout: the worker
		 * frees everything when it returns */
		pthread_detach(r->thread);
		return;
	}
	pthread_join(r->thread, NULL);
	free_state(r);
}

int nv_resolver_fd(const struct nv_resolver *r)
{
	return r->pipe_rd;
}

void nv_resolver_dispatch(struct nv_resolver *r)
{
	char buf[64];
	struct request *q, *fifo = NULL;

	while (read(r->pipe_rd, buf, sizeof(buf)) > 0)
		;
	pthread_mutex_lock(&r->mu);
	q = r->done;
	r->done = NULL;
	pthread_mutex_unlock(&r->mu);
	while (q != NULL) {     /* the done list is newest first */
		struct request *next = q->next;

		q->next = fifo;
		fifo = q;
		q = next;
	}
	while (fifo != NULL) {
		q = fifo;
		fifo = q->next;
		/* cancelled is only set by the main thread: no lock needed */
		if (!q->cancelled)
			q->fn(q->arg, q->rc, (const struct sockaddr *)&q->sa, q->salen);
		free(q);
	}
}

int nv_resolver_submit(struct nv_resolver *r, const char *host, nv_resolved_fn fn,
    void *arg)
{
	struct request *q, **tail;

	if (strlen(host) >= sizeof(q->host) || (q = calloc(1, sizeof(*q))) == NULL)
		return -1;
	memcpy(q->host, host, strlen(host) + 1);
	q->fn = fn;
	q->arg = arg;
	pthread_mutex_lock(&r->mu);
	for (tail = &r->queue; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = q;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return 0;
}

void nv_resolver_cancel(struct nv_resolver *r, const void *arg)
{
	struct request *lists[3];

	pthread_mutex_lock(&r->mu);
	lists[0] = r->queue;
	lists[1] = r->done;
	lists[2] = r->busy;
	for (int i = 0; i < 3; i++)
		for (struct request *q = lists[i]; q != NULL; q = i == 2 ? NULL : q->next)
			if (q->arg == arg)
				q->cancelled = true;
	pthread_mutex_unlock(&r->mu);
}
