/*
 * shutdown_feeds.c — device name lists of the shutdown clients' feeds.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "shutdown_feeds.h"

bool nv_sd_device_name_ok(const char *name)
{
	size_t n = 0;

	if (!isalnum((unsigned char)name[0]))
		return false;
	for (; name[n] != '\0'; n++)
		if (!isalnum((unsigned char)name[n]) && name[n] != '.' && name[n] != '_' &&
		    name[n] != '-')
			return false;
	return n < 32;
}

int nv_sd_feeds_add(char *buf, size_t len, const char *name)
{
	size_t have = strlen(buf), add = strlen(name) + (have > 0 ? 1 : 0);

	if (have + add >= len)
		return -1;
	snprintf(buf + have, len - have, "%s%s", have > 0 ? "," : "", name);
	return 0;
}

static int index_of(const char *name, size_t namelen, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == namelen && memcmp(names[i], name, namelen) == 0)
			return (int)i;
	return -1;
}

unsigned nv_sd_feeds_resolve(const char *text, const char *const *names, size_t n,
    char *unknown, size_t unknownlen)
{
	unsigned mask = 0;
	const char *p = text;

	if (unknownlen > 0)
		unknown[0] = '\0';
	while (*p != '\0') {
		size_t len = strcspn(p, ",");
		int d = index_of(p, len, names, n);

		if (d >= 0 && d < 32)
			mask |= 1u << d;
		else if (len > 0) {
			char one[NV_SD_FEEDS_LEN];

			snprintf(one, sizeof(one), "%.*s", (int)len, p);
			nv_sd_feeds_add(unknown, unknownlen, one);
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return mask;
}

void nv_sd_feeds_format(unsigned mask, const char *const *names, size_t n, char *buf,
    size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < n && i < 32; i++)
		if (mask & 1u << i)
			nv_sd_feeds_add(buf, len, names[i]);
	if (buf[0] == '\0')
		snprintf(buf, len, "-");
}
