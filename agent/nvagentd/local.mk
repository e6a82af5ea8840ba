# nvagentd's own files: options, start-up, the main loop, the context, the
# AgentX session, and the glue that runs the event engine and its outputs.
nvagentd_SOURCES += agent/nvagentd/main.c agent/nvagentd/ctx.h \
	agent/nvagentd/nvagentd_options.h agent/nvagentd/nvagentd_options.c \
	agent/nvagentd/agentx.h agent/nvagentd/agentx.c \
	agent/nvagentd/outputs.h agent/nvagentd/outputs.c
nvagentd_CPPFLAGS = $(AM_CPPFLAGS) -DNV_VERSION='"$(PACKAGE_VERSION)"'

TESTS += tests/integration/agent_walk_profiles.sh \
	tests/integration/agent_master_restart.sh \
	tests/integration/agent_snmpv3.sh \
	tests/integration/agent_valgrind.sh \
	tests/integration/conf_snmpd_example_serves_agent.sh \
	tests/integration/man_pages_match_config_keys_commands_and_usage.sh \
	tests/integration/devices_served_in_their_contexts_by_snmp_nvctl_and_nut.sh \
	tests/integration/devices_one_line_timing_out_never_delays_another.sh \
	tests/integration/devices_redundant_feeds_shut_down_only_when_both_fail.sh
