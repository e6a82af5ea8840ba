/*
 * door.h — a "door" is one MIB subtree nvagentd serves besides the SOCOMEC
 * one (RFC 1628 UPS-MIB, the STS MIB, the Net Vision 5/6 branch), written
 * as data: scalars and tables in OID order, each object a small getter over
 * the normalized model.  door.c answers GET and GETNEXT over that data in
 * plain C, so that walk order and values are unit-tested without net-snmp;
 * door_snmp.c is the thin net-snmp glue.
 */
#ifndef NV_DOOR_H
#define NV_DOOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

struct nv_config;

#define DOOR_MAX_PATH   4       /* sub-ids of an object below the door root */
#define DOOR_MAX_OID    32      /* longest OID a door answers or returns */
#define DOOR_STR_MAX    256

enum door_type {
	DOOR_INTEGER,
	DOOR_GAUGE,
	DOOR_COUNTER,
	DOOR_TICKS,
	DOOR_STRING,
	DOOR_OID,
};

struct door_val {
	enum door_type type;
	long num;
	char str[DOOR_STR_MAX];
	uint32_t oid[DOOR_MAX_OID];
	size_t oidlen;
};

/* What a getter may read: the snapshot, the unit the MIBs show (system or
 * cfg.data_unit), the configuration, the door's own derived state, and the
 * agent's uptime in 0.01 s (for TimeStamp objects). */
struct door_in {
	const struct nv_snapshot *snap;
	const struct nv_unit *u;
	const struct nv_config *cfg;
	const void *state;
	uint32_t now;
	const char *agent_version;              /* "nvagent 0.1.0" */
};

/* false: the object has no value now (not managed, not known): GET answers
 * noSuchInstance, GETNEXT skips it. */
typedef bool (*door_get_fn)(const struct door_in *in, int row, struct door_val *v);

/* Next row index after `after` (0 = the first), 0 when there is none. */
typedef int (*door_next_row_fn)(const struct door_in *in, int after);

struct door_col {
	uint32_t id;
	door_get_fn get;
};

/*
 * One node, in OID order inside its door.  A scalar: path = the object,
 * instance .0 is added.  A table: path = the entry, instances are
 * path.column.row.
 */
struct door_node {
	uint32_t path[DOOR_MAX_PATH];
	size_t pathlen;
	door_get_fn get;                        /* scalar, NULL for a table */
	const struct door_col *cols;            /* table columns in order */
	size_t ncols;
	door_next_row_fn next_row;
};

struct door {
	const char *name;                       /* for registration and logs */
	uint32_t root[DOOR_MAX_OID];
	size_t rootlen;
	const struct door_node *nodes;
	size_t nnodes;
	/* Is the door open for this snapshot?  (UPS MIBs for a UPS only...) */
	bool (*served)(const struct door_in *in);
};

/* Helpers for getters. */
bool door_int(struct door_val *v, long n);
bool door_int_known(struct door_val *v, int32_t n);      /* false for NV_NA */
bool door_str(struct door_val *v, const char *s);
bool door_oid(struct door_val *v, const uint32_t *oid, size_t len);
int door_rows_upto(int after, int n);                     /* rows 1..n */
long door_div_round(long n, long d);                      /* nearest, signed */

/*
 * GET (exact) or GETNEXT on an absolute OID.  Returns true with the value
 * and, for GETNEXT, the OID found in *found / *foundlen; false when there
 * is no such instance (GET) or nothing after `name` in the door (GETNEXT).
 * The door's served() check is the caller's business.
 */
bool door_lookup(const struct door *d, const struct door_in *in,
    const uint32_t *name, size_t namelen, bool exact,
    uint32_t *found, size_t *foundlen, struct door_val *v);

#endif
