#!/usr/bin/env bash
# Logs survive SIGKILL: a writer appends to a ring file as fast as it can
# and is killed at a random moment, again and again.  After each kill the
# ring, opened as nvagentd opens it, must hold every record whose append
# had returned, in order, consecutive, with no garbage; the ring (2048
# records) wraps many times over the run.
. "$NV_SRCDIR/tests/lib/common.sh"
nv_setup

W="$NV_BUILDDIR/tests/unit/ring_crash_writer"
[ -x "$W" ] || nv_fail "missing $W (make check builds it)"
RING="$T/history.ring"
CAP=2048
CYCLES=${NV_CRASH_CYCLES:-25}
newest=0

for cycle in $(seq "$CYCLES"); do
	rm -f "$T/committed"
	"$W" write "$RING" "$CAP" "$T/committed" 2>>"$T/writer.log" &
	pid=$!
	NV_PIDS+=("$pid")
	# wait until it has appended past the previous run, then kill it
	# after a random extra moment (0-49 ms) so that the kill lands anywhere
	nv_wait_for 10 "[ -s '$T/committed' ] && [ \"\$(cat '$T/committed')\" -gt $newest ]" ||
		nv_fail "cycle $cycle: writer made no progress"
	sleep "0.0$(( RANDOM % 50 ))"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null
	last=$(cat "$T/committed")
	[ -n "$last" ] || nv_fail "cycle $cycle: nothing committed"
	got=$("$W" check "$RING" "$CAP" "$last" 2>>"$T/check.log") ||
		nv_fail "cycle $cycle: $(tail -n 1 "$T/check.log")"
	[ "$got" -ge "$newest" ] || nv_fail "cycle $cycle: newest went back from $newest to $got"
	newest=$got
done
[ "$newest" -gt $(( 2 * CAP )) ] ||
	nv_fail "only $newest records written: the ring never wrapped twice"
nv_log "$CYCLES kills, $newest records, ring of $CAP wrapped $(( newest / CAP )) times"
nv_pass
