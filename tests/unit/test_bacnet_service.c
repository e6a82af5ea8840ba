/*
 * test_bacnet_service.c — the gateway's BACnet services on whole
 * datagrams, without sockets: Who-Is / I-Am bytes; ReadProperty values
 * (engineering units, -1 when not available) and the standard errors,
 * rejects and aborts; ReadPropertyMultiple ALL; SubscribeCOV and its
 * notifications; and a fuzz loop over mutated and truncated requests that
 * must never write past the answer buffer (under ASan it also catches any
 * read past the request).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "bacnet_codec.h"
#include "bacnet_objects.h"
#include "bacnet_service.h"

static struct nv_snapshot snap;
static struct bn_db db;
static struct bn_server srv;
static struct bn_peer peer;
static uint8_t out[BN_MAX_MPDU];
static size_t out_len;

static void setup(void)
{
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_UPS;
	snprintf(snap.id.model, sizeof(snap.id.model), "MASTERYS");
	snprintf(snap.id.serial, sizeof(snap.id.serial), "SN1");
	snap.sys.ups.batt_charge = 87;
	snap.sys.ups.out_freq = 499;
	nv_cond_set(&snap.sys, NV_C_ON_INVERTER, true);
	snap.unit[0] = snap.sys;
	db = (struct bn_db){ &snap, 0, 1234, "lab", "nvagent test", 0 };
	memset(&srv, 0, sizeof(srv));
	memset(&peer, 0, sizeof(peer));
	peer.len = sizeof(struct sockaddr_in);
}

/* A datagram around an APDU: BVLC unicast, NPDU without addresses. */
static size_t frame(uint8_t *d, const uint8_t *apdu, size_t n, bool reply)
{
	d[0] = 0x81;
	d[1] = 0x0A;
	d[2] = (uint8_t)((n + 6) >> 8);
	d[3] = (uint8_t)(n + 6);
	d[4] = 0x01;
	d[5] = reply ? 0x04 : 0x00;
	memcpy(d + 6, apdu, n);
	return n + 6;
}

static enum bn_reply handle(const uint8_t *apdu, size_t n)
{
	uint8_t d[BN_MAX_MPDU];
	size_t len = frame(d, apdu, n, true);

	return bn_handle(&srv, &db, &peer, d, len, 100.0, out, sizeof(out), &out_len);
}

/* The answer's APDU (after BVLC 4 + NPDU 2). */
static const uint8_t *answer(void)
{
	ck_assert_uint_ge(out_len, 7);
	ck_assert_uint_eq(out[0], 0x81);
	ck_assert_uint_eq((size_t)(out[2] << 8 | out[3]), out_len);
	return out + 6;
}




START_TEST(who_is_gets_i_am)
{
	const uint8_t who_is[] = { 0x10, 0x08 };
	const uint8_t in_range[] = { 0x10, 0x08, 0x0A, 0x04, 0xD0, 0x1A, 0x04, 0xD2 };
	const uint8_t out_of_range[] = { 0x10, 0x08, 0x09, 0x01, 0x19, 0x02 };
	const uint8_t i_am[] = { 0x10, 0x00, 0xC4, 0x02, 0x00, 0x04, 0xD2, 0x22, 0x05, 0xC4,
		0x91, 0x03, 0x22, 0x02, 0x4F };

	setup();
	ck_assert_int_eq(handle(who_is, sizeof(who_is)), BN_I_AM);
	ck_assert_uint_eq(out_len, 6 + sizeof(i_am));
	ck_assert_mem_eq(answer(), i_am, sizeof(i_am));
	ck_assert_int_eq(handle(in_range, sizeof(in_range)), BN_I_AM);
	ck_assert_int_eq(handle(out_of_range, sizeof(out_of_range)), BN_NONE);
}
END_TEST

/* ReadProperty of (type, instance, property) with invoke id 1 */
static enum bn_reply read_property(uint16_t type, uint32_t inst, uint8_t prop, uint8_t max)
{
	uint32_t oid = bn_object_id(type, inst);
	const uint8_t rp[] = { 0x00, max, 0x01, 0x0C, 0x0C, (uint8_t)(oid >> 24),
		(uint8_t)(oid >> 16), (uint8_t)(oid >> 8), (uint8_t)oid, 0x19, prop };

