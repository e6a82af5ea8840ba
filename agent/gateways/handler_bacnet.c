/*
 * handler_bacnet.c — the BACnet/IP gateway (handler_bacnet.h).  One
 * non-blocking UDP socket; a bounded number of datagrams per loop turn;
 * I-Am answers share a token bucket, so a Who-Is flood cannot turn the
 * agent into an amplifier; COV notifications go out from the tick.
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bacnet_service.h"
#include "handler_bacnet.h"
#include "hostport.h"
#include "nvconfig.h"
#include "events.h"
#include "diag_log.h"

#define DATAGRAMS_PER_TURN      64
#define I_AM_BURST              10      /* I-Am answers at once */
#define I_AM_PER_S              5.0     /* then this many a second */

#ifndef NV_VERSION
#define NV_VERSION "?"
#endif

struct bn_state {
	struct nv_handler_env env;
	struct nv_bacnet_cfg cfg;
	int fd;
	struct bn_server srv;
	double tokens, tokens_at;       /* the I-Am bucket */
	uint64_t i_am_dropped;
	struct nv_ratelimit rl_flood;
	uint8_t out[BN_MAX_MPDU];
};

/* CLOCK_MONOTONIC in seconds, on the engine's clock */
static double mono_s(void)
{
	return (double)nv_now_ms() / 1000.0;
}

static void fill_db(const struct bn_state *st, struct bn_db *db)
{
	db->snap = st->env.snap;
	db->data_unit = st->cfg.data_unit;
	db->device_instance = st->cfg.device_instance;
	db->location = st->env.system != NULL ? st->env.system->location : "";
	db->app_version = "nvagent " NV_VERSION;
	db->now = time(NULL);
}

/* Served while the device is a UPS or not known yet; never for an STS. */
static bool serving(const struct bn_state *st)
{
	return st->env.snap != NULL && st->env.snap->kind != NV_KIND_STS;
}

static bool i_am_allowed(struct bn_state *st)
{
	double now = mono_s();
	unsigned suppressed = 0;

	st->tokens += (now - st->tokens_at) * I_AM_PER_S;
	st->tokens_at = now;
	if (st->tokens > I_AM_BURST)
		st->tokens = I_AM_BURST;
	if (st->tokens >= 1.0) {
		st->tokens -= 1.0;
		return true;
	}
	st->i_am_dropped++;
	if (nv_ratelimit_ok(&st->rl_flood, &suppressed))
		nv_log(LOG_NOTICE, "bacnet: Who-Is flood: I-Am answers limited to %.0f/s "
		    "(%llu dropped so far)", I_AM_PER_S, (unsigned long long)st->i_am_dropped);
	return false;
}

static void send_to(struct bn_state *st, const struct bn_peer *p, size_t len)
{
	/* UDP: a full send buffer drops this answer; the client retries */
	(void)sendto(st->fd, st->out, len, MSG_DONTWAIT, (const struct sockaddr *)&p->addr,
	    p->len);
}

static void receive(struct bn_state *st)
{
	uint8_t in[BN_MAX_MPDU + 1];
	struct bn_db db;

	fill_db(st, &db);
	for (int i = 0; i < DATAGRAMS_PER_TURN; i++) {
		struct bn_peer peer;
		ssize_t n;
		size_t len;
		enum bn_reply r;

		memset(&peer, 0, sizeof(peer));
		peer.len = sizeof(peer.addr);
		n = recvfrom(st->fd, in, sizeof(in), MSG_DONTWAIT, (struct sockaddr *)&peer.addr,
		    &peer.len);
		if (n < 0)
			return;         /* EAGAIN: all read */
		if (!serving(st) || (size_t)n > BN_MAX_MPDU)
			continue;       /* an STS, or larger than any BACnet/IP datagram */
		r = bn_handle(&st->srv, &db, &peer, in, (size_t)n, mono_s(), st->out,
		    sizeof(st->out), &len);
		if (r == BN_NONE || (r == BN_I_AM && !i_am_allowed(st)))
			continue;
		send_to(st, &peer, len);
	}
}

