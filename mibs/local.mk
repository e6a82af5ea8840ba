# mibs/: the project's own SMIv2 modules, installed where net-snmp tools look.
dist_mib_DATA += mibs/SOCOMECUPS-MIB.txt
