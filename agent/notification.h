/*
 * notification.h — one event as every output sees it: the SNMP trap as it
 * goes on the wire (snmpTrapOID + varbinds, v1 enterprise + specific-trap),
 * plus what non-SNMP handlers need: severity, the manual's event name and
 * a human text.  The event engine builds them; handlers only read them.
 */
#ifndef NV_NOTIFICATION_H
#define NV_NOTIFICATION_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define NV_OID_MAX      32      /* sub-identifiers in one OID */
#define NV_VB_MAX       8       /* varbinds in one notification */
#define NV_VB_STR_MAX   128     /* bytes of an OCTET STRING varbind */

enum nv_severity {
	NV_SEV_INFORMATION = 1,
	NV_SEV_WARNING,
	NV_SEV_CRITICAL,
};

/* Which MIB a notification belongs to: a receiver gets only its MIB's. */
enum nv_mib_family {
	NV_FAM_SOCOMEC = 0,     /* .1.3.6.1.4.1.4555.1.1.7.2 (UPS) */
	NV_FAM_RFC1628,         /* .1.3.6.1.2.1.33.2 */
	NV_FAM_STS,             /* .1.3.6.1.4.1.4555.1.1.10.2 */
};

enum nv_vb_type {
	NV_VB_INTEGER,
	NV_VB_OCTETS,
	NV_VB_OID,
	NV_VB_TIMETICKS,
};

struct nv_oid {
	size_t len;
	uint32_t sub[NV_OID_MAX];
};

struct nv_varbind {
	struct nv_oid name;
	enum nv_vb_type type;
	long integer;                   /* NV_VB_INTEGER, NV_VB_TIMETICKS */
	struct nv_oid oid;              /* NV_VB_OID */
	char str[NV_VB_STR_MAX];        /* NV_VB_OCTETS */
	size_t str_len;
};

struct nv_notification {
	enum nv_mib_family family;
	int number;                     /* trap number inside its MIB */
	struct nv_oid trap_oid;         /* snmpTrapOID.0 (v2c / v3) */
	struct nv_oid enterprise;       /* v1 enterprise ... */
	int specific;                   /* ... and specific-trap */
	size_t n_vb;
	struct nv_varbind vb[NV_VB_MAX];
	enum nv_severity severity;
	const char *event;              /* the manual's event, kebab-case */
	char text[160];                 /* one line for logs, mail, syslog */
	int alarm_entry;                /* 1: trap 3 / 4 (the "TRAP 3/4 filter") */
	int to_all;                     /* 1: the test trap, past every filter */
	uint64_t when_ms;               /* CLOCK_MONOTONIC ms when raised */
	time_t wallclock;
};

const char *nv_severity_name(enum nv_severity s);
int nv_severity_parse(const char *s);           /* -1 when unknown */
const char *nv_mib_family_name(enum nv_mib_family f);

/* "1.3.6.1..." into *o; 0, or -1 when malformed or too long. */
int nv_oid_parse(const char *s, struct nv_oid *o);
/* ".1.3.6..." into buf (always terminated). */
void nv_oid_format(const struct nv_oid *o, char *buf, size_t len);
/* Append sub-identifiers; -1 when the OID would be too long. */
int nv_oid_append(struct nv_oid *o, const uint32_t *sub, size_t n);

#endif
