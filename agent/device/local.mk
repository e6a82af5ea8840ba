# The device layer: the poller thread that owns the serial line, Modbus,
# detection, the device profiles (register maps as data) and the control
# registers.  device.h and trace.h are its public face (and reg_image.h,
# the raw words, for the register gateways alone); private/ is for
# its own files (and the unit tests that open it up).
agent_libnvcore_a_SOURCES += agent/device/device.h agent/device/trace.h \
	agent/device/reg_image.h \
	agent/device/trace.c \
	agent/device/poller.c agent/device/poller_read.c agent/device/poller_detect.c \
	agent/device/poller_schedule.c agent/device/poll_plan.c agent/device/poller_commands.c \
	agent/device/poller_control.c agent/device/detect.c agent/device/modbus_link.c \
	agent/device/profile.c agent/device/profile_jbusp.c agent/device/profile_vumap.c \
	agent/device/profile_sts.c agent/device/aggregate.c agent/device/ups_clock.c \
	agent/device/env_sensor.h agent/device/env_profile.c agent/device/env_levels.c \
	agent/device/env_read.c agent/device/env_files.c agent/device/env_gpio.c agent/device/env_poller.c agent/device/private/env_read.h \
	agent/device/private/poller_private.h agent/device/private/poller_control.h \
	agent/device/private/ups_clock.h \
	agent/device/private/detect.h agent/device/private/modbus_link.h \
	agent/device/private/profile.h agent/device/private/poll_plan.h

check_PROGRAMS += tests/unit/test_profile_decode tests/unit/test_poller_aggregate \
	tests/unit/test_trace tests/unit/test_poll_plan
TESTS += tests/unit/test_profile_decode tests/unit/test_poller_aggregate \
	tests/unit/test_trace tests/unit/test_poll_plan
tests_unit_test_profile_decode_SOURCES = tests/unit/test_profile_decode.c
tests_unit_test_profile_decode_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_profile_decode_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_poller_aggregate_SOURCES = tests/unit/test_poller_aggregate.c
tests_unit_test_poller_aggregate_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_poller_aggregate_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_trace_SOURCES = tests/unit/test_trace.c
tests_unit_test_trace_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_trace_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_poll_plan_SOURCES = tests/unit/test_poll_plan.c
tests_unit_test_poll_plan_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_poll_plan_LDADD = $(NV_CHECK_LIBS)

# the poller thread against nvsim on a pty (nvsim is built by `make all`;
# skipped when it is missing)
NV_POLLER_NVSIM_FIXTURE = tests/integration/poller_nvsim_fixture.h \
	tests/integration/poller_nvsim_fixture.c
check_PROGRAMS += tests/integration/poller_detects_devices_on_nvsim
TESTS += tests/integration/poller_detects_devices_on_nvsim
tests_integration_poller_detects_devices_on_nvsim_SOURCES = tests/integration/poller_detects_devices_on_nvsim.c \
	$(NV_POLLER_NVSIM_FIXTURE)
tests_integration_poller_detects_devices_on_nvsim_CFLAGS = $(NV_CHECK_CFLAGS)
tests_integration_poller_detects_devices_on_nvsim_LDADD = $(NV_CHECK_LIBS)
check_PROGRAMS += tests/integration/poller_survives_comm_loss_on_nvsim
TESTS += tests/integration/poller_survives_comm_loss_on_nvsim
tests_integration_poller_survives_comm_loss_on_nvsim_SOURCES = tests/integration/poller_survives_comm_loss_on_nvsim.c \
	$(NV_POLLER_NVSIM_FIXTURE)
tests_integration_poller_survives_comm_loss_on_nvsim_CFLAGS = $(NV_CHECK_CFLAGS)
tests_integration_poller_survives_comm_loss_on_nvsim_LDADD = $(NV_CHECK_LIBS)
check_PROGRAMS += tests/integration/poller_schedules_alarms_first_on_nvsim
TESTS += tests/integration/poller_schedules_alarms_first_on_nvsim
tests_integration_poller_schedules_alarms_first_on_nvsim_SOURCES = tests/integration/poller_schedules_alarms_first_on_nvsim.c \
	$(NV_POLLER_NVSIM_FIXTURE)
tests_integration_poller_schedules_alarms_first_on_nvsim_CFLAGS = $(NV_CHECK_CFLAGS)
tests_integration_poller_schedules_alarms_first_on_nvsim_LDADD = $(NV_CHECK_LIBS)
TESTS += tests/integration/agent_baud_autodetect.sh \
	tests/integration/agent_comm_loss.sh \
	tests/integration/agent_get_during_serial_timeout.sh \
	tests/integration/modular_system_shows_units_and_modules.sh

# the environment sensor (the EMD): nvsim's env-sensor on a pty of its own
check_PROGRAMS += tests/unit/test_env_sensor
TESTS += tests/unit/test_env_sensor
tests_unit_test_env_sensor_SOURCES = tests/unit/test_env_sensor.c
tests_unit_test_env_sensor_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_env_sensor_LDADD = $(NV_CHECK_LIBS)
TESTS += tests/integration/environment_sensor_served_as_emd_status.sh \
	tests/integration/environment_set_points_send_traps_28_to_39.sh \
	tests/integration/environment_sensor_shares_the_ups_line.sh \
	tests/integration/environment_shutdown_events_reach_nvshutdown.sh \
	tests/integration/environment_history_columns_and_nvctl.sh \
	tests/integration/environment_events_reach_mail_and_syslog.sh \
	tests/integration/environment_sysfs_files_hwmon_and_one_wire.sh \
	tests/integration/environment_gpio_line_config_and_missing_chip.sh \
	tests/integration/environment_gpio_line_via_libgpiod.sh
