/*
 * shutdown_server.c — the UDP listener and client table of the shutdown
 * protocol.  A client is known by its name; its heartbeats refresh it and
 * get the agent's current state as a reply.  Nothing here blocks: the
 * socket is non-blocking and a turn reads a bounded number of datagrams.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "diag_log.h"
#include "shutdown_server.h"

#define MAX_READS_PER_TURN 1024 /* 250 clients' heartbeats and then some */
#define SOCKBUF (1 << 20)

struct client {
	bool used;
	int index;
	char name[NV_SD_NAME_LEN];
	struct sockaddr_in addr;
	time_t since;                   /* wall clock of the first heartbeat */
	time_t last_seen;               /* monotonic s */
	uint64_t last_seq;
	int duration_s, interval_s;
	int status, severity;
	char feeds_text[NV_SD_FEEDS_LEN];  /* as declared, "" = none */
	unsigned feeds;                 /* as resolved */
	bool feeds_known;               /* feeds_text was resolved */
};

/* What heartbeats of one set of feeds are answered with. */
struct reply {
	enum nv_sd_state state;
	time_t deadline;
	char event[NV_SD_EVENT_LEN];
	uint8_t flags;
};

struct nv_sd_server {
	int fd;
	uint8_t key[NV_SD_SECRET_MAX];
	size_t keylen;
	char sender[NV_SD_NAME_LEN];
	uint64_t seq;
	int max_clients, next_index;
	struct client *cl;
	struct nv_sd_counters cnt;
	/* a peer's datagrams must not flood the logs: one line per cause per
	 * interval, with a count of what was held back */
	struct nv_ratelimit refused_rl, table_full_rl;
	nv_sd_note_fn note;
	void *note_arg;
	nv_sd_feeds_fn feeds;
	void *feeds_arg;
	struct reply reply[NV_SD_FEED_SETS];    /* by the clients' feeds */
};

