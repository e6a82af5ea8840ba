/*
 * notification.h — one event as every output sees it.  Most are SNMP
 * traps as they go on the wire (snmpTrapOID + varbinds, v1 enterprise +
 * specific-trap) plus what non-SNMP handlers need: severity, the manual's
 * event name and a human text.  The others say a change of device state
 * that has no trap of its own (a condition set or cleared, communication
 * lost, a UPS command done), for the plug-ins that record or act on the
 * device itself (event log, Wake-on-LAN).  The event engine and the
 * control layer build them; handlers only read them.
 */
#ifndef NV_NOTIFICATION_H
#define NV_NOTIFICATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define NV_OID_MAX      32      /* sub-identifiers in one OID */
#define NV_VB_MAX       8       /* varbinds in one notification */
#define NV_VB_STR_MAX   128     /* bytes of an OCTET STRING varbind */
#define NV_DEVICE_NAME_MAX 32   /* a device's name, "ups-a" (nvagent.conf) */

/* What a notification says; a plug-in says which kinds it takes. */
enum nv_note_kind {
	NV_NOTE_TRAP = 0,       /* an SNMP notification of one MIB */
	NV_NOTE_CONDITION,      /* a model condition set or cleared, as read */
	NV_NOTE_COMM,           /* communication with the device lost / up */
	NV_NOTE_CONTROL,        /* a UPS control command finished */
	NV_NOTE_SCHEDULE,       /* a scheduled shut-off starts (event names it) */
};
#define NV_NOTE_BIT(k)  (1u << (k))

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
	enum nv_note_kind kind;
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
	time_t wallclock;               /* for device state: when it was read */
	/* device state (kinds other than NV_NOTE_TRAP) */
	int device;                     /* enum nv_kind of the device */
	int cond;                       /* NV_NOTE_CONDITION: enum nv_cond ... */
	int set;                        /* ... 1 set, 0 cleared */
	int comm, comm_before;          /* NV_NOTE_COMM: enum nv_comm */
	int command, status;            /* NV_NOTE_CONTROL: enum nv_cmd_kind, nv_cmd_status */
	int on_ac_fail;                 /* NV_NOTE_CONTROL: sent while mains was out */
	time_t restart_at;              /* NV_NOTE_SCHEDULE: the UPS's restart, 0 none */
	/* which device it is about (every kind, stamped by the agent): its
	 * configured name and its place in env->devices (handler.h) */
	char device_name[NV_DEVICE_NAME_MAX];
	unsigned device_no;
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
bool nv_oid_equal(const struct nv_oid *a, const struct nv_oid *b);

/* The varbind that names the device a trap is about when the agent serves
 * several: RFC 1628 upsIdentName.0 (the administrator's name for the UPS),
 * appended after the trap's own varbinds; nvtraphandle reads it back. */
extern const struct nv_oid nv_device_name_oid;
void nv_device_varbind(const char *name, struct nv_varbind *vb);

#endif
