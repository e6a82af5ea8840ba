/*
 * addr_allow.c — client allow lists of the gateways (see addr_allow.h).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr_allow.h"

const char *nv_allow_add(struct nv_allow *a, const char *text)
{
	char host[64];
	const char *slash = strchr(text, '/');
	size_t hlen = slash != NULL ? (size_t)(slash - text) : strlen(text);
	int family, max, prefix;

	if (a->n >= NV_ALLOW_MAX)
		return "too many entries (at most 16)";
	if (hlen == 0 || hlen >= sizeof(host))
		return "not an IPv4 or IPv6 address";
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	family = strchr(host, ':') != NULL ? AF_INET6 : AF_INET;
	max = family == AF_INET6 ? 128 : 32;
	if (inet_pton(family, host, a->e[a->n].addr) != 1)
		return "not an IPv4 or IPv6 address";
	prefix = max;
	if (slash != NULL) {
		char *end;
		long v = strtol(slash + 1, &end, 10);

		if (slash[1] == '\0' || *end != '\0' || v < 0 || v > max)
			return family == AF_INET6 ? "prefix length is not 0..128" :
			    "prefix length is not 0..32";
		prefix = (int)v;
	}
	a->e[a->n].family = family;
	a->e[a->n].prefix = prefix;
	a->n++;
	return NULL;
}

static bool prefix_equal(const uint8_t *x, const uint8_t *y, int bits)
{
	int bytes = bits / 8, rest = bits % 8;

	if (memcmp(x, y, (size_t)bytes) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((x[bytes] ^ y[bytes]) & (uint8_t)(0xFF << (8 - rest))) == 0;
}

bool nv_allow_match(const struct nv_allow *a, const struct sockaddr *sa, socklen_t len)
{
	uint8_t addr[16];
	int family;

	if (a->n == 0)
		return true;
	if (sa->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
		memcpy(addr, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, 4);
		family = AF_INET;
	} else if (sa->sa_family == AF_INET6 && len >= (socklen_t)sizeof(struct sockaddr_in6)) {
		const struct in6_addr *in6 = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(in6)) {
			memcpy(addr, in6->s6_addr + 12, 4);
			family = AF_INET;
		} else {
			memcpy(addr, in6->s6_addr, 16);
			family = AF_INET6;
		}
	} else {
		return false;
	}
	for (size_t i = 0; i < a->n; i++)
		if (a->e[i].family == family && prefix_equal(a->e[i].addr, addr, a->e[i].prefix))
			return true;
	return false;
}
