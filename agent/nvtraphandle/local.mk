# nvtraphandle, snmptrapd's traphandle: the same plug-ins for the traps of
# many agents or cards.
nvtraphandle_SOURCES += agent/nvtraphandle/nvtraphandle.c
dist_man_MANS += man/nvtraphandle.8
dist_confexample_DATA += conf/snmptrapd.conf

TESTS += tests/integration/notify_snmptrapd_adapter_mails_trap.sh \
	tests/integration/notify_snmptrapd_adapter_names_the_device.sh
