# Daemon core: main loop, config, control socket, logging; and nvctl.
agent_libnvcore_a_SOURCES += agent/config.c agent/textbuf.h agent/textbuf.c \
	agent/resolver.h agent/resolver.c \
	agent/control_proto.h agent/control_proto.c agent/status.h agent/status.c
nvagentd_SOURCES += agent/main.c agent/agentx.h agent/agentx.c \
	agent/control.h agent/control.c
nvctl_SOURCES += agent/nvctl.c

check_PROGRAMS += tests/unit/test_config tests/unit/test_status
TESTS += tests/unit/test_config tests/unit/test_status
tests_unit_test_config_SOURCES = tests/unit/test_config.c
tests_unit_test_config_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_status_SOURCES = tests/unit/test_status.c
tests_unit_test_status_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_status_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/agent_config_check_ok.sh \
	tests/integration/agent_config_bad_file_refused.sh \
	tests/integration/nvctl_no_daemon_fails.sh \
	tests/integration/nvctl_status_live.sh \
	tests/integration/agent_config_sighup_reload.sh
nvagentd_CPPFLAGS = $(AM_CPPFLAGS) -DNV_VERSION='"$(PACKAGE_VERSION)"'
