# Schedules: the pure plan (due actions and the next one on an injected
# clock), what is kept in state-dir, and the runner in nvagentd's loop.
agent_libnvcore_a_SOURCES += agent/schedule/schedule_plan.h agent/schedule/schedule_plan.c \
	agent/schedule/schedule_store.h agent/schedule/schedule_store.c \
	agent/schedule/schedule.h agent/schedule/schedule.c

check_PROGRAMS += tests/unit/test_schedule_plan tests/unit/test_config_schedule
TESTS += tests/unit/test_schedule_plan tests/unit/test_config_schedule
tests_unit_test_schedule_plan_SOURCES = tests/unit/test_schedule_plan.c
tests_unit_test_schedule_plan_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_schedule_plan_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_config_schedule_SOURCES = tests/unit/test_config_schedule.c
tests_unit_test_config_schedule_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_config_schedule_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/schedule_runs_eco_battery_test_and_warns_before_ups_off.sh \
	tests/integration/schedule_snmpset_tables_checked_saved_and_restored.sh \
	tests/integration/schedule_config_refused_with_file_and_line.sh
