/*
 * handler_modbus.c — the Modbus TCP gateway (handler_modbus.h).
 *
 * libmodbus' modbus_receive() waits on its socket until a whole request
 * has come, so one half-open client would stop the main loop.  Requests
 * are therefore framed here, on non-blocking sockets, one bounded buffer
 * per connection (modbus_adu.c); libmodbus builds and sends the answers
 * (modbus_reply over a modbus_mapping_t per unit, refreshed from each
 * snapshot, and modbus_reply_exception).  An answer is at most 255 bytes,
 * far below a socket's send buffer: a client that does not read its
 * answers makes the send fail, and is disconnected instead of waited for.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <modbus.h>

#include "handler_modbus.h"
#include "hostport.h"
#include "events.h"
#include "diag_log.h"
#include "modbus_adu.h"
#include "nvconfig.h"
#include "reg_image.h"
#include "tcp_listen.h"

struct mb_conn {
	int fd;                         /* -1: free slot */
	struct nv_mb_frame frame;
	double last_request;            /* monotonic s (or the accept) */
};

struct mb_state {
	struct nv_handler_env env;
	struct nv_modbus_tcp_cfg cfg;   /* the settings in use */
	modbus_t *mb;                   /* TCP context: builds and sends answers */
	int listen_fd;
	struct mb_conn conn[NV_MODBUS_MAX_CONN];
	modbus_mapping_t *map[NV_MAX_UNITS];    /* unit k's tables, one span */
	uint64_t map_seq;               /* image seq the maps hold */
	bool maps_valid;
	double accept_paused_until;     /* out of fds: a pending client would wake every turn */
	struct nv_ratelimit rl_refused, rl_bad;
};

/* CLOCK_MONOTONIC in seconds, on the engine's clock */
static double mono_s(void)
{
	return (double)nv_now_ms() / 1000.0;
}

/* ---- the maps, refreshed from the image ---- */

static void free_maps(struct mb_state *st)
{
	for (int k = 0; k < NV_MAX_UNITS; k++) {
		if (st->map[k] != NULL)
			modbus_mapping_free(st->map[k]);
		st->map[k] = NULL;
	}
	st->maps_valid = false;
}

/* One mapping spans the lowest to the highest address of the tables;
 * words between tables are never served (nv_mb_decide refuses them). */
static bool span_of(const struct nv_reg_image *im, unsigned *lo, unsigned *n)
{
	unsigned first = 0xFFFF, end = 0;

	for (int b = 0; b < im->n_blocks; b++) {
		if (im->block[b].addr < first)
			first = im->block[b].addr;
		if ((unsigned)im->block[b].addr + im->block[b].count > end)
			end = (unsigned)im->block[b].addr + im->block[b].count;
	}
	if (end <= first)
		return false;
	*lo = first;
	*n = end - first;
	return true;
}

static void fill_map(modbus_mapping_t *m, const struct nv_reg_image *im, int k,
    unsigned lo)
{
	memset(m->tab_registers, 0, (size_t)m->nb_registers * sizeof(uint16_t));
	for (int b = 0; b < im->n_blocks; b++)
		if (im->have[k][b])
			memcpy(m->tab_registers + (im->block[b].addr - lo), im->w[k][b],
			    im->block[b].count * sizeof(uint16_t));
	memcpy(m->tab_input_registers, m->tab_registers,
	    (size_t)m->nb_registers * sizeof(uint16_t));
}

static bool refresh_maps(struct mb_state *st)
{
	const struct nv_reg_image *im = st->env.image;
	unsigned lo, n;

	if (st->maps_valid && st->map_seq == im->seq)
		return true;
	free_maps(st);
	if (!span_of(im, &lo, &n))
		return false;
	for (int k = 0; k < im->n_units && k < NV_MAX_UNITS; k++) {
		st->map[k] = modbus_mapping_new_start_address(0, 0, 0, 0, lo, n, lo, n);
		if (st->map[k] == NULL) {
			nv_log(LOG_ERR, "modbus-tcp: out of memory");
			free_maps(st);
			return false;
		}
		fill_map(st->map[k], im, k, lo);
	}
	st->map_seq = im->seq;
	st->maps_valid = true;
	return true;
}

