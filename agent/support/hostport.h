/*
 * hostport.h — "host", "host:port" or "[IPv6]:port", as every network
 * address in nvagent.conf is written (trap receivers, mail server,
 * remote syslog).
 */
#ifndef NV_HOSTPORT_H
#define NV_HOSTPORT_H

#include <stddef.h>

/* Split s into host (hlen bytes with the NUL) and *port (dflt when s
 * gives none); NULL, or why s is not one.  The host must be a DNS name,
 * an IPv4 address, or an IPv6 address in brackets. */
const char *nv_hostport_parse(const char *s, char *host, size_t hlen,
    int *port, int dflt);

#endif
