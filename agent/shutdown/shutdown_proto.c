/*
 * shutdown_proto.c — pack, sign, verify and decode the shutdown protocol's
 * datagrams.  Layout (network byte order), 120 bytes:
 *
 *   0  "NVSD"   4  version  5  type  6  flags  7  zero
 *   8  seq (64)   16  time (64, signed)   24  sender[32]
 *   56 a (32, signed)   60 b (32, signed)   64 event[24]
 *   88 HMAC-SHA256 of bytes 0..87
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "shutdown_proto.h"

#define BODY_LEN (NV_SD_PACKET_LEN - NV_SD_MAC_LEN)

static const uint8_t magic[4] = { 'N', 'V', 'S', 'D' };

const char *nv_sd_verdict_str(enum nv_sd_verdict v)
{
	switch (v) {
	case NV_SD_OK:        return "ok";
	case NV_SD_MALFORMED: return "malformed";
	case NV_SD_BAD_MAC:   return "bad authentication (wrong secret?)";
	case NV_SD_STALE:     return "timestamp outside the window";
	case NV_SD_REPLAY:    return "replayed (old sequence number)";
	}
	return "?";
}

const char *nv_sd_type_str(uint8_t type)
{
	switch (type) {
	case NV_SD_HEARTBEAT: return "heartbeat";
	case NV_SD_STATE:     return "state";
	case NV_SD_WARNING:   return "warning";
	case NV_SD_SHUTDOWN:  return "shutdown";
	case NV_SD_CANCEL:    return "cancel";
	}
	return "?";
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t get64(const uint8_t *p)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 3; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void mac(const uint8_t *key, size_t keylen, const uint8_t *body,
    uint8_t out[NV_SD_MAC_LEN])
{
	unsigned len = NV_SD_MAC_LEN;

	if (HMAC(EVP_sha256(), key, (int)keylen, body, BODY_LEN, out, &len) == NULL)
		memset(out, 0, NV_SD_MAC_LEN);  /* never matches a real MAC */
}

void nv_sd_pack(const struct nv_sd_msg *m, const uint8_t *key, size_t keylen,
    uint8_t out[NV_SD_PACKET_LEN])
{
	memset(out, 0, NV_SD_PACKET_LEN);
	memcpy(out, magic, 4);
	out[4] = NV_SD_VERSION;
	out[5] = m->type;
	out[6] = m->flags;
	put64(out + 8, m->seq);
	put64(out + 16, (uint64_t)m->time);
	memcpy(out + 24, m->sender, strnlen(m->sender, NV_SD_NAME_LEN - 1));
	put32(out + 56, (uint32_t)m->a);
	put32(out + 60, (uint32_t)m->b);
	memcpy(out + 64, m->event, strnlen(m->event, NV_SD_EVENT_LEN - 1));
	mac(key, keylen, out, out + BODY_LEN);
}

/* A NUL-terminated printable text field, zero-padded. */
static bool text_ok(const uint8_t *p, size_t len)
{
	size_t n = 0;

	while (n < len && p[n] != 0) {
		if (p[n] < 0x20 || p[n] > 0x7e)
			return false;
		n++;
	}
	if (n == len)
		return false;
	for (; n < len; n++)
		if (p[n] != 0)
			return false;
	return true;
}

enum nv_sd_verdict nv_sd_unpack(const void *buf, size_t len, const uint8_t *key,
    size_t keylen, struct nv_sd_msg *m)
{
	const uint8_t *p = buf;
	uint8_t want[NV_SD_MAC_LEN];

	if (len != NV_SD_PACKET_LEN || memcmp(p, magic, 4) != 0 ||
	    p[4] != NV_SD_VERSION || p[5] < NV_SD_HEARTBEAT || p[5] > NV_SD_CANCEL)
		return NV_SD_MALFORMED;
	mac(key, keylen, p, want);
	if (CRYPTO_memcmp(want, p + BODY_LEN, NV_SD_MAC_LEN) != 0)
		return NV_SD_BAD_MAC;
	/* authentic, but a sender with the secret may still be buggy */
	if (p[7] != 0 || !text_ok(p + 24, NV_SD_NAME_LEN) ||
	    !text_ok(p + 64, NV_SD_EVENT_LEN))
		return NV_SD_MALFORMED;
	memset(m, 0, sizeof(*m));
	m->type = p[5];
	m->flags = p[6];
	m->seq = get64(p + 8);
	m->time = (int64_t)get64(p + 16);
	memcpy(m->sender, p + 24, NV_SD_NAME_LEN);
	m->a = (int32_t)get32(p + 56);
	m->b = (int32_t)get32(p + 60);
	memcpy(m->event, p + 64, NV_SD_EVENT_LEN);
	return NV_SD_OK;
}

