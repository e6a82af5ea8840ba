/*
 * notification.c — small helpers around struct nv_notification: names of
 * severities and MIB families, OIDs as text, the device-name varbind.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notification.h"

static const char *const sev_names[] = { "", "information", "warning", "critical" };

const char *nv_severity_name(enum nv_severity s)
{
	if (s < NV_SEV_INFORMATION || s > NV_SEV_CRITICAL)
		return "unknown";
	return sev_names[s];
}

int nv_severity_parse(const char *s)
{
	for (int i = NV_SEV_INFORMATION; i <= NV_SEV_CRITICAL; i++)
		if (strcmp(s, sev_names[i]) == 0)
			return i;
	return -1;
}

const char *nv_mib_family_name(enum nv_mib_family f)
{
	switch (f) {
	case NV_FAM_SOCOMEC:
		return "socomec";
	case NV_FAM_RFC1628:
		return "rfc1628";
	case NV_FAM_STS:
		return "sts";
	}
	return "unknown";
}

int nv_oid_parse(const char *s, struct nv_oid *o)
{
	o->len = 0;
	if (*s == '.')
		s++;
	while (*s != '\0') {
		char *end;
		unsigned long v;

		if (*s < '0' || *s > '9' || o->len == NV_OID_MAX)
			return -1;
		errno = 0;
		v = strtoul(s, &end, 10);
		if (errno != 0 || v > UINT32_MAX)
			return -1;
		o->sub[o->len++] = (uint32_t)v;
		if (*end == '.' && end[1] != '\0')
			end++;
		else if (*end != '\0')
			return -1;
		s = end;
	}
	return o->len >= 2 ? 0 : -1;
}

void nv_oid_format(const struct nv_oid *o, char *buf, size_t len)
{
	size_t used = 0;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < o->len && used < len; i++) {
		int n = snprintf(buf + used, len - used, ".%u", (unsigned)o->sub[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

int nv_oid_append(struct nv_oid *o, const uint32_t *sub, size_t n)
{
	if (o->len + n > NV_OID_MAX)
		return -1;
	memcpy(o->sub + o->len, sub, n * sizeof(*sub));
	o->len += n;
	return 0;
}

bool nv_oid_equal(const struct nv_oid *a, const struct nv_oid *b)
{
	return a->len == b->len && memcmp(a->sub, b->sub, a->len * sizeof(a->sub[0])) == 0;
}

const struct nv_oid nv_device_name_oid = {
	.sub = { 1, 3, 6, 1, 2, 1, 33, 1, 1, 5, 0 }, .len = 11 };

void nv_device_varbind(const char *name, struct nv_varbind *vb)
{
	size_t len = strlen(name);

	memset(vb, 0, sizeof(*vb));
	vb->name = nv_device_name_oid;
	vb->type = NV_VB_OCTETS;
	vb->str_len = len < NV_VB_STR_MAX ? len : NV_VB_STR_MAX;
	memcpy(vb->str, name, vb->str_len);
}
