/*
 * test_trace_access.c — the serial trace ring (off costs nothing, keeps the
 * newest 256 in order), the saved log intervals (round trip, a damaged or
 * out-of-range file is ignored), and who may run which control command.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nvconfig.h"
#include "control_access.h"
#include "logs.h"
#include "logs_store.h"
#include "trace.h"

static struct nv_trace_entry entry(uint16_t addr)
{
	struct nv_trace_entry e;

	memset(&e, 0, sizeof(e));
	e.slave = 1;
	e.function = 3;
	e.addr = addr;
	e.count = 2;
	e.got = 2;
	e.words[0] = 0x1234;
	e.words[1] = addr;
	return e;
}

static int count_lines(const struct nv_text *t)
{
	int n = 0;

	for (size_t i = 0; i < t->len; i++)
		n += t->buf[i] == '\n';
	return n;
}

START_TEST(trace_off_records_nothing)
{
	struct nv_trace t;
	struct nv_trace_entry e = entry(0x1060);
	struct nv_text out;

	ck_assert_int_eq(nv_trace_init(&t), 0);
	nv_trace_add(&t, &e);
	nv_text_init(&out);
	nv_trace_render(&t, true, &out);
	ck_assert_int_eq(count_lines(&out), 1);         /* the header only */
	nv_text_free(&out);
	nv_trace_destroy(&t);
}
END_TEST

START_TEST(trace_keeps_the_newest_in_order)
{
	struct nv_trace t;
	struct nv_text out;
	char *last;

	ck_assert_int_eq(nv_trace_init(&t), 0);
	nv_trace_set(&t, true);
	for (int i = 0; i < NV_TRACE_MAX + 44; i++) {
		struct nv_trace_entry e = entry((uint16_t)i);

		nv_trace_add(&t, &e);
	}
	nv_text_init(&out);
	nv_trace_render(&t, true, &out);
	ck_assert_int_eq(count_lines(&out), NV_TRACE_MAX + 1);
	/* the oldest kept is number 45, the newest 300 */
	ck_assert_ptr_nonnull(strstr(out.buf, "\n45,"));
	ck_assert_ptr_null(strstr(out.buf, "\n44,"));
	out.buf[out.len - 1] = '\0';
	last = strrchr(out.buf, '\n');
	ck_assert_ptr_nonnull(last);
	ck_assert_int_eq(strncmp(last, "\n300,", 5), 0);
	ck_assert_ptr_nonnull(strstr(last, ",ok,2,1234 012B"));
	nv_text_free(&out);
	/* on again: a fresh trace */
	nv_trace_set(&t, false);
	nv_trace_set(&t, true);
	nv_text_init(&out);
	nv_trace_render(&t, false, &out);
	ck_assert_int_eq(count_lines(&out), 1);
	nv_text_free(&out);
	nv_trace_destroy(&t);
}
END_TEST

static char dir[64];

static void setup_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_trace_access.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown_dir(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, NV_LOGS_SETTINGS_FILE);
	unlink(path);
	rmdir(dir);
}

static void write_settings(const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, NV_LOGS_SETTINGS_FILE);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(saved_intervals_round_trip)
{
	struct nv_logs_cfg c, got;
	char err[256];

	nv_logs_cfg_defaults(&c);
	nv_logs_cfg_defaults(&got);
	ck_assert_int_eq(nv_logs_settings_use_saved(dir, &got), 0);    /* no file */
	c.history_interval = 5;
	c.extended_interval = 3;
	ck_assert_int_eq(nv_logs_settings_save(dir, &c, err, sizeof(err)), 0);
	ck_assert_int_eq(nv_logs_settings_use_saved(dir, &got), 1);
	ck_assert_int_eq(got.history_interval, 5);
	ck_assert_int_eq(got.extended_interval, 3);
	ck_assert_int_eq(got.records, 2048);            /* not theirs to change */
}
END_TEST

START_TEST(damaged_saved_intervals_are_ignored)
{
	static const char *const bad[] = {
		"history-interval 5\nextended-interval\n",
		"history-interval 5x\n",
		"frequency 5\n",
		"history-interval 0\n",
		"extended-interval 10081\n",
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct nv_logs_cfg c;

		nv_logs_cfg_defaults(&c);
		write_settings(bad[i]);
		ck_assert_int_eq(nv_logs_settings_use_saved(dir, &c), 0);
		ck_assert_int_eq(c.history_interval, 60);
		ck_assert_int_eq(c.extended_interval, 60);
	}
}
END_TEST

START_TEST(readers_read_admins_change)
{
	struct nv_config cfg;
	struct nv_peer root = { true, 1, 0, 0 };
	struct nv_peer nobody = { true, 2, 65534, 65534 };
	struct nv_peer unknown = { false, 0, 0, 0 };
	char why[256];

	nv_config_defaults(&cfg);
	snprintf(cfg.control_group, sizeof(cfg.control_group), "nogroup");
	ck_assert_int_eq(nv_peer_allowed(&root, &cfg, true, why, sizeof(why)), 0);
	ck_assert_int_eq(nv_peer_allowed(&unknown, &cfg, false, why, sizeof(why)), -1);
	if (geteuid() == 65534)
		return;         /* the peer would be the daemon's own user */
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, false, why, sizeof(why)), 0);
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, true, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "this command changes the agent: it needs root (no admin-group "
	    "is configured)");
	snprintf(cfg.admin_group, sizeof(cfg.admin_group), "nogroup");
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, true, why, sizeof(why)), 0);
	cfg.admin_group[0] = '\0';
	snprintf(cfg.control_group, sizeof(cfg.control_group), "root");
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, false, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "the caller is not in the control group 'root'");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("trace_access");
	TCase *tc = tcase_create("trace");
	TCase *st = tcase_create("store");
	TCase *ac = tcase_create("access");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, trace_off_records_nothing);
	tcase_add_test(tc, trace_keeps_the_newest_in_order);
	tcase_add_checked_fixture(st, setup_dir, teardown_dir);
	tcase_add_test(st, saved_intervals_round_trip);
	tcase_add_test(st, damaged_saved_intervals_are_ignored);
	tcase_add_test(ac, readers_read_admins_change);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, st);
	suite_add_tcase(s, ac);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
