/* mib_walk.c — lexicographic GET / GETNEXT over MIB descriptors (see mib_walk.h). */
#include <limits.h>
#include <string.h>

#include "mib_walk.h"

/* Compare the first min(alen, blen) sub-identifiers; then the shorter is smaller. */
static int oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;

	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	if (alen == blen)
		return 0;
	return alen < blen ? -1 : 1;
}

static bool is_prefix(const uint32_t *p, size_t plen, const uint32_t *o, size_t olen)
{
	return plen <= olen && memcmp(p, o, plen * sizeof(*p)) == 0;
}

long mib_tree_check(const struct mib_tree *t)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct mib_obj *o = &t->objs[i], *p = &t->objs[i - (i > 0)];

		if (o->len == 0 || o->len > MIB_SUB_MAX || o->get == NULL)
			return (long)i;
		if (i == 0)
			continue;
		if (oid_cmp(p->sub, p->len, o->sub, o->len) >= 0 ||
		    is_prefix(p->sub, p->len, o->sub, o->len))
			return (long)i;
	}
	return -1;
}

size_t mib_hit_oid(const struct mib_hit *hit, uint32_t *out)
{
	memcpy(out, hit->obj->sub, hit->obj->len * sizeof(*out));
	out[hit->obj->len] = (uint32_t)hit->row;
	return hit->obj->len + 1u;
}

static bool row_exists(const struct mib_obj *o, const struct nv_mib_view *view, uint32_t row)
{
	if (row < 1 || row > INT_MAX)
		return false;
	return o->rows(view, (int)row - 1) == (int)row;
}

static bool value_of(const struct mib_hit *hit, const struct nv_mib_view *view, struct mib_value *v)
{
	memset(v, 0, sizeof(*v));
	hit->obj->get(hit->obj, hit->row, view, v);
	return v->type != MIB_NONE;
}

bool mib_get_exact(const struct mib_tree *t, const uint32_t *rel, size_t len,
    const struct nv_mib_view *view, struct mib_hit *hit, struct mib_value *v)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct mib_obj *o = &t->objs[i];

		if (len != o->len + 1u || !is_prefix(o->sub, o->len, rel, len))
			continue;
		if (o->rows == NULL ? rel[o->len] != 0 : !row_exists(o, view, rel[o->len]))
			return false;
		hit->obj = o;
		hit->row = (int)rel[o->len];
		return value_of(hit, view, v);
	}
	return false;
}

enum mib_set_err mib_find_writable(const struct mib_tree *t, const uint32_t *rel,
    size_t len, const struct nv_mib_view *view, struct mib_hit *hit)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct mib_obj *o = &t->objs[i];

		if (len != o->len + 1u || !is_prefix(o->sub, o->len, rel, len))
			continue;
		if (o->set == NULL)
			return MIB_SET_NOT_WRITABLE;
		/* a writable table has all its rows: a missing one cannot be made */
		if (o->rows == NULL ? rel[o->len] != 0 : !row_exists(o, view, rel[o->len]))
			return MIB_SET_NO_CREATION;
		hit->obj = o;
		hit->row = (int)rel[o->len];
		return MIB_SET_OK;
	}
	/* an object of the tree without its instance part, or nothing at all */
	for (size_t i = 0; i < t->n; i++)
		if (is_prefix(rel, len, t->objs[i].sub, t->objs[i].len) ||
		    is_prefix(t->objs[i].sub, t->objs[i].len, rel, len))
			return t->objs[i].set == NULL ? MIB_SET_NOT_WRITABLE : MIB_SET_NO_CREATION;
	return MIB_SET_NO_CREATION;
}

/* The first instance of O after REL, if O has one. */
static bool next_in_obj(const struct mib_obj *o, const uint32_t *rel, size_t len,
    const struct nv_mib_view *view, struct mib_hit *hit)
{
	int after = -1;

	if (is_prefix(o->sub, o->len, rel, len) && len > o->len) {
		/* REL is at or inside an instance of O: only later rows follow */
		if (o->rows == NULL || rel[o->len] >= INT_MAX)
			return false;
		after = (int)rel[o->len];
	} else if (oid_cmp(rel, len, o->sub, o->len) > 0) {
		return false;           /* O lies wholly before REL */
	}
	hit->obj = o;
	hit->row = o->rows == NULL ? 0 : o->rows(view, after);
	return hit->row >= 0;
}

bool mib_get_next(const struct mib_tree *t, const uint32_t *rel, size_t len,
    const struct nv_mib_view *view, struct mib_hit *hit, struct mib_value *v)
{
	uint32_t cur[MIB_REL_MAX];

	if (len > MIB_REL_MAX)
		len = MIB_REL_MAX;      /* deeper sub-identifiers cannot change the order */
	memcpy(cur, rel, len * sizeof(*cur));
	for (size_t i = 0; i < t->n; ) {
		if (!next_in_obj(&t->objs[i], cur, len, view, hit)) {
			i++;
			continue;
		}
		if (value_of(hit, view, v))
			return true;
		len = mib_hit_oid(hit, cur);    /* no value now: look after it */
	}
	return false;
}

void mib_async_done(struct mib_async *a, enum mib_set_err e)
{
	a->done(a, e);
}

void mib_set_int(struct mib_value *v, int32_t i)
{
	v->type = MIB_INTEGER;
	v->i = i;
}

void mib_set_str(struct mib_value *v, const char *s, size_t max)
{
	size_t n = strnlen(s, max < sizeof(v->s) ? max : sizeof(v->s));

	v->type = MIB_STRING;
	memcpy(v->s, s, n);
	v->len = n;
}

void mib_set_oid(struct mib_value *v, const uint32_t *oid, size_t len)
{
	if (len > MIB_OIDVAL_MAX)
		len = MIB_OIDVAL_MAX;
	v->type = MIB_OID;
	memcpy(v->oid, oid, len * sizeof(*oid));
	v->len = len;
}

void mib_set_ticks(struct mib_value *v, uint32_t ticks)
{
	v->type = MIB_TICKS;
	v->u = ticks;
}

void mib_set_ipaddr(struct mib_value *v, uint32_t addr_be)
{
	v->type = MIB_IPADDR;
	v->u = addr_be;
}

void mib_set_gauge(struct mib_value *v, uint32_t n)
{
	v->type = MIB_GAUGE;
	v->u = n;
}

void mib_set_counter(struct mib_value *v, uint32_t n)
{
	v->type = MIB_COUNTER;
	v->u = n;
}
