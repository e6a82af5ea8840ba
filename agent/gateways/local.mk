# agent/gateways/: the building-management gateways (Modbus TCP, BACnet/IP)
# and the NUT server, plug-ins of the notification handler interface served
# from the snapshot.
# Their config, allow lists and wire codecs are pure and go into the core
# library (unit-tested); the plug-ins need the main loop and go into nvagentd.
agent_libnvcore_a_SOURCES += \
	agent/gateways/config_gateways.h agent/gateways/config_gateways.c \
	agent/gateways/addr_allow.h agent/gateways/addr_allow.c \
	agent/gateways/modbus_adu.h agent/gateways/modbus_adu.c \
	agent/gateways/bacnet_codec.h agent/gateways/bacnet_codec.c \
	agent/gateways/bacnet_objects.h agent/gateways/bacnet_objects.c \
	agent/gateways/bacnet_object_table.h agent/gateways/bacnet_object_table.c \
	agent/gateways/bacnet_service.h agent/gateways/bacnet_service.c \
	agent/gateways/tcp_listen.h agent/gateways/tcp_listen.c \
	agent/gateways/config_nut.h agent/gateways/config_nut.c \
	agent/gateways/nut_dict.h agent/gateways/nut_dict.c \
	agent/gateways/nut_line.h agent/gateways/nut_line.c \
	agent/gateways/nut_vars.h agent/gateways/nut_vars.c \
	agent/gateways/nut_session.h agent/gateways/nut_session.c \
	agent/gateways/nut_devices.h agent/gateways/nut_devices.c \
	agent/gateways/nut_tls.h agent/gateways/nut_tls.c
nvagentd_SOURCES += agent/gateways/handler_modbus.h agent/gateways/handler_modbus.c \
	agent/gateways/handler_bacnet.h agent/gateways/handler_bacnet.c \
	agent/gateways/handler_nut.h agent/gateways/handler_nut.c

GATEWAY_UNIT_TESTS = tests/unit/test_addr_allow tests/unit/test_modbus_adu \
	tests/unit/test_bacnet_codec tests/unit/test_bacnet_service tests/unit/test_nut_protocol \
	tests/unit/test_nut_devices
check_PROGRAMS += $(GATEWAY_UNIT_TESTS)
TESTS += $(GATEWAY_UNIT_TESTS)
tests_unit_test_addr_allow_SOURCES = tests/unit/test_addr_allow.c
tests_unit_test_addr_allow_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_addr_allow_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_modbus_adu_SOURCES = tests/unit/test_modbus_adu.c
tests_unit_test_modbus_adu_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_modbus_adu_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_bacnet_codec_SOURCES = tests/unit/test_bacnet_codec.c
tests_unit_test_bacnet_codec_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_bacnet_codec_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_bacnet_service_SOURCES = tests/unit/test_bacnet_service.c
tests_unit_test_bacnet_service_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_bacnet_service_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_nut_protocol_SOURCES = tests/unit/test_nut_protocol.c
tests_unit_test_nut_protocol_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_nut_protocol_LDADD = $(NV_CHECK_LIBS)
tests_unit_test_nut_devices_SOURCES = tests/unit/test_nut_devices.c
tests_unit_test_nut_devices_CFLAGS = $(NV_CHECK_CFLAGS)
tests_unit_test_nut_devices_LDADD = $(NV_CHECK_LIBS)

TESTS += tests/integration/gateway_modbus_tcp_serves_the_ups_tables.sh \
	tests/integration/gateway_modbus_tcp_bad_clients_never_block.sh \
	tests/integration/gateway_config_bad_sections_refused.sh \
	tests/integration/gateway_bacnet_serves_the_ups_objects.sh \
	tests/integration/gateway_bacnet_bad_input_and_who_is_flood.sh \
	tests/integration/gateway_sighup_moves_and_stops_the_gateways.sh

TESTS += tests/integration/nut_upsc_reads_the_ups_as_snmp_does.sh \
	tests/integration/nut_upscmd_and_upsrw_reach_the_ups.sh \
	tests/integration/nut_upsmon_secondary_shuts_down_on_fsd.sh \
	tests/integration/nut_bad_clients_never_block.sh \
	tests/integration/nut_config_refused_and_sighup_reload.sh \
	tests/integration/nut_starttls_with_a_ca_made_here.sh \
	tests/integration/nut_ups_shutoff_waits_for_logged_in_clients.sh \
	tests/integration/nut_clients_listed_beside_nvshutdown_clients.sh \
	tests/integration/nut_serves_every_device_under_its_name.sh

# The gateway tests install their npm BACnet client into the build tree.
clean-local: clean-bacnet-client
clean-bacnet-client:
	-rm -rf tests/node
.PHONY: clean-bacnet-client