/* ---- connections ---- */

static void drop(struct mb_conn *c)
{
	close(c->fd);
	c->fd = -1;
}

static void answer(struct mb_state *st, struct mb_conn *c)
{
	const struct nv_snapshot *s = st->env.snap;
	struct nv_mb_request req;
	int k = -1, ex, rc;

	ex = nv_mb_decide(c->frame.buf, c->frame.len, st->env.image,
	    s != NULL && s->comm == NV_COMM_OK, &req, &k);
	if (ex == 0 && !refresh_maps(st))
		ex = NV_MBX_TARGET_FAILED;
	modbus_set_socket(st->mb, c->fd);
	if (ex != 0)
		rc = modbus_reply_exception(st->mb, c->frame.buf, (unsigned)ex);
	else
		rc = modbus_reply(st->mb, c->frame.buf, (int)c->frame.len, st->map[k]);
	modbus_set_socket(st->mb, -1);
	nv_mb_frame_reset(&c->frame);
	c->last_request = mono_s();
	if (rc < 0)     /* it does not read its answers: not worth waiting for */
		drop(c);
}

static void receive(struct mb_state *st, struct mb_conn *c)
{
	ssize_t n = recv(c->fd, c->frame.buf + c->frame.len, nv_mb_frame_want(&c->frame), 0);
	unsigned suppressed = 0;

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0) {
		drop(c);
		return;
	}
	switch (nv_mb_frame_feed(&c->frame, (size_t)n)) {
	case NV_MBF_MORE:
		break;
	case NV_MBF_ADU:
		answer(st, c);
		break;
	case NV_MBF_BAD:
		if (nv_ratelimit_ok(&st->rl_bad, &suppressed))
			nv_log(LOG_WARNING, "modbus-tcp: a client sent a frame that is not "
			    "Modbus TCP; disconnected (%u similar suppressed)", suppressed);
		drop(c);
		break;
	}
}

static void refuse(struct mb_state *st, int fd, const char *why)
{
	unsigned suppressed = 0;

	if (fd >= 0)
		close(fd);
	if (nv_ratelimit_ok(&st->rl_refused, &suppressed))
		nv_log(LOG_NOTICE, "modbus-tcp: connection refused: %s (%u similar suppressed)",
		    why, suppressed);
}

static void accept_one(struct mb_state *st)
{
	const char *why;
	char peer[64];
	double pause_s;
	int fd = nv_tcp_accept(st->listen_fd, &st->cfg.allow, peer, sizeof(peer), &why, &pause_s);
	int free_slot = -1, open = 0;

	if (fd < 0) {
		if (why != NULL)
			refuse(st, -1, why);
		st->accept_paused_until = mono_s() + pause_s;
		return;
	}
	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++) {
		if (st->conn[i].fd >= 0)
			open++;
		else if (free_slot < 0)
			free_slot = i;
	}
	if (open >= st->cfg.max_connections || free_slot < 0) {
		refuse(st, fd, "max-connections reached");
		return;
	}
	st->conn[free_slot].fd = fd;
	nv_mb_frame_reset(&st->conn[free_slot].frame);
	st->conn[free_slot].last_request = mono_s();
}

/* ---- the listener ---- */

static void close_all(struct mb_state *st)
{
	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++)
		if (st->conn[i].fd >= 0)
			drop(&st->conn[i]);
	if (st->listen_fd >= 0)
		close(st->listen_fd);
	st->listen_fd = -1;
	if (st->mb != NULL)
		modbus_free(st->mb);
	st->mb = NULL;
}

