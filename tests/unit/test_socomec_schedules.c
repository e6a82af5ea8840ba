/*
 * test_socomec_schedules.c — the SOCOMEC schedule tables without an
 * agent: rows read the running entries (empty rows: none, "00:00",
 * "00/00/0000"); each column's type, length and form checked alone; a
 * transaction fills the next empty row, deletes a row with a first day of
 * none, and refuses (inconsistentValue) a row past the next empty one or
 * an overlap, leaving the running schedule as it was.
 */
#include <stdint.h>
#include <unistd.h>

#include "check_main.h"
#include "mib_fixture.h"
#include "mib_socomec.h"

#define CTL ".1.3.6.1.4.1.4555.1.1.7.1.7"
#define WK CTL ".5.1"
#define SP CTL ".6.1"
#define ECO CTL ".7.1"

static struct nv_ctx ctx;

static void setup(void)
{
	fx_ctx(&ctx);
	fx_update(&ctx);
	ctx.cfg.schedule.n_weekly = 1;
	ctx.cfg.schedule.weekly[0] = (struct nv_sched_weekly){ { 5, 22 * 3600 },
	    { 1, 6 * 3600 }, 0 };
}

static void teardown(void)
{
	fx_fini(&ctx);
}

static struct mib_hit writable(const char *txt)
{
	const struct mib_tree *t = &nv_socomec_tree;
	uint32_t o[FX_OID_MAX];
	size_t n = fx_oid(txt, o);
	struct mib_hit hit;

	ck_assert_int_eq(mib_find_writable(t, o + t->rootlen, n - t->rootlen, &ctx.view,
	    &hit), MIB_SET_OK);
	return hit;
}

static enum mib_set_err put(const char *oid, const struct mib_value *v, void *scratch)
{
	struct mib_hit h = writable(oid);

	return h.obj->set->put(h.obj, h.row, v, scratch);
}

static struct mib_value string(const char *s)
{
	struct mib_value v;

	memset(&v, 0, sizeof(v));
	mib_set_str(&v, s, MIB_STR_MAX);
	return v;
}

static const char *get_str(const char *oid)
{
	static struct mib_value v;

	ck_assert(fx_get_val(&nv_socomec_tree, &ctx, oid, &v));
	ck_assert_int_eq(v.type, MIB_STRING);
	return v.s;
}

START_TEST(rows_read_the_running_entries)
{
	ck_assert_int_eq(fx_get(&nv_socomec_tree, &ctx, WK ".2.1"), 6);        /* friday */
	ck_assert_str_eq(get_str(WK ".3.1"), "22:00");
	ck_assert_int_eq(fx_get(&nv_socomec_tree, &ctx, WK ".4.1"), 2);        /* monday */
	ck_assert_str_eq(get_str(WK ".5.1"), "06:00");
	ck_assert_int_eq(fx_get(&nv_socomec_tree, &ctx, WK ".2.7"), 8);        /* none */
	ck_assert_str_eq(get_str(WK ".3.7"), "00:00");
	ck_assert_str_eq(get_str(SP ".2.8"), "00/00/0000");
	ck_assert_int_eq(fx_get(&nv_socomec_tree, &ctx, ECO ".1.7"), 7);
}
END_TEST

START_TEST(each_column_checks_type_length_and_form)
{
	struct mib_value v = fx_int(4);

	ck_assert_int_eq(put(WK ".2.2", &v, NULL), MIB_SET_OK);
	v = fx_int(9);
	ck_assert_int_eq(put(WK ".2.2", &v, NULL), MIB_SET_WRONG_VALUE);
	v = string("4");
	ck_assert_int_eq(put(WK ".2.2", &v, NULL), MIB_SET_WRONG_TYPE);
	v = string("7:00");
	ck_assert_int_eq(put(WK ".3.2", &v, NULL), MIB_SET_WRONG_LENGTH);
	v = string("24:00");
	ck_assert_int_eq(put(ECO ".5.1", &v, NULL), MIB_SET_WRONG_VALUE);
	v = string("07h30");
	ck_assert_int_eq(put(ECO ".3.1", &v, NULL), MIB_SET_WRONG_VALUE);
	v = string("29/02/2027");
	ck_assert_int_eq(put(SP ".2.1", &v, NULL), MIB_SET_WRONG_VALUE);
	v = string("29/02/2028");
	ck_assert_int_eq(put(SP ".2.1", &v, NULL), MIB_SET_OK);
	v = string("00/00/0000");
	ck_assert_int_eq(put(SP ".4.1", &v, NULL), MIB_SET_OK);
	v = fx_int(1);
	ck_assert_int_eq(put(SP ".2.1", &v, NULL), MIB_SET_WRONG_TYPE);
}
END_TEST

