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
struct nv_mib_view;

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
	MIB_GAUGE,              /* Gauge32 / Unsigned32 */
	MIB_COUNTER,            /* Counter32 */
};

struct mib_value {
	enum mib_vtype type;
	int32_t i;                      /* MIB_INTEGER */
	uint32_t u;                     /* MIB_TICKS, MIB_GAUGE, MIB_COUNTER;
					 * MIB_IPADDR in network byte order */
	size_t len;                     /* MIB_STRING bytes, MIB_OID sub-identifiers */
	char s[MIB_STR_MAX];
	uint32_t oid[MIB_OIDVAL_MAX];
};

struct mib_obj;

/*
 * SET.  A writable column has a setter: a put function that checks one
 * value (and, given the transaction's scratch copy, records it there) and
 * the transaction that the columns of one table share.  mib_subtree.c maps
 * net-snmp's phases onto them: RESERVE1 put(scratch NULL) per varbind;
 * RESERVE2 begin + put(scratch) per varbind, then check once; ACTION
 * apply, then start; COMMIT commit + end; UNDO undo + end; FREE end.
 *
 * A change that only the device can accept (a UPS command) has a start:
 * it sends the change and answers later through mib_async_done(), and the
 * request waits meanwhile (net-snmp's delegated requests: the manager
 * gets its answer once the device has answered, the main loop runs on).
 */
enum mib_set_err {
	MIB_SET_OK = 0,
	MIB_SET_WRONG_TYPE,
	MIB_SET_WRONG_LENGTH,
	MIB_SET_WRONG_VALUE,
	MIB_SET_INCONSISTENT,   /* fine alone, not with the rest of the state */
	MIB_SET_NOT_WRITABLE,
	MIB_SET_NO_CREATION,
	MIB_SET_RESOURCE,       /* out of memory */
	MIB_SET_COMMIT_FAILED,  /* could not be made live or durable */
};

/* A request that waits for the device; mib_subtree.c's handle on it
 * starts with this. */
struct mib_async {
	void (*done)(struct mib_async *a, enum mib_set_err e);
};
/* The device answered: MIB_SET_OK, or the error the manager gets; a is
 * freed. */
void mib_async_done(struct mib_async *a, enum mib_set_err e);

struct mib_txn_ops {
	/* A scratch copy of the writable state, or NULL (out of memory). */
	void *(*begin)(const struct nv_ctx *ctx);
	/* All values are put: does the whole make sense? */
	enum mib_set_err (*check)(void *scratch, const struct nv_ctx *ctx);
	/* Make it the running (and saved) state; on error nothing changed. */
	enum mib_set_err (*apply)(void *scratch, struct nv_ctx *ctx);
	/* Put back what apply replaced (another part of the request failed). */
	void (*undo)(void *scratch, struct nv_ctx *ctx);
	/* Every apply succeeded: tell whoever uses the state. */
	void (*commit)(void *scratch, struct nv_ctx *ctx);
	void (*end)(void *scratch);
	/* NULL, or after apply: *started = true when the change went to the
	 * device and mib_async_done(a) follows; an error: nothing sent. */
	enum mib_set_err (*start)(void *scratch, struct nv_ctx *ctx, struct mib_async *a,
	    bool *started);
};

struct mib_value;

/* Check V for object O at ROW; with SCRATCH, also record it there. */
typedef enum mib_set_err mib_put_fn(const struct mib_obj *o, int row,
    const struct mib_value *v, void *scratch);

struct mib_setter {
	mib_put_fn *put;
	const struct mib_txn_ops *txn;
};

/* Fill *v with the value of object O at ROW (0 for a scalar). */
typedef void mib_get_fn(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

/* The smallest row index greater than AFTER (AFTER may be -1), or -1. */
typedef int mib_rows_fn(const struct nv_mib_view *view, int after);

struct mib_obj {
	uint32_t sub[MIB_SUB_MAX];      /* OID below the root */
	uint8_t len;
	mib_rows_fn *rows;              /* NULL for a scalar */
	mib_get_fn *get;
	long arg;                       /* the getter's (and setter's) parameter */
	const struct mib_setter *set;   /* NULL: read-only */
};

struct mib_tree {
	const char *name;
	const uint32_t *root;
	size_t rootlen;
	const struct mib_obj *objs;     /* strictly increasing, none a prefix of another */
	size_t n;
	/* NULL: always served.  Else false while the device is not one this
	 * tree describes (the UPS MIBs for an STS...): GET answers
	 * noSuchObject and GETNEXT passes on to the next subtree. */
	bool (*served)(const struct nv_mib_view *view);
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
    const struct nv_mib_view *view, struct mib_hit *hit, struct mib_value *v);

/* GETNEXT: the first instance after REL (below the root; len 0 = before
 * everything) that has a value, with that value; false at the end. */
bool mib_get_next(const struct mib_tree *t, const uint32_t *rel, size_t len,
    const struct nv_mib_view *view, struct mib_hit *hit, struct mib_value *v);

/* SET: the object and row REL names, if it can be written there. */
enum mib_set_err mib_find_writable(const struct mib_tree *t, const uint32_t *rel,
    size_t len, const struct nv_mib_view *view, struct mib_hit *hit);

/* Value helpers for getters. */
void mib_set_int(struct mib_value *v, int32_t i);
void mib_set_str(struct mib_value *v, const char *s, size_t max);
void mib_set_oid(struct mib_value *v, const uint32_t *oid, size_t len);
void mib_set_ticks(struct mib_value *v, uint32_t ticks);
void mib_set_ipaddr(struct mib_value *v, uint32_t addr_be);
void mib_set_gauge(struct mib_value *v, uint32_t n);
void mib_set_counter(struct mib_value *v, uint32_t n);

#endif
