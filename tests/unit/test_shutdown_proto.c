/*
 * test_shutdown_proto.c — the shutdown protocol's datagrams: a signed
 * message reads back the same; a wrong secret, a flipped bit, a short or
 * odd packet, an old timestamp and a replayed sequence are all refused;
 * a time at the far end of the clock range is stale, not an overflow; a
 * sequence beyond what the time window allows is refused and locks no
 * name out; the secret file must be 0600/0640, owned by us or root, and
 * look random; durations parse.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "config_shutdown.h"
#include "shutdown_proto.h"

static const uint8_t key[] = "0123456789abcdef-site-secret";
static const uint8_t other[] = "0123456789abcdef-wrong-secret";

static struct nv_sd_msg sample(void)
{
	struct nv_sd_msg m;

	memset(&m, 0, sizeof(m));
	m.type = NV_SD_WARNING;
	m.flags = NV_SD_FLAG_TEST;
	m.seq = 1234567890123ull;
	m.time = time(NULL);
	snprintf(m.sender, sizeof(m.sender), "agent-1");
	m.a = 57;
	m.b = -1;
	snprintf(m.event, sizeof(m.event), "on-battery");
	return m;
}

START_TEST(signed_message_reads_back)
{
	struct nv_sd_msg m = sample(), r;
	uint8_t pkt[NV_SD_PACKET_LEN];

	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, sizeof(pkt), key, sizeof(key) - 1, &r), NV_SD_OK);
	ck_assert_int_eq(r.type, NV_SD_WARNING);
	ck_assert_int_eq(r.flags, NV_SD_FLAG_TEST);
	ck_assert(r.seq == m.seq);
	ck_assert(r.time == m.time);
	ck_assert_str_eq(r.sender, "agent-1");
	ck_assert_int_eq(r.a, 57);
	ck_assert_int_eq(r.b, -1);
	ck_assert_str_eq(r.event, "on-battery");
}
END_TEST

START_TEST(wrong_secret_or_altered_bit_is_refused)
{
	struct nv_sd_msg m = sample(), r;
	uint8_t pkt[NV_SD_PACKET_LEN];

	nv_sd_pack(&m, other, sizeof(other) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, sizeof(pkt), key, sizeof(key) - 1, &r), NV_SD_BAD_MAC);
	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	for (size_t i = 8; i < sizeof(pkt); i++) {
		pkt[i] ^= 0x01;
		ck_assert_int_ne(nv_sd_unpack(pkt, sizeof(pkt), key, sizeof(key) - 1, &r), NV_SD_OK);
		pkt[i] ^= 0x01;
	}
}
END_TEST

START_TEST(malformed_packets_are_refused)
{
	struct nv_sd_msg m = sample(), r;
	uint8_t pkt[NV_SD_PACKET_LEN + 1];

	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, NV_SD_PACKET_LEN - 1, key, sizeof(key) - 1, &r),
	    NV_SD_MALFORMED);
	ck_assert_int_eq(nv_sd_unpack(pkt, NV_SD_PACKET_LEN + 1, key, sizeof(key) - 1, &r),
	    NV_SD_MALFORMED);
	ck_assert_int_eq(nv_sd_unpack(pkt, 0, key, sizeof(key) - 1, &r), NV_SD_MALFORMED);
	pkt[0] = 'X';
	ck_assert_int_eq(nv_sd_unpack(pkt, NV_SD_PACKET_LEN, key, sizeof(key) - 1, &r),
	    NV_SD_MALFORMED);
	m.type = 99;
	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, NV_SD_PACKET_LEN, key, sizeof(key) - 1, &r),
	    NV_SD_MALFORMED);
	/* authentic but a name with a control character */
	m = sample();
	m.sender[2] = '\n';
	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, NV_SD_PACKET_LEN, key, sizeof(key) - 1, &r),
	    NV_SD_MALFORMED);
}
END_TEST

START_TEST(replayed_or_stale_messages_are_refused)
{
	struct nv_sd_msg m = sample();
	time_t now = time(NULL);
	uint64_t last = 0;

	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_OK);
	ck_assert(last == m.seq);
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_REPLAY);
	m.seq--;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_REPLAY);
	m.seq += 2;
	m.time = now - NV_SD_WINDOW_S - 1;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	m.time = now + NV_SD_WINDOW_S + 1;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	m.time = now;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_OK);
}
END_TEST

