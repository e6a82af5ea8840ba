# nvctl, the operator's command line: it talks to nvagentd's control socket.
nvctl_SOURCES += agent/nvctl/nvctl.c agent/nvctl/nvctl_logs.h agent/nvctl/nvctl_logs.c

TESTS += tests/integration/nvctl_no_daemon_fails.sh \
	tests/integration/nvctl_status_live.sh \
	tests/integration/nvctl_refuses_caller_without_group.sh \
	tests/integration/nvctl_trace_and_config_check.sh \
	tests/integration/nvctl_log_show_streams_a_full_log.sh
