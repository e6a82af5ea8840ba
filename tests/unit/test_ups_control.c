/*
 * test_ups_control.c — the UPS-control layer's pure parts: the magic packet,
 * MAC parsing, the profiles' control tables and the words of a shut-off,
 * and the controls / wol config sections.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "device/private/poller_control.h"
#include "device/private/profile.h"
#include "device/private/ups_clock.h"
#include "nvconfig.h"
#include "wol.h"

START_TEST(magic_packet_is_6_ff_then_16_macs)
{
	const uint8_t mac[6] = { 0x00, 0x11, 0x22, 0xAA, 0xBB, 0xFE };
	uint8_t p[NV_WOL_PACKET_LEN];

	memset(p, 0x5A, sizeof(p));
	nv_wol_build(mac, p);
	for (int i = 0; i < 6; i++)
		ck_assert_uint_eq(p[i], 0xFF);
	for (int k = 0; k < 16; k++)
		ck_assert_mem_eq(p + 6 + 6 * k, mac, 6);
	ck_assert_int_eq(NV_WOL_PACKET_LEN, 102);
}
END_TEST

START_TEST(mac_parsing_accepts_colon_or_dash_and_rejects_typos)
{
	uint8_t m[6];

	ck_assert_int_eq(nv_wol_parse_mac("00:11:22:33:44:55", m), 0);
	ck_assert_uint_eq(m[5], 0x55);
	ck_assert_int_eq(nv_wol_parse_mac("aa-BB-cc-DD-ee-FF", m), 0);
	ck_assert_uint_eq(m[1], 0xBB);
	ck_assert_int_eq(nv_wol_parse_mac("00:11:22:33:44", m), -1);
	ck_assert_int_eq(nv_wol_parse_mac("00:11:22:33:44:55:66", m), -1);
	ck_assert_int_eq(nv_wol_parse_mac("00:11-22:33:44:55", m), -1);
	ck_assert_int_eq(nv_wol_parse_mac("0g:11:22:33:44:55", m), -1);
	ck_assert_int_eq(nv_wol_parse_mac("", m), -1);
	ck_assert_int_eq(nv_wol_parse_mac("001122334455", m), -1);
}
END_TEST

START_TEST(profiles_carry_their_control_registers)
{
	const struct nv_control_map *j = nv_profile_jbusp.controls;
	const struct nv_control_map *v = nv_profile_vumap.controls;
	const struct nv_control_map *s = nv_profile_sts.controls;

	ck_assert_ptr_nonnull(j);
	ck_assert_uint_eq(j->shutoff_addr, 0x1580);
	ck_assert_uint_eq(j->perm_addr, 0x15C0);
	ck_assert_uint_eq(j->command_addr, 0x15B0);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(v->perm_addr, 0x00C7);
	ck_assert_uint_eq(v->perm_words, 4);
	ck_assert_int_eq(v->perm_remote_bit, 0);
	ck_assert_uint_eq(v->shutoff_addr, 0);         /* none public */
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(s->perm_addr, 0x0150);
	ck_assert_uint_eq(s->command_addr, 0x0190);
	ck_assert_uint_eq(s->shutoff_addr, 0);
}
END_TEST

static void no_override(struct nv_control_override *o)
{
	o->perm_addr = o->perm_words = o->perm_remote_bit = -1;
	o->shutoff_addr = o->type_restart = o->type_stay_off = o->type_cancel = -1;
}

START_TEST(shutoff_words_are_one_byte_each)
{
	struct nv_control_map m;
	struct nv_command c = { .kind = NV_CMD_SHUTOFF, .delay_s = 300, .restart_min = 1234 };
	struct nv_control_override o;
	uint16_t w[NV_SHUTOFF_WORDS];

	no_override(&o);
	nv_control_effective(&nv_profile_jbusp, &o, &m);
	nv_control_shutoff_words(&m, &c, w);
	ck_assert_uint_eq(w[0], 0x01);
	ck_assert_uint_eq(w[1], 0x2C);
	ck_assert_uint_eq(w[2], 0x04);
	ck_assert_uint_eq(w[3], 0xD2);
	ck_assert_uint_eq(w[4], 4);
	c.restart_min = 0;
	nv_control_shutoff_words(&m, &c, w);
	ck_assert_uint_eq(w[4], 1);
	c.kind = NV_CMD_SHUTOFF_CANCEL;
	nv_control_shutoff_words(&m, &c, w);
	ck_assert_uint_eq(w[0] | w[1] | w[2] | w[3], 0);
	ck_assert_uint_eq(w[4], 0);
}
END_TEST

START_TEST(override_replaces_only_what_it_sets)
{
	struct nv_control_override o;
	struct nv_control_map m;

	no_override(&o);
	o.shutoff_addr = 0x0300;
	o.type_restart = 7;
	nv_control_effective(&nv_profile_vumap, &o, &m);
	ck_assert_uint_eq(m.shutoff_addr, 0x0300);
	ck_assert_uint_eq(m.type_restart, 7);
	ck_assert_uint_eq(m.type_stay_off, 1);
	ck_assert_uint_eq(m.perm_addr, 0x00C7);
	nv_control_effective(NULL, NULL, &m);
	ck_assert_uint_eq(m.shutoff_addr, 0);
}
END_TEST

struct fixture {
	char path[64];
	char err[512];
	struct nv_config cfg;
};

