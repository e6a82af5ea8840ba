/*
 * syslog_remote.c — the remote syslog sender (syslog_remote.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "diag_log.h"
#include "syslog_remote.h"

#define IO_TIMEOUT_S    5
#define BACKOFF_MAX_S   30

struct nv_syslog_remote {
	struct nv_syslog_cfg cfg;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_t thread;
	bool stop, busy;
	bool orphaned;          /* stopped while busy: the worker frees it all */
	char **ring;                    /* cfg.queue slots */
	size_t head, count;
	unsigned long dropped;
	/* worker only */
	int fd;
	SSL_CTX *ctx;
	SSL *ssl;
	int backoff_s;
	bool down_said;
};

void nv_syslog_format(char *buf, size_t len, int facility, int prio, time_t when,
    const char *app, const char *msgid, const char *sd, const char *msg)
{
	char ts[40], zone[8], host[256];
	struct tm tm;
	long pid = (long)getpid();

	if (gethostname(host, sizeof(host)) != 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "-");
	host[sizeof(host) - 1] = '\0';
	if (localtime_r(&when, &tm) == NULL || strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm) == 0 ||
	    strftime(zone, sizeof(zone), "%z", &tm) != 5)
		snprintf(ts, sizeof(ts), "-");
	else
		snprintf(ts + strlen(ts), sizeof(ts) - strlen(ts), "%.3s:%.2s", zone, zone + 3);
	/* facility is a syslog.h value: already shifted by 3 */
	snprintf(buf, len, "<%d>1 %s %s %s %ld %s %s %s", facility | prio, ts, host, app, pid,
	    msgid[0] != '\0' ? msgid : "-", sd[0] != '\0' ? sd : "-", msg);
}

/* ---- connection ------------------------------------------------------- */

static void disconnect(struct nv_syslog_remote *r)
{
	if (r->ssl != NULL) {
		SSL_shutdown(r->ssl);
		SSL_free(r->ssl);
		r->ssl = NULL;
	}
	if (r->fd != -1)
		close(r->fd);
	r->fd = -1;
}

static int connect_timeout(int fd, const struct sockaddr *sa, socklen_t salen)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int err = 0, flags = fcntl(fd, F_GETFL);
	socklen_t elen = sizeof(err);
	struct timeval tv = { IO_TIMEOUT_S, 0 };

	fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	if (connect(fd, sa, salen) != 0) {
		if (errno != EINPROGRESS)
			return -1;
		if (poll(&p, 1, IO_TIMEOUT_S * 1000) != 1) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0 || err != 0) {
			errno = err != 0 ? err : EIO;
			return -1;
		}
	}
	fcntl(fd, F_SETFL, flags);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return 0;
}

static int tls_start(struct nv_syslog_remote *r, char *why, size_t len)
{
	long v;

	if ((r->ssl = SSL_new(r->ctx)) == NULL || SSL_set_fd(r->ssl, r->fd) != 1 ||
	    SSL_set1_host(r->ssl, r->cfg.host) != 1 ||
	    SSL_set_tlsext_host_name(r->ssl, r->cfg.host) != 1) {
		snprintf(why, len, "cannot set up TLS");
		return -1;
	}
	if (SSL_connect(r->ssl) != 1) {
		v = SSL_get_verify_result(r->ssl);
		if (v != X509_V_OK)
			snprintf(why, len, "TLS: server certificate refused: %s",
			    X509_verify_cert_error_string(v));
		else
			snprintf(why, len, "TLS handshake failed: %s",
			    ERR_reason_error_string(ERR_peek_last_error()) != NULL ?
			    ERR_reason_error_string(ERR_peek_last_error()) : "closed by the server");
		ERR_clear_error();
		return -1;
	}
	return 0;
}

