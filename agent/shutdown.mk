# Shutdown management (issue 8, part A): the protocol, its config section
# and the agent's listener go in the core library (unit-tested, and shared
# with nvshutdown), and so does the sequence's state machine (pure, unit-
# tested with its own clock); its I/O needs the main loop and goes into
# nvagentd.  nvshutdown is the client daemon for protected servers.
agent_libnvcore_a_SOURCES += agent/shutdown_proto.h agent/shutdown_proto.c \
	agent/config_shutdown.h agent/config_shutdown.c \
	agent/shutdown_server.h agent/shutdown_server.c agent/shutdown.h \
	agent/shutdown_seq.h agent/shutdown_seq.c
nvagentd_SOURCES += agent/shutdown.c

sbin_PROGRAMS += nvshutdown
nvshutdown_SOURCES = agent/nvshutdown.h agent/nvshutdown.c agent/nvshutdown_conf.c
nvshutdown_CFLAGS = $(AM_CFLAGS) $(CONFUSE_CFLAGS) $(OPENSSL_CFLAGS)
nvshutdown_LDADD = $(NV_CORE_LIBS)

dist_man_MANS += man/nvshutdown.8
dist_confexample_DATA += conf/nvshutdown.conf

check_PROGRAMS += tests/unit/test_shutdown_proto
TESTS += tests/unit/test_shutdown_proto
tests_unit_test_shutdown_proto_SOURCES = tests/unit/test_shutdown_proto.c
tests_unit_test_shutdown_proto_CFLAGS = $(NV_CHECK_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_shutdown_proto_LDADD = $(NV_CHECK_LIBS)

check_PROGRAMS += tests/unit/test_shutdown_seq
TESTS += tests/unit/test_shutdown_seq
tests_unit_test_shutdown_seq_SOURCES = tests/unit/test_shutdown_seq.c
tests_unit_test_shutdown_seq_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_shutdown_seq_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/shutdown_weekly_schedule_and_special_day.sh
TESTS += tests/integration/shutdown_warning_period_and_request.sh \
	tests/integration/shutdown_mains_restore_cancels.sh \
	tests/integration/shutdown_250_clients_all_get_the_first_warning.sh \
	tests/integration/shutdown_refuses_bad_secret_and_replay.sh \
	tests/integration/shutdown_flapping_mains_never_shuts_down.sh \
	tests/integration/shutdown_test_command.sh \
	tests/integration/shutdown_config_refused.sh \
	tests/integration/shutdown_lost_agent_or_client.sh \
	tests/integration/shutdown_ups_shutoff_then_wol.sh
