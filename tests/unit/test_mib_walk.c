/* test_mib_walk.c — GET / GETNEXT over descriptors answer in lexicographic order. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "ctx.h"
#include "mib_fixture.h"
#include "mib_socomec.h"
#include "mib_state.h"
#include "mib_walk.h"

static struct nv_ctx ctx;

static int rows_phases(const struct nv_mib_view *c, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= c->snap->id.phases_in ? next : -1;
}

static void get_arg(const struct mib_obj *o, int row, const struct nv_mib_view *c,
    struct mib_value *v)
{
	mib_set_int(v, (int32_t)(o->arg * 100 + row));
}

/* no value for row 2: GETNEXT must skip it */
static void get_hole(const struct mib_obj *o, int row, const struct nv_mib_view *c,
    struct mib_value *v)
{
	if (row != 2)
		mib_set_int(v, row);
}

static const uint32_t root[] = { 1, 3, 6, 1, 4, 1, 99999 };
static const struct mib_obj objs[] = {
	{ { 1, 1 }, 2, NULL, get_arg, 1, NULL },
	{ { 1, 2 }, 2, NULL, get_arg, 2, NULL },
	{ { 2, 1, 1 }, 3, rows_phases, get_arg, 3, NULL },
	{ { 2, 1, 2 }, 3, rows_phases, get_hole, 4, NULL },
	{ { 3 }, 1, NULL, get_arg, 5, NULL },
};
static const struct mib_tree tree = { "test", root, 7, objs, 5, NULL };

static void setup(void)
{
	memset(&ctx, 0, sizeof(ctx));
	nv_snapshot_init(&ctx.snap);
	ctx.snap.id.phases_in = 3;
	ctx.view.snap = &ctx.snap;
	ctx.view.cfg = &ctx.cfg;
}

/* GETNEXT from REL; the instance found goes to out, its value is returned */
static int32_t next(const uint32_t *rel, size_t len, uint32_t *out, size_t *outlen)
{
	struct mib_hit hit;
	struct mib_value v;

	if (!mib_get_next(&tree, rel, len, &ctx.view, &hit, &v))
		return -999;
	*outlen = mib_hit_oid(&hit, out);
	return v.i;
}

START_TEST(walk_visits_every_instance_in_order)
{
	static const uint32_t want[][4] = {
		{ 1, 1, 0 }, { 1, 2, 0 }, { 2, 1, 1, 1 }, { 2, 1, 1, 2 }, { 2, 1, 1, 3 },
		{ 2, 1, 2, 1 }, { 2, 1, 2, 3 }, { 3, 0 },
	};
	static const size_t wantlen[] = { 3, 3, 4, 4, 4, 4, 4, 2 };
	uint32_t cur[MIB_REL_MAX];
	size_t len = 0, i = 0;

	while (next(cur, len, cur, &len) != -999) {
		ck_assert_uint_lt(i, 8);
		ck_assert_uint_eq(len, wantlen[i]);
		ck_assert_mem_eq(cur, want[i], len * sizeof(uint32_t));
		i++;
	}
	ck_assert_uint_eq(i, 8);
}
END_TEST

START_TEST(getnext_between_and_inside_instances)
{
	uint32_t out[MIB_REL_MAX];
	size_t len;
	const uint32_t a[] = { 1 }, b[] = { 1, 1, 0, 7 }, c[] = { 2, 1, 1, 2, 5 },
	    d[] = { 2, 1, 1, 99 }, e[] = { 3, 0 }, f[] = { 2, 0 };

	ck_assert_int_eq(next(a, 1, out, &len), 100);           /* before: first */
	ck_assert_int_eq(next(b, 4, out, &len), 200);           /* inside scalar */
	ck_assert_int_eq(next(c, 5, out, &len), 303);           /* inside a row */
	ck_assert_int_eq(next(d, 4, out, &len), 1);             /* past last row */
	ck_assert_int_eq(next(e, 2, out, &len), -999);          /* end */
	ck_assert_int_eq(next(f, 2, out, &len), 301);           /* before the table */
}
END_TEST

