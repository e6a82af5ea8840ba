# Shutdown management: the plug-in in nvagentd (listener, the sequence's
# I/O), the pure clock-injected sequence, the protocol shared with
# nvshutdown, and nvshutdown, the client daemon for protected servers.
agent_libnvcore_a_SOURCES += agent/shutdown/shutdown.h agent/shutdown/shutdown.c \
	agent/shutdown/shutdown_seq.h agent/shutdown/shutdown_seq.c \
	agent/shutdown/shutdown_server.h agent/shutdown/shutdown_server.c \
	agent/shutdown/shutdown_proto.h agent/shutdown/shutdown_proto.c \
	agent/shutdown/shutdown_feeds.h agent/shutdown/shutdown_feeds.c
nvshutdown_SOURCES += agent/shutdown/nvshutdown.h agent/shutdown/nvshutdown.c \
	agent/shutdown/nvshutdown_conf.c
dist_man_MANS += man/nvshutdown.8
dist_systemdunit_DATA += conf/nvshutdown.service
dist_confexample_DATA += conf/nvshutdown.conf

check_PROGRAMS += tests/unit/test_shutdown_proto tests/unit/test_shutdown_seq \
	tests/unit/test_shutdown_schedule tests/unit/test_shutdown_feeds \
	tests/unit/test_config_shutdown_feeds tests/unit/test_shutdown_feed_groups
TESTS += tests/unit/test_shutdown_proto tests/unit/test_shutdown_seq \
	tests/unit/test_shutdown_schedule tests/unit/test_shutdown_feeds \
	tests/unit/test_config_shutdown_feeds tests/unit/test_shutdown_feed_groups
tests_unit_test_shutdown_proto_SOURCES = tests/unit/test_shutdown_proto.c
tests_unit_test_shutdown_proto_CFLAGS = $(NV_CHECK_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_shutdown_proto_LDADD = $(NV_CHECK_LIBS)
NV_SHUTDOWN_SEQ_FIXTURE = tests/unit/shutdown_seq_fixture.h \
	tests/unit/shutdown_seq_fixture.c
tests_unit_test_shutdown_seq_SOURCES = tests/unit/test_shutdown_seq.c \
	$(NV_SHUTDOWN_SEQ_FIXTURE)
tests_unit_test_shutdown_seq_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_shutdown_seq_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_shutdown_schedule_SOURCES = tests/unit/test_shutdown_schedule.c \
	$(NV_SHUTDOWN_SEQ_FIXTURE)
tests_unit_test_shutdown_schedule_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_shutdown_schedule_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_shutdown_feeds_SOURCES = tests/unit/test_shutdown_feeds.c \
	$(NV_SHUTDOWN_SEQ_FIXTURE)
tests_unit_test_shutdown_feeds_CFLAGS = $(NV_CHECK_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_shutdown_feeds_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_config_shutdown_feeds_SOURCES = tests/unit/test_config_shutdown_feeds.c \
	agent/shutdown/nvshutdown_conf.c
tests_unit_test_config_shutdown_feeds_CFLAGS = $(NV_CHECK_CFLAGS) $(CONFUSE_CFLAGS)
tests_unit_test_config_shutdown_feeds_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_shutdown_feed_groups_SOURCES = tests/unit/test_shutdown_feed_groups.c
tests_unit_test_shutdown_feed_groups_CFLAGS = $(NV_CHECK_CFLAGS) $(OPENSSL_CFLAGS)
tests_unit_test_shutdown_feed_groups_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/shutdown_weekly_schedule_and_special_day.sh \
	tests/integration/shutdown_warning_period_and_request.sh \
	tests/integration/shutdown_mains_restore_cancels.sh \
	tests/integration/shutdown_250_clients_all_get_the_first_warning.sh \
	tests/integration/shutdown_refuses_bad_secret_and_replay.sh \
	tests/integration/shutdown_flapping_mains_never_shuts_down.sh \
	tests/integration/shutdown_test_command.sh \
	tests/integration/shutdown_config_refused.sh \
	tests/integration/shutdown_lost_agent_or_client.sh \
	tests/integration/shutdown_ups_shutoff_then_wol.sh \
	tests/integration/shutdown_clients_listed_in_ups_devices_table.sh \
	tests/integration/shutdown_feeds_on_one_device.sh