static int load(struct fixture *f, const char *text)
{
	FILE *fp;
	int fd, rc;

	snprintf(f->path, sizeof(f->path), "/tmp/nvupsctl-XXXXXX");
	fd = mkstemp(f->path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
	rc = nv_config_load(f->path, &f->cfg, f->err, sizeof(f->err));
	unlink(f->path);
	return rc;
}

START_TEST(config_reads_wol_targets_and_address)
{
	static struct fixture f;

	ck_assert_msg(load(&f,
	    "# wol target commented { }\n"
	    "wol target srv1 { mac = \"00:11:22:33:44:55\"  enabled = true }\n"
	    "wol   target srv2 {\n  mac = \"66-77-88-99-aa-bb\"\n  enabled = false\n"
	    "  description = \"wol target in a string\"\n}\n"
	    "wol { address = \"127.0.0.1:4009\" }\n") == 0, "%s", f.err);
	ck_assert_uint_eq(f.cfg.wol.n, 2);
	ck_assert_str_eq(f.cfg.wol.t[0].name, "srv1");
	ck_assert(f.cfg.wol.t[0].enabled);
	ck_assert_uint_eq(f.cfg.wol.t[1].mac[5], 0xBB);
	ck_assert(!f.cfg.wol.t[1].enabled);
	ck_assert_str_eq(f.cfg.wol.t[1].description, "wol target in a string");
	ck_assert_str_eq(f.cfg.wol.address, "127.0.0.1:4009");
}
END_TEST

START_TEST(config_bad_mac_is_refused_with_file_and_line)
{
	static struct fixture f;
	char want[128];

	ck_assert_int_eq(load(&f, "\n\nwol target bad { mac = \"00:11:22:33:44\" }\n"), -1);
	snprintf(want, sizeof(want), "%s:3: wol target bad: mac", f.path);
	ck_assert_msg(strncmp(f.err, want, strlen(want)) == 0, "got: %s", f.err);
	ck_assert_int_eq(load(&f, "wol { address = \"example.org:9\" }\n"), -1);
	ck_assert_msg(strstr(f.err, ":1: wol: address") != NULL, "got: %s", f.err);
}
END_TEST

START_TEST(config_controls_any_and_per_profile)
{
	static struct fixture f;
	struct nv_control_override o;

	ck_assert_msg(load(&f,
	    "controls { shutoff-register = 0x1580  shutoff-type-restart = 4 }\n"
	    "controls vumap { shutoff-register = 0x0300 remote-bit = 0 }\n") == 0,
	    "%s", f.err);
	nv_controls_for(&f.cfg.controls, NV_PROTO_JBUSP, &o);
	ck_assert_int_eq(o.shutoff_addr, 0x1580);
	ck_assert_int_eq(o.type_restart, 4);
	ck_assert_int_eq(o.type_cancel, -1);
	nv_controls_for(&f.cfg.controls, NV_PROTO_VUMAP, &o);
	ck_assert_int_eq(o.shutoff_addr, 0x0300);
	ck_assert_int_eq(o.type_restart, 4);
	ck_assert_int_eq(load(&f, "\ncontrols ups { shutoff-register = 1 }\n"), -1);
	ck_assert_msg(strstr(f.err, ":2: controls ups: profile") != NULL, "got: %s", f.err);
	ck_assert_int_eq(load(&f, "controls sts { permission-words = 9 }\n"), -1);
	ck_assert_msg(strstr(f.err, "permission-words out of range") != NULL, "got: %s", f.err);
}
END_TEST

START_TEST(clock_words_are_the_facts_sheet_layout)
{
	/* Thursday 2026-12-03 14:30:05 UTC */
	const time_t t = 1796308205;
	uint16_t w[NV_CLOCK_WORDS];
	uint16_t bad[NV_CLOCK_WORDS];

	setenv("TZ", "UTC", 1);
	tzset();
	nv_clock_encode(t, w);
	ck_assert_uint_eq(w[0], 30 << 8 | 5);   /* minutes, seconds */
	ck_assert_uint_eq(w[1], 3 << 8 | 14);   /* day, hours */
	ck_assert_uint_eq(w[2], 12 << 8 | 4);   /* month, Thursday (1 = Monday) */
	ck_assert_uint_eq(w[3], 26);            /* year - 2000 */
	ck_assert_int_eq((long)nv_clock_decode(w), (long)t);
	/* Sunday is 7, not 0 */
	nv_clock_encode(t + 3 * 86400, w);
	ck_assert_uint_eq(w[2] & 0xFF, 7);
	memcpy(bad, w, sizeof(bad));
	bad[0] = 30 << 8 | 60;                  /* second 60 */
	ck_assert_int_eq((long)nv_clock_decode(bad), -1L);
	memcpy(bad, w, sizeof(bad));
	bad[2] = 13 << 8 | 1;                   /* month 13 */
	ck_assert_int_eq((long)nv_clock_decode(bad), -1L);
	memcpy(bad, w, sizeof(bad));
	bad[2] = 12 << 8 | 0;                   /* day of week 0 */
	ck_assert_int_eq((long)nv_clock_decode(bad), -1L);
	memcpy(bad, w, sizeof(bad));
	bad[1] = 0 << 8 | 10;                   /* day 0 */
	ck_assert_int_eq((long)nv_clock_decode(bad), -1L);
}
END_TEST

static Suite *upsctl_suite(void)
{
	Suite *s = suite_create("ups_control");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, magic_packet_is_6_ff_then_16_macs);
	tcase_add_test(tc, mac_parsing_accepts_colon_or_dash_and_rejects_typos);
	tcase_add_test(tc, profiles_carry_their_control_registers);
	tcase_add_test(tc, shutoff_words_are_one_byte_each);
	tcase_add_test(tc, override_replaces_only_what_it_sets);
	tcase_add_test(tc, config_reads_wol_targets_and_address);
	tcase_add_test(tc, config_bad_mac_is_refused_with_file_and_line);
	tcase_add_test(tc, config_controls_any_and_per_profile);
	tcase_add_test(tc, clock_words_are_the_facts_sheet_layout);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { upsctl_suite, NULL };
