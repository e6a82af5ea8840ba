# Trap receivers set over SNMP and the trap test (issue 5, second part):
# the saved table is plain file code (core library, unit-tested); the
# upsAgentTrapsReceiversTable handler and `nvctl trap test` need the
# running agent and go into nvagentd.
agent_libnvcore_a_SOURCES += agent/receivers_store.h agent/receivers_store.c \
	mib-modules/mib_receivers.h mib-modules/mib_receivers.c
nvagentd_SOURCES += agent/control_trap.h agent/control_trap.c

check_PROGRAMS += tests/unit/test_receivers_store
TESTS += tests/unit/test_receivers_store
tests_unit_test_receivers_store_SOURCES = tests/unit/test_receivers_store.c
tests_unit_test_receivers_store_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_receivers_store_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/traps_receivers_set_over_snmp_persist.sh \
	tests/integration/traps_bad_receiver_sets_refused.sh \
	tests/integration/traps_nvctl_trap_test_reaches_every_receiver.sh \
	tests/integration/traps_inform_retried_until_receiver_up.sh \
	tests/integration/traps_flapping_alarm_sends_bounded_count_and_final_state.sh \
	tests/integration/traps_comm_loss_and_back_send_14_then_25.sh \
	tests/integration/traps_sts_source_fail_restore_and_transfer.sh \
	tests/integration/traps_rfc1628_receiver_gets_on_battery_and_alarm_entries.sh \
	tests/integration/traps_name_lookup_never_blocks_the_agent.sh
