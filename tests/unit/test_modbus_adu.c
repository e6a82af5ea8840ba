/*
 * test_modbus_adu.c — Modbus TCP framing and the gateway's answers, no
 * sockets: a request split anywhere is collected whole and never past its
 * end; headers that are not Modbus TCP are refused; reads of the image's
 * tables are served, and every other request gets the exception a BMS
 * expects (01 function, 02 address, 03 quantity / length, 0A unit,
 * 0B link lost or block not read).
 */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "modbus_adu.h"
#include "reg_image.h"

static struct nv_reg_image im;

/* JBUSP-like: 0x1000 x12, 0x1020 x4, 0x1060 x48; two units. */
static void image(void)
{
	memset(&im, 0, sizeof(im));
	im.seq = 7;
	im.n_units = 2;
	im.n_blocks = 3;
	im.block[0].addr = 0x1000; im.block[0].count = 12;
	im.block[1].addr = 0x1020; im.block[1].count = 4;
	im.block[2].addr = 0x1060; im.block[2].count = 48;
	for (int k = 0; k < 2; k++)
		for (int b = 0; b < 3; b++) {
			im.have[k][b] = true;
			for (int w = 0; w < 48; w++)
				im.w[k][b][w] = (uint16_t)(k * 1000 + b * 100 + w);
		}
}

static size_t adu(uint8_t *a, uint8_t unit, uint8_t fc, unsigned addr, unsigned n)
{
	const uint8_t req[] = { 0x12, 0x34, 0, 0, 0, 6, unit, fc,
		(uint8_t)(addr >> 8), (uint8_t)addr, (uint8_t)(n >> 8), (uint8_t)n };

	memcpy(a, req, sizeof(req));
	return sizeof(req);
}

static int decide(uint8_t unit, uint8_t fc, unsigned addr, unsigned n, bool link, int *k)
{
	uint8_t a[NV_MB_ADU_MAX];
	struct nv_mb_request r;
	size_t len = adu(a, unit, fc, addr, n);

	return nv_mb_decide(a, len, &im, link, &r, k);
}

START_TEST(request_split_anywhere_is_collected_whole)
{
	uint8_t a[32];
	size_t len = adu(a, 1, 3, 0x1060, 48);
	struct nv_mb_frame f = { .len = 0 };
	enum nv_mb_feed st = NV_MBF_MORE;

	for (size_t i = 0; i < len; i++) {
		ck_assert_uint_ge(nv_mb_frame_want(&f), 1);
		ck_assert_uint_le(f.len + nv_mb_frame_want(&f), len);   /* never past the ADU */
		f.buf[f.len] = a[i];
		st = nv_mb_frame_feed(&f, 1);
		ck_assert_int_eq(st, i + 1 == len ? NV_MBF_ADU : NV_MBF_MORE);
	}
	ck_assert_uint_eq(f.len, len);
	ck_assert_mem_eq(f.buf, a, len);
}
END_TEST

START_TEST(headers_that_are_not_modbus_tcp_are_refused)
{
	struct nv_mb_frame f;
	const uint8_t proto1[] = { 0, 1, 0, 1, 0, 6, 1 };
	const uint8_t len1[] = { 0, 1, 0, 0, 0, 1, 1 };
	const uint8_t huge[] = { 0, 1, 0, 0, 0xFF, 0xFF, 1 };
	const uint8_t max[] = { 0, 1, 0, 0, 0, 254, 1 };

	memcpy(f.buf, proto1, 7); f.len = 0;
	ck_assert_int_eq(nv_mb_frame_feed(&f, 7), NV_MBF_BAD);
	memcpy(f.buf, len1, 7); f.len = 0;
	ck_assert_int_eq(nv_mb_frame_feed(&f, 7), NV_MBF_BAD);
	memcpy(f.buf, huge, 7); f.len = 0;
	ck_assert_int_eq(nv_mb_frame_feed(&f, 7), NV_MBF_BAD);
	memcpy(f.buf, max, 7); f.len = 0;
	ck_assert_int_eq(nv_mb_frame_feed(&f, 7), NV_MBF_MORE);
	ck_assert_uint_eq(f.len + nv_mb_frame_want(&f), NV_MB_ADU_MAX);
}
END_TEST

