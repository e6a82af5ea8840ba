/*
 * test_mib_model.c — every per-line column of every tree (SOCOMEC,
 * RFC 1628, STS, NV5) reads line N's own value, or one value of the whole
 * unit for every line: never the neighbour of a per-unit value in memory
 * (upsInputFrequency.2 once answered line 1's voltage).
 *
 * How: each measurement of the model gets a distinct value; then each is
 * changed alone, and for every row of every column we note which ones moved
 * the answer.  Line N may depend on element N-1 of a per-line array, or on
 * per-unit values, and every line of a column on the same measurements.
 */
#include <stdlib.h>

#include "check_main.h"
#include "mib_fixture.h"
#include "mib_socomec.h"
#include "nv5_values.h"
#include "rfc1628_values.h"
#include "sts_values.h"

#define SLOTS ((int)(sizeof(struct nv_unit) / sizeof(int32_t)))
#define MAX_DEPS 8

/* The per-line arrays of the model (struct nv_unit): a slot inside one of
 * them is element (slot - first) of the array starting at `first`. */
#define LINE(m) { offsetof(struct nv_unit, m), sizeof(((struct nv_unit *)0)->m) / sizeof(int32_t) }
static const struct { size_t off; size_t n; } line_arrays[] = {
	LINE(ups.in_voltage), LINE(ups.in_current), LINE(ups.byp_voltage),
	LINE(ups.byp_current), LINE(ups.out_voltage), LINE(ups.out_current),
	LINE(ups.out_load), LINE(ups.out_kva), LINE(ups.out_kw),
	LINE(sts.src_voltage[0]), LINE(sts.src_voltage[1]), LINE(sts.out_voltage),
	LINE(sts.out_current), LINE(sts.out_load), LINE(sts.out_kva),
	LINE(sts.out_kw), LINE(sts.out_pf), LINE(sts.out_crest),
};

/* Measurement slots: the int32_t of ups and sts (the rest of nv_unit is
 * flags, conditions and raw words). */
static int first_slot(void)
{
	return (int)(offsetof(struct nv_unit, ups) / sizeof(int32_t));
}

static int end_slot(void)
{
	return (int)((offsetof(struct nv_unit, sts) + sizeof(struct nv_sts_meas)) /
	    sizeof(int32_t));
}

/* The array a slot belongs to (its first slot) and its element, or -1. */
static int slot_array(int slot, int *elem)
{
	size_t off = (size_t)slot * sizeof(int32_t);

	for (size_t i = 0; i < sizeof(line_arrays) / sizeof(line_arrays[0]); i++) {
		if (off >= line_arrays[i].off &&
		    off < line_arrays[i].off + line_arrays[i].n * sizeof(int32_t)) {
			*elem = (int)((off - line_arrays[i].off) / sizeof(int32_t));
			return (int)(line_arrays[i].off / sizeof(int32_t));
		}
	}
	return -1;
}

static int32_t *slot_ptr(struct nv_ctx *ctx, int slot)
{
	return (int32_t *)(void *)&ctx->snap.sys + slot;
}

/* Distinct, positive, small enough that no getter clamps (loads <= 200). */
static void fill(struct nv_ctx *ctx)
{
	for (int s = first_slot(), k = 0; s < end_slot(); s++, k++)
		*slot_ptr(ctx, s) = 20 + 2 * k;
}

static bool same(const struct mib_value *a, const struct mib_value *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case MIB_INTEGER: return a->i == b->i;
	case MIB_STRING:  return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
	case MIB_OID:     return a->len == b->len && memcmp(a->oid, b->oid, a->len * sizeof(uint32_t)) == 0;
	default:          return a->u == b->u;
	}
}

static void value_at(const struct mib_obj *o, int row, const struct nv_ctx *ctx,
    struct mib_value *v)
{
	memset(v, 0, sizeof(*v));
	o->get(o, row, &ctx->view, v);
}

/* Which measurement slots change the value of O at ROW. */
static int deps(const struct mib_obj *o, int row, struct nv_ctx *ctx, int *out)
{
	struct mib_value base, v;
	int n = 0;

	fill(ctx);
	value_at(o, row, ctx, &base);
	for (int s = first_slot(); s < end_slot(); s++) {
		*slot_ptr(ctx, s) += 20;
		value_at(o, row, ctx, &v);
		*slot_ptr(ctx, s) -= 20;
		if (!same(&base, &v)) {
			ck_assert_msg(n < MAX_DEPS, "too many dependencies");
			out[n++] = s;
		}
	}
	return n;
}

