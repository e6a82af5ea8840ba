/* test_exec_split.c — the exec plug-in's command splitting (no shell)
 * and the RFC 5424 line of the syslog plug-in. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "agent/nvconfig.h"  /* not the autoconf config.h of the build dir */
#include "agent/handlers/syslog_remote.h"

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

START_TEST(rfc5424_line)
{
	char buf[512], host[64];

	nv_syslog_format(buf, sizeof(buf), LOG_LOCAL3, LOG_CRIT, 0, "nvagentd", "on-battery",
	    "[x@4555 a=\"b\"]", "text");
	/* <PRI>1 SP TIMESTAMP SP HOST SP APP SP PROCID SP MSGID SP SD SP MSG */
	ck_assert_msg(strncmp(buf, "<154>1 19", 9) == 0 || strncmp(buf, "<154>1 1970", 11) == 0, "%s", buf);
	ck_assert_msg(strstr(buf, " nvagentd ") != NULL, "%s", buf);
	ck_assert_msg(strstr(buf, " on-battery [x@4555 a=\"b\"] text") != NULL, "%s", buf);
	ck_assert_int_eq(sscanf(buf, "<154>1 %*s %63s", host), 1);
	nv_syslog_format(buf, sizeof(buf), LOG_DAEMON, LOG_INFO, 0, "a", "", "", "m");
	ck_assert_msg(strncmp(buf, "<30>1 ", 6) == 0, "%s", buf);
	ck_assert_msg(strstr(buf, " - - m") != NULL, "nil MSGID and SD: %s", buf);
}
END_TEST

Suite *suite(void)
{
	Suite *s = suite_create("exec_split");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, words_quotes_escapes);
	tcase_add_test(tc, bad_commands);
	tcase_add_test(tc, rfc5424_line);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