START_TEST(reads_of_the_tables_are_served)
{
	int k = -1;

	image();
	ck_assert_int_eq(decide(1, 3, 0x1060, 48, true, &k), 0);
	ck_assert_int_eq(k, 0);
	ck_assert_int_eq(decide(2, 4, 0x1061, 1, true, &k), 0);
	ck_assert_int_eq(k, 1);
	ck_assert_int_eq(decide(255, 3, 0x1000, 12, true, &k), 0);
	ck_assert_int_eq(k, 0);
	ck_assert_int_eq(decide(0, 3, 0x1023, 1, true, &k), 0);
	ck_assert_int_eq(k, 0);
}
END_TEST

START_TEST(other_requests_get_the_standard_exceptions)
{
	int k;
	uint8_t a[NV_MB_ADU_MAX];
	struct nv_mb_request r;
	size_t len;

	image();
	ck_assert_int_eq(decide(1, 6, 0x1060, 1, true, &k), NV_MBX_ILLEGAL_FUNCTION);
	ck_assert_int_eq(decide(1, 0x10, 0x1060, 1, true, &k), NV_MBX_ILLEGAL_FUNCTION);
	ck_assert_int_eq(decide(1, 0x2B, 0x1060, 1, true, &k), NV_MBX_ILLEGAL_FUNCTION);
	ck_assert_int_eq(decide(1, 3, 0x1024, 1, true, &k), NV_MBX_ILLEGAL_ADDRESS);
	ck_assert_int_eq(decide(1, 3, 0x1020, 5, true, &k), NV_MBX_ILLEGAL_ADDRESS);
	ck_assert_int_eq(decide(1, 3, 0x0000, 1, true, &k), NV_MBX_ILLEGAL_ADDRESS);
	ck_assert_int_eq(decide(1, 3, 0x1060, 0, true, &k), NV_MBX_ILLEGAL_VALUE);
	ck_assert_int_eq(decide(1, 3, 0x1060, 126, true, &k), NV_MBX_ILLEGAL_VALUE);
	ck_assert_int_eq(decide(3, 3, 0x1060, 1, true, &k), NV_MBX_PATH_UNAVAILABLE);
	ck_assert_int_eq(decide(1, 3, 0x1060, 1, false, &k), NV_MBX_TARGET_FAILED);
	im.have[1][2] = false;
	ck_assert_int_eq(decide(2, 3, 0x1060, 1, true, &k), NV_MBX_TARGET_FAILED);
	memset(im.have[1], 0, sizeof(im.have[1]));      /* unit 2 stopped answering */
	ck_assert_int_eq(decide(2, 3, 0x1000, 1, true, &k), NV_MBX_TARGET_FAILED);
	/* a read whose PDU is one byte short or long */
	len = adu(a, 1, 3, 0x1060, 1);
	ck_assert_int_eq(nv_mb_decide(a, len - 1, &im, true, &r, &k), NV_MBX_ILLEGAL_VALUE);
	ck_assert_int_eq(nv_mb_decide(a, len + 1, &im, true, &r, &k), NV_MBX_ILLEGAL_VALUE);
	im.n_blocks = 0;                /* the poller publishes no blocks while lost */
	ck_assert_int_eq(decide(1, 3, 0x1060, 1, true, &k), NV_MBX_TARGET_FAILED);
}
END_TEST

START_TEST(image_words_are_the_units_own)
{
	uint16_t w = 0;

	image();
	ck_assert(nv_mb_image_word(&im, 1, 0x1062, &w));
	ck_assert_uint_eq(w, 1000 + 200 + 2);
	ck_assert(!nv_mb_image_word(&im, 1, 0x1090, &w));
	ck_assert(!nv_mb_image_word(&im, 5, 0x1060, &w));
}
END_TEST

static Suite *modbus_adu_suite(void)
{
	Suite *s = suite_create("modbus_adu");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, request_split_anywhere_is_collected_whole);
	tcase_add_test(tc, headers_that_are_not_modbus_tcp_are_refused);
	tcase_add_test(tc, reads_of_the_tables_are_served);
	tcase_add_test(tc, other_requests_get_the_standard_exceptions);
	tcase_add_test(tc, image_words_are_the_units_own);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { modbus_adu_suite, NULL };
