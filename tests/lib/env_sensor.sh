# tests/lib/env_sensor.sh — the simulated environment sensor (nvsim
# --profile env-sensor) on a pty of its own, for the environment tests
# (source after common.sh and nv_setup).

EMD=.1.3.6.1.4.1.4555.1.1.7.1.10        # emdStatus

# nv_start_env_sensor [nvsim options...] — nvsim --profile env-sensor on a
# pty of its own: sets ENV_PTY, ENV_CTL, ENV_PID; NVSIM_* stay the UPS's.
nv_start_env_sensor() {
	local pty=${NVSIM_PTY:-} ctl=${NVSIM_CTL:-} pid=${NVSIM_PID:-}
	nv_start_nvsim env-sensor "$@"
	ENV_PTY=$NVSIM_PTY ENV_CTL=$NVSIM_CTL ENV_PID=$NVSIM_PID
	NVSIM_PTY=$pty NVSIM_CTL=$ctl NVSIM_PID=$pid
}

nv_envctl() { "$NVSIM" ctl "$ENV_CTL" "$@"; }

# emdStatus as one line: "TEMP HUM IN1 IN2"
nv_emd() {
	nv_get "$EMD.1.0" "$EMD.2.0" "$EMD.3.0" "$EMD.4.0" | tr '\n' ' ' | sed 's/ $//'
}
