/*
 * fuzz_shutdown_client.c — datagrams from the agents as nvshutdown
 * receives them: nvshutdown's own receive() (decoder, MAC, freshness and
 * replay checks, then the warning / cancel / shutdown / state machine)
 * and check_agents() for two agents.  They are private to the program,
 * so its source is compiled into this target with main() renamed.  The
 * client is in test mode with no hook, wall or pre-shutdown script: a
 * "shutdown" only logs.
 *
 * Input: records of one control byte and up to 120 packet bytes.
 * Control bit 0: build a well-formed packet from the bytes (type, flags,
 * a, b, sender, event at their wire offsets) and sign it with the
 * client's secret, so that the fuzzer gets past the MAC to the state
 * machine; bit 1: stamp it with the current time; bit 2: the next
 * sequence number for that agent; bit 3: send only (ctl >> 4) bytes;
 * bit 4: to the second agent instead of the first; bit 5: run
 * check_agents() after it (lost agents, finished countdowns).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz_util.h"

#define main nvshutdown_main
#include "shutdown/nvshutdown.c"
#undef main

#define SECRET "fuzz-shared-secret-0123456789"
#define N_AGENTS 2

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/* A client as main() sets it up from a config, with a socket pair per
 * agent in place of the connected UDP sockets. */
static void client_open(struct client *c, int peer[N_AGENTS])
{
	static const char *addr[N_AGENTS] = { "127.0.0.1:4200", "127.0.0.2:4200" };

	memset(c, 0, sizeof(*c));
	c->cfg.test_mode = true;
	c->cfg.finish_countdown = true;
	c->cfg.heartbeat = 10;
	c->cfg.lost_after = 0;          /* every check_agents() may lose them */
	c->cfg.shutdown_duration = 120;
	snprintf(c->cfg.name, sizeof(c->cfg.name), "fuzz-client");
	snprintf(c->cfg.shutdown_command, sizeof(c->cfg.shutdown_command), "/bin/false");
	memcpy(c->key, SECRET, strlen(SECRET));
	c->keylen = strlen(SECRET);
	c->n = N_AGENTS;
	for (size_t i = 0; i < N_AGENTS; i++) {
		int sv[2];

		if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv) != 0) {
			perror("fuzz set-up");
			abort();
		}
		c->srv[i].addr_text = addr[i];
		c->srv[i].fd = sv[0];
		c->srv[i].drop_rl.interval = DROP_LOG_INTERVAL;
		peer[i] = sv[1];
	}
}

/* The record's bytes as the fields of a message an agent would sign. */
static void build(const uint8_t *raw, uint8_t ctl, uint64_t *seq, uint8_t *pkt)
{
	struct nv_sd_msg m;

	memset(&m, 0, sizeof(m));
	m.type = raw[5];
	m.flags = raw[6];
	m.seq = (ctl & 4) ? ++*seq : get64(raw + 8);
	m.time = (ctl & 2) ? time(NULL) : (int64_t)get64(raw + 16);
	memcpy(m.sender, raw + 24, NV_SD_NAME_LEN - 1);
	m.a = (int32_t)get32(raw + 56);
	m.b = (int32_t)get32(raw + 60);
	memcpy(m.event, raw + 64, NV_SD_EVENT_LEN - 1);
	nv_sd_pack(&m, (const uint8_t *)SECRET, strlen(SECRET), pkt);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct client c;
	int peer[N_AGENTS];
	uint64_t seq[N_AGENTS] = { nv_sd_seq_start(), nv_sd_seq_start() };

	nv_fuzz_setup();
	client_open(&c, peer);
	while (size > 0) {
		uint8_t ctl = data[0], raw[NV_SD_PACKET_LEN] = { 0 }, pkt[NV_SD_PACKET_LEN];
		size_t n = size - 1 < sizeof(raw) ? size - 1 : sizeof(raw);
		size_t i = (ctl & 16) ? 1 : 0, len = sizeof(pkt);

		memcpy(raw, data + 1, n);
		data += 1 + n;
		size -= 1 + n;
		if (ctl & 1)
			build(raw, ctl, &seq[i], pkt);
		else
			memcpy(pkt, raw, sizeof(pkt));
		if (ctl & 8)
			len = (size_t)(ctl >> 4);
		if (send(peer[i], pkt, len, 0) < 0) {
			perror("send");
			abort();
		}
		receive(&c, &c.srv[i]);
		if (ctl & 32)
			check_agents(&c);
	}
	for (size_t i = 0; i < N_AGENTS; i++) {
		close(peer[i]);
		close(c.srv[i].fd);
	}
	return 0;
}
