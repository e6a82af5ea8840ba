/*
 * test_mib_controls.c — the SETs that command the device, before anything
 * is sent: upsControlStatusControl's and upsTestId's types and values,
 * upsTestSpinLock's TestAndIncr, a test refused while one runs, the
 * errors when the device cannot take the command now, and upsTestId as
 * read back.
 */
#include <stdint.h>

#include "check_main.h"
#include "mib_fixture.h"
#include "mib_socomec.h"
#include "rfc1628_state.h"
#include "rfc1628_values.h"
#include "ups_control.h"

#define UPS ".1.3.6.1.2.1.33.1"
#define SOCOMEC ".1.3.6.1.4.1.4555.1.1.7.1"

static struct nv_ctx ctx;

static void setup(void)
{
	fx_ctx(&ctx);
	fx_update(&ctx);
	ctx.view.test_spinlock = &ctx.test_spinlock;
}

static void teardown(void)
{
	fx_fini(&ctx);
}

/* The object an absolute OID names in tree t, for a SET. */
static struct mib_hit writable(const struct mib_tree *t, const char *txt)
{
	uint32_t o[FX_OID_MAX];
	size_t n = fx_oid(txt, o);
	struct mib_hit hit;

	ck_assert_int_eq(mib_find_writable(t, o + t->rootlen, n - t->rootlen, &ctx.view,
	    &hit), MIB_SET_OK);
	return hit;
}

static enum mib_set_err put(const struct mib_hit *h, const struct mib_value *v, void *scratch)
{
	return h->obj->set->put(h->obj, h->row, v, scratch);
}

static struct mib_value oid(const char *txt)
{
	uint32_t o[FX_OID_MAX];
	struct mib_value v;

	memset(&v, 0, sizeof(v));
	mib_set_oid(&v, o, fx_oid(txt, o));
	return v;
}

START_TEST(control_status_takes_only_the_mibs_seven_values)
{
	struct mib_hit h = writable(&nv_socomec_tree, SOCOMEC ".7.1.0");
	struct mib_value s;

	memset(&s, 0, sizeof(s));
	mib_set_str(&s, "3", 4);
	ck_assert_int_eq(put(&h, &s, NULL), MIB_SET_WRONG_TYPE);
	ck_assert_int_eq(put(&h, &(struct mib_value){ .type = MIB_OID }, NULL),
	    MIB_SET_WRONG_TYPE);
	for (int32_t i = -1; i <= 8; i++) {
		struct mib_value v = fx_int(i);

		ck_assert_int_eq(put(&h, &v, NULL), i >= 1 && i <= 7 ? MIB_SET_OK :
		    MIB_SET_WRONG_VALUE);
	}
}
END_TEST

START_TEST(test_id_takes_only_the_quick_battery_test_oid)
{
	struct mib_hit h = writable(&nv_rfc1628_tree, UPS ".7.1.0");
	struct mib_value v = fx_int(0), quick = oid(UPS ".7.7.4");

	ck_assert_int_eq(put(&h, &v, NULL), MIB_SET_WRONG_TYPE);   /* NUT 2.8.0 */
	v = oid(UPS ".7.7.3");
	ck_assert_int_eq(put(&h, &v, NULL), MIB_SET_WRONG_VALUE);  /* general test */
	v = oid(UPS ".7.7.2");
	ck_assert_int_eq(put(&h, &v, NULL), MIB_SET_WRONG_VALUE);  /* abort */
	v = oid(UPS ".7.7.4.0");
	ck_assert_int_eq(put(&h, &v, NULL), MIB_SET_WRONG_VALUE);
	ck_assert_int_eq(put(&h, &quick, NULL), MIB_SET_OK);
}
END_TEST

