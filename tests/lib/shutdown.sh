# tests/lib/shutdown.sh — helpers for the shutdown-management tests
# (source after common.sh).  Everything on 127.0.0.1.
#
#   sd_setup                        # $SD_PORT, $T/shutdown.key (0600)
#   sd_start_stack 'event on-battery { ... }' [more shutdown lines]
#   sd_start_client NAME [nvshutdown.conf lines...]   # hook log: $T/hook-NAME.log
#   sd_wait_connected N             # nvctl clients lists N connected
NVSHUTDOWN=${NVSHUTDOWN:-$NV_BUILDDIR/nvshutdown}
SDCLIENT="/usr/bin/python3 $NV_SRCDIR/tests/lib/sdclient.py"

sd_setup() {
	nv_setup
	[ -x "$NVSHUTDOWN" ] || nv_skip "nvshutdown not built"
	SD_PORT=$(nv_free_port)
	umask 077
	printf 'test-site-secret-0123456789\n' > "$T/shutdown.key"
	umask 022
	# the hook every client runs: one line per message, with the time
	cat > "$T/hook.sh" <<'H'
#!/bin/sh
echo "$NVSHUTDOWN_KIND $NVSHUTDOWN_EVENT $NVSHUTDOWN_SECONDS $(($(date +%s%N) / 1000000))" >> "$1"
H
	chmod +x "$T/hook.sh"
}

# sd_start_stack SHUTDOWN-SECTION-LINES... — nvsim + snmpd + nvagentd with
# a shutdown section listening on 127.0.0.1:$SD_PORT; $SD_TOP_CONF adds
# top-level lines after it.
sd_start_stack() {
	nv_start_stack jbusp-three-phase "shutdown {
  listen = \"127.0.0.1:$SD_PORT\"
  secret-file = \"$T/shutdown.key\"
  client-timeout = 3s
$(printf '  %s\n' "$@")
}" "${SD_TOP_CONF:-}"
}

# sd_start_client NAME [conf lines...] — nvshutdown in the foreground; its
# hook appends to $T/hook-NAME.log, its shutdown command to $T/shut-NAME.
sd_start_client() {
	local name=$1; shift
	cat > "$T/nvshutdown-$name.conf" <<EOC
server = "127.0.0.1:$SD_PORT"
secret-file = "$T/shutdown.key"
name = "$name"
shutdown-command = "echo shutdown >> $T/shut-$name"
pre-shutdown-script = "echo pre >> $T/pre-$name"
shutdown-duration = 20
warning-command = "$T/hook.sh $T/hook-$name.log"
wall = false
heartbeat = 1
agent-lost-after = 3
$(printf '%s\n' "$@")
EOC
	nv_bg "$T/nvshutdown-$name.log" "$NVSHUTDOWN" -f -c "$T/nvshutdown-$name.conf"
}

sd_clients() { "$NVCTL" -s "$T/nvagent.sock" clients; }

sd_wait_connected() {
	nv_wait_for "${2:-10}" "[ \$(sd_clients | grep -c ' connected ') -ge $1 ]" ||
		nv_fail "expected $1 connected clients, nvctl clients says: $(sd_clients)"
}

# sd_hook_ms NAME KIND [N] — time (ms) of the Nth (default 1st) KIND line.
sd_hook_ms() {
	awk -v k="$2" -v n="${3:-1}" '$1 == k && ++c == n { print $4; exit }' "$T/hook-$1.log" 2>/dev/null
}
