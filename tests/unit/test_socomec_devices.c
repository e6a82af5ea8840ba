/*
 * test_socomec_devices.c — upsDevicesTable rows from the shutdown client
 * table: rows in index order, each column's value and syntax, no rows
 * while shutdown management is off.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_main.h"
#include "ctx.h"
#include "mib_socomec.h"
#include "mib_walk.h"
#include "shutdown.h"
#include "socomec_values.h"

static struct nv_ctx ctx;
static struct nv_shutdown_client_row fake[3];
static size_t nfake;

/* The client table's iterator, over hand-made rows (gaps in the index
 * happen when a client slot is reused). */
static size_t fake_clients(const void *src, nv_shutdown_client_fn fn, void *arg)
{
	(void)src;
	for (size_t i = 0; i < nfake; i++)
		fn(&fake[i], arg);
	return nfake;
}

static void setup(void)
{
	memset(&ctx, 0, sizeof(ctx));
	memset(fake, 0, sizeof(fake));
	fake[0] = (struct nv_shutdown_client_row){ 1, "192.0.2.7:40123", "db1", 0,
		NV_SDC_CONNECTED, NV_SDS_NONE, 120, "nvshutdown", 1, "ups" };
	fake[1] = (struct nv_shutdown_client_row){ 4, "198.51.100.20:5001",
		"web-frontend-with-a-long-name-x", 0, NV_SDC_LOST, NV_SDS_WARNING, 60,
		"nvshutdown", 1, "ups" };
	fake[0].connected_since = 1700000000;
	fake[1].connected_since = 1700000100;
	nfake = 2;
	ctx.view.shutdown_clients.each = fake_clients;
}

static bool get(uint32_t col, uint32_t row, struct mib_value *v)
{
	const uint32_t rel[] = { 8, 5, 1, col, row };
	struct mib_hit hit;

	memset(v, 0, sizeof(*v));
	return mib_get_exact(&nv_socomec_tree, rel, 5, &ctx.view, &hit, v);
}

START_TEST(rows_follow_the_client_indexes)
{
	const uint32_t start[] = { 8, 5 };
	uint32_t cur[MIB_SUB_MAX + 1];
	struct mib_hit hit;
	struct mib_value v;
	size_t len;

	ck_assert(mib_get_next(&nv_socomec_tree, start, 2, &ctx.view, &hit, &v));
	len = mib_hit_oid(&hit, cur);
	ck_assert_uint_eq(len, 5);
	ck_assert_uint_eq(cur[3], 1);           /* indexOfDevice */
	ck_assert_uint_eq(cur[4], 1);
	ck_assert_int_eq(v.i, 1);
	ck_assert(mib_get_next(&nv_socomec_tree, cur, len, &ctx.view, &hit, &v));
	len = mib_hit_oid(&hit, cur);
	ck_assert_uint_eq(cur[3], 1);
	ck_assert_uint_eq(cur[4], 4);           /* the gap is skipped */
	ck_assert_int_eq(v.i, 4);
	ck_assert(mib_get_next(&nv_socomec_tree, cur, len, &ctx.view, &hit, &v));
	mib_hit_oid(&hit, cur);
	ck_assert_uint_eq(cur[3], 2);           /* next column, first row */
	ck_assert_uint_eq(cur[4], 1);
	ck_assert(!get(1, 2, &v));              /* no such row */
	ck_assert(!get(1, 5, &v));
}
END_TEST

START_TEST(columns_show_address_name_time_status_severity)
{
	struct mib_value v;
	char date[11], tod[9], want[32];

	ck_assert(get(2, 1, &v));
	ck_assert_int_eq(v.type, MIB_STRING);
	ck_assert_str_eq(v.s, "192.0.2.7");     /* the IP, not the port */
	ck_assert(get(3, 4, &v));
	ck_assert_int_eq(v.type, MIB_STRING);
	ck_assert_uint_le(v.len, 31);           /* DisplayString (SIZE (0..31)) */
	ck_assert_str_eq(v.s, "web-frontend-with-a-long-name-x");
	ck_assert(get(4, 1, &v));
	sv_format_date(1700000000, date, sizeof(date));
	sv_format_time(1700000000, tod, sizeof(tod));
	snprintf(want, sizeof(want), "%s %s", date, tod);
	ck_assert_str_eq(v.s, want);
	ck_assert(get(5, 1, &v));
	ck_assert_int_eq(v.type, MIB_INTEGER);
	ck_assert_int_eq(v.i, NV_SDC_CONNECTED);
	ck_assert(get(5, 4, &v));
	ck_assert_int_eq(v.i, NV_SDC_LOST);
	ck_assert(get(6, 1, &v));
	ck_assert_int_eq(v.i, NV_SDS_NONE);
	ck_assert(get(6, 4, &v));
	ck_assert_int_eq(v.i, NV_SDS_WARNING);
}
END_TEST

START_TEST(an_ipv6_client_shows_its_address_without_brackets)
{
	struct mib_value v;

	fake[2] = (struct nv_shutdown_client_row){ 100001, "[::1]:50000", "mon", 0,
		NV_SDC_CONNECTED, NV_SDS_NONE, 30, "NUT upsmon secondary", 0, "" };
	nfake = 3;
	ck_assert(get(2, 100001, &v));
	ck_assert_str_eq(v.s, "::1");
	ck_assert(get(3, 100001, &v));
	ck_assert_str_eq(v.s, "mon");
}
END_TEST

START_TEST(no_rows_without_shutdown_management_or_clients)
{
	const uint32_t start[] = { 8, 5 };
	uint32_t cur[MIB_SUB_MAX + 1];
	struct mib_hit hit;
	struct mib_value v;

	nfake = 0;
	ck_assert(!get(1, 1, &v));
	ctx.view.shutdown_clients.each = NULL;
	ck_assert(!get(1, 1, &v));
	/* GETNEXT passes over the empty table to upsAgent */
	ck_assert(mib_get_next(&nv_socomec_tree, start, 2, &ctx.view, &hit, &v));
	mib_hit_oid(&hit, cur);
	ck_assert_uint_eq(cur[0], 9);
}
END_TEST

static Suite *socomec_devices_suite(void)
{
	Suite *s = suite_create("socomec_devices");
	TCase *tc = tcase_create("rows");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, rows_follow_the_client_indexes);
	tcase_add_test(tc, columns_show_address_name_time_status_severity);
	tcase_add_test(tc, an_ipv6_client_shows_its_address_without_brackets);
	tcase_add_test(tc, no_rows_without_shutdown_management_or_clients);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { socomec_devices_suite, NULL };
