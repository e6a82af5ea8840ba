/*
 * test_config_schedule.c — the schedule section: every kind read, and a
 * bad day, time, date, a restart too far or before its shut-off, an
 * overlap, too many entries, each refused with FILE:LINE of the entry.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include <confuse.h>

#include "check_main.h"
#include "config_schedule.h"

static int parse(const char *text, struct nv_schedule_cfg *c, char *err, size_t errlen)
{
	cfg_t *cfg = cfg_init(nv_config_schedule_opts(), CFGF_NONE);
	int rc;

	ck_assert_ptr_nonnull(cfg);
	cfg_set_error_function(cfg, NULL);
	rc = cfg_parse_buf(cfg, text) == CFG_SUCCESS ?
	    nv_config_schedule_store(cfg, "t.conf", c, err, errlen) : -2;
	cfg_free(cfg);
	return rc;
}

START_TEST(every_kind_is_read)
{
	struct nv_schedule_cfg c;
	char err[256] = "";

	ck_assert_int_eq(parse("schedule {\n"
	    " weekly { off = \"fri 22:00\"  restart = \"mon 06:30\" }\n"
	    " weekly { off = \"wed 23:00:15\" }\n"
	    " special-day { off = \"2026-12-24 18:00\"  restart = \"2026-12-27 07:00\" }\n"
	    " eco-mode { on = \"mon 08:00\"  off = \"fri 20:00\" }\n"
	    " battery-test { start = \"2026-12-07 03:00\"  every = 4 }\n"
	    "}\n", &c, err, sizeof(err)), 0);
	ck_assert_int_eq(c.n_weekly, 2);
	ck_assert_int_eq(c.weekly[0].off.wday, 5);
	ck_assert_int_eq(c.weekly[0].restart.sec, 6 * 3600 + 30 * 60);
	ck_assert_int_eq(c.weekly[1].restart.wday, -1);
	ck_assert_int_eq(c.weekly[1].off.sec, 23 * 3600 + 15);
	ck_assert_int_eq(c.weekly[1].line, 3);
	ck_assert_int_eq(c.special[0].restart.mday, 27);
	ck_assert_int_eq(c.eco[0].off.wday, 5);
	ck_assert_int_eq(c.battery[0].every_weeks, 4);
}
END_TEST

struct bad {
	const char *entry;
	const char *want;
};

START_TEST(bad_entries_say_file_and_line)
{
	static const struct bad bad[] = {
		{ "weekly { off = \"fri 25:00\" }", "t.conf:3: schedule: weekly: off 'fri 25:00' is not" },
		{ "weekly { off = \"friday 22:00\" }", "off 'friday 22:00' is not" },
		{ "weekly { off = \"fri 22:00:60\" }", "is not" },
		{ "weekly { restart = \"fri 22:00\" }", "t.conf:3: schedule: weekly: needs off =" },
		{ "weekly { off = \"fri 22:00\" restart = \"fri 22:00\" }", "restart at the shut-off time" },
		{ "weekly { off = \"mon 00:00\" restart = \"sun 23:00\" }", "more than the UPS can count" },
		{ "weekly { off = \"fri 12:00\" restart = \"sat 12:00\" }", "t.conf:3: schedule: weekly: overlaps the entry 1" },
		{ "special-day { off = \"2026-02-30 10:00\" }", "is not \"YYYY-MM-DD" },
		{ "special-day { off = \"2026-12-27 10:00\" restart = \"2026-12-26 10:00\" }", "restart is not after" },
		{ "eco-mode { on = \"mon 08:00\" off = \"mon 08:00\" }", "on and off at the same time" },
		{ "eco-mode { on = \"mon 08:00\" }", "eco-mode: needs off =" },
		{ "battery-test { start = \"2026-12-07 03:00\" every = 53 }", "not a number of weeks" },
		{ "battery-test { every = 2 }", "battery-test: needs start =" },
	};
	struct nv_schedule_cfg c;
	char text[512], err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* line 2 holds a good weekly entry, line 3 the bad one */
		snprintf(text, sizeof(text), "schedule {\n weekly { off = \"fri 22:00\" "
		    "restart = \"mon 06:00\" }\n %s\n}\n", bad[i].entry);
		err[0] = '\0';
		ck_assert_msg(parse(text, &c, err, sizeof(err)) == -1, "'%s' accepted", bad[i].entry);
		ck_assert_msg(strstr(err, bad[i].want) != NULL, "'%s': '%s' lacks '%s'",
		    bad[i].entry, err, bad[i].want);
	}
}
END_TEST

START_TEST(more_entries_than_the_mib_rows_are_refused)
{
	struct nv_schedule_cfg c;
	char text[1024] = "schedule {\n", err[256] = "";
	static const char *const d[] = { "sun", "mon", "tue", "wed", "thu", "fri", "sat" };

	for (int i = 0; i < 8; i++) {
		char e[64];

		snprintf(e, sizeof(e), " weekly { off = \"%s %02d:00\" }\n", d[i % 7], 10 + i);
		strcat(text, e);
	}
	strcat(text, "}\n");
	ck_assert_int_eq(parse(text, &c, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "at most 7 entries") != NULL, "%s", err);
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config_schedule");
	TCase *tc = tcase_create("section");

	tcase_add_test(tc, every_kind_is_read);
	tcase_add_test(tc, bad_entries_say_file_and_line);
	tcase_add_test(tc, more_entries_than_the_mib_rows_are_refused);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { config_suite, NULL };
