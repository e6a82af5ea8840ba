# Event engine and notifications (issue 5): the engine, its data, the
# notification config and the plug-in registry go in the core library
# (unit-tested without net-snmp); the trap sender, the glue to the main
# loop and the builtin plug-in list need net-snmp and go into nvagentd.
agent_libnvcore_a_SOURCES += agent/notification.h agent/notification.c \
	agent/events.h agent/events.c agent/events_table.h agent/events_table.c \
	agent/rfc1628_alarms.c agent/rfc1628_state.h agent/rfc1628_state.c \
	agent/events_state.h agent/events_state.c \
	agent/handler.h agent/handler.c agent/config_traps.h agent/config_traps.c
nvagentd_SOURCES += agent/notify.h agent/notify.c \
	agent/handlers/builtin.c agent/handlers/handler_trap.h agent/handlers/handler_trap.c

check_PROGRAMS += tests/unit/test_events
TESTS += tests/unit/test_events
tests_unit_test_events_SOURCES = tests/unit/test_events.c
tests_unit_test_events_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_events_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/traps_scenarios_v1_v2c_v3.sh
