# nvsim: the UPS / STS Modbus RTU simulator.  Everything but main() is in a
# small library so that unit tests can drive the register maps directly.
noinst_LIBRARIES += tests/sim/libnvsim.a
tests_sim_libnvsim_a_SOURCES = tests/sim/sim.h tests/sim/sim_profiles.c \
	tests/sim/sim_regs.c tests/sim/sim_physics.c tests/sim/sim_wire.c \
	tests/sim/sim_control.c tests/sim/sim_upsctl.c tests/sim/sim_synthesis.c \
	tests/sim/sim_scenario.c tests/sim/sim_env.c
tests_sim_libnvsim_a_CFLAGS = $(AM_CFLAGS)

bin_PROGRAMS += nvsim
nvsim_SOURCES = tests/sim/nvsim.c
nvsim_CFLAGS = $(AM_CFLAGS)
nvsim_LDADD = tests/sim/libnvsim.a $(PTY_LIBS) $(MATH_LIBS)

# A small libmodbus master for the integration tests and the benchmark.
check_PROGRAMS += tests/sim/mbclient
tests_sim_mbclient_SOURCES = tests/sim/mbclient.c
tests_sim_mbclient_CFLAGS = $(AM_CFLAGS) $(MODBUS_CFLAGS)
tests_sim_mbclient_LDADD = $(MODBUS_LIBS)

check_PROGRAMS += tests/unit/test_sim_profiles
TESTS += tests/unit/test_sim_profiles
tests_unit_test_sim_profiles_SOURCES = tests/unit/test_sim_profiles.c
tests_unit_test_sim_profiles_CFLAGS = $(NV_CHECK_CFLAGS) -I$(top_srcdir)/tests/sim
tests_unit_test_sim_profiles_LDADD = tests/lib/libcheckmain.a tests/sim/libnvsim.a $(CHECK_LIBS) $(PTY_LIBS) $(MATH_LIBS)

TESTS += tests/integration/sim_registers.sh tests/integration/sim_faults.sh \
	tests/integration/sim_scenarios.sh tests/integration/sim_profiles.sh \
	tests/integration/sim_control.sh tests/integration/sim_cli.sh