	return handle(rp, sizeof(rp));
}

START_TEST(read_property_values_and_errors)
{
	const uint8_t *a;
	const uint8_t denied[] = { 0x50, 0x01, 0x0F, 0x91, 0x02, 0x91, 0x28 };
	const uint8_t wp[] = { 0x00, 0x05, 0x01, 0x0F, 0x0C, 0x00, 0x80, 0x00, 0x00, 0x19, 0x55,
		0x3E, 0x44, 0x3F, 0x80, 0x00, 0x00, 0x3F };
	const uint8_t unknown_svc[] = { 0x00, 0x05, 0x01, 0x1A };
	const uint8_t segmented[] = { 0x08, 0x05, 0x01, 0x00, 0x01, 0x0C };
	float v;
	uint32_t bits;

	setup();
	ck_assert_int_eq(read_property(BN_OBJ_AV, 21, 85, 5), BN_ANSWER);    /* UPS_OUTPUT_fr */
	a = answer();
	ck_assert_uint_eq(a[0], 0x30);
	ck_assert_uint_eq(a[11], 0x44);                                         /* REAL */
	bits = (uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15];
	memcpy(&v, &bits, sizeof(v));
	ck_assert_float_eq_tol(v, 49.9f, 0.001f);
	ck_assert_int_eq(read_property(BN_OBJ_AV, 18, 85, 5), BN_ANSWER);    /* not in the model */
	a = answer();
	bits = (uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 | (uint32_t)a[14] << 8 | a[15];
	memcpy(&v, &bits, sizeof(v));
	ck_assert_float_eq(v, -1.0f);
	ck_assert_int_eq(read_property(BN_OBJ_AV, 88, 85, 5), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[0], 0x50);
	ck_assert_uint_eq(a[4], BN_EC_OBJECT);
	ck_assert_uint_eq(a[6], BN_E_UNKNOWN_OBJECT);
	ck_assert_int_eq(read_property(BN_OBJ_MV, 1, 200, 5), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[4], BN_EC_PROPERTY);
	ck_assert_uint_eq(a[6], BN_E_UNKNOWN_PROPERTY);
	ck_assert_int_eq(handle(wp, sizeof(wp)), BN_ANSWER);
	ck_assert_mem_eq(answer(), denied, sizeof(denied));
	ck_assert_int_eq(handle(unknown_svc, sizeof(unknown_svc)), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[0], 0x60);
	ck_assert_uint_eq(a[2], 9);                                             /* unrecognized service */
	ck_assert_int_eq(handle(segmented, sizeof(segmented)), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[0], 0x71);
	ck_assert_uint_eq(a[2], 4);                                             /* segmentation not supported */
	/* the object list does not fit 50 bytes: abort, never a cut answer */
	ck_assert_int_eq(read_property(BN_OBJ_DEVICE, 1234, 76, 0), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[0], 0x71);
	ck_assert_int_eq(read_property(BN_OBJ_DEVICE, 1234, 76, 5), BN_ANSWER);
	ck_assert_uint_eq(answer()[0], 0x30);
}
END_TEST

START_TEST(read_property_multiple_all)
{
	/* RPM: device 4194303 (this device), property ALL */
	const uint8_t rpm[] = { 0x00, 0x05, 0x02, 0x0E, 0x0C, 0x02, 0x3F, 0xFF, 0xFF, 0x1E,
		0x09, 0x08, 0x1F };
	const uint8_t *a;

	setup();
	ck_assert_int_eq(handle(rpm, sizeof(rpm)), BN_ANSWER);
	a = answer();
	ck_assert_uint_eq(a[0], 0x30);
	ck_assert_uint_eq(a[2], 0x0E);
	/* the device's own instance is answered, not the wildcard */
	ck_assert_mem_eq(a + 3, ((const uint8_t[]){ 0x0C, 0x02, 0x00, 0x04, 0xD2, 0x1E }), 6);
	ck_assert_uint_gt(out_len, 200);
}
END_TEST

START_TEST(subscribe_cov_notifies_changes)
{
	/* SubscribeCOV pid 7, MV 1, unconfirmed, lifetime 60 */
	const uint8_t sub[] = { 0x00, 0x05, 0x03, 0x05, 0x09, 0x07, 0x1C, 0x04, 0xC0, 0x00, 0x01,
		0x29, 0x00, 0x39, 0x3C };
	const uint8_t sub_av[] = { 0x00, 0x05, 0x03, 0x05, 0x09, 0x07, 0x1C, 0x00, 0x80, 0x00, 0x01,
		0x29, 0x00, 0x39, 0x3C };
	const uint8_t *a;

	setup();
	ck_assert_int_eq(handle(sub, sizeof(sub)), BN_ANSWER);
	ck_assert_mem_eq(answer(), ((const uint8_t[]){ 0x20, 0x03, 0x05 }), 3);
	ck_assert(bn_cov_due(&srv, &db, 0, 100.0, out, sizeof(out), &out_len));
	a = answer();
	ck_assert_mem_eq(a, ((const uint8_t[]){ 0x10, 0x02, 0x09, 0x07 }), 4);
	ck_assert(!bn_cov_due(&srv, &db, 0, 101.0, out, sizeof(out), &out_len));
	nv_cond_set(&snap.sys, NV_C_ON_BATTERY, true);                  /* mains failure */
	ck_assert(bn_cov_due(&srv, &db, 0, 102.0, out, sizeof(out), &out_len));
	ck_assert_uint_eq(bn_status_value(&db, BN_OBJ_MV, 1), 2);
	ck_assert(!bn_cov_due(&srv, &db, 0, 161.0, out, sizeof(out), &out_len));  /* expired */
	ck_assert(!srv.sub[0].used);
	/* the unit alarms' bit string has b10 "on battery" */
	ck_assert_uint_eq(bn_status_value(&db, BN_OBJ_BSV, 2), 1u << 10);
	ck_assert_int_eq(handle(sub_av, sizeof(sub_av)), BN_ANSWER);
	ck_assert_uint_eq(answer()[0], 0x50);           /* COV of measurements: not supported */
}
END_TEST

START_TEST(mutated_requests_never_overflow)
{
	static const uint8_t corpus[][16] = {
		{ 0x10, 0x08, 0x09, 0x01, 0x19, 0x02 },
		{ 0x10, 0x07, 0x3D, 0x05, 0x00, 'A', 'l', 'a', 'r', 'm', 's' },
		{ 0x00, 0x05, 0x01, 0x0C, 0x0C, 0x02, 0x00, 0x04, 0xD2, 0x19, 0x4C, 0x29, 0x01 },
		{ 0x00, 0x05, 0x02, 0x0E, 0x0C, 0x02, 0x3F, 0xFF, 0xFF, 0x1E, 0x09, 0x08, 0x1F },
		{ 0x00, 0x05, 0x03, 0x05, 0x09, 0x07, 0x1C, 0x04, 0xC0, 0x00, 0x01, 0x29, 0x00,
		  0x39, 0x3C },
	};
	uint8_t d[BN_MAX_MPDU], small[64];
	unsigned seed = 12345;

	setup();
	for (int i = 0; i < 200000; i++) {
		const uint8_t *src = corpus[i % 5];
		size_t n = 16, len;
		enum bn_reply r;

		len = frame(d, src, n, true);
		for (int k = rand_r(&seed) % 4; k >= 0; k--)
			d[rand_r(&seed) % len] = (uint8_t)rand_r(&seed);
		len = (size_t)rand_r(&seed) % (len + 1);         /* and truncated anywhere */
		r = bn_handle(&srv, &db, &peer, d, len, 100.0, small, sizeof(small), &out_len);
		ck_assert_uint_le(out_len, sizeof(small));
		ck_assert(r == BN_NONE || out_len > 0);
	}
}
END_TEST

static Suite *bacnet_service_suite(void)
{
	Suite *s = suite_create("bacnet_service");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, who_is_gets_i_am);
	tcase_add_test(tc, read_property_values_and_errors);
	tcase_add_test(tc, read_property_multiple_all);
	tcase_add_test(tc, subscribe_cov_notifies_changes);
	tcase_add_test(tc, mutated_requests_never_overflow);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { bacnet_service_suite, NULL };
