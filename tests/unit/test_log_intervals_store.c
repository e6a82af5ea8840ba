/* test_log_intervals_store.c — the log intervals saved over SNMP: they round trip,
 * and a damaged or out-of-range file is ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "log_intervals_store.h"
#include "logs.h"

static char dir[64];

static void setup_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_log_intervals_store.XXXXXX");
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

static Suite *logs_store_suite(void)
{
	Suite *s = suite_create("logs_store");
	TCase *tc = tcase_create("settings");

	tcase_add_checked_fixture(tc, setup_dir, teardown_dir);
	tcase_add_test(tc, saved_intervals_round_trip);
	tcase_add_test(tc, damaged_saved_intervals_are_ignored);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { logs_store_suite, NULL };