/* The measurement a slot stands for, whatever the line: an array's first slot. */
static int measurement(int slot)
{
	int elem;
	int a = slot_array(slot, &elem);

	return a >= 0 ? a : slot;
}

static void check_tree(const struct mib_tree *t, struct nv_ctx *ctx)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct mib_obj *o = &t->objs[i];
		int first[MAX_DEPS], nfirst = -1;

		if (o->rows == NULL)
			continue;
		for (int row = o->rows(&ctx->view, -1); row > 0; row = o->rows(&ctx->view, row)) {
			int d[MAX_DEPS];
			int n = deps(o, row, ctx, d);

			for (int k = 0; k < n; k++) {
				int elem;

				if (slot_array(d[k], &elem) >= 0)
					ck_assert_msg(elem == row - 1,
					    "%s column %zu (sub %u.%u) row %d reads line %d of a per-line value",
					    t->name, i, o->sub[0], o->sub[o->len - 1], row, elem + 1);
				d[k] = measurement(d[k]);
			}
			if (nfirst < 0) {
				nfirst = n;
				memcpy(first, d, sizeof(d));
				continue;
			}
			ck_assert_msg(n == nfirst && memcmp(d, first, (size_t)n * sizeof(int)) == 0,
			    "%s column %zu (sub %u.%u): row %d reads other measurements than row 1",
			    t->name, i, o->sub[0], o->sub[o->len - 1], row);
		}
	}
}

static struct nv_ctx ctx;

static void setup(void)
{
	fx_ctx(&ctx);
	ctx.snap.unit[0] = ctx.snap.sys;
}

static void teardown(void)
{
	fx_fini(&ctx);
}

START_TEST(rfc1628_line_columns_read_their_own_line)
{
	check_tree(&nv_rfc1628_tree, &ctx);
}
END_TEST

START_TEST(socomec_line_columns_read_their_own_line)
{
	check_tree(&nv_socomec_tree, &ctx);
}
END_TEST

START_TEST(nv5_line_columns_read_their_own_line)
{
	check_tree(&nv_nv5_tree, &ctx);
}
END_TEST

START_TEST(sts_line_columns_read_their_own_line)
{
	ctx.snap.kind = NV_KIND_STS;
	ctx.snap.proto = NV_PROTO_STS;
	check_tree(&nv_sts_tree, &ctx);
}
END_TEST

/* The test itself: a column that reads the slot after a per-unit value
 * (the defect this file is about) is caught. */
static void get_next_slot(const struct mib_obj *o, int row, const struct nv_mib_view *c,
    struct mib_value *v)
{
	const int32_t *p = &c->snap->sys.ups.in_freq;

	mib_set_int(v, p[row - 1]);
}

static int three_rows(const struct nv_mib_view *c, int after)
{
	return after < 3 ? (after < 0 ? 1 : after + 1) : -1;
}

START_TEST(a_per_unit_value_read_per_line_is_caught)
{
	static const struct mib_obj objs[] = { { { 1, 1 }, 2, three_rows, get_next_slot, 0, NULL } };
	struct mib_value a, b;
	int d[MAX_DEPS];

	/* row 2 depends on in_voltage[0], element 0 of a per-line array */
	ck_assert_int_eq(deps(&objs[0], 2, &ctx, d), 1);
	ck_assert_int_eq(d[0], (int)(offsetof(struct nv_unit, ups.in_voltage) / sizeof(int32_t)));
	value_at(&objs[0], 1, &ctx, &a);
	value_at(&objs[0], 2, &ctx, &b);
	ck_assert(!same(&a, &b));
}
END_TEST

static Suite *mib_model_suite(void)
{
	Suite *s = suite_create("mib_model");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rfc1628_line_columns_read_their_own_line);
	tcase_add_test(tc, socomec_line_columns_read_their_own_line);
	tcase_add_test(tc, nv5_line_columns_read_their_own_line);
	tcase_add_test(tc, sts_line_columns_read_their_own_line);
	tcase_add_test(tc, a_per_unit_value_read_per_line_is_caught);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_model_suite, NULL };