enum nv_sd_verdict nv_sd_fresh(const struct nv_sd_msg *m, time_t now, int window,
    uint64_t *last)
{
	int64_t t = (int64_t)now;
	/* senders count up from their start time in microseconds, far below
	 * one message a microsecond: a sequence past the end of the window is
	 * forged or broken, and accepting it would lock the name out */
	uint64_t ceiling = ((uint64_t)t + (uint64_t)window) * 1000000u;

	/* compared without subtracting: m->time may be anything */
	if (m->time > t + window || m->time < t - window || m->seq > ceiling)
		return NV_SD_STALE;
	if (m->seq <= *last)
		return NV_SD_REPLAY;
	*last = m->seq;
	return NV_SD_OK;
}

uint64_t nv_sd_seq_start(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

/* nvshutdown(8): mode 0600 or 0640 (or stricter), owned by us or root. */
static bool secret_file_unsafe(const char *path, const struct stat *st,
    char *err, size_t errlen)
{
	if (st->st_mode & 0137) {
		snprintf(err, errlen, "%s: the secret file has mode %04o; it must be 0600 "
		    "or 0640 (chmod 600 it)", path, (unsigned)(st->st_mode & 07777));
		return true;
	}
	if (st->st_uid != geteuid() && st->st_uid != 0) {
		snprintf(err, errlen, "%s: the secret file is owned by uid %u, not by us "
		    "or root", path, (unsigned)st->st_uid);
		return true;
	}
	return false;
}

static int distinct_bytes(const uint8_t *b, size_t n)
{
	bool seen[256] = { false };
	int count = 0;

	for (size_t i = 0; i < n; i++)
		if (!seen[b[i]]) {
			seen[b[i]] = true;
			count++;
		}
	return count;
}

int nv_sd_read_secret(const char *path, uint8_t *key, size_t keymax,
    char *err, size_t errlen)
{
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot open the secret file: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: the secret file is not a regular file", path);
		close(fd);
		return -1;
	}
	if (secret_file_unsafe(path, &st, err, errlen)) {
		close(fd);
		return -1;
	}
	n = read(fd, key, keymax);
	close(fd);
	if (n < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((size_t)n == keymax) {
		snprintf(err, errlen, "%s: the secret is longer than %zu bytes", path, keymax - 1);
		return -1;
	}
	while (n > 0 && (key[n - 1] == '\n' || key[n - 1] == '\r'))
		n--;
	if (n < NV_SD_SECRET_MIN) {
		snprintf(err, errlen, "%s: the secret is shorter than %d bytes", path, NV_SD_SECRET_MIN);
		return -1;
	}
	if (distinct_bytes(key, (size_t)n) < NV_SD_SECRET_DISTINCT) {
		snprintf(err, errlen, "%s: the secret does not look random (fewer than %d "
		    "different bytes); make one as nvshutdown(8) shows", path,
		    NV_SD_SECRET_DISTINCT);
		return -1;
	}
	return (int)n;
}

int nv_sd_parse_addr(const char *s, int default_port, struct sockaddr_in *sa,
    char *err, size_t errlen)
{
	char host[256];
	const char *colon = strrchr(s, ':');
	struct addrinfo hints, *res;
	long port = default_port;
	size_t hlen = colon != NULL ? (size_t)(colon - s) : strlen(s);
	int rc;

	if (hlen == 0 || hlen >= sizeof(host)) {
		snprintf(err, errlen, "'%s': expected HOST:PORT", s);
		return -1;
	}
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (colon != NULL) {
		char *end;

		errno = 0;
		port = strtol(colon + 1, &end, 10);
		if (errno != 0 || end == colon + 1 || *end != '\0' || port < 1 || port > 65535) {
			snprintf(err, errlen, "'%s': bad port", s);
			return -1;
		}
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_DGRAM;
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc != 0) {
		snprintf(err, errlen, "'%s': %s", host, gai_strerror(rc));
		return -1;
	}
	memcpy(sa, res->ai_addr, sizeof(*sa));
	freeaddrinfo(res);
	sa->sin_port = htons((uint16_t)port);
	return 0;
}