/* 0, or -1 with the reason in err */
static int open_socket(struct bn_state *st, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE | AI_NUMERICHOST,
		.ai_socktype = SOCK_DGRAM };
	struct addrinfo *ai = NULL;
	char host[64], port[8];
	int p = 0, rc;

	if (nv_hostport_parse(st->cfg.listen, host, sizeof(host), &p, NV_BACNET_PORT) != NULL) {
		snprintf(err, errlen, "bacnet: listen: '%s' is not ADDRESS:PORT", st->cfg.listen);
		return -1;
	}
	snprintf(port, sizeof(port), "%d", p);
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc != 0) {
		snprintf(err, errlen, "bacnet: %s: %s", st->cfg.listen, gai_strerror(rc));
		return -1;
	}
	st->fd = socket(ai->ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (st->fd < 0 || bind(st->fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
	    st->fd >= FD_SETSIZE) {
		snprintf(err, errlen, "bacnet: cannot listen on %s: %s", st->cfg.listen,
		    strerror(errno));
		if (st->fd >= 0)
			close(st->fd);
		st->fd = -1;
		freeaddrinfo(ai);
		return -1;
	}
	freeaddrinfo(ai);
	nv_log(LOG_INFO, "bacnet: device %u serving on %s (UDP)", st->cfg.device_instance,
	    st->cfg.listen);
	return 0;
}

static void close_socket(struct bn_state *st)
{
	if (st->fd >= 0)
		close(st->fd);
	st->fd = -1;
	memset(&st->srv, 0, sizeof(st->srv));  /* subscriptions end with the socket */
}

static const void *bn_section(const struct nv_config *cfg)
{
	return &cfg->gateways.bacnet;
}

static int bn_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct bn_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		snprintf(err, errlen, "bacnet: out of memory");
		return -1;
	}
	st->env = *env;
	st->cfg = *(const struct nv_bacnet_cfg *)env->section;
	st->fd = -1;
	st->tokens = I_AM_BURST;
	st->tokens_at = mono_s();
	st->rl_flood.interval = 60;
	if (st->cfg.enabled && open_socket(st, err, errlen) != 0) {
		free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static int bn_reload(void *state, const struct nv_handler_env *env)
{
	struct bn_state *st = state;
	const struct nv_bacnet_cfg *nw = env->section;
	char err[256];

	st->env = *env;
	if (memcmp(nw, &st->cfg, sizeof(*nw)) == 0)
		return 0;
	close_socket(st);
	st->cfg = *nw;
	if (st->cfg.enabled && open_socket(st, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

static void bn_fini(void *state)
{
	struct bn_state *st = state;

	close_socket(st);
	free(st);
}

static void bn_notification(void *state, const struct nv_notification *n)
{
	(void)state;
	(void)n;        /* COV follows the snapshot (bn_tick), not the events */
}

static void bn_fill(void *state, fd_set *rd, int *maxfd, struct timeval *tv)
{
	struct bn_state *st = state;

	(void)tv;
	if (st->fd < 0)
		return;
	FD_SET(st->fd, rd);
	if (st->fd + 1 > *maxfd)
		*maxfd = st->fd + 1;
}

static void bn_process(void *state, const fd_set *rd)
{
	struct bn_state *st = state;

	if (st->fd >= 0 && FD_ISSET(st->fd, rd))
		receive(st);
}

static void bn_tick(void *state)
{
	struct bn_state *st = state;
	struct bn_db db;
	double now = mono_s();
	size_t len;

	if (st->fd < 0 || !serving(st))
		return;
	fill_db(st, &db);
	for (size_t i = 0; i < BN_MAX_SUBS; i++)
		if (bn_cov_due(&st->srv, &db, i, now, st->out, sizeof(st->out), &len))
			send_to(st, &st->srv.sub[i].peer, len);
}

const struct nv_handler_ops nv_handler_bacnet = {
	.name = "bacnet",
	.section = bn_section,
	.kinds = 0,                     /* no notification: COV follows the snapshot */
	.init = bn_init,
	.handle = bn_notification,
	.reload = bn_reload,
	.fini = bn_fini,
	.tick = bn_tick,
	.fill = bn_fill,
	.process = bn_process,
};
