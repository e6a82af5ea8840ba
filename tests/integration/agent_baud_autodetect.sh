#!/usr/bin/env bash
# baud = auto finds the UPS at each of the manual's rates: 2400, 9600,
# 19200 and 57600 (nvsim answers only a master at its own speed).
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup
for baud in 2400 9600 19200 57600; do
	NVSIM_ARGS="--baud $baud" nv_start_stack jbusp-single-phase
	got=$(nv_get $SOCOMEC.1.9.11.0)
	assert_eq "upsAgentBaudRate with nvsim at $baud" "$baud" "$got"
	nv_log "found nvsim at $baud baud"
	nv_next_case
done
nv_pass
