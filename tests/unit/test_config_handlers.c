/* test_config_handlers.c — splitting an exec command line into argv the way
 * the exec plug-in runs it (no shell): quotes, escapes, bad commands. */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "config_handlers.h"
#include "nvconfig.h"  /* not the autoconf config.h of the build dir */

static int split(const char *cmd, char **argv, const char **why)
{
	static char buf[512];

	return nv_split_command(cmd, buf, sizeof(buf), argv, 8, why);
}

START_TEST(words_quotes_escapes)
{
	char *argv[8];
	const char *why;

	ck_assert_int_eq(split("/bin/echo  a 'b c' \"d \\\"e\\\"\" f\\ g", argv, &why), 5);
	ck_assert_str_eq(argv[0], "/bin/echo");
	ck_assert_str_eq(argv[1], "a");
	ck_assert_str_eq(argv[2], "b c");
	ck_assert_str_eq(argv[3], "d \"e\"");
	ck_assert_str_eq(argv[4], "f g");
	ck_assert_ptr_null(argv[5]);
	/* shell syntax is just text: no shell runs */
	ck_assert_int_eq(split("/bin/x ; rm -rf / $(id)", argv, &why), 6);
	ck_assert_str_eq(argv[1], ";");
	ck_assert_str_eq(argv[5], "$(id)");
}
END_TEST

START_TEST(bad_commands)
{
	char *argv[8];
	const char *why;

	ck_assert_int_eq(split("   ", argv, &why), -1);
	ck_assert_str_eq(why, "empty command");
	ck_assert_int_eq(split("/bin/x 'a", argv, &why), -1);
	ck_assert_str_eq(why, "unterminated quote");
	ck_assert_int_eq(split("/a 1 2 3 4 5 6 7 8", argv, &why), -1);
	ck_assert_str_eq(why, "too many words");
}
END_TEST

static Suite *config_notify_suite(void)
{
	Suite *s = suite_create("config_notify");
	TCase *tc = tcase_create("split");

	tcase_add_test(tc, words_quotes_escapes);
	tcase_add_test(tc, bad_commands);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { config_notify_suite, NULL };
