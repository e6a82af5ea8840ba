/*
 * tcp_listen.c — listening sockets for the main loop (tcp_listen.h).
 */
#define _GNU_SOURCE     /* accept4 */
#include <errno.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hostport.h"
#include "tcp_listen.h"

static int bound(const struct addrinfo *ai, int backlog)
{
	int one = 1;
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    ai->ai_protocol);

	if (fd < 0)
		return -1;
	if (fd >= FD_SETSIZE) {
		close(fd);
		errno = EMFILE;
		return -1;
	}
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    (ai->ai_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) != 0) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, backlog) != 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int nv_tcp_listen(const char *addr, int dflt_port, int backlog, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_flags = AI_PASSIVE, .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL;
	char host[64], port[8];
	const char *why;
	int p = 0, rc, fd;

	if ((why = nv_hostport_parse(addr, host, sizeof(host), &p, dflt_port)) != NULL) {
		snprintf(err, errlen, "%s: %s", addr, why);
		return -1;
	}
	snprintf(port, sizeof(port), "%d", p);
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		snprintf(err, errlen, "%s: %s", addr, gai_strerror(rc));
		return -1;
	}
	fd = bound(res, backlog);
	if (fd < 0)
		snprintf(err, errlen, "%s: cannot listen: %s", addr, strerror(errno));
	freeaddrinfo(res);
	return fd;
}

static void peer_text(const struct sockaddr_storage *ss, char *buf, size_t len)
{
	const void *a = ss->ss_family == AF_INET6 ?
	    (const void *)&((const struct sockaddr_in6 *)ss)->sin6_addr :
	    (const void *)&((const struct sockaddr_in *)ss)->sin_addr;

	if (len > 0 && inet_ntop(ss->ss_family, a, buf, (socklen_t)len) == NULL)
		snprintf(buf, len, "?");
}

int nv_tcp_accept(int lfd, const struct nv_allow *allow, char *peer, size_t peerlen,
    const char **why, double *pause_s)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);

	*why = NULL;
	*pause_s = 0;
	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
			*pause_s = 1.0;
		return -1;
	}
	if (fd >= FD_SETSIZE)
		*why = "too many open files";
	else if (!nv_allow_match(allow, (struct sockaddr *)&ss, len))
		*why = "client not in the allow list";
	if (*why != NULL) {
		close(fd);
		return -1;
	}
	peer_text(&ss, peer, peerlen);
	return fd;
}

unsigned short nv_tcp_peer_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getpeername(fd, (struct sockaddr *)&ss, &len) != 0)
		return 0;
	if (ss.ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)&ss)->sin6_port);
	return ntohs(((const struct sockaddr_in *)&ss)->sin_port);
}
