# Serial line: poller thread, detection, device profiles (register maps).
agent_libnvcore_a_SOURCES += agent/poller.c agent/detect.h agent/detect.c \
	agent/modbus_link.h agent/modbus_link.c agent/profile.h agent/profile.c \
	agent/profile_jbusp.c agent/profile_vumap.c agent/profile_sts.c \
	agent/aggregate.c

check_PROGRAMS += tests/unit/test_profile_decode tests/unit/test_poller_aggregate
TESTS += tests/unit/test_profile_decode tests/unit/test_poller_aggregate
tests_unit_test_profile_decode_SOURCES = tests/unit/test_profile_decode.c
tests_unit_test_profile_decode_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_profile_decode_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_poller_aggregate_SOURCES = tests/unit/test_poller_aggregate.c
tests_unit_test_poller_aggregate_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_poller_aggregate_LDADD = $(NV_CHECK_LIBS)
# the poller thread against nvsim on a pty (nvsim is built by `make all`;
# skipped when it is missing)
check_PROGRAMS += tests/integration/poller_detects_and_follows_nvsim
TESTS += tests/integration/poller_detects_and_follows_nvsim
tests_integration_poller_detects_and_follows_nvsim_SOURCES = \
	tests/integration/poller_detects_and_follows_nvsim.c
tests_integration_poller_detects_and_follows_nvsim_CFLAGS = $(NV_CHECK_CFLAGS)
tests_integration_poller_detects_and_follows_nvsim_LDADD = $(NV_CHECK_LIBS)
