/*
 * mib_walk.h — table-driven MIB subtrees, the part that needs no net-snmp.
 *
 * A subtree is a sorted array of object descriptors below one root OID:
 * scalars (instance .0) and table columns (instance .row, a single integer
 * index given by a row function).  GET and GETNEXT are searches over that
 * array in lexicographic order; the net-snmp handler (mib_subtree.c) only
 * converts OIDs and values.
 */
#ifndef NV_MIB_WALK_H
#define NV_MIB_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nv_ctx;

#define MIB_SUB_MAX     6       /* sub-identifiers of a descriptor below its root */
#define MIB_REL_MAX     (MIB_SUB_MAX + 2)  /* enough of a request to order it */
#define MIB_OIDVAL_MAX  32
#define MIB_STR_MAX     256

enum mib_vtype {
	MIB_NONE = 0,           /* no value now: GET says noSuchInstance, GETNEXT skips */
	MIB_INTEGER,
	MIB_STRING,
	MIB_OID,
	MIB_TICKS,
	MIB_IPADDR,
};

struct mib_value {
	enum mib_vtype type;
	int32_t i;                      /* MIB_INTEGER */
	uint32_t u;                     /* MIB_TICKS; MIB_IPADDR in network byte order */
	size_t len;                     /* MIB_STRING bytes, MIB_OID sub-identifiers */
	char s[MIB_STR_MAX];
	uint32_t oid[MIB_OIDVAL_MAX];
};

struct mib_obj;

/* Fill *v with the value of object O at ROW (0 for a scalar). */
typedef void mib_get_fn(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v);

/* The smallest row index greater than AFTER (AFTER may be -1), or -1. */
typedef int mib_rows_fn(const struct nv_ctx *ctx, int after);

struct mib_obj {
	uint32_t sub[MIB_SUB_MAX];      /* OID below the root */
	uint8_t len;
	mib_rows_fn *rows;              /* NULL for a scalar */
	mib_get_fn *get;
	long arg;                       /* the getter's parameter */
};

struct mib_tree {
	const char *name;
	const uint32_t *root;
	size_t rootlen;
	const struct mib_obj *objs;     /* strictly increasing, none a prefix of another */
	size_t n;
};

struct mib_hit {
	const struct mib_obj *obj;
	int row;                        /* 0 for a scalar */
};

/* -1 when the descriptors are in order, else the index of the first
 * descriptor that is not after its predecessor (or is empty / too long). */
long mib_tree_check(const struct mib_tree *t);

/* Instance OID of HIT below the root, into out[MIB_SUB_MAX + 1]; returns its length. */
size_t mib_hit_oid(const struct mib_hit *hit, uint32_t *out);

/* GET: the instance REL (below the root) names, with its value; false if none. */
bool mib_get_exact(const struct mib_tree *t, const uint32_t *rel, size_t len,
    const struct nv_ctx *ctx, struct mib_hit *hit, struct mib_value *v);

/* GETNEXT: the first instance after REL (below the root; len 0 = before
 * everything) that has a value, with that value; false at the end. */
bool mib_get_next(const struct mib_tree *t, const uint32_t *rel, size_t len,
    const struct nv_ctx *ctx, struct mib_hit *hit, struct mib_value *v);

/* Value helpers for getters. */
void mib_set_int(struct mib_value *v, int32_t i);
void mib_set_str(struct mib_value *v, const char *s, size_t max);
void mib_set_oid(struct mib_value *v, const uint32_t *oid, size_t len);
void mib_set_ticks(struct mib_value *v, uint32_t ticks);
void mib_set_ipaddr(struct mib_value *v, uint32_t addr_be);

#endif
