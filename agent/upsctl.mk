# UPS shut-off / restart control layer, Wake-on-LAN, their config (issue 8 B).
agent_libnvcore_a_SOURCES += agent/ups_control.h agent/ups_control.c \
	agent/poller_control.h agent/poller_control.c \
	agent/config_upsctl.h agent/config_upsctl.c agent/wol.h agent/wol.c \
	agent/handlers/handler_wol.h agent/handlers/handler_wol.c \
	mib-modules/socomec_upsctl.h mib-modules/socomec_upsctl.c
nvagentd_SOURCES += agent/control_upsctl.h agent/control_upsctl.c

check_PROGRAMS += tests/unit/test_upsctl
TESTS += tests/unit/test_upsctl
tests_unit_test_upsctl_SOURCES = tests/unit/test_upsctl.c
tests_unit_test_upsctl_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_upsctl_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/ups_shutoff_output_off_then_restart_and_wol.sh \
	tests/integration/ups_shutoff_refused_without_remote_control.sh \
	tests/integration/wol_test_sends_magic_packets_to_enabled_targets.sh
