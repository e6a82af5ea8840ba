# Reviewer's checks: the man pages against the code, the shipped
# example configurations against the programs that read them.
TESTS += tests/integration/man_pages_match_config_keys_commands_and_usage.sh
TESTS += tests/integration/conf_snmpd_example_serves_agent.sh
