# Round 4 loose ends: upsDevicesTable (the nvshutdown clients in the
# SOCOMEC MIB), agent log entries in the syslog "agent" group, and
# their tests.
agent_libnvcore_a_SOURCES += mib-modules/socomec_devices.h mib-modules/socomec_devices.c

check_PROGRAMS += tests/unit/test_socomec_devices
TESTS += tests/unit/test_socomec_devices
tests_unit_test_socomec_devices_SOURCES = tests/unit/test_socomec_devices.c
tests_unit_test_socomec_devices_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_socomec_devices_LDADD = $(NV_CHECK_LIBS)
TESTS += tests/integration/shutdown_clients_listed_in_ups_devices_table.sh
TESTS += tests/integration/notify_syslog_agent_group_gets_agent_log.sh
