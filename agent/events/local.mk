# The event engine, the only code that compares snapshots: traps of each
# MIB, device state notifications, and the derived tables the MIBs serve
# (alarm tables, RFC 1628 line bads and battery test).
agent_libnvcore_a_SOURCES += agent/events/events.h agent/events/events.c \
	agent/events/events_table.h agent/events/events_table.c \
	agent/events/events_state.h agent/events/events_state.c \
	agent/events/alarm_table.h agent/events/alarm_table.c \
	agent/events/rfc1628_alarms.c \
	agent/events/rfc1628_state.h agent/events/rfc1628_state.c

check_PROGRAMS += tests/unit/test_events tests/unit/test_alarm_table
TESTS += tests/unit/test_events tests/unit/test_alarm_table
tests_unit_test_events_SOURCES = tests/unit/test_events.c
tests_unit_test_events_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_events_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_alarm_table_SOURCES = tests/unit/test_alarm_table.c
tests_unit_test_alarm_table_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_alarm_table_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/traps_scenarios_v1_v2c_v3.sh \
	tests/integration/traps_flapping_alarm_sends_bounded_count_and_final_state.sh \
	tests/integration/traps_comm_loss_and_back_send_14_then_25.sh \
	tests/integration/traps_sts_source_fail_restore_and_transfer.sh \
	tests/integration/traps_rfc1628_receiver_gets_on_battery_and_alarm_entries.sh
