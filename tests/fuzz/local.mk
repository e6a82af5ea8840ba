# libFuzzer targets, one per parser of outside input (see HACKING /
# README "Fuzzing").  Built only by configure --enable-fuzzers (CC=clang),
# which instruments the whole tree; scripts/fuzz.sh builds and runs them
# from their seed corpora in tests/fuzz/corpus/TARGET/.
if FUZZERS
NV_FUZZ_TARGETS = tests/fuzz/fuzz_rtu_poller tests/fuzz/fuzz_config_agent \
	tests/fuzz/fuzz_config_shutdown tests/fuzz/fuzz_config_traphandle \
	tests/fuzz/fuzz_shutdown_datagram tests/fuzz/fuzz_control_line \
	tests/fuzz/fuzz_traphandle_input tests/fuzz/fuzz_ring_open \
	tests/fuzz/fuzz_modbus_tcp tests/fuzz/fuzz_bacnet \
	tests/fuzz/fuzz_shutdown_client tests/fuzz/fuzz_nut_protocol
noinst_PROGRAMS = $(NV_FUZZ_TARGETS)
noinst_LIBRARIES += tests/fuzz/libfuzzutil.a
tests_fuzz_libfuzzutil_a_SOURCES = tests/fuzz/fuzz_util.h tests/fuzz/fuzz_util.c
NV_FUZZ_CFLAGS = $(AM_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS) $(OPENSSL_CFLAGS) \
	$(ESMTP_CFLAGS)
NV_FUZZ_LIBS = tests/fuzz/libfuzzutil.a $(NV_CORE_LIBS)
# the libFuzzer runtime (its main) only in the targets' link
NV_FUZZ_LINK = -fsanitize=fuzzer

tests_fuzz_fuzz_rtu_poller_SOURCES = tests/fuzz/fuzz_rtu_poller.c \
	tests/fuzz/fake_link.h tests/fuzz/fake_link.c
tests_fuzz_fuzz_rtu_poller_CFLAGS = $(NV_FUZZ_CFLAGS) -I$(top_srcdir)/tests/sim
# fake_link.c's nv_link_open/_close/_read/_write/_write_one come first and win over
# agent/device/modbus_link.c's, whose other functions are used as they are
tests_fuzz_fuzz_rtu_poller_LDFLAGS = $(NV_FUZZ_LINK) -Wl,--allow-multiple-definition
tests_fuzz_fuzz_rtu_poller_LDADD = $(NV_FUZZ_LIBS) tests/sim/libnvsim.a $(MATH_LIBS)

tests_fuzz_fuzz_config_agent_SOURCES = tests/fuzz/fuzz_config_agent.c
tests_fuzz_fuzz_config_agent_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_config_agent_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_config_agent_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_config_shutdown_SOURCES = tests/fuzz/fuzz_config_shutdown.c \
	agent/shutdown/nvshutdown_conf.c
tests_fuzz_fuzz_config_shutdown_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_config_shutdown_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_config_shutdown_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_config_traphandle_SOURCES = tests/fuzz/fuzz_config_traphandle.c
tests_fuzz_fuzz_config_traphandle_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_config_traphandle_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_config_traphandle_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_shutdown_datagram_SOURCES = tests/fuzz/fuzz_shutdown_datagram.c
tests_fuzz_fuzz_shutdown_datagram_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_shutdown_datagram_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_shutdown_datagram_LDADD = $(NV_FUZZ_LIBS)

# nvshutdown's receive side is private to the program: its source is
# compiled into the target (main renamed)
tests_fuzz_fuzz_shutdown_client_SOURCES = tests/fuzz/fuzz_shutdown_client.c \
	agent/shutdown/nvshutdown_conf.c
tests_fuzz_fuzz_shutdown_client_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_shutdown_client_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_shutdown_client_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_control_line_SOURCES = tests/fuzz/fuzz_control_line.c \
	agent/control_socket/control.c agent/control_socket/control_ups.c \
	agent/control_socket/control_schedule.c agent/control_socket/control_devices.c
tests_fuzz_fuzz_control_line_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_control_line_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_control_line_LDADD = $(NV_FUZZ_LIBS)

# nvtraphandle's parser is private to the program: its source is
# compiled into the target (main renamed)
tests_fuzz_fuzz_traphandle_input_SOURCES = tests/fuzz/fuzz_traphandle_input.c
tests_fuzz_fuzz_traphandle_input_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_traphandle_input_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_traphandle_input_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_ring_open_SOURCES = tests/fuzz/fuzz_ring_open.c
tests_fuzz_fuzz_ring_open_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_ring_open_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_ring_open_LDADD = $(NV_FUZZ_LIBS)

# the gateways' wire decoders (agent/gateways)
tests_fuzz_fuzz_modbus_tcp_SOURCES = tests/fuzz/fuzz_modbus_tcp.c
tests_fuzz_fuzz_modbus_tcp_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_modbus_tcp_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_modbus_tcp_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_bacnet_SOURCES = tests/fuzz/fuzz_bacnet.c
tests_fuzz_fuzz_bacnet_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_bacnet_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_bacnet_LDADD = $(NV_FUZZ_LIBS)

tests_fuzz_fuzz_nut_protocol_SOURCES = tests/fuzz/fuzz_nut_protocol.c
tests_fuzz_fuzz_nut_protocol_CFLAGS = $(NV_FUZZ_CFLAGS)
tests_fuzz_fuzz_nut_protocol_LDFLAGS = $(NV_FUZZ_LINK)
tests_fuzz_fuzz_nut_protocol_LDADD = $(NV_FUZZ_LIBS)
endif

# the seed corpora, so that scripts/fuzz.sh runs from a release tarball
EXTRA_DIST += tests/fuzz/corpus
