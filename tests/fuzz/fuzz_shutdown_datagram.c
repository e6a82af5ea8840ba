/*
 * fuzz_shutdown_datagram.c — datagrams of the shutdown protocol as the
 * agent's listener receives them: a real nv_sd_server on 127.0.0.1 (any
 * free port) gets each datagram over UDP and runs its decoder, its
 * authentication, freshness and replay checks, its client table and the
 * feeds a heartbeat declares (resolved against two device names).
 *
 * Input: records of one control byte and up to 120 packet bytes.
 * Control bit 0: sign the packet with the listener's secret (so that the
 * fuzzer gets past the MAC to the decoder and the table); bit 1: put the
 * current time in the packet (past the freshness window check); bit 2:
 * send only (ctl >> 3) bytes, a short datagram.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "fuzz_util.h"
#include "shutdown_server.h"

#define SECRET "fuzz-shared-secret-0123456789"
#define BODY_LEN (NV_SD_PACKET_LEN - NV_SD_MAC_LEN)

static int sender = -1;
static const char *secret_path;
static char listen_at[32];

/* A port free now on 127.0.0.1 (the listener refuses port 0), kept for
 * every input: UDP rebinds at once after a close. */
static void pick_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		perror("fuzz set-up");
		abort();
	}
	close(fd);
	snprintf(listen_at, sizeof(listen_at), "127.0.0.1:%u", ntohs(sa.sin_port));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fresh listener per input, so that a finding replays alone. */
/* The agent's resolver: names of two devices, the unknown ones dropped. */
static unsigned resolve_feeds(void *arg, const char *client, const char *declared)
{
	static const char *const names[] = { "ups-a", "ups-b" };
	char unknown[NV_SD_FEEDS_LEN];
	unsigned feeds = nv_sd_feeds_resolve(declared, names, 2, unknown, sizeof(unknown));

	(void)arg, (void)client;
	return feeds != 0 ? feeds : 3;
}

static struct nv_sd_server *open_server(struct sockaddr_in *to)
{
	static const uint8_t secret[] = SECRET "\n";
	struct nv_sd_server *s;
	socklen_t len = sizeof(*to);
	char err[256] = "";

	if (secret_path == NULL) {
		nv_fuzz_setup();
		secret_path = strdup(nv_fuzz_file("secret", secret, sizeof(secret) - 1));
		sender = socket(AF_INET, SOCK_DGRAM, 0);
		pick_port();
	}
	if (secret_path == NULL || sender < 0 ||
	    nv_sd_server_open(&s, listen_at, secret_path, 4, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz set-up: %s\n", err);
		abort();
	}
	nv_sd_server_set_sender(s, "fuzz-agent");
	nv_sd_server_set_feeds(s, resolve_feeds, NULL);
	if (getsockname(nv_sd_server_fd(s), (struct sockaddr *)to, &len) != 0) {
		perror("fuzz set-up");
		abort();
	}
	return s;
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static void count_row(const struct nv_shutdown_client_row *row, void *arg)
{
	(void)row;
	++*(size_t *)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sockaddr_in to;
	struct nv_sd_server *server = open_server(&to);
	size_t rows = 0;
	char who[64];

	while (size > 0) {
		uint8_t ctl = data[0], pkt[NV_SD_PACKET_LEN] = { 0 };
		size_t n = size - 1 < sizeof(pkt) ? size - 1 : sizeof(pkt);
		size_t send_len = sizeof(pkt);
		unsigned maclen = NV_SD_MAC_LEN;

		memcpy(pkt, data + 1, n);
		data += 1 + n;
		size -= 1 + n;
		if (ctl & 2)
			put64(pkt + 16, (uint64_t)time(NULL));
		if ((ctl & 1) && HMAC(EVP_sha256(), SECRET, (int)strlen(SECRET), pkt,
		    BODY_LEN, pkt + BODY_LEN, &maclen) == NULL)
			abort();
		if (ctl & 4)
			send_len = (size_t)(ctl >> 3);
		if (sendto(sender, pkt, send_len, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
			perror("sendto");
			abort();
		}
		nv_sd_server_receive(server);
	}
	nv_sd_server_clients(server, count_row, &rows);
	nv_sd_server_max_duration(server, 0, who, sizeof(who));
	nv_sd_server_send_all(server, 1, NV_SD_CANCEL, 0, "fuzz", 0);
	nv_sd_server_expire(server, 0);
	nv_sd_server_close(server);
	while (recv(sender, who, sizeof(who), MSG_DONTWAIT) >= 0)
		;       /* the listener's replies */
	return 0;
}
