/*
 * wol.c — Wake-on-LAN magic packets to the configured targets.  One UDP
 * socket per round; SO_BROADCAST only when the destination is a broadcast
 * address (255.255.255.255 or the broadcast of a local interface), so a
 * unicast destination never needs the permission.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "config_ups_control.h"
#include "ctx.h"
#include "diag_log.h"
#include "wol.h"

void nv_wol_build(const uint8_t mac[6], uint8_t out[NV_WOL_PACKET_LEN])
{
	memset(out, 0xFF, 6);
	for (int i = 0; i < 16; i++)
		memcpy(out + 6 + 6 * i, mac, 6);
}

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int nv_wol_parse_mac(const char *s, uint8_t mac[6])
{
	char sep = 0;

	for (int i = 0; i < 6; i++) {
		int hi = hexval((unsigned char)s[0]);
		int lo = hi < 0 ? -1 : hexval((unsigned char)s[1]);

		if (lo < 0)
			return -1;
		mac[i] = (uint8_t)(hi << 4 | lo);
		s += 2;
		if (i == 5)
			break;
		if (*s != ':' && *s != '-')
			return -1;
		if (sep != 0 && *s != sep)
			return -1;      /* "00:11-22..." is a typo, not a MAC */
		sep = *s++;
	}
	return *s == '\0' ? 0 : -1;
}

static bool is_broadcast(uint32_t ip_be)
{
	struct ifaddrs *ifs, *i;
	bool bc = ip_be == htonl(INADDR_BROADCAST);

	if (bc || getifaddrs(&ifs) == -1)
		return bc;
	for (i = ifs; i != NULL && !bc; i = i->ifa_next) {
		const struct sockaddr_in *b = (const void *)i->ifa_broadaddr;

		if (i->ifa_addr != NULL && i->ifa_addr->sa_family == AF_INET &&
		    b != NULL && b->sin_family == AF_INET && b->sin_addr.s_addr == ip_be)
			bc = true;
	}
	freeifaddrs(ifs);
	return bc;
}

int nv_wol_send_all(struct nv_ctx *ctx)
{
	const struct nv_wol_cfg *w = &ctx->cfg.wol;
	struct sockaddr_in to = { .sin_family = AF_INET };
	uint32_t ip;
	uint16_t port;
	int fd, one = 1, sent = 0;

	if (nv_wol_parse_address(w->address, &ip, &port) == -1) {
		nv_log(LOG_ERR, "wol: bad address \"%s\"", w->address);
		return -1;
	}
	to.sin_addr.s_addr = ip;
	to.sin_port = htons(port);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		nv_log(LOG_ERR, "wol: cannot open a UDP socket: %s", strerror(errno));
		return -1;
	}
	if (is_broadcast(ip) &&
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) == -1) {
		nv_log(LOG_ERR, "wol: cannot allow broadcast: %s", strerror(errno));
		close(fd);
		return -1;
	}
	for (size_t i = 0; i < w->n; i++) {
		const struct nv_wol_target *t = &w->t[i];
		uint8_t pkt[NV_WOL_PACKET_LEN];

		if (!t->enabled)
			continue;
		nv_wol_build(t->mac, pkt);
		if (sendto(fd, pkt, sizeof(pkt), 0, (const struct sockaddr *)&to,
		    sizeof(to)) != (ssize_t)sizeof(pkt)) {
			nv_log(LOG_WARNING, "wol: %s: cannot send to %s: %s", t->name,
			    w->address, strerror(errno));
			continue;
		}
		nv_log(LOG_NOTICE, "wol: magic packet for %s "
		    "(%02x:%02x:%02x:%02x:%02x:%02x) sent to %s", t->name,
		    t->mac[0], t->mac[1], t->mac[2], t->mac[3], t->mac[4], t->mac[5],
		    w->address);
		sent++;
	}
	close(fd);
	return sent;
}
