# nvagentd's control socket (nvctl talks to it): the line protocol, who may
# connect (SO_PEERCRED, groups), the status report, and the commands of
# each part (ups, wol, clients, shutdown, schedule, trap, mail, devices).
agent_libnvcore_a_SOURCES += agent/control_socket/control_proto.h \
	agent/control_socket/control_proto.c \
	agent/control_socket/control_access.h agent/control_socket/control_access.c \
	agent/control_socket/status.h agent/control_socket/status.c \
	agent/control_socket/status_env.c
nvagentd_SOURCES += agent/control_socket/control.h agent/control_socket/control.c \
	agent/control_socket/control_mail.h agent/control_socket/control_mail.c \
	agent/control_socket/control_trap.h agent/control_socket/control_trap.c \
	agent/control_socket/control_ups.h agent/control_socket/control_ups.c \
	agent/control_socket/control_shutdown.h agent/control_socket/control_shutdown.c \
	agent/control_socket/control_schedule.h agent/control_socket/control_schedule.c \
	agent/control_socket/control_devices.h agent/control_socket/control_devices.c

check_PROGRAMS += tests/unit/test_status tests/unit/test_control_access
TESTS += tests/unit/test_status tests/unit/test_control_access
tests_unit_test_status_SOURCES = tests/unit/test_status.c
tests_unit_test_status_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_status_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_control_access_SOURCES = tests/unit/test_control_access.c
tests_unit_test_control_access_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_control_access_LDADD = $(NV_CHECK_LIBS)
