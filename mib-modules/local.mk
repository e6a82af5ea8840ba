# MIB modules: net-snmp handlers that read the normalized model.  The
# model -> value code and the descriptor walk need no net-snmp, so they
# live in the core library where unit tests (and the event engine) use them.
agent_libnvcore_a_SOURCES += agent/alarm_table.h agent/alarm_table.c \
	mib-modules/mib_walk.h mib-modules/mib_walk.c \
	mib-modules/socomec_values.h mib-modules/socomec_values.c \
	mib-modules/mib_state.h mib-modules/mib_state.c \
	mib-modules/host_net.h mib-modules/host_net.c \
	mib-modules/mib_socomec.h mib-modules/mib_socomec.c
nvagentd_SOURCES += mib-modules/mib.h \
	mib-modules/mib_subtree.h mib-modules/mib_subtree.c \
	mib-modules/mib_register.c

check_PROGRAMS += tests/unit/test_mib_walk tests/unit/test_mib_socomec \
	tests/unit/test_alarm_table
TESTS += tests/unit/test_mib_walk tests/unit/test_mib_socomec \
	tests/unit/test_alarm_table tests/integration/mib_lint.sh
tests_unit_test_mib_walk_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_walk_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_socomec_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_socomec_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_alarm_table_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_alarm_table_LDADD = $(NV_CHECK_LIBS)
include $(top_srcdir)/mib-modules/doors.mk
