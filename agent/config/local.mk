# nvagent.conf: the whole file checked before use (nvconfig.c), and one
# file per part of it (device sections, serial line, traps, handlers,
# shutdown, UPS controls, logs).
agent_libnvcore_a_SOURCES += agent/config/nvconfig.h agent/config/nvconfig.c \
	agent/config/config_devices.h agent/config/config_devices.c \
	agent/config/config_scan.h agent/config/config_scan.c \
	agent/config/confuse_file.h agent/config/confuse_file.c \
	agent/config/config_serial.h agent/config/config_logs.h \
	agent/config/config_traps.h agent/config/config_traps.c \
	agent/config/config_handlers.h agent/config/config_handlers.c \
	agent/config/config_shutdown.h agent/config/config_shutdown.c \
	agent/config/config_schedule.h agent/config/config_schedule.c \
	agent/config/config_ups_control.h agent/config/config_ups_control.c \
	agent/config/config_environment.h agent/config/config_environment.c

check_PROGRAMS += tests/unit/test_config tests/unit/test_config_devices \
	tests/unit/test_config_handlers tests/unit/test_mail_config
TESTS += tests/unit/test_config tests/unit/test_config_devices \
	tests/unit/test_config_handlers tests/unit/test_mail_config
tests_unit_test_config_SOURCES = tests/unit/test_config.c \
	tests/unit/config_fixture.h tests/unit/config_fixture.c
tests_unit_test_config_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_config_devices_SOURCES = tests/unit/test_config_devices.c \
	tests/unit/config_fixture.h tests/unit/config_fixture.c
tests_unit_test_config_devices_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_devices_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_config_handlers_SOURCES = tests/unit/test_config_handlers.c
tests_unit_test_config_handlers_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_handlers_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mail_config_SOURCES = tests/unit/test_mail_config.c
tests_unit_test_mail_config_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mail_config_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/agent_config_check_ok.sh \
	tests/integration/agent_config_bad_file_refused.sh \
	tests/integration/agent_config_sighup_reload.sh
