# The other doors into the UPS: RFC 1628 UPS-MIB, the SOCOMEC STS MIB and
# the Net Vision 5/6 branch.  They are mib_walk.h descriptor trees like the
# SOCOMEC one (plain C over the model, in the core library, unit tested
# without net-snmp); mib_register.c serves them through mib_subtree.c.
agent_libnvcore_a_SOURCES += mib-modules/mib_model.h mib-modules/mib_model.c \
	mib-modules/rfc1628_values.h mib-modules/rfc1628_values.c \
	mib-modules/sts_values.h mib-modules/sts_values.c \
	mib-modules/nv5_values.h mib-modules/nv5_values.c

check_PROGRAMS += tests/unit/test_mib_rfc1628 tests/unit/test_mib_sts tests/unit/test_mib_nv5
TESTS += tests/unit/test_mib_rfc1628 tests/unit/test_mib_sts tests/unit/test_mib_nv5
tests_unit_test_mib_rfc1628_SOURCES = tests/unit/test_mib_rfc1628.c tests/unit/mib_fixture.h
tests_unit_test_mib_rfc1628_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_rfc1628_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_sts_SOURCES = tests/unit/test_mib_sts.c tests/unit/mib_fixture.h
tests_unit_test_mib_sts_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_sts_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_nv5_SOURCES = tests/unit/test_mib_nv5.c tests/unit/mib_fixture.h
tests_unit_test_mib_nv5_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_nv5_LDADD = $(NV_CHECK_LIBS)

# End to end: real snmpd, nvsim and nvagentd.
TESTS += tests/integration/doors_ups_mibs_follow_each_profile.sh \
	tests/integration/doors_sts_serves_only_the_sts_mib.sh \
	tests/integration/doors_parallel_system_and_data_unit.sh \
	tests/integration/doors_nut_reads_agent_through_both_subdrivers.sh
TESTS += tests/integration/mibs_sts_and_nv5_resolve_to_served_oids.sh
TESTS += tests/integration/doors_alarm_time_is_the_traps_sysuptime.sh

# mib_model: per-line columns of every tree read their own line.
check_PROGRAMS += tests/unit/test_mib_model
TESTS += tests/unit/test_mib_model
tests_unit_test_mib_model_SOURCES = tests/unit/test_mib_model.c tests/unit/mib_fixture.h
tests_unit_test_mib_model_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_model_LDADD = $(NV_CHECK_LIBS)
# Every served value against the MIBs as smidump reads them.
TESTS += tests/integration/mibs_every_served_value_conforms_to_its_syntax.sh
