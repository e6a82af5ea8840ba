/*
 * hostport.c — the host[:port] syntax of the config (hostport.h).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hostport.h"

/* A DNS name: dot-separated labels of letters, digits and '-' (not at a
 * label's ends), 1-63 characters each. */
static bool dns_name(const char *h)
{
	size_t label = 0;

	if (strlen(h) > 253)
		return false;
	for (const char *p = h; ; p++) {
		if (*p == '.' || *p == '\0') {
			if (label == 0 || label > 63 || p[-1] == '-')
				return false;
			if (*p == '\0')
				return true;
			label = 0;
			continue;
		}
		if (!isalnum((unsigned char)*p) && !(*p == '-' && label > 0))
			return false;
		label++;
	}
}

/* Only digits and dots: meant as an IPv4 address, so it must be one. */
static bool looks_ipv4(const char *h)
{
	return h[strspn(h, "0123456789.")] == '\0';
}

static const char *check_host(const char *host, bool bracketed)
{
	unsigned char a[sizeof(struct in6_addr)];

	if (bracketed)
		return inet_pton(AF_INET6, host, a) == 1 ? NULL : "bad [IPv6] address";
	if (looks_ipv4(host))
		return inet_pton(AF_INET, host, a) == 1 ? NULL : "bad IPv4 address";
	return dns_name(host) ? NULL :
	    "host must be a name (letters, digits, '-', '.'), an IPv4 address or [IPv6]";
}

const char *nv_hostport_parse(const char *s, char *host, size_t hlen,
    int *port, int dflt)
{
	const char *why;
	const char *colon, *h = s;
	size_t n;
	char *end;
	long p;

	if (*s == '\0' || strpbrk(s, " \t/\"'") != NULL)
		return "must be host or host:port";
	if (*s == '[') {
		const char *close = strchr(s, ']');

		if (close == NULL || close == s + 1)
			return "bad [IPv6] address";
		h = s + 1;
		n = (size_t)(close - h);
		colon = close[1] == ':' ? close + 1 : NULL;
		if (close[1] != '\0' && colon == NULL)
			return "must be host or host:port";
	} else {
		colon = strchr(s, ':');
		if (colon != NULL && strchr(colon + 1, ':') != NULL)
			return "IPv6 addresses go in brackets";
		n = colon != NULL ? (size_t)(colon - s) : strlen(s);
	}
	if (n == 0 || n >= hlen)
		return "host name empty or too long";
	memcpy(host, h, n);
	host[n] = '\0';
	if ((why = check_host(host, h != s)) != NULL)
		return why;
	*port = dflt;
	if (colon == NULL)
		return NULL;
	errno = 0;
	p = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || errno != 0 || p < 1 || p > 65535)
		return "port must be 1-65535";
	*port = (int)p;
	return NULL;
}
