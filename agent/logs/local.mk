# Persistent logs: crash-safe ring files, history and extended history,
# UPS / STS / agent event records, CSV export and plots, the log
# intervals saved when set at run time.
agent_libnvcore_a_SOURCES += agent/logs/logs.h agent/logs/logs.c \
	agent/logs/logs_show.c agent/logs/logs_plot.c \
	agent/logs/logs_csv.h agent/logs/logs_csv.c \
	agent/logs/ring.h agent/logs/ring.c \
	agent/logs/history.h agent/logs/history.c \
	agent/logs/event_records.h agent/logs/event_records.c \
	agent/logs/log_intervals_store.h agent/logs/log_intervals_store.c

check_PROGRAMS += tests/unit/test_ring tests/unit/test_history \
	tests/unit/test_event_records tests/unit/test_logs_csv tests/unit/test_log_intervals_store \
	tests/unit/ring_crash_writer
TESTS += tests/unit/test_ring tests/unit/test_history \
	tests/unit/test_event_records tests/unit/test_logs_csv tests/unit/test_log_intervals_store
tests_unit_test_ring_SOURCES = tests/unit/test_ring.c
tests_unit_test_ring_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_ring_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_history_SOURCES = tests/unit/test_history.c
tests_unit_test_history_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_history_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_event_records_SOURCES = tests/unit/test_event_records.c
tests_unit_test_event_records_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_event_records_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_logs_csv_SOURCES = tests/unit/test_logs_csv.c
tests_unit_test_logs_csv_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_logs_csv_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_log_intervals_store_SOURCES = tests/unit/test_log_intervals_store.c
tests_unit_test_log_intervals_store_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_log_intervals_store_LDADD = $(NV_CHECK_LIBS)

# Fills the agent log for the streaming test of nvctl log show.
check_PROGRAMS += tests/unit/agentlog_filler
tests_unit_agentlog_filler_SOURCES = tests/unit/agentlog_filler.c
tests_unit_agentlog_filler_CFLAGS = $(AM_CFLAGS)
tests_unit_agentlog_filler_LDADD = $(NV_CORE_LIBS)

# A writer the crash test kills with SIGKILL while it appends.
tests_unit_ring_crash_writer_SOURCES = tests/unit/ring_crash_writer.c
tests_unit_ring_crash_writer_CFLAGS = $(AM_CFLAGS)
tests_unit_ring_crash_writer_LDADD = $(NV_CORE_LIBS)

TESTS += tests/integration/logs_crash.sh \
	tests/integration/logs_history_events_live.sh \
	tests/integration/logs_survive_agent_sigkill.sh