static int reconnect(struct nv_syslog_remote *r, char *why, size_t len)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC }, *res, *ai;
	char port[8];
	int rc;

	hints.ai_socktype = r->cfg.proto == NV_SL_UDP ? SOCK_DGRAM : SOCK_STREAM;
	snprintf(port, sizeof(port), "%d", r->cfg.port);
	if ((rc = getaddrinfo(r->cfg.host, port, &hints, &res)) != 0) {
		snprintf(why, len, "%s: %s", r->cfg.host, gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		r->fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, 0);
		if (r->fd == -1)
			continue;
		if (connect_timeout(r->fd, ai->ai_addr, ai->ai_addrlen) == 0)
			break;
		snprintf(why, len, "connect: %s", strerror(errno));
		close(r->fd);
		r->fd = -1;
	}
	freeaddrinfo(res);
	if (r->fd == -1)
		return -1;
	if (r->cfg.proto == NV_SL_TLS && tls_start(r, why, len) == -1) {
		disconnect(r);
		return -1;
	}
	return 0;
}

/* A stream peer that closed (or wrote anything: it never should) is gone. */
static bool peer_gone(struct nv_syslog_remote *r)
{
	char c;
	ssize_t n;

	if (r->cfg.proto == NV_SL_UDP)
		return false;
	n = recv(r->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
	return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

static int write_all(struct nv_syslog_remote *r, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n;

		if (r->ssl != NULL) {
			int k = SSL_write(r->ssl, buf, (int)len);

			n = k > 0 ? k : -1;
		} else {
			n = send(r->fd, buf, len, MSG_NOSIGNAL);
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One message on the wire: a datagram, or "LEN SP MSG" on a stream. */
static int send_one(struct nv_syslog_remote *r, const char *msg)
{
	size_t len = strlen(msg);
	char head[24];

	if (r->cfg.proto == NV_SL_UDP)
		return send(r->fd, msg, len, MSG_NOSIGNAL) == (ssize_t)len ? 0 : -1;
	snprintf(head, sizeof(head), "%zu ", len);
	if (write_all(r, head, strlen(head)) == -1 || write_all(r, msg, len) == -1)
		return -1;
	return 0;
}

/* ---- worker ----------------------------------------------------------- */

static void timed_wait(struct nv_syslog_remote *r, int seconds)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += seconds;
	pthread_cond_timedwait(&r->cv, &r->mu, &ts);
}

static void went_down(struct nv_syslog_remote *r, const char *why)
{
	if (!r->down_said)
		nv_log(LOG_WARNING, "remote syslog %s:%d: %s; messages are queued (up to %d)",
		    r->cfg.host, r->cfg.port, why, r->cfg.queue);
	r->down_said = true;
	r->backoff_s = r->backoff_s == 0 ? 1 : r->backoff_s * 2;
	if (r->backoff_s > BACKOFF_MAX_S)
		r->backoff_s = BACKOFF_MAX_S;
}

/* Send the head of the queue (mu held; released during I/O). */
static void send_head(struct nv_syslog_remote *r)
{
	char *msg = strdup(r->ring[r->head]), why[200] = "";
	bool ok = false;

	r->busy = true;
	pthread_mutex_unlock(&r->mu);
	if (msg != NULL) {
		if (r->fd != -1 && peer_gone(r))
			disconnect(r);
		if (r->fd == -1 && reconnect(r, why, sizeof(why)) == 0 && r->down_said)
			nv_log(LOG_INFO, "remote syslog %s:%d: connected again",
			    r->cfg.host, r->cfg.port);
		if (r->fd != -1) {
			ok = send_one(r, msg) == 0;
			if (!ok) {
				snprintf(why, sizeof(why), "send: %s", strerror(errno));
				disconnect(r);
			}
		}
	}
	free(msg);
	pthread_mutex_lock(&r->mu);
	r->busy = false;
	if (ok) {
		free(r->ring[r->head]);
		r->ring[r->head] = NULL;
		r->head = (r->head + 1) % (size_t)r->cfg.queue;
		r->count--;
		r->down_said = false;
		r->backoff_s = 0;
		if (r->dropped > 0) {
			nv_log(LOG_WARNING, "remote syslog %s:%d: %lu oldest messages were dropped while it was down",
			    r->cfg.host, r->cfg.port, r->dropped);
			r->dropped = 0;
		}
		return;
	}
	went_down(r, why[0] != '\0' ? why : "out of memory");
	timed_wait(r, r->backoff_s);
}

static void free_remote(struct nv_syslog_remote *r);

static void *worker(void *arg)
{
	struct nv_syslog_remote *r = arg;

	pthread_mutex_lock(&r->mu);
	while (!r->stop) {
		if (r->count == 0) {
			pthread_cond_broadcast(&r->cv);
			pthread_cond_wait(&r->cv, &r->mu);
			continue;
		}
		send_head(r);
	}
	if (r->orphaned) {
		pthread_mutex_unlock(&r->mu);
		free_remote(r);
		return NULL;
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static SSL_CTX *tls_context(const struct nv_syslog_cfg *c)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	int ok;

	if (ctx == NULL)
		return NULL;
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	ok = c->ca_file[0] != '\0' ? SSL_CTX_load_verify_locations(ctx, c->ca_file, NULL) :
	    SSL_CTX_set_default_verify_paths(ctx);
	if (ok != 1) {
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	return ctx;
}

struct nv_syslog_remote *nv_syslog_remote_new(const struct nv_syslog_cfg *c)
{
	struct nv_syslog_remote *r = calloc(1, sizeof(*r));
	pthread_condattr_t ca;
	int rc;

	if (r == NULL || (r->ring = calloc((size_t)c->queue, sizeof(char *))) == NULL) {
		nv_log(LOG_ERR, "remote syslog: out of memory");
		free(r);
		return NULL;
	}
	r->cfg = *c;
	r->fd = -1;
	if (c->proto == NV_SL_TLS && (r->ctx = tls_context(c)) == NULL) {
		nv_log(LOG_ERR, "remote syslog: cannot load the CA file %s", c->ca_file);
		free(r->ring);
		free(r);
		return NULL;
	}
	pthread_mutex_init(&r->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&r->cv, &ca);
	pthread_condattr_destroy(&ca);
	if ((rc = pthread_create(&r->thread, NULL, worker, r)) != 0) {
		nv_log(LOG_ERR, "remote syslog: cannot start a thread: %s", strerror(rc));
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->cv);
		SSL_CTX_free(r->ctx);
		free(r->ring);
		free(r);
		return NULL;
	}
	return r;
}

void nv_syslog_remote_send(struct nv_syslog_remote *r, const char *msg)
{
	char *copy = strdup(msg);
	size_t cap = (size_t)r->cfg.queue;

	if (copy == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	if (r->count == cap) {
		/* full: the oldest goes (never the one being sent: it is copied) */
		free(r->ring[r->head]);
		r->ring[r->head] = NULL;
		r->head = (r->head + 1) % cap;
		r->count--;
		r->dropped++;
	}
	r->ring[(r->head + r->count) % cap] = copy;
	r->count++;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->mu);
}

bool nv_syslog_remote_flush(struct nv_syslog_remote *r, int timeout_s)
{
	struct timespec end, now;
	bool done;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += timeout_s;
	pthread_mutex_lock(&r->mu);
	while (r->count > 0 || r->busy) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > end.tv_sec || (now.tv_sec == end.tv_sec && now.tv_nsec >= end.tv_nsec))
			break;
		pthread_cond_timedwait(&r->cv, &r->mu, &end);
	}
	done = r->count == 0 && !r->busy;
	pthread_mutex_unlock(&r->mu);
	return done;
}

static void free_remote(struct nv_syslog_remote *r)
{
	if (r->count > 0)
		nv_log(LOG_WARNING, "remote syslog: %zu message(s) not sent at stop", r->count);
	disconnect(r);
	for (size_t i = 0; i < (size_t)r->cfg.queue; i++)
		free(r->ring[i]);
	free(r->ring);
	SSL_CTX_free(r->ctx);
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->cv);
	free(r);
}

void nv_syslog_remote_free(struct nv_syslog_remote *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_broadcast(&r->cv);
	if (r->busy) {
		/* the worker may wait on a name server that never answers: the
		 * caller (the main loop) does not wait for it */
		r->orphaned = true;
		pthread_mutex_unlock(&r->mu);
		nv_log(LOG_NOTICE, "remote syslog %s:%d: stopped while sending; not waiting "
		    "for it", r->cfg.host, r->cfg.port);
		pthread_detach(r->thread);
		return;
	}
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->thread, NULL);
	free_remote(r);
}