START_TEST(spin_lock_is_test_and_incr)
{
	struct mib_hit lock = writable(&nv_rfc1628_tree, UPS ".7.2.0");
	const struct mib_txn_ops *txn = lock.obj->set->txn;
	struct mib_value v = fx_int(-1);
	void *tx;

	ck_assert_int_eq(put(&lock, &v, NULL), MIB_SET_WRONG_VALUE);
	ck_assert_int_eq(fx_get(&nv_rfc1628_tree, &ctx, UPS ".7.2.0"), 0);
	/* another manager's value: refused, nothing changes */
	tx = txn->begin(&ctx);
	v = fx_int(5);
	ck_assert_int_eq(put(&lock, &v, tx), MIB_SET_OK);
	ck_assert_int_eq(txn->check(tx, &ctx), MIB_SET_INCONSISTENT);
	txn->end(tx);
	/* the current value: taken and incremented, undone on a failed request */
	tx = txn->begin(&ctx);
	v = fx_int(0);
	ck_assert_int_eq(put(&lock, &v, tx), MIB_SET_OK);
	ck_assert_int_eq(txn->check(tx, &ctx), MIB_SET_OK);
	ck_assert_int_eq(txn->apply(tx, &ctx), MIB_SET_OK);
	ck_assert_int_eq(fx_get(&nv_rfc1628_tree, &ctx, UPS ".7.2.0"), 1);
	txn->undo(tx, &ctx);
	ck_assert_int_eq(fx_get(&nv_rfc1628_tree, &ctx, UPS ".7.2.0"), 0);
	txn->end(tx);
	/* it wraps from 2147483647 to 0 */
	ctx.test_spinlock = INT32_MAX;
	tx = txn->begin(&ctx);
	v = fx_int(INT32_MAX);
	ck_assert_int_eq(put(&lock, &v, tx), MIB_SET_OK);
	ck_assert_int_eq(txn->apply(tx, &ctx), MIB_SET_OK);
	ck_assert_int_eq(ctx.test_spinlock, 0);
	txn->end(tx);
}
END_TEST

START_TEST(a_command_the_device_cannot_take_now_is_refused_before_sending)
{
	struct mib_hit ctl = writable(&nv_socomec_tree, SOCOMEC ".7.1.0");
	struct mib_hit id = writable(&nv_rfc1628_tree, UPS ".7.1.0");
	const struct mib_txn_ops *txn = ctl.obj->set->txn;
	struct mib_value v = fx_int(3), quick = oid(UPS ".7.7.4");
	struct rfc1628_state running;
	void *tx;

	ck_assert_int_eq(nv_ups_control_start(&ctx), 0);
	/* no poller: not communicating */
	tx = txn->begin(&ctx);
	ck_assert_int_eq(put(&ctl, &v, tx), MIB_SET_OK);
	ck_assert_int_eq(txn->check(tx, &ctx), MIB_SET_RESOURCE);
	txn->end(tx);
	/* a battery test while one runs */
	memset(&running, 0, sizeof(running));
	running.test_result = RFC1628_TEST_IN_PROGRESS;
	ctx.view.rfc_state = &running;
	tx = txn->begin(&ctx);
	ck_assert_int_eq(put(&id, &quick, tx), MIB_SET_OK);
	ck_assert_int_eq(txn->check(tx, &ctx), MIB_SET_INCONSISTENT);
	txn->end(tx);
	ctx.view.rfc_state = NULL;
	nv_ups_control_stop(&ctx);
}
END_TEST

START_TEST(test_id_reads_the_last_test)
{
	uint32_t none[FX_OID_MAX], quick[FX_OID_MAX];
	size_t nn = fx_oid(UPS ".7.7.1", none), nq = fx_oid(UPS ".7.7.4", quick);
	struct rfc1628_state done;
	struct mib_value v;

	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".7.1.0", &v));
	ck_assert_uint_eq(v.len, nn);
	ck_assert_mem_eq(v.oid, none, nn * sizeof(uint32_t));
	memset(&done, 0, sizeof(done));
	done.test_result = RFC1628_TEST_PASS;
	ctx.view.rfc_state = &done;
	ck_assert(fx_get_val(&nv_rfc1628_tree, &ctx, UPS ".7.1.0", &v));
	ck_assert_uint_eq(v.len, nq);
	ck_assert_mem_eq(v.oid, quick, nq * sizeof(uint32_t));
	ctx.view.rfc_state = NULL;
}
END_TEST

static Suite *mib_controls_suite(void)
{
	Suite *s = suite_create("mib_controls");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, control_status_takes_only_the_mibs_seven_values);
	tcase_add_test(tc, test_id_takes_only_the_quick_battery_test_oid);
	tcase_add_test(tc, spin_lock_is_test_and_incr);
	tcase_add_test(tc, a_command_the_device_cannot_take_now_is_refused_before_sending);
	tcase_add_test(tc, test_id_reads_the_last_test);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_controls_suite, NULL };
