# MIB modules: net-snmp handlers that read the normalized model.
nvagentd_SOURCES +=
