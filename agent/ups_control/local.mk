# UPS controls: shut-off and restart queued to the device layer, and the
# Wake-on-LAN magic packets.
agent_libnvcore_a_SOURCES += agent/ups_control/ups_control.h agent/ups_control/ups_control.c \
	agent/ups_control/ups_countdown.h agent/ups_control/ups_countdown.c \
	agent/ups_control/wol.h agent/ups_control/wol.c

check_PROGRAMS += tests/unit/test_ups_control
TESTS += tests/unit/test_ups_control
tests_unit_test_ups_control_SOURCES = tests/unit/test_ups_control.c
tests_unit_test_ups_control_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_ups_control_LDADD = $(NV_CHECK_LIBS)

check_PROGRAMS += tests/unit/test_ups_countdown
TESTS += tests/unit/test_ups_countdown
tests_unit_test_ups_countdown_SOURCES = tests/unit/test_ups_countdown.c
tests_unit_test_ups_countdown_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_ups_countdown_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/ups_shutoff_output_off_then_restart_and_wol.sh \
	tests/integration/ups_shutoff_refused_without_remote_control.sh \
	tests/integration/wol_test_sends_magic_packets_to_enabled_targets.sh \
	tests/integration/controls_snmpset_v2c_v3_reach_the_ups.sh \
	tests/integration/controls_nut_battery_test_gets_wrong_type_for_its_integer.sh \
	tests/integration/controls_nvctl_vumap_layouts_and_sts.sh \
	tests/integration/controls_nvctl_waits_for_the_ups_answer.sh \
	tests/integration/controls_snmpset_rfc1628_upscontrol_orders_the_delayed_shutoff.sh \
	tests/integration/controls_nut_load_off_reaches_the_ups_delayed_order.sh \
	tests/integration/controls_ups_clock_sync_and_drift.sh
