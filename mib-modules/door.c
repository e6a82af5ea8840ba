/* door.c — GET / GETNEXT over a door's nodes (see door.h). */
#include <stdio.h>
#include <string.h>

#include "door.h"

bool door_int(struct door_val *v, long n)
{
	v->type = DOOR_INTEGER;
	v->num = n;
	return true;
}

bool door_int_known(struct door_val *v, int32_t n)
{
	if (n == NV_NA)
		return false;
	return door_int(v, n);
}

bool door_str(struct door_val *v, const char *s)
{
	v->type = DOOR_STRING;
	snprintf(v->str, sizeof(v->str), "%s", s ? s : "");
	return true;
}

bool door_oid(struct door_val *v, const uint32_t *oid, size_t len)
{
	if (len > DOOR_MAX_OID)
		return false;
	v->type = DOOR_OID;
	memcpy(v->oid, oid, len * sizeof(*oid));
	v->oidlen = len;
	return true;
}

int door_rows_upto(int after, int n)
{
	return after < n ? (after < 0 ? 1 : after + 1) : 0;
}

long door_div_round(long n, long d)
{
	if (n >= 0)
		return (n + d / 2) / d;
	return -((-n + d / 2) / d);
}

static int oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++) {
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	}
	if (alen == blen)
		return 0;
	return alen < blen ? -1 : 1;
}

static bool row_exists(const struct door_node *nd, const struct door_in *in, uint32_t row)
{
	if (row == 0 || row > INT32_MAX)
		return false;
	return nd->next_row(in, (int)row - 1) == (int)row;
}

static bool get_exact(const struct door *d, const struct door_in *in,
    const uint32_t *rel, size_t rellen, struct door_val *v)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const struct door_node *nd = &d->nodes[i];

		if (rellen <= nd->pathlen || oid_cmp(rel, nd->pathlen, nd->path, nd->pathlen) != 0)
			continue;
		if (nd->get)
			return rellen == nd->pathlen + 1 && rel[nd->pathlen] == 0 &&
			    nd->get(in, 0, v);
		if (rellen != nd->pathlen + 2 || !row_exists(nd, in, rel[nd->pathlen + 1]))
			return false;
		for (size_t c = 0; c < nd->ncols; c++) {
			if (nd->cols[c].id == rel[nd->pathlen])
				return nd->cols[c].get(in, (int)rel[nd->pathlen + 1], v);
		}
		return false;
	}
	return false;
}

/* First instance of a table after rel that has a value. */
static bool next_in_table(const struct door_node *nd, const struct door_in *in,
    const uint32_t *rel, size_t rellen, uint32_t *cand, size_t *candlen,
    struct door_val *v)
{
	memcpy(cand, nd->path, nd->pathlen * sizeof(*cand));
	*candlen = nd->pathlen + 2;
	for (size_t c = 0; c < nd->ncols; c++) {
		cand[nd->pathlen] = nd->cols[c].id;
		for (int row = nd->next_row(in, 0); row > 0; row = nd->next_row(in, row)) {
			cand[nd->pathlen + 1] = (uint32_t)row;
			if (oid_cmp(cand, *candlen, rel, rellen) <= 0)
				continue;
			if (nd->cols[c].get(in, row, v))
				return true;
		}
	}
	return false;
}

static bool get_next(const struct door *d, const struct door_in *in,
    const uint32_t *rel, size_t rellen, uint32_t *cand, size_t *candlen,
    struct door_val *v)
{
	for (size_t i = 0; i < d->nnodes; i++) {
		const struct door_node *nd = &d->nodes[i];

		if (nd->get) {
			memcpy(cand, nd->path, nd->pathlen * sizeof(*cand));
			cand[nd->pathlen] = 0;
			*candlen = nd->pathlen + 1;
			if (oid_cmp(cand, *candlen, rel, rellen) > 0 && nd->get(in, 0, v))
				return true;
		} else if (next_in_table(nd, in, rel, rellen, cand, candlen, v)) {
			return true;
		}
	}
	return false;
}

bool door_lookup(const struct door *d, const struct door_in *in,
    const uint32_t *name, size_t namelen, bool exact,
    uint32_t *found, size_t *foundlen, struct door_val *v)
{
	const uint32_t *rel = name;
	size_t rellen = 0;
	uint32_t cand[DOOR_MAX_PATH + 2];
	size_t candlen = 0;

	memset(v, 0, sizeof(*v));
	if (namelen >= d->rootlen && oid_cmp(name, d->rootlen, d->root, d->rootlen) == 0) {
		rel = name + d->rootlen;
		rellen = namelen - d->rootlen;
	} else if (exact || oid_cmp(name, namelen, d->root, d->rootlen) > 0) {
		return false;
	}
	if (exact)
		return get_exact(d, in, rel, rellen, v);
	if (!get_next(d, in, rel, rellen, cand, &candlen, v))
		return false;
	if (d->rootlen + candlen > DOOR_MAX_OID)
		return false;
	memcpy(found, d->root, d->rootlen * sizeof(*found));
	memcpy(found + d->rootlen, cand, candlen * sizeof(*found));
	*foundlen = d->rootlen + candlen;
	return true;
}
