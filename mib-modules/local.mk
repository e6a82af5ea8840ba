# MIB modules: the SOCOMEC UPS MIB, RFC 1628 UPS-MIB, the SOCOMEC STS MIB
# and the Net Vision 5/6 branch as mib_walk.h descriptor trees (one row
# per OID) over the read-only view (mib_view.h).  The trees and their
# getters need no net-snmp: they live in the core library, unit-tested
# without an agent; mib_register.c serves them through mib_subtree.c.
agent_libnvcore_a_SOURCES += mib-modules/mib_view.h \
	mib-modules/mib_walk.h mib-modules/mib_walk.c \
	mib-modules/mib_state.h mib-modules/mib_state.c \
	mib-modules/mib_model.h mib-modules/mib_model.c \
	mib-modules/host_net.h mib-modules/host_net.c \
	mib-modules/socomec_values.h mib-modules/socomec_values.c \
	mib-modules/mib_socomec.h mib-modules/mib_socomec.c \
	mib-modules/socomec_devices.h mib-modules/socomec_devices.c \
	mib-modules/socomec_upsctl.h mib-modules/socomec_upsctl.c \
	mib-modules/socomec_schedules.h mib-modules/socomec_schedules.c \
	mib-modules/mib_logs.h mib-modules/mib_logs.c \
	mib-modules/mib_controls.h mib-modules/mib_controls.c \
	mib-modules/mib_receivers.h mib-modules/mib_receivers.c \
	mib-modules/rfc1628_values.h mib-modules/rfc1628_values.c \
	mib-modules/sts_values.h mib-modules/sts_values.c \
	mib-modules/nv5_values.h mib-modules/nv5_values.c
nvagentd_SOURCES += mib-modules/mib.h \
	mib-modules/mib_subtree.h mib-modules/mib_subtree.c \
	mib-modules/mib_register.c

check_PROGRAMS += tests/unit/test_mib_walk tests/unit/test_mib_model \
	tests/unit/test_mib_socomec tests/unit/test_socomec_devices \
	tests/unit/test_mib_rfc1628 tests/unit/test_mib_sts tests/unit/test_mib_nv5 \
	tests/unit/test_mib_controls tests/unit/test_socomec_schedules
TESTS += tests/unit/test_mib_walk tests/unit/test_mib_model \
	tests/unit/test_mib_socomec tests/unit/test_socomec_devices \
	tests/unit/test_mib_rfc1628 tests/unit/test_mib_sts tests/unit/test_mib_nv5 \
	tests/unit/test_mib_controls tests/unit/test_socomec_schedules
tests_unit_test_socomec_schedules_SOURCES = tests/unit/test_socomec_schedules.c \
	tests/unit/mib_fixture.h
tests_unit_test_socomec_schedules_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_socomec_schedules_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_controls_SOURCES = tests/unit/test_mib_controls.c tests/unit/mib_fixture.h
tests_unit_test_mib_controls_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_controls_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_walk_SOURCES = tests/unit/test_mib_walk.c tests/unit/mib_fixture.h
tests_unit_test_mib_walk_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_walk_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_model_SOURCES = tests/unit/test_mib_model.c tests/unit/mib_fixture.h
tests_unit_test_mib_model_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_model_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_mib_socomec_SOURCES = tests/unit/test_mib_socomec.c tests/unit/mib_fixture.h
tests_unit_test_mib_socomec_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_mib_socomec_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_socomec_devices_SOURCES = tests/unit/test_socomec_devices.c
tests_unit_test_socomec_devices_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_socomec_devices_LDADD = $(NV_CHECK_LIBS)
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
TESTS += tests/integration/mib_lint.sh \
	tests/integration/mib_logs_set_over_snmp.sh \
	tests/integration/doors_ups_mibs_follow_each_profile.sh \
	tests/integration/doors_sts_serves_only_the_sts_mib.sh \
	tests/integration/doors_parallel_system_and_data_unit.sh \
	tests/integration/doors_nut_reads_agent_through_both_subdrivers.sh \
	tests/integration/doors_alarm_time_is_the_traps_sysuptime.sh \
	tests/integration/mibs_sts_and_nv5_resolve_to_served_oids.sh \
	tests/integration/mibs_every_served_value_conforms_to_its_syntax.sh
