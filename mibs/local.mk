# mibs/: the project's own SMIv2 modules, installed where net-snmp tools look.
dist_mib_DATA += mibs/SOCOMECUPS-MIB.txt
dist_mib_DATA += mibs/SOCOMECUPSSTS-MIB.txt mibs/SOCOMECUPS5-MIB.txt