static time_t mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void note(struct nv_sd_server *s, int level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void note(struct nv_sd_server *s, int level, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (s->note != NULL)
		s->note(s->note_arg, level, text);
	else
		nv_log(level == 0 ? LOG_INFO : LOG_WARNING, "%s", text);
}

static void addr_str(const struct sockaddr_in *a, char *buf, size_t len)
{
	char ip[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a->sin_addr, ip, sizeof(ip));
	snprintf(buf, len, "%s:%u", ip, (unsigned)ntohs(a->sin_port));
}

int nv_sd_server_open(struct nv_sd_server **out, const char *listen,
    const char *secret_file, int max_clients, char *err, size_t errlen)
{
	struct nv_sd_server *s = calloc(1, sizeof(*s));
	struct sockaddr_in sa;
	int one = 1, buf = SOCKBUF;

	if (s == NULL || (s->cl = calloc((size_t)max_clients, sizeof(*s->cl))) == NULL) {
		free(s);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	s->fd = -1;
	s->max_clients = max_clients;
	s->seq = nv_sd_seq_start();
	s->refused_rl.interval = 10;
	s->table_full_rl.interval = 60;
	snprintf(s->sender, sizeof(s->sender), "nvagent");
	if (nv_sd_server_rekey(s, secret_file, err, errlen) != 0 ||
	    nv_sd_parse_addr(listen, NV_SD_PORT, &sa, err, errlen) != 0)
		goto fail;
	s->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0) {
		snprintf(err, errlen, "shutdown listener: socket: %s", strerror(errno));
		goto fail;
	}
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* a burst of 250 heartbeats or warnings must not overflow */
	setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	setsockopt(s->fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		snprintf(err, errlen, "shutdown listener: cannot bind %s: %s", listen,
		    strerror(errno));
		goto fail;
	}
	*out = s;
	return 0;
fail:
	nv_sd_server_close(s);
	return -1;
}

void nv_sd_server_close(struct nv_sd_server *s)
{
	if (s == NULL)
		return;
	if (s->fd >= 0)
		close(s->fd);
	free(s->cl);
	memset(s->key, 0, sizeof(s->key));
	free(s);
}

int nv_sd_server_fd(const struct nv_sd_server *s)
{
	return s->fd;
}

void nv_sd_server_set_note(struct nv_sd_server *s, nv_sd_note_fn fn, void *arg)
{
	s->note = fn;
	s->note_arg = arg;
}

void nv_sd_server_set_sender(struct nv_sd_server *s, const char *name)
{
	size_t n = 0;

	/* only printable ASCII goes on the wire */
	for (; name[n] != '\0' && n + 1 < sizeof(s->sender); n++)
		s->sender[n] = name[n] >= 0x20 && name[n] <= 0x7e ? name[n] : '?';
	s->sender[n] = '\0';
}

int nv_sd_server_rekey(struct nv_sd_server *s, const char *secret_file,
    char *err, size_t errlen)
{
	uint8_t key[NV_SD_SECRET_MAX];
	int n = nv_sd_read_secret(secret_file, key, sizeof(key), err, errlen);

	if (n < 0)
		return -1;
	memcpy(s->key, key, (size_t)n);
	s->keylen = (size_t)n;
	memset(key, 0, sizeof(key));
	return 0;
}

void nv_sd_server_set_feeds(struct nv_sd_server *s, nv_sd_feeds_fn fn, void *arg)
{
	s->feeds = fn;
	s->feeds_arg = arg;
}

static void resolve(struct nv_sd_server *s, struct client *c)
{
	c->feeds = s->feeds != NULL ?
	    s->feeds(s->feeds_arg, c->name, c->feeds_text) % NV_SD_FEED_SETS : 0;
}

void nv_sd_server_resolve_feeds(struct nv_sd_server *s)
{
	for (int i = 0; i < s->max_clients; i++)
		if (s->cl[i].used)
			resolve(s, &s->cl[i]);
}

void nv_sd_server_feed_sets(const struct nv_sd_server *s, bool used[NV_SD_FEED_SETS])
{
	for (int i = 0; i < s->max_clients; i++)
		if (s->cl[i].used)
			used[s->cl[i].feeds] = true;
}

void nv_sd_server_set_state(struct nv_sd_server *s, unsigned feeds, enum nv_sd_state st,
    time_t deadline, const char *event, uint8_t flags)
{
	struct reply *r = &s->reply[feeds % NV_SD_FEED_SETS];

	r->state = st;
	r->deadline = deadline;
	snprintf(r->event, sizeof(r->event), "%s", event != NULL ? event : "");
	r->flags = flags;
}

static void send_one(struct nv_sd_server *s, const struct sockaddr_in *to,
    const struct nv_sd_msg *m)
{
	uint8_t pkt[NV_SD_PACKET_LEN];
	struct nv_sd_msg msg = *m;

	msg.seq = ++s->seq;
	msg.time = time(NULL);
	memcpy(msg.sender, s->sender, sizeof(msg.sender));
	nv_sd_pack(&msg, s->key, s->keylen, pkt);
	if (sendto(s->fd, pkt, sizeof(pkt), MSG_DONTWAIT, (const struct sockaddr *)to,
	    sizeof(*to)) == (ssize_t)sizeof(pkt))
		s->cnt.sent++;
	else
		s->cnt.send_errors++;
}

static void reply_state(struct nv_sd_server *s, const struct client *c)
{
	struct nv_sd_msg m;
	const struct reply *r = &s->reply[c->feeds];
	time_t now = time(NULL);

	memset(&m, 0, sizeof(m));
	m.type = NV_SD_STATE;
	m.flags = r->flags;
	m.a = (int32_t)r->state;
	m.b = r->deadline > 0 ? (int32_t)(r->deadline > now ? r->deadline - now : 0) : -1;
	memcpy(m.event, r->event, sizeof(m.event));
	send_one(s, &c->addr, &m);
}

static void refused(struct nv_sd_server *s, const struct sockaddr_in *from,
    enum nv_sd_verdict v)
{
	char a[48];
	unsigned suppressed;

	switch (v) {
	case NV_SD_MALFORMED: s->cnt.malformed++; break;
	case NV_SD_BAD_MAC:   s->cnt.bad_mac++; break;
	case NV_SD_STALE:     s->cnt.stale++; break;
	case NV_SD_REPLAY:    s->cnt.replay++; break;
	default: break;
	}
	if (!nv_ratelimit_ok(&s->refused_rl, &suppressed))
		return;
	addr_str(from, a, sizeof(a));
	note(s, 1, "Shutdown client packet from %s refused: %s (%u similar suppressed)",
	    a, nv_sd_verdict_str(v), suppressed);
}

static struct client *find(struct nv_sd_server *s, const char *name)
{
	for (int i = 0; i < s->max_clients; i++)
		if (s->cl[i].used && strcmp(s->cl[i].name, name) == 0)
			return &s->cl[i];
	return NULL;
}

/* A free slot, or the one lost longest ago; NULL when all are connected. */
static struct client *new_slot(struct nv_sd_server *s)
{
	struct client *old = NULL;

	for (int i = 0; i < s->max_clients; i++) {
		struct client *c = &s->cl[i];

		if (!c->used)
			return c;
		if (c->status == NV_SDC_LOST && (old == NULL || c->last_seen < old->last_seen))
			old = c;
	}
	return old;
}

/* A new client, or one whose feeds changed: resolved once, so that names
 * the agent does not know are said once. */
static void feeds_declared(struct nv_sd_server *s, struct client *c,
    const struct nv_sd_msg *m)
{
	const char *text = (m->flags & NV_SD_FLAG_FEEDS) ? m->event : "";

	if (c->feeds_known && strcmp(text, c->feeds_text) == 0)
		return;
	snprintf(c->feeds_text, sizeof(c->feeds_text), "%s", text);
	c->feeds_known = true;
	resolve(s, c);
}

static void heartbeat(struct nv_sd_server *s, const struct nv_sd_msg *m,
    const struct sockaddr_in *from)
{
	struct client *c = find(s, m->sender);
	uint64_t last = c != NULL ? c->last_seq : 0;
	enum nv_sd_verdict v = nv_sd_fresh(m, time(NULL), NV_SD_WINDOW_S, &last);
	char a[48];

	if (v != NV_SD_OK) {
		refused(s, from, v);
		return;
	}
	addr_str(from, a, sizeof(a));
	if (c == NULL) {
		c = new_slot(s);
		if (c == NULL) {
			unsigned suppressed;

			s->cnt.table_full++;
			if (nv_ratelimit_ok(&s->table_full_rl, &suppressed))
				note(s, 1, "Shutdown client %s (%s) refused: the table is full "
				    "(%d; %u similar suppressed)", m->sender, a, s->max_clients,
				    suppressed);
			return;
		}
		memset(c, 0, sizeof(*c));
		c->used = true;
		c->index = ++s->next_index;
		memcpy(c->name, m->sender, sizeof(c->name));
		c->since = time(NULL);
		c->status = NV_SDC_LOST;        /* becomes connected just below */
	}
	if (c->status != NV_SDC_CONNECTED) {
		note(s, 0, "Shutdown client %s connected from %s (shutdown duration %ds)",
		    c->name, a, m->a);
		c->since = time(NULL);
	}
	feeds_declared(s, c, m);
	s->cnt.accepted++;
	c->last_seq = last;
	c->addr = *from;
	c->last_seen = mono_s();
	c->duration_s = m->a >= 0 ? m->a : 0;
	c->interval_s = m->b;
	c->status = NV_SDC_CONNECTED;
	reply_state(s, c);
}

void nv_sd_server_receive(struct nv_sd_server *s)
{
	for (int i = 0; i < MAX_READS_PER_TURN; i++) {
		uint8_t buf[NV_SD_PACKET_LEN + 1];
		struct sockaddr_in from;
		socklen_t flen = sizeof(from);
		struct nv_sd_msg m;
		enum nv_sd_verdict v;
		ssize_t n = recvfrom(s->fd, buf, sizeof(buf), MSG_DONTWAIT,
		    (struct sockaddr *)&from, &flen);

		if (n < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				nv_log(LOG_WARNING, "shutdown listener: %s", strerror(errno));
			return;
		}
		s->cnt.received++;
		if (flen != sizeof(from) || from.sin_family != AF_INET) {
			refused(s, &from, NV_SD_MALFORMED);
			continue;
		}
		v = nv_sd_unpack(buf, (size_t)n, s->key, s->keylen, &m);
		if (v == NV_SD_OK && m.type != NV_SD_HEARTBEAT)
			v = NV_SD_MALFORMED;    /* only clients talk to us */
		if (v != NV_SD_OK)
			refused(s, &from, v);
		else
			heartbeat(s, &m, &from);
	}
}

void nv_sd_server_expire(struct nv_sd_server *s, int timeout_s)
{
	time_t now = mono_s();

	for (int i = 0; i < s->max_clients; i++) {
		struct client *c = &s->cl[i];
		char a[48];

		if (!c->used || c->status != NV_SDC_CONNECTED || now - c->last_seen < timeout_s)
			continue;
		c->status = NV_SDC_LOST;
		addr_str(&c->addr, a, sizeof(a));
		note(s, 1, "Shutdown client %s (%s) lost: no heartbeat for %ds",
		    c->name, a, (int)(now - c->last_seen));
	}
}

size_t nv_sd_server_send_all(struct nv_sd_server *s, unsigned feeds, enum nv_sd_type type,
    int32_t a, const char *event, uint8_t flags)
{
	struct nv_sd_msg m;
	size_t n = 0;

	memset(&m, 0, sizeof(m));
	m.type = (uint8_t)type;
	m.flags = flags;
	m.a = a;
	snprintf(m.event, sizeof(m.event), "%s", event != NULL ? event : "");
	for (int i = 0; i < s->max_clients; i++) {
		struct client *c = &s->cl[i];

		if (!c->used || c->feeds != feeds)
			continue;
		send_one(s, &c->addr, &m);
		c->severity = type == NV_SD_WARNING ? NV_SDS_WARNING :
		    type == NV_SD_SHUTDOWN ? NV_SDS_SHUTDOWN : NV_SDS_NONE;
		n++;
	}
	return n;
}

int nv_sd_server_max_duration(const struct nv_sd_server *s, unsigned feeds, char *who,
    size_t wholen)
{
	int max = 0;

	if (wholen > 0)
		who[0] = '\0';
	for (int i = 0; i < s->max_clients; i++) {
		const struct client *c = &s->cl[i];

		if (c->used && c->status == NV_SDC_CONNECTED && c->duration_s > max &&
		    (feeds == 0 || (c->feeds & feeds) != 0)) {
			max = c->duration_s;
			snprintf(who, wholen, "%s", c->name);
		}
	}
	return max;
}

const struct nv_sd_counters *nv_sd_server_counters(const struct nv_sd_server *s)
{
	return &s->cnt;
}

size_t nv_sd_server_clients(const struct nv_sd_server *s, nv_shutdown_client_fn fn,
    void *arg)
{
	size_t n = 0;

	/* index order: indexes are handed out increasing, slots get reused */
	for (int want = 1, left = 1; left; want++) {
		const struct client *best = NULL;

		for (int i = 0; i < s->max_clients; i++) {
			const struct client *c = &s->cl[i];

			if (c->used && c->index >= want && (best == NULL || c->index < best->index))
				best = c;
		}
		left = best != NULL;
		if (best != NULL) {
			struct nv_shutdown_client_row r;

			memset(&r, 0, sizeof(r));
			r.index = best->index;
			addr_str(&best->addr, r.address, sizeof(r.address));
			snprintf(r.name, sizeof(r.name), "%s", best->name);
			r.kind = "nvshutdown";
			r.connected_since = best->since;
			r.status = best->status;
			r.severity = best->severity;
			r.duration_s = best->duration_s;
			r.feeds_mask = best->feeds;
			fn(&r, arg);
			n++;
			want = best->index;
		}
	}
	return n;
}
