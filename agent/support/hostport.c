/*
 * hostport.c — the host[:port] syntax of the config (hostport.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hostport.h"

const char *nv_hostport_parse(const char *s, char *host, size_t hlen,
    int *port, int dflt)
{
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
