# The handler plug-ins and their registry (handler.h): trap, mail, syslog,
# exec, eventlog, wol; the shutdown plug-in lives in shutdown/.  The trap
# plug-in and the list of built-in plug-ins need net-snmp: nvagentd only.
agent_libnvcore_a_SOURCES += agent/handlers/handler.h agent/handlers/handler.c \
	agent/handlers/filter.h agent/handlers/filter.c \
	agent/handlers/human_text.h agent/handlers/human_text.c \
	agent/handlers/trap_receivers_store.h agent/handlers/trap_receivers_store.c \
	agent/handlers/mail_send.h agent/handlers/mail_send.c \
	agent/handlers/mail_queue.h agent/handlers/mail_queue.c \
	agent/handlers/handler_mail.h agent/handlers/handler_mail.c \
	agent/handlers/syslog_remote.h agent/handlers/syslog_remote.c \
	agent/handlers/handler_syslog.h agent/handlers/handler_syslog.c \
	agent/handlers/handler_exec.h agent/handlers/handler_exec.c \
	agent/handlers/handler_eventlog.h agent/handlers/handler_eventlog.c \
	agent/handlers/handler_wol.h agent/handlers/handler_wol.c
nvagentd_SOURCES += agent/handlers/builtin.c \
	agent/handlers/handler_trap.h agent/handlers/handler_trap.c

check_PROGRAMS += tests/unit/test_trap_receivers_store tests/unit/test_syslog_remote \
	tests/unit/test_notify_devices tests/unit/test_trap_pdu
TESTS += tests/unit/test_trap_receivers_store tests/unit/test_syslog_remote \
	tests/unit/test_notify_devices tests/unit/test_trap_pdu
tests_unit_test_trap_receivers_store_SOURCES = tests/unit/test_trap_receivers_store.c
tests_unit_test_trap_receivers_store_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_trap_receivers_store_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_syslog_remote_SOURCES = tests/unit/test_syslog_remote.c
tests_unit_test_syslog_remote_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_syslog_remote_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_notify_devices_SOURCES = tests/unit/test_notify_devices.c
tests_unit_test_notify_devices_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_notify_devices_LDADD = $(NV_CHECK_LIBS)
# the trap plug-in's PDUs: it is built with net-snmp, so is its test
tests_unit_test_trap_pdu_SOURCES = tests/unit/test_trap_pdu.c agent/handlers/handler_trap.c
tests_unit_test_trap_pdu_CFLAGS = $(NV_CHECK_CFLAGS) $(NETSNMP_CFLAGS)
tests_unit_test_trap_pdu_LDADD = $(NV_CHECK_LIBS) $(NETSNMP_LIBS)

TESTS += tests/integration/traps_receivers_set_over_snmp_persist.sh \
	tests/integration/traps_bad_receiver_sets_refused.sh \
	tests/integration/traps_nvctl_trap_test_reaches_every_receiver.sh \
	tests/integration/traps_inform_retried_until_receiver_up.sh \
	tests/integration/traps_name_lookup_never_blocks_the_agent.sh \
	tests/integration/notify_mail_mains_fail_and_restore.sh \
	tests/integration/notify_mail_delay_and_retry.sh \
	tests/integration/notify_mail_starttls_auth_and_wrong_ca.sh \
	tests/integration/notify_mail_report_now_with_history_csv.sh \
	tests/integration/notify_syslog_remote_udp_tcp_tls.sh \
	tests/integration/notify_syslog_agent_group_gets_agent_log.sh \
	tests/integration/notify_exec_runs_command_with_event.sh
EXTRA_DIST += tests/lib/nv_smtpd.py tests/lib/notify.sh
