/*
 * tcp_listen.h — a non-blocking TCP listening socket on "ADDR:PORT" or
 * "[IPv6]:PORT", for the servers on the main loop.
 */
#ifndef NV_TCP_LISTEN_H
#define NV_TCP_LISTEN_H

#include <stddef.h>

#include "addr_allow.h"

/* The listening socket (non-blocking, close-on-exec, below FD_SETSIZE),
 * or -1 with "ADDR:PORT: why" in err. */
int nv_tcp_listen(const char *addr, int dflt_port, int backlog, char *err, size_t errlen);

/*
 * Accept one pending client of LFD: its socket (non-blocking, close-on-
 * exec), its address in peer.  -1 when none was taken: *why NULL when
 * nothing was pending or the process is out of descriptors (then
 * *pause_s says how long not to watch LFD, so that a pending client does
 * not wake every turn), else why it was refused (and closed).
 */
int nv_tcp_accept(int lfd, const struct nv_allow *allow, char *peer, size_t peerlen,
    const char **why, double *pause_s);

/* The port of the peer connected on FD; 0 when not known. */
unsigned short nv_tcp_peer_port(int fd);

#endif
