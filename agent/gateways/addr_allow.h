/*
 * addr_allow.h — a list of client addresses a gateway accepts: IPv4 or
 * IPv6 addresses, each optionally with a prefix length ("10.1.0.0/16",
 * "::1").  An empty list accepts everybody.
 */
#ifndef NV_ADDR_ALLOW_H
#define NV_ADDR_ALLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define NV_ALLOW_MAX 16

struct nv_allow {
	size_t n;
	struct {
		int family;             /* AF_INET or AF_INET6 */
		uint8_t addr[16];
		int prefix;             /* bits that must match */
	} e[NV_ALLOW_MAX];
};

/* Add "ADDR" or "ADDR/PREFIX"; NULL, or why it is not one. */
const char *nv_allow_add(struct nv_allow *a, const char *text);
/* True when the peer is in the list (or the list is empty).  An IPv4
 * peer on an IPv6 socket (::ffff:a.b.c.d) matches IPv4 entries. */
bool nv_allow_match(const struct nv_allow *a, const struct sockaddr *sa, socklen_t len);

#endif
