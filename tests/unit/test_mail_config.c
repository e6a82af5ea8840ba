/* test_mail_config.c — the mail / syslog / exec sections of nvagent.conf
 * (agent/config/config_handlers.c), through the whole-file loader. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include "check_main.h"
#include "nvconfig.h"  /* not the autoconf config.h of the build dir */

static struct nv_config cfg;
static char err[512];

static int load(const char *text)
{
	char path[] = "/tmp/nvmailconf-XXXXXX";
	int fd = mkstemp(path), rc;
	FILE *fp;

	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fprintf(fp, "serial { device = \"/dev/null\" }\n%s", text);
	fclose(fp);
	err[0] = '\0';
	rc = nv_config_load(path, &cfg, err, sizeof(err));
	unlink(path);
	return rc;
}

static void refused(const char *text, const char *why)
{
	ck_assert_int_eq(load(text), -1);
	ck_assert_msg(strstr(err, why) != NULL, "error '%s' lacks '%s'", err, why);
}

START_TEST(no_sections_means_off)
{
	ck_assert_int_eq(load(""), 0);
	ck_assert(!cfg.notify.mail.enabled);
	ck_assert(!cfg.notify.syslog.enabled);
	ck_assert_uint_eq(cfg.notify.n_exec, 0);
}
END_TEST

START_TEST(mail_fixed_keys)
{
	ck_assert_int_eq(load("mail {\n server = \"smtp.example.org:587\"\n from = \"ups@example.org\"\n"
	    " subject-prefix = \"[UPS]\"\n tls = starttls\n delay = 30\n report-time = \"07:30\"\n"
	    " recipient ops {\n  address = \"ops@example.org\"\n  filter = severity\n"
	    "  severity = warning\n  type = both\n }\n"
	    " recipient b { address = \"b@example.org\"  filter = events  events = { \"overload\" } }\n}\n"), 0);
	ck_assert(cfg.notify.mail.enabled);
	ck_assert_str_eq(cfg.notify.mail.host, "smtp.example.org");
	ck_assert_int_eq(cfg.notify.mail.port, 587);
	ck_assert_int_eq(cfg.notify.mail.tls, NV_TLS_STARTTLS);
	ck_assert_int_eq(cfg.notify.mail.delay_s, 30);
	ck_assert_int_eq(cfg.notify.mail.report_hour, 7);
	ck_assert_int_eq(cfg.notify.mail.report_min, 30);
	ck_assert_uint_eq(cfg.notify.mail.n, 2);
	ck_assert_int_eq(cfg.notify.mail.rcpt[0].filter.severity, 2);
	ck_assert_int_eq(cfg.notify.mail.rcpt[0].type, NV_MAIL_EVENTS | NV_MAIL_STATUS);
	ck_assert_int_eq(cfg.notify.mail.rcpt[1].filter.by, NV_RCV_BY_EVENTS);
	ck_assert_str_eq(cfg.notify.mail.rcpt[1].filter.events[0], "overload");
}
END_TEST

START_TEST(mail_bad_values)
{
	refused("mail { from = \"a@b\" }\n", "mail: server is required");
	refused("mail { server = \"h:0\" from = \"a@b\" }\n", "port must be 1-65535");
	refused("mail { server = \"h\" from = \"nobody\" }\n", "from must be one mailbox");
	refused("mail { server = \"h\" from = \"a@b\" tls = maybe }\n", "tls must be none");
	refused("mail { server = \"h\" from = \"a@b\" report-time = \"25:00\" }\n", "report-time");
	refused("mail { server = \"h\" from = \"a@b\" delay = -1 }\n", "delay must be");
	refused("mail { server = \"h\" from = \"a@b\" user = \"u\" }\n", "user and password-file");
	refused("mail { server = \"h\" from = \"a@b\" recipient r { address = \"x\" } }\n",
	    "recipient r: address must be one mailbox");
	refused("mail { server = \"h\" from = \"a@b\" recipient r { address = \"x@y\" filter = events } }\n",
	    "non-empty events list");
	refused("mail { server = \"h\" from = \"a@b\" recipient r { address = \"x@y\" events = { \"nope\" } } }\n",
	    "unknown event name");
	refused("mail { server = \"h\" from = \"a@b\" }\nmail { server = \"h\" from = \"a@b\" }\n",
	    "only one mail section");
}
END_TEST

START_TEST(mail_nine_recipients_refused)
{
	char text[2048] = "mail { server = \"h\" from = \"a@b\"\n";

	for (int i = 0; i < 9; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text),
		    " recipient r%d { address = \"r%d@example.org\" }\n", i, i);
	strcat(text, "}\n");
	refused(text, "at most 8 recipients");
}
END_TEST

START_TEST(password_file_mode_checked)
{
	char pw[] = "/tmp/nvmailpw-XXXXXX", text[512];
	int fd = mkstemp(pw);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "secret\n", 7), 7);
	close(fd);
	snprintf(text, sizeof(text), "mail { server = \"h\" from = \"a@b\" user = \"u\" "
	    "password-file = \"%s\" }\n", pw);
	chmod(pw, 0600);
	ck_assert_int_eq(load(text), 0);
	ck_assert_str_eq(cfg.notify.mail.password, "secret");
	chmod(pw, 0644);
	refused(text, "is readable by others: refused");
	unlink(pw);
	refused(text, "No such file");
}
END_TEST

START_TEST(syslog_and_exec_keys)
{
	ck_assert_int_eq(load("syslog {\n remote = \"udp://192.0.2.10:514\"\n facility = local0\n}\n"
	    "exec hook1 {\n command = \"/usr/local/bin/on-ups-event --x\"\n filter = severity\n"
	    " severity = warning\n}\n"), 0);
	ck_assert(cfg.notify.syslog.enabled && cfg.notify.syslog.has_remote);
	ck_assert_int_eq(cfg.notify.syslog.proto, NV_SL_UDP);
	ck_assert_int_eq(cfg.notify.syslog.port, 514);
	ck_assert_int_eq(cfg.notify.syslog.facility, LOG_LOCAL0);
	ck_assert_uint_eq(cfg.notify.n_exec, 1);
	ck_assert_str_eq(cfg.notify.exec[0].name, "hook1");
	ck_assert_int_eq(load("syslog { remote = \"tls://[::1]\" groups = { \"service\" } }\n"), 0);
	ck_assert_int_eq(cfg.notify.syslog.port, 6514);
	ck_assert_str_eq(cfg.notify.syslog.host, "::1");
	ck_assert_int_eq(cfg.notify.syslog.groups, NV_SLG_SERVICE);
	refused("syslog { remote = \"http://x\" }\n", "remote must be udp://");
	refused("syslog { facility = kern }\n", "facility must be");
	refused("syslog { groups = { \"ups\", \"x\" } }\n", "groups: each must be");
	refused("exec e { command = \"relative/path\" }\n", "absolute path");
	refused("exec e { command = \"/bin/x 'open\" }\n", "unterminated quote");
	refused("exec e { }\n", "command is required");
}
END_TEST

static Suite *mail_config_suite(void)
{
	Suite *s = suite_create("mail_config");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, no_sections_means_off);
	tcase_add_test(tc, mail_fixed_keys);
	tcase_add_test(tc, mail_bad_values);
	tcase_add_test(tc, mail_nine_recipients_refused);
	tcase_add_test(tc, password_file_mode_checked);
	tcase_add_test(tc, syslog_and_exec_keys);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { mail_config_suite, NULL };
