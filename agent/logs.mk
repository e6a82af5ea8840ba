# Logs: crash-safe ring files, history / extended history, event logs,
# CSV export and plots.
agent_libnvcore_a_SOURCES += agent/ring.h agent/ring.c \
	agent/history.h agent/history.c agent/eventlog.h agent/eventlog.c \
	agent/logs.h agent/logs_cfg.h agent/logs.c agent/logs_show.c \
	agent/logs_csv.h agent/logs_csv.c agent/logs_plot.c

check_PROGRAMS += tests/unit/test_ring tests/unit/test_history \
	tests/unit/test_eventlog tests/unit/test_logs_csv \
	tests/unit/ring_crash_writer
TESTS += tests/unit/test_ring tests/unit/test_history \
	tests/unit/test_eventlog tests/unit/test_logs_csv
tests_unit_test_ring_SOURCES = tests/unit/test_ring.c
tests_unit_test_ring_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_ring_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_history_SOURCES = tests/unit/test_history.c
tests_unit_test_history_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_history_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_eventlog_SOURCES = tests/unit/test_eventlog.c
tests_unit_test_eventlog_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_eventlog_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_logs_csv_SOURCES = tests/unit/test_logs_csv.c
tests_unit_test_logs_csv_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_logs_csv_LDADD = $(NV_CHECK_LIBS)

# A writer the crash test kills with SIGKILL while it appends.
check_PROGRAMS += tests/unit/agentlog_filler
tests_unit_agentlog_filler_SOURCES = tests/unit/agentlog_filler.c
tests_unit_agentlog_filler_CFLAGS = $(AM_CFLAGS)
tests_unit_agentlog_filler_LDADD = $(NV_CORE_LIBS)

tests_unit_ring_crash_writer_SOURCES = tests/unit/ring_crash_writer.c
tests_unit_ring_crash_writer_CFLAGS = $(AM_CFLAGS)
tests_unit_ring_crash_writer_LDADD = $(NV_CORE_LIBS)
TESTS += tests/integration/logs_crash.sh

# Wiring into nvagentd / nvctl: control socket permissions (SO_PEERCRED,
# control / admin groups), the serial trace ring, log intervals saved in
# state-dir, the SOCOMEC MIB's log objects, nvctl's log / trace / config.
agent_libnvcore_a_SOURCES += agent/control_access.h agent/control_access.c \
	agent/trace.h agent/trace.c agent/logs_store.h agent/logs_store.c \
	mib-modules/mib_logs.h mib-modules/mib_logs.c
nvctl_SOURCES += agent/nvctl_logs.h agent/nvctl_logs.c

check_PROGRAMS += tests/unit/test_control_access tests/unit/test_trace \
	tests/unit/test_logs_store
TESTS += tests/unit/test_control_access tests/unit/test_trace \
	tests/unit/test_logs_store
tests_unit_test_control_access_SOURCES = tests/unit/test_control_access.c
tests_unit_test_control_access_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_control_access_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_trace_SOURCES = tests/unit/test_trace.c
tests_unit_test_trace_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_trace_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_logs_store_SOURCES = tests/unit/test_logs_store.c
tests_unit_test_logs_store_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_logs_store_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/logs_history_events_live.sh \
	tests/integration/logs_survive_agent_sigkill.sh \
	tests/integration/nvctl_refuses_caller_without_group.sh \
	tests/integration/nvctl_trace_and_config_check.sh \
	tests/integration/mib_logs_set_over_snmp.sh \
	tests/integration/nvctl_log_show_streams_a_full_log.sh
