/* test_syslog_remote.c — the RFC 5424 line the syslog plug-in sends. */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "check_main.h"
#include "nvconfig.h"  /* not the autoconf config.h of the build dir */
#include "syslog_remote.h"

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

static Suite *syslog_remote_suite(void)
{
	Suite *s = suite_create("syslog_remote");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, rfc5424_line);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { syslog_remote_suite, NULL };