/* 0, or -1 with the reason in err */
static int open_listener(struct mb_state *st, char *err, size_t errlen)
{
	char host[64], port[8];
	int p = 0;

	if (nv_hostport_parse(st->cfg.listen, host, sizeof(host), &p, NV_MODBUS_TCP_PORT) != NULL) {
		snprintf(err, errlen, "modbus-tcp: listen: '%s' is not ADDRESS:PORT", st->cfg.listen);
		return -1;
	}
	snprintf(port, sizeof(port), "%d", p);
	st->mb = modbus_new_tcp_pi(host, port);
	if (st->mb == NULL) {
		snprintf(err, errlen, "modbus-tcp: %s: %s", st->cfg.listen, modbus_strerror(errno));
		return -1;
	}
	st->listen_fd = modbus_tcp_pi_listen(st->mb, 8);
	if (st->listen_fd < 0 || fcntl(st->listen_fd, F_SETFL, O_NONBLOCK) != 0 ||
	    fcntl(st->listen_fd, F_SETFD, FD_CLOEXEC) != 0 || st->listen_fd >= FD_SETSIZE) {
		snprintf(err, errlen, "modbus-tcp: cannot listen on %s: %s", st->cfg.listen,
		    strerror(errno));
		close_all(st);
		return -1;
	}
	nv_log(LOG_INFO, "modbus-tcp: serving on %s (max-connections %d)", st->cfg.listen,
	    st->cfg.max_connections);
	return 0;
}

/* ---- the plug-in ---- */

static const void *mb_section(const struct nv_config *cfg)
{
	return &cfg->gateways.modbus;
}

static int mb_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct mb_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		snprintf(err, errlen, "modbus-tcp: out of memory");
		return -1;
	}
	st->env = *env;
	st->cfg = *(const struct nv_modbus_tcp_cfg *)env->section;
	st->listen_fd = -1;
	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++)
		st->conn[i].fd = -1;
	st->rl_refused.interval = st->rl_bad.interval = 60;
	if (st->cfg.enabled && env->image == NULL) {
		snprintf(err, errlen, "modbus-tcp: no register image here");
		free(st);
		return -1;
	}
	if (st->cfg.enabled && open_listener(st, err, errlen) != 0) {
		free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static int mb_reload(void *state, const struct nv_handler_env *env)
{
	struct mb_state *st = state;
	const struct nv_modbus_tcp_cfg *nw = env->section;
	bool reopen = nw->enabled != st->cfg.enabled || strcmp(nw->listen, st->cfg.listen) != 0;
	char err[256];

	st->env = *env;
	if (!reopen) {
		st->cfg = *nw;  /* allow list, limits: for the next connections */
		return 0;
	}
	close_all(st);
	st->cfg = *nw;
	if (st->cfg.enabled && open_listener(st, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "%s", err);
		return -1;
	}
	return 0;
}

static void mb_fini(void *state)
{
	struct mb_state *st = state;

	close_all(st);
	free_maps(st);
	free(st);
}

static void mb_handle(void *state, const struct nv_notification *n)
{
	(void)state;
	(void)n;        /* served from the snapshot, not from events */
}

static void watch(int fd, fd_set *rd, int *maxfd)
{
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
}

static void mb_fill(void *state, fd_set *rd, int *maxfd, struct timeval *tv)
{
	struct mb_state *st = state;

	(void)tv;       /* idle connections are closed by the tick (1 s) */
	if (st->listen_fd < 0)
		return;
	if (mono_s() >= st->accept_paused_until)
		watch(st->listen_fd, rd, maxfd);
	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++)
		if (st->conn[i].fd >= 0)
			watch(st->conn[i].fd, rd, maxfd);
}

static void mb_process(void *state, const fd_set *rd)
{
	struct mb_state *st = state;

	if (st->listen_fd < 0)
		return;
	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++)
		if (st->conn[i].fd >= 0 && FD_ISSET(st->conn[i].fd, rd))
			receive(st, &st->conn[i]);
	if (FD_ISSET(st->listen_fd, rd))
		accept_one(st);
}

static void mb_tick(void *state)
{
	struct mb_state *st = state;
	double now = mono_s();

	for (int i = 0; i < NV_MODBUS_MAX_CONN; i++)
		if (st->conn[i].fd >= 0 &&
		    now - st->conn[i].last_request >= st->cfg.idle_timeout_s)
			drop(&st->conn[i]);
}

const struct nv_handler_ops nv_handler_modbus = {
	.name = "modbus-tcp",
	.section = mb_section,
	.kinds = 0,                     /* no notification: it serves the snapshot */
	.init = mb_init,
	.handle = mb_handle,
	.reload = mb_reload,
	.fini = mb_fini,
	.tick = mb_tick,
	.fill = mb_fill,
	.process = mb_process,
};