/* One SET of the given (oid, value) pairs through the transaction's check. */
static enum mib_set_err set_check(const char *const *oids, const struct mib_value *vals,
    size_t n, struct nv_schedule_cfg *cand)
{
	const struct mib_txn_ops *ops = writable(oids[0]).obj->set->txn;
	void *tx = ops->begin(&ctx);
	enum mib_set_err e = MIB_SET_OK;

	ck_assert_ptr_nonnull(tx);
	for (size_t i = 0; i < n && e == MIB_SET_OK; i++)
		e = put(oids[i], &vals[i], tx);
	if (e == MIB_SET_OK)
		e = ops->check(tx, &ctx);
	if (e == MIB_SET_OK && cand != NULL) {
		char dir[] = "/tmp/nv-schmib-XXXXXX", path[64];

		ck_assert_ptr_nonnull(mkdtemp(dir));
		snprintf(ctx.cfg.state_dir, sizeof(ctx.cfg.state_dir), "%s", dir);
		ck_assert_int_eq(ops->apply(tx, &ctx), MIB_SET_OK);
		*cand = ctx.cfg.schedule;
		ops->undo(tx, &ctx);
		snprintf(path, sizeof(path), "%s/schedule.conf", dir);
		ck_assert_int_eq(unlink(path), 0);
		ck_assert_int_eq(rmdir(dir), 0);
	}
	ops->end(tx);
	return e;
}

START_TEST(a_set_fills_the_next_row_and_deletes_with_none)
{
	static const char *const add[] = { WK ".2.2", WK ".3.2", WK ".4.2", WK ".5.2" };
	const struct mib_value addv[] = { fx_int(4), string("23:30"), fx_int(5), string("07:00") };
	static const char *const del[] = { WK ".2.1" };
	const struct mib_value delv[] = { fx_int(8) };
	struct nv_schedule_cfg c;

	ck_assert_int_eq(set_check(add, addv, 4, &c), MIB_SET_OK);
	ck_assert_int_eq(c.n_weekly, 2);
	ck_assert_int_eq(c.weekly[1].off.wday, 3);
	ck_assert_int_eq(c.weekly[1].restart.sec, 7 * 3600);
	ck_assert_int_eq(ctx.cfg.schedule.n_weekly, 1);         /* undone */
	ck_assert_int_eq(set_check(del, delv, 1, &c), MIB_SET_OK);
	ck_assert_int_eq(c.n_weekly, 0);
}
END_TEST

START_TEST(a_set_past_the_next_row_or_overlapping_is_inconsistent)
{
	static const char *const far[] = { WK ".2.3" };
	const struct mib_value farv[] = { fx_int(4) };
	static const char *const over[] = { WK ".2.2", WK ".3.2" };
	const struct mib_value overv[] = { fx_int(7), string("12:00") };   /* sat noon */
	static const char *const eco[] = { ECO ".2.1", ECO ".3.1" };
	const struct mib_value ecov[] = { fx_int(2), string("08:00") };

	ck_assert_int_eq(set_check(far, farv, 1, NULL), MIB_SET_INCONSISTENT);
	ck_assert_int_eq(set_check(over, overv, 2, NULL), MIB_SET_INCONSISTENT);
	ck_assert_int_eq(set_check(eco, ecov, 2, NULL), MIB_SET_INCONSISTENT);
	ck_assert_int_eq(ctx.cfg.schedule.n_weekly, 1);
	ck_assert_int_eq(ctx.cfg.schedule.n_eco, 0);
}
END_TEST

static Suite *schedules_suite(void)
{
	Suite *s = suite_create("socomec_schedules");
	TCase *tc = tcase_create("tables");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, rows_read_the_running_entries);
	tcase_add_test(tc, each_column_checks_type_length_and_form);
	tcase_add_test(tc, a_set_fills_the_next_row_and_deletes_with_none);
	tcase_add_test(tc, a_set_past_the_next_row_or_overlapping_is_inconsistent);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { schedules_suite, NULL };
