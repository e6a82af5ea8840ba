/*
 * test_mib_sts.c — the SOCOMEC STS MIB as an NMS reads it from a static
 * transfer switch: source and output states, per-line tables, well-known
 * alarms, and closed for a UPS.
 */
#include "check_main.h"
#include "mib_fixture.h"
#include "mib_socomec.h"
#include "sts_values.h"

#define STS ".1.3.6.1.4.1.4555.1.1.10.1"

static struct nv_ctx ctx;

static void setup(void)
{
	struct nv_sts_meas *m = &ctx.snap.sys.sts;

	fx_ctx(&ctx);
	nv_unit_clear(&ctx.snap.sys);
	ctx.snap.kind = NV_KIND_STS;
	ctx.snap.proto = NV_PROTO_STS;
	snprintf(ctx.snap.id.model, sizeof(ctx.snap.id.model), "STATYS");
	for (int i = 0; i < 3; i++) {
		m->src_voltage[0][i] = 2301 + i;
		m->src_voltage[1][i] = 2291 + i;
		m->out_voltage[i] = 2299;
		m->out_current[i] = 150 + i;
		m->out_kva[i] = 35;
		m->out_kw[i] = 33;
		m->out_pf[i] = 94;
		m->out_crest[i] = 14;
	}
	m->src_freq[0] = 500;
	m->src_freq[1] = 501;
	m->out_freq = 500;
	m->out_load_total = 37;
	nv_cond_set(&ctx.snap.sys, NV_C_STS_S1_OK, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_S2_OK, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_S1_PREFERRED, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_SYNCHRO, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_PREFERRED, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_S1, true);
}

static void teardown(void)
{
	fx_fini(&ctx);
}

static long get(const char *oid)
{
	return fx_get(&nv_sts_tree, &ctx, oid);
}

START_TEST(normal_operation_reads_sources_ok_and_load_on_preferred)
{
	struct mib_value v;

	ck_assert_str_eq(fx_get_str(&nv_sts_tree, &ctx, STS ".1.1.0", &v), "STATYS");
	ck_assert_str_eq(fx_get_str(&nv_sts_tree, &ctx, STS ".1.7.0", &v), "ups-room-1");
	ck_assert_int_eq(get(STS ".2.1.0"), 2);          /* source1OK */
	ck_assert_int_eq(get(STS ".2.2.0"), 2);          /* source 1 preferred: yes */
	ck_assert_int_eq(get(STS ".3.2.0"), 1);          /* source 2 preferred: no */
	ck_assert_int_eq(get(STS ".2.3.0"), 500);
	ck_assert_int_eq(get(STS ".3.3.0"), 501);
	ck_assert_int_eq(get(STS ".2.5.1.2.2"), 2302);   /* 0.1 V */
	ck_assert_int_eq(get(STS ".3.5.1.2.3"), 2293);
	ck_assert_int_eq(get(STS ".4.1.0"), 2);          /* synchron */
	ck_assert_int_eq(get(STS ".5.1.0"), 2);          /* on preferred source */
	ck_assert_int_eq(get(STS ".5.2.0"), 2);          /* on switch 1 */
	ck_assert_int_eq(get(STS ".5.4.0"), 37);
	ck_assert_int_eq(get(STS ".5.5.0"), 3);
	ck_assert_int_eq(get(STS ".5.6.1.3.3"), 152);
	ck_assert_int_eq(get(STS ".5.6.1.7.1"), 94);
	ck_assert_int_eq(get(STS ".6.1.4.0"), 0);        /* no overload */
}
END_TEST

START_TEST(source_failure_moves_load_to_alternate)
{
	nv_cond_set(&ctx.snap.sys, NV_C_STS_S1_OK, false);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_S1_ABSENT, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_PREFERRED, false);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_ALTERNATE, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_S1, false);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_S2, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_SYNCHRO, false);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ASYNCHRO, true);
	nv_cond_set(&ctx.snap.sys, NV_C_STS_PATH1_ALARM, true);
	ck_assert_int_eq(get(STS ".2.1.0"), 5);          /* source1Absent */
	ck_assert_int_eq(get(STS ".5.1.0"), 3);
	ck_assert_int_eq(get(STS ".5.2.0"), 3);
	ck_assert_int_eq(get(STS ".4.1.0"), 4);
	ck_assert_int_eq(get(STS ".6.1.5.0"), 1);        /* string 1 alarm */
	nv_cond_set(&ctx.snap.sys, NV_C_STS_ON_MBP2, true);
	ck_assert_int_eq(get(STS ".5.1.0"), 6);
}
END_TEST

START_TEST(communication_lost_reads_unknown_and_minus_one)
{
	nv_snapshot_invalidate(&ctx.snap);
	ctx.snap.comm = NV_COMM_LOST;
	ck_assert_int_eq(get(STS ".2.1.0"), 1);
	ck_assert_int_eq(get(STS ".5.1.0"), 1);
	ck_assert_int_eq(get(STS ".5.2.0"), 1);
	ck_assert_int_eq(get(STS ".4.1.0"), 1);
	ck_assert_int_eq(get(STS ".2.3.0"), -1);
	ck_assert_int_eq(get(STS ".5.6.1.2.1"), -1);
	ck_assert_int_eq(get(STS ".6.1.1.0"), -1);
}
END_TEST

START_TEST(walk_has_one_row_per_line_and_every_alarm)
{
	bool seen;
	int three, one;

	three = fx_walk(&nv_sts_tree, &ctx, STS ".6.1.9.0", &seen);
	ck_assert(seen);
	ctx.snap.id.phases_in = ctx.snap.id.phases_out = 1;
	one = fx_walk(&nv_sts_tree, &ctx, STS ".5.6.1.7.2", &seen);
	ck_assert(!seen);
	/* per line: 2 + 2 source columns, 7 output columns */
	ck_assert_int_eq(three - one, 2 * 11);
}
END_TEST

START_TEST(sts_mib_is_closed_for_a_ups)
{
	ck_assert(sts_served(&ctx.view));
	ctx.snap.kind = NV_KIND_UPS;
	ck_assert(!sts_served(&ctx.view));
}
END_TEST

/* The SOCOMEC UPS tree is the other way round: closed for an STS only
 * (while the device is still unknown it reads -1, "not known"). */
START_TEST(socomec_ups_mib_is_closed_for_an_sts)
{
	ck_assert(!nv_socomec_served(&ctx.view));
	ctx.snap.kind = NV_KIND_UPS;
	ck_assert(nv_socomec_served(&ctx.view));
	ctx.snap.kind = NV_KIND_NONE;
	ck_assert(nv_socomec_served(&ctx.view));
	ck_assert(nv_socomec_tree.served == nv_socomec_served);
}
END_TEST

static Suite *mib_sts_suite(void)
{
	Suite *s = suite_create("mib_sts");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, normal_operation_reads_sources_ok_and_load_on_preferred);
	tcase_add_test(tc, source_failure_moves_load_to_alternate);
	tcase_add_test(tc, communication_lost_reads_unknown_and_minus_one);
	tcase_add_test(tc, walk_has_one_row_per_line_and_every_alarm);
	tcase_add_test(tc, sts_mib_is_closed_for_a_ups);
	tcase_add_test(tc, socomec_ups_mib_is_closed_for_an_sts);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mib_sts_suite, NULL };