START_TEST(get_exact_needs_an_existing_instance)
{
	struct mib_hit hit;
	struct mib_value v;
	const uint32_t ok[] = { 2, 1, 1, 3 }, norow[] = { 2, 1, 1, 4 }, noinst[] = { 1, 1, 1 },
	    hole[] = { 2, 1, 2, 2 }, shorter[] = { 2, 1, 1 };

	ck_assert(mib_get_exact(&tree, ok, 4, &ctx.view, &hit, &v));
	ck_assert_int_eq(v.i, 303);
	ck_assert(!mib_get_exact(&tree, norow, 4, &ctx.view, &hit, &v));
	ck_assert(!mib_get_exact(&tree, noinst, 3, &ctx.view, &hit, &v));
	ck_assert(!mib_get_exact(&tree, hole, 4, &ctx.view, &hit, &v));
	ck_assert(!mib_get_exact(&tree, shorter, 3, &ctx.view, &hit, &v));
}
END_TEST

START_TEST(tree_check_rejects_disorder)
{
	struct mib_obj bad[2] = { objs[1], objs[0] };
	struct mib_obj prefix[2] = { { { 2 }, 1, NULL, get_arg, 0, NULL }, objs[2] };
	struct mib_tree t = { "bad", root, 7, bad, 2, NULL };

	ck_assert_int_eq(mib_tree_check(&tree), -1);
	ck_assert_int_eq(mib_tree_check(&t), 1);
	t.objs = prefix;
	ck_assert_int_eq(mib_tree_check(&t), 1);
}
END_TEST

/* The real SOCOMEC table is ordered, and a full walk of a live-looking
 * snapshot returns strictly increasing OIDs. */
START_TEST(socomec_walk_is_strictly_increasing)
{
	/* instances per group of upsObjects (index = its sub-id), for one
	 * single-phase-out UPS on battery with no history: 8 ident, 9
	 * battery, 2 + 3 x 5 input, 3 + 1 x 6 + 3 output, 2 + 1 x 3 bypass,
	 * 1 + 4 alarm row + 62 well-known alarms, 3 + 5 x 9 control (the
	 * shutdown parameter table: one row per shutdown event) + 5 x (7 + 8
	 * + 7) schedules (weekly, special-day, eco-mode rows), 4 config
	 * (no protected devices: shutdown management is off),
	 * 18 agent + 4 x 8 trap receivers, 4 EMD.  A group that grows must
	 * be counted here. */
	static const size_t want[] = { 0, 8, 9, 17, 12, 5, 67, 158, 4, 50, 4 };
	size_t got[sizeof(want) / sizeof(want[0])] = { 0 };
	uint32_t cur[MIB_REL_MAX], prev[MIB_REL_MAX];
	size_t len = 0, plen = 0, count = 0;
	struct mib_hit hit;
	struct mib_value v;

	ck_assert_int_eq(mib_tree_check(&nv_socomec_tree), -1);
	ctx.snap.comm = NV_COMM_OK;
	ctx.snap.id.phases_out = 1;
	nv_cond_set(&ctx.snap.sys, NV_C_ON_BATTERY, true);
	fx_state(&ctx);
	fx_update(&ctx);
	while (mib_get_next(&nv_socomec_tree, cur, len, &ctx.view, &hit, &v)) {
		len = mib_hit_oid(&hit, cur);
		if (count > 0) {
			size_t n = len < plen ? len : plen, i = 0;

			while (i < n && cur[i] == prev[i])
				i++;
			ck_assert_msg(i < n ? cur[i] > prev[i] : len > plen, "order at %zu", count);
		}
		memcpy(prev, cur, sizeof(cur));
		plen = len;
		count++;
		ck_assert_msg(cur[0] < sizeof(want) / sizeof(want[0]),
		    "instance in an unexpected group %u", cur[0]);
		got[cur[0]]++;
	}
	for (size_t g = 0; g < sizeof(want) / sizeof(want[0]); g++)
		ck_assert_msg(got[g] == want[g], "group %zu: %zu instances, expected %zu",
		    g, got[g], want[g]);
	fx_fini(&ctx);
}
END_TEST

static Suite *mib_walk_suite(void)
{
	Suite *s = suite_create("mib_walk");
	TCase *tc = tcase_create("order");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, walk_visits_every_instance_in_order);
	tcase_add_test(tc, getnext_between_and_inside_instances);
	tcase_add_test(tc, get_exact_needs_an_existing_instance);
	tcase_add_test(tc, tree_check_rejects_disorder);
	tcase_add_test(tc, socomec_walk_is_strictly_increasing);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_walk_suite, NULL };
