# conf/: example configuration, the snmpd.conf snippet for the master
# agent, and the systemd unit for nvagentd.
dist_confexample_DATA += conf/nvagent.conf conf/nvagent-several-devices.conf \
	conf/snmpd.conf conf/upsmon.conf
dist_systemdunit_DATA += conf/nvagentd.service