START_TEST(time_at_the_ends_of_the_clock_is_stale)
{
	struct nv_sd_msg m = sample();
	time_t now = time(NULL);
	uint64_t last = 0;

	m.time = INT64_MIN;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	m.time = INT64_MIN + 1;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	m.time = INT64_MAX;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	ck_assert(last == 0);
}
END_TEST

START_TEST(sequence_beyond_the_window_locks_nobody_out)
{
	struct nv_sd_msg m = sample();
	time_t now = time(NULL);
	uint64_t last = 0;

	m.seq = UINT64_MAX;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
	ck_assert(last == 0);
	/* the genuine sender (sequence = its start time in us) still gets in */
	m.seq = (uint64_t)now * 1000000u;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_OK);
	/* the highest acceptable sequence now is the end of the window */
	m.seq = ((uint64_t)now + NV_SD_WINDOW_S + 1) * 1000000u;
	ck_assert_int_eq(nv_sd_fresh(&m, now, NV_SD_WINDOW_S, &last), NV_SD_STALE);
}
END_TEST

START_TEST(secret_file_must_be_private)
{
	char path[] = "/tmp/test_sd_secretXXXXXX", err[256];
	uint8_t buf[NV_SD_SECRET_MAX];
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "0123456789abcdefXYZ\n", 20), 20);
	close(fd);
	chmod(path, 0600);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), 19);
	chmod(path, 0644);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "0600 or 0640"));
	chmod(path, 0600);
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "short\n", 6), 6);
	close(fd);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "shorter"));
	/* nvshutdown(8): 0600 or 0640; group-writable is refused */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "0123456789abcdefXYZ\n", 20), 20);
	close(fd);
	chmod(path, 0640);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), 19);
	chmod(path, 0660);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "0600 or 0640"));
	chmod(path, 0600);
	/* owned by somebody else than us or root */
	if (geteuid() == 0) {
		ck_assert_int_eq(chown(path, 4242, 4242), 0);
		ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
		ck_assert_ptr_nonnull(strstr(err, "owned by"));
		ck_assert_int_eq(chown(path, 0, 0), 0);
	}
	/* long enough but not a secret: 16 NUL bytes, one repeated letter */
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16), 16);
	close(fd);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "random"));
	fd = open(path, O_WRONLY | O_TRUNC);
	ck_assert_int_eq(write(fd, "aaaaaaaaaaaaaaaabbbbbbbb\n", 25), 25);
	close(fd);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "random"));
	unlink(path);
	ck_assert_int_eq(nv_sd_read_secret(path, buf, sizeof(buf), err, sizeof(err)), -1);
}
END_TEST

START_TEST(durations_take_a_unit)
{
	ck_assert_int_eq(nv_sd_parse_duration("5", 60), 300);
	ck_assert_int_eq(nv_sd_parse_duration("45s", 60), 45);
	ck_assert_int_eq(nv_sd_parse_duration("2m", 1), 120);
	ck_assert_int_eq(nv_sd_parse_duration("1h", 1), 3600);
	ck_assert_int_eq(nv_sd_parse_duration("", 1), -1);
	ck_assert_int_eq(nv_sd_parse_duration("-3", 1), -1);
	ck_assert_int_eq(nv_sd_parse_duration("5x", 1), -1);
	ck_assert_int_eq(nv_sd_parse_duration("5ss", 1), -1);
	ck_assert_int_eq(nv_sd_parse_duration("99999999999999999999", 1), -1);
}
END_TEST

static Suite *shutdown_proto_suite(void)
{
	Suite *s = suite_create("shutdown_proto");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, signed_message_reads_back);
	tcase_add_test(tc, wrong_secret_or_altered_bit_is_refused);
	tcase_add_test(tc, malformed_packets_are_refused);
	tcase_add_test(tc, replayed_or_stale_messages_are_refused);
	tcase_add_test(tc, time_at_the_ends_of_the_clock_is_stale);
	tcase_add_test(tc, sequence_beyond_the_window_locks_nobody_out);
	tcase_add_test(tc, secret_file_must_be_private);
	tcase_add_test(tc, durations_take_a_unit);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { shutdown_proto_suite, NULL };
