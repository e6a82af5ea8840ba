/*
 * shutdown_proto.h — the protocol between nvagentd and its nvshutdown
 * clients (see nvshutdown(8), PROTOCOL).  One fixed-size UDP datagram per
 * message, authenticated with HMAC-SHA256 over a shared secret, and made
 * replay-proof by a per-sender sequence number that only grows plus a
 * timestamp that must lie inside a window around the receiver's clock.
 * Used by both nvagentd and nvshutdown; no state of its own.
 */
#ifndef NV_SHUTDOWN_PROTO_H
#define NV_SHUTDOWN_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define NV_SD_PORT              4200
#define NV_SD_VERSION           1
#define NV_SD_NAME_LEN          32      /* with the NUL */
#define NV_SD_EVENT_LEN         24      /* with the NUL */
#define NV_SD_MAC_LEN           32      /* HMAC-SHA256 */
#define NV_SD_PACKET_LEN        120
#define NV_SD_SECRET_MAX        256
#define NV_SD_SECRET_MIN        16
#define NV_SD_SECRET_DISTINCT   8       /* different byte values, at least */
#define NV_SD_WINDOW_S          60      /* accepted clock difference */

enum nv_sd_type {
	NV_SD_HEARTBEAT = 1,    /* client -> agent: here I am, my duration */
	NV_SD_STATE,            /* agent -> client: reply, the current state */
	NV_SD_WARNING,          /* agent -> client: shutdown in `seconds` (-1: none planned) */
	NV_SD_SHUTDOWN,         /* agent -> client: shut down now */
	NV_SD_CANCEL,           /* agent -> client: the warning / test is over */
};

/* The state an agent is in, as carried by NV_SD_STATE. */
enum nv_sd_state { NV_SD_IDLE = 0, NV_SD_WARNING_ON, NV_SD_SHUTDOWN_ON };

#define NV_SD_FLAG_TEST 0x01    /* shutdown test: clients in test mode log only */
/* heartbeat: event carries the devices feeding the client, comma-separated
 * (shutdown_feeds.h).  An agent that predates it ignores both, as it
 * ignores a heartbeat's flags and event: the client is then fed by every
 * device, which is also what an agent assumes of a client without it. */
#define NV_SD_FLAG_FEEDS 0x02

struct nv_sd_msg {
	uint8_t type;                   /* enum nv_sd_type */
	uint8_t flags;
	uint64_t seq;
	int64_t time;                   /* sender's wall clock, s */
	char sender[NV_SD_NAME_LEN];    /* client name, or the agent's system name */
	int32_t a;                      /* heartbeat: shutdown duration s; warning: s left; state: enum nv_sd_state */
	int32_t b;                      /* heartbeat: interval s; state: s left or -1 */
	char event[NV_SD_EVENT_LEN];    /* the shutdown event's name ("" none);
	                                 * heartbeat with NV_SD_FLAG_FEEDS: its feeds */
};

enum nv_sd_verdict {
	NV_SD_OK = 0,
	NV_SD_MALFORMED,        /* wrong size, magic, version, type or text */
	NV_SD_BAD_MAC,          /* wrong secret or altered */
	NV_SD_STALE,            /* timestamp outside the window */
	NV_SD_REPLAY,           /* sequence not above the last one seen */
};

const char *nv_sd_verdict_str(enum nv_sd_verdict v);
const char *nv_sd_type_str(uint8_t type);

/* Serialise and sign; out must hold NV_SD_PACKET_LEN bytes. */
void nv_sd_pack(const struct nv_sd_msg *m, const uint8_t *key, size_t keylen,
    uint8_t out[NV_SD_PACKET_LEN]);

/* Check format and MAC, then decode into *m.  Sequence and time are the
 * caller's to check with nv_sd_fresh(). */
enum nv_sd_verdict nv_sd_unpack(const void *buf, size_t len, const uint8_t *key,
    size_t keylen, struct nv_sd_msg *m);

/* Is m new: time within window of now, seq above *last (then *last = seq)
 * and not beyond what a sender counting microseconds can reach by the end
 * of the window. */
enum nv_sd_verdict nv_sd_fresh(const struct nv_sd_msg *m, time_t now, int window,
    uint64_t *last);

/* A sequence start that grows across restarts: wall clock in microseconds. */
uint64_t nv_sd_seq_start(void);

/*
 * Read a secret file: it must be a regular file of mode 0600 or 0640 (or
 * stricter), owned by the effective user or root; trailing newlines are
 * dropped; at least NV_SD_SECRET_MIN bytes, NV_SD_SECRET_DISTINCT of them
 * different.  Returns the length, or -1 with a one-line
 * reason in err.
 */
int nv_sd_read_secret(const char *path, uint8_t *key, size_t keymax,
    char *err, size_t errlen);

/* "host:port" (IPv4 dotted or a name) into a sockaddr_in; -1 with err. */
struct sockaddr_in;
int nv_sd_parse_addr(const char *s, int default_port, struct sockaddr_in *sa,
    char *err, size_t errlen);

#endif
