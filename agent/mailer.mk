# Notification plug-ins for people (issue 6): mail (libesmtp), syslog
# (local and remote RFC 5424 over UDP / TCP / TLS), exec, their config
# sections and the shared filter.  They need no net-snmp, so they live in
# the core library: nvagentd, nvtraphandle and the unit tests link them.
agent_libnvcore_a_SOURCES += agent/filter.h agent/filter.c \
	agent/config_notify.h agent/config_notify.c \
	agent/handlers/notice.h agent/handlers/notice.c \
	agent/handlers/mail_send.h agent/handlers/mail_send.c \
	agent/handlers/handler_mail.h agent/handlers/handler_mail.c \
	agent/handlers/syslog_remote.h agent/handlers/syslog_remote.c \
	agent/handlers/handler_syslog.h agent/handlers/handler_syslog.c \
	agent/handlers/handler_exec.h agent/handlers/handler_exec.c
agent_libnvcore_a_CFLAGS += $(ESMTP_CFLAGS)
NV_CORE_LIBS += $(ESMTP_LIBS)
nvagentd_SOURCES += agent/control_mail.h agent/control_mail.c

# snmptrapd's traphandle: the same plug-ins for traps from many agents
sbin_PROGRAMS += nvtraphandle
nvtraphandle_SOURCES = agent/nvtraphandle.c
nvtraphandle_CFLAGS = $(AM_CFLAGS) $(CONFUSE_CFLAGS)
nvtraphandle_LDADD = $(NV_CORE_LIBS)

TESTS += tests/integration/notify_mail_mains_fail_and_restore.sh \
	tests/integration/notify_mail_delay_and_retry.sh \
	tests/integration/notify_syslog_remote_udp_tcp_tls.sh \
	tests/integration/notify_snmptrapd_adapter_mails_trap.sh \
	tests/integration/notify_exec_runs_command_with_event.sh \
	tests/integration/notify_mail_starttls_auth_and_wrong_ca.sh

check_PROGRAMS += tests/unit/test_mail_config tests/unit/test_config_notify \
	tests/unit/test_syslog_remote
TESTS += tests/unit/test_mail_config tests/unit/test_config_notify \
	tests/unit/test_syslog_remote
tests_unit_test_mail_config_SOURCES = tests/unit/test_mail_config.c
tests_unit_test_mail_config_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mail_config_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_config_notify_SOURCES = tests/unit/test_config_notify.c
tests_unit_test_config_notify_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_notify_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_syslog_remote_SOURCES = tests/unit/test_syslog_remote.c
tests_unit_test_syslog_remote_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_syslog_remote_LDADD = $(NV_CHECK_LIBS)

dist_man_MANS += man/nvtraphandle.8
dist_confexample_DATA += conf/snmptrapd.conf
EXTRA_DIST += tests/lib/nv_smtpd.py tests/lib/notify.sh
