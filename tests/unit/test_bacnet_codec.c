/*
 * test_bacnet_codec.c — the BACnet/IP wire format without sockets: tags
 * round-trip (extended lengths and tag numbers); a writer never passes
 * its capacity; lengths on the wire that pass the end of a datagram are
 * refused; BVLC/NPDU framing (a BVLC length that lies, routed sources,
 * other networks).
 */
#include <string.h>

#include "check_main.h"
#include "bacnet_codec.h"

START_TEST(tags_round_trip)
{
	uint8_t buf[600];
	struct bn_wr w;
	struct bn_rd r;
	struct bn_tag t;
	char s[400];

	memset(s, 'x', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	bn_wr_init(&w, buf, sizeof(buf));
	bn_wr_app_unsigned(&w, 70000);
	bn_wr_ctx_unsigned(&w, 20, 7);          /* extended tag number */
	bn_wr_app_charstring(&w, s);            /* 400 bytes: 2-byte length */
	bn_wr_open(&w, 3);
	bn_wr_close(&w, 3);
	ck_assert(!w.err);
	bn_rd_init(&r, buf, w.len);
	ck_assert(bn_tag_read(&r, &t));
	ck_assert(!t.context && t.number == BN_TAG_UNSIGNED && t.lvt == 3);
	ck_assert_uint_eq(bn_rd_uvalue(&r, t.lvt), 70000);
	ck_assert(bn_ctx_unsigned(&r, 20, &(uint32_t){ 0 }));
	ck_assert(bn_tag_read(&r, &t));
	ck_assert_uint_eq(t.lvt, 400);
	r.pos += t.lvt;
	ck_assert(bn_tag_read(&r, &t) && t.opening && t.number == 3);
	ck_assert(bn_tag_read(&r, &t) && t.closing && t.number == 3);
	ck_assert_uint_eq(bn_rd_left(&r), 0);
	/* a writer never passes its capacity */
	bn_wr_init(&w, buf, 10);
	bn_wr_app_charstring(&w, s);
	ck_assert(w.err);
	ck_assert_uint_le(w.len, 10);
}
END_TEST

START_TEST(lengths_past_the_end_are_refused)
{
	const uint8_t short_prim[] = { 0x24, 1, 2 };            /* unsigned, 4 bytes, 2 there */
	const uint8_t ext16[] = { 0x75, 254, 0xFF, 0xFF, 0 };   /* charstring 65535 bytes */
	const uint8_t ext32[] = { 0x75, 255, 0xFF, 0xFF, 0xFF, 0xFF };
	const uint8_t no_ext[] = { 0xF9 };                      /* tag number byte missing */
	const uint8_t deep[] = { 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E, 0x0E };
	struct bn_rd r;
	struct bn_tag t;

	bn_rd_init(&r, short_prim, sizeof(short_prim));
	ck_assert(!bn_tag_read(&r, &t));
	bn_rd_init(&r, ext16, sizeof(ext16));
	ck_assert(!bn_tag_read(&r, &t));
	bn_rd_init(&r, ext32, sizeof(ext32));
	ck_assert(!bn_tag_read(&r, &t));
	bn_rd_init(&r, no_ext, sizeof(no_ext));
	ck_assert(!bn_tag_read(&r, &t));
	ck_assert_uint_eq(bn_rd_left(&r), 0);
	bn_rd_init(&r, deep, sizeof(deep));
	ck_assert(!bn_skip_element(&r));
}
END_TEST

START_TEST(frames_are_checked)
{
	uint8_t d[] = { 0x81, 0x0A, 0, 8, 0x01, 0x00, 0x10, 0x08 };    /* a Who-Is */
	struct bn_frame f;
	/* routed: SNET 5, SLEN 1, SADR 9 */
	const uint8_t routed[] = { 0x81, 0x0A, 0, 12, 0x01, 0x08, 0, 5, 1, 9, 0x10, 0x08 };
	/* for network 7: not ours */
	const uint8_t other[] = { 0x81, 0x0A, 0, 12, 0x01, 0x20, 0, 7, 0, 255, 0x10, 0x08 };
	size_t n = sizeof(d);

	ck_assert_int_eq(bn_frame_parse(d, n, &f), 0);
	ck_assert_uint_eq(f.apdu_len, 2);
	ck_assert_int_eq(bn_frame_parse(d, n - 1, &f), -1);     /* BVLC length != datagram */
	d[0] = 0x82;
	ck_assert_int_eq(bn_frame_parse(d, n, &f), -1);
	ck_assert_int_eq(bn_frame_parse(routed, sizeof(routed), &f), 0);
	ck_assert(f.src.present && f.src.net == 5 && f.src.len == 1 && f.src.mac[0] == 9);
	ck_assert_int_eq(bn_frame_parse(routed, 9, &f), -1);
	ck_assert_int_eq(bn_frame_parse(other, sizeof(other), &f), 0);
	ck_assert(f.for_other_network);
}
END_TEST

static Suite *bacnet_codec_suite(void)
{
	Suite *s = suite_create("bacnet_codec");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, tags_round_trip);
	tcase_add_test(tc, lengths_past_the_end_are_refused);
	tcase_add_test(tc, frames_are_checked);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { bacnet_codec_suite, NULL };
