/*
 * profile_sts.c — the SOCOMEC static transfer switch register map.
 *
 * Status bits: 0x0140 b00 is bit 0, 0x0141 b00 bit 16, 0x0142 b00 bit 32;
 * alarms: 0x0148 b00 is bit 0, 0x0149 b00 bit 16.
 *
 * The manual does not give the scaling of the measurement words.  Assumed
 * (and implemented the same way by nvsim, see nvsim(1)): voltages in V,
 * frequencies in Hz*10, currents A*10, kVA and kW *10, power factor *100,
 * crest factor *10, temperatures degC, load %, phase shift degrees.  Each
 * is multiplied to the model's unit (0.1 V, 0.1 Hz, 0.1 A, 0.1 kVA/kW,
 * 0.01, 0.1, 0.1 degC).
 *
 * Power path alarms: path N alarm = deteriorated | short circuit | failure.
 * Backfeed = backfeed protection 1 or 2 open.  The config block (0x0120)
 * has no field the model uses and is not read.
 */
#include <stdio.h>

#include "private/poll_plan.h"
#include "private/profile.h"

enum { B_REF, B_SERIAL, B_STATUS, B_ALARM, B_MEAS };

static const struct nv_block sts_blocks[] = {
	[B_REF]    = { 0x0100, 10, NV_BLK_IDENTITY },
	[B_SERIAL] = { 0x0116, 10, NV_BLK_IDENTITY },
	[B_STATUS] = { 0x0140, 3, NV_BLK_STATUS },
	[B_ALARM]  = { 0x0148, 2, NV_BLK_ALARM },
	[B_MEAS]   = { 0x0220, 64, NV_BLK_MEAS },
};

static const struct nv_meas_map sts_meas[] = {
	NV_MEAS(sts.src_voltage[0][0], B_MEAS, 0x00, 10, 10),
	NV_MEAS(sts.src_voltage[0][1], B_MEAS, 0x01, 10, 10),
	NV_MEAS(sts.src_voltage[0][2], B_MEAS, 0x02, 10, 10),
	NV_MEAS(sts.src_freq[0], B_MEAS, 0x06, 1, 1),
	NV_MEAS(sts.switch_temp[0], B_MEAS, 0x07, 10, 10),
	NV_MEAS(sts.src_voltage[1][0], B_MEAS, 0x08, 10, 10),
	NV_MEAS(sts.src_voltage[1][1], B_MEAS, 0x09, 10, 10),
	NV_MEAS(sts.src_voltage[1][2], B_MEAS, 0x0A, 10, 10),
	NV_MEAS(sts.src_freq[1], B_MEAS, 0x0E, 1, 1),
	NV_MEAS(sts.switch_temp[1], B_MEAS, 0x0F, 10, 10),
	NV_MEAS(sts.out_voltage[0], B_MEAS, 0x10, 10, 10),
	NV_MEAS(sts.out_voltage[1], B_MEAS, 0x11, 10, 10),
	NV_MEAS(sts.out_voltage[2], B_MEAS, 0x12, 10, 10),
	NV_MEAS(sts.out_freq, B_MEAS, 0x16, 1, 1),
	NV_MEAS(sts.out_current[0], B_MEAS, 0x18, 1, 1),
	NV_MEAS(sts.out_current[1], B_MEAS, 0x19, 1, 1),
	NV_MEAS(sts.out_current[2], B_MEAS, 0x1A, 1, 1),
	NV_MEAS(sts.out_current_n, B_MEAS, 0x1B, 1, 1),
	NV_MEAS(sts.out_load_total, B_MEAS, 0x1D, 1, 1),
	NV_MEAS_SIGNED(sts.phase_shift, B_MEAS, 0x1F, 1, 1),
	NV_MEAS(sts.out_kva[0], B_MEAS, 0x20, 1, 1),
	NV_MEAS(sts.out_kva[1], B_MEAS, 0x21, 1, 1),
	NV_MEAS(sts.out_kva[2], B_MEAS, 0x22, 1, 1),
	NV_MEAS(sts.out_pf[0], B_MEAS, 0x23, 1, 1),
	NV_MEAS(sts.out_pf[1], B_MEAS, 0x24, 1, 1),
	NV_MEAS(sts.out_pf[2], B_MEAS, 0x25, 1, 1),
	NV_MEAS(sts.out_crest[0], B_MEAS, 0x28, 1, 1),
	NV_MEAS(sts.out_crest[1], B_MEAS, 0x29, 1, 1),
	NV_MEAS(sts.out_crest[2], B_MEAS, 0x2A, 1, 1),
	NV_MEAS_SIGNED(sts.ambient_temp, B_MEAS, 0x2F, 10, 10),
	NV_MEAS(sts.out_kw[0], B_MEAS, 0x30, 1, 1),
	NV_MEAS(sts.out_kw[1], B_MEAS, 0x31, 1, 1),
	NV_MEAS(sts.out_kw[2], B_MEAS, 0x32, 1, 1),
	NV_MEAS(sts.out_kw_total, B_MEAS, 0x33, 1, 1),
	NV_MEAS(sts.out_load[0], B_MEAS, 0x38, 1, 1),
	NV_MEAS(sts.out_load[1], B_MEAS, 0x39, 1, 1),
	NV_MEAS(sts.out_load[2], B_MEAS, 0x3A, 1, 1),
};

#define R(c, ...) { (c), { __VA_ARGS__ } }

static const struct nv_cond_rule sts_conds[] = {
	R(NV_C_STS_S1_OK, NV_S(0)),
	R(NV_C_STS_S1_CRITICAL, NV_S(1)),
	R(NV_C_STS_S1_OUT_OF_TOL, NV_S(2)),
	R(NV_C_STS_S1_ABSENT, NV_S(3)),
	R(NV_C_STS_S2_OK, NV_S(6)),
	R(NV_C_STS_S2_CRITICAL, NV_S(7)),
	R(NV_C_STS_S2_OUT_OF_TOL, NV_S(8)),
	R(NV_C_STS_S2_ABSENT, NV_S(9)),
	R(NV_C_STS_SYNCHRO, NV_S(12)),
	R(NV_C_STS_SLIDING, NV_S(13)),
	R(NV_C_STS_ASYNCHRO, NV_S(14)),
	R(NV_C_STS_S1_PREFERRED, NV_S(16)),
	R(NV_C_STS_ON_PREFERRED, NV_S(17)),
	R(NV_C_STS_ON_ALTERNATE, NV_S(18)),
	R(NV_C_STS_LOAD_OFF, NV_S(19)),
	R(NV_C_STS_ON_MBP1, NV_S(20)),
	R(NV_C_STS_ON_MBP2, NV_S(21)),
	R(NV_C_STS_ON_S1, NV_S(23)),
	R(NV_C_STS_ON_S2, NV_S(24)),
	R(NV_C_STS_OUTPUT_OK, NV_S(28)),
	R(NV_C_STS_OUTPUT_OUT_OF_TOL, NV_S(29)),
	R(NV_C_STS_OUTPUT_ABSENT, NV_S(30)),
	R(NV_C_STS_REMOTE_ENABLED, NV_S(45)),
	R(NV_C_STS_IMMINENT_STOP, NV_A(0)),
	R(NV_C_STS_OUTPUT_SHORT, NV_A(1)),
	R(NV_C_STS_MANUAL_BYPASS, NV_A(2)),
	R(NV_C_STS_OVERLOAD, NV_A(3)),
	R(NV_C_STS_CONSECUTIVE_DETECTIONS, NV_A(5)),
	R(NV_C_STS_SWITCHBACK_IMPOSSIBLE, NV_A(6)),
	R(NV_C_STS_TRANSFER_IMPOSSIBLE, NV_A(7)),
	R(NV_C_STS_PATH1_ALARM, NV_A(9)),
	R(NV_C_STS_PATH1_ALARM, NV_A(10)),
	R(NV_C_STS_PATH1_ALARM, NV_A(11)),
	R(NV_C_STS_PATH2_ALARM, NV_A(13)),
	R(NV_C_STS_PATH2_ALARM, NV_A(14)),
	R(NV_C_STS_PATH2_ALARM, NV_A(15)),
	R(NV_C_STS_BACKFEED, NV_A(16)),
	R(NV_C_STS_BACKFEED, NV_A(17)),
	R(NV_C_STS_TEMPERATURE, NV_A(18)),
	R(NV_C_STS_PREVENTIVE, NV_A(25)),
	R(NV_C_STS_WRONG_CONFIG, NV_A(26)),
	R(NV_C_STS_CUSTOM_INPUT, NV_A(29)),
	R(NV_C_STS_MAINTENANCE, NV_A(30)),
	R(NV_C_STS_GENERAL_ALARM, NV_A(31)),
};

static void sts_identity(const struct nv_regs *r, struct nv_identity *id)
{
	if (r->have[B_REF]) {
		nv_regs_ascii(r->w[B_REF], 10, false, id->reference,
		    sizeof(id->reference));
		snprintf(id->model, sizeof(id->model), "%s",
		    id->reference[0] ? id->reference : "STS");
	}
	if (r->have[B_SERIAL])
		nv_regs_ascii(r->w[B_SERIAL], 10, false, id->serial, sizeof(id->serial));
	id->phases_in = 3;
	id->phases_out = 3;
	if (r->have[B_MEAS] && r->w[B_MEAS][0x11] == 0xFFFF)
		id->phases_in = id->phases_out = 1;
}

static void sts_topology(const struct nv_regs *r, struct nv_topo_info *t)
{
	(void)r;
	t->topo = NV_TOPO_SINGLE;
	t->n_units = 1;
	t->unit_mask = 1;
	t->n_modules = 0;
	t->module_mask = 0;
}

/*
 * Controls: permissions 0x0150 and commands 0x0190 (one bit per control).
 * A transfer switch has no delayed output off: shutoff_addr is 0.
 * One bit per control, permitted by the same bit of 0x0150: S1 / S2
 * preferred (b4 / b5, read back as S16), close SS1 / SS2 (b2 / b3: the
 * load goes to S1 / S2, read back as S23 / S24).  The STATYS manual has
 * no alarm reset.  Remote controls must be enabled (S45).
 */
static const struct nv_ctl_action sts_actions[] = {
	{ NV_CMD_PREFER_S1, NV_CTL_BIT, 0, 4, 4, 0x0141, 0, 1 },
	{ NV_CMD_PREFER_S2, NV_CTL_BIT, 0, 5, 5, 0x0141, 0, 0 },
	{ NV_CMD_TRANSFER_S1, NV_CTL_BIT, 0, 2, 2, 0x0141, 7, 1 },
	{ NV_CMD_TRANSFER_S2, NV_CTL_BIT, 0, 3, 3, 0x0141, 8, 1 },
};

static const struct nv_control_map sts_controls = {
	.perm_addr = 0x0150, .perm_words = 1, .perm_remote_words = 0,
	.perm_remote_bit = -1, .command_addr = 0x0190, .shutoff_addr = 0,
	.type_restart = 4, .type_stay_off = 1, .type_cancel = 0,
	.min_delay_s = NV_SHUTOFF_DELAY_MIN_S, .max_delay_s = NV_SHUTOFF_DELAY_MAX_S,
	 .max_restart_min = 9999,
	.remote_status_addr = 0x0142, .remote_status_bit = 13, .remote_refused = 0,
	.actions = sts_actions,
	.n_actions = sizeof(sts_actions) / sizeof(sts_actions[0]),
};

/*
 * Schedule.  One device, no synthesis; status 0x0140 and alarms 0x0148
 * are read apart (0x0144..0x0147 are not in the map).  The 64-word
 * measurement block in two 32-word pieces (~97 ms each at 9600 baud).
 */
static const struct nv_poll_plan sts_plan = {
	.synth = { { NV_SRC_END, 0 } },
	.synth_units = 1,
	.status_alarm_together = false,
	.pieces = { { 1, 16 } },
};

const struct nv_profile nv_profile_sts = {
	.name = "STS",
	.kind = NV_KIND_STS,
	.proto = NV_PROTO_STS,
	.blocks = sts_blocks,
	.n_blocks = sizeof(sts_blocks) / sizeof(sts_blocks[0]),
	.probe_block = B_REF,
	.decimals_block = -1,
	.decimals_word = 0,
	.meas = sts_meas,
	.n_meas = sizeof(sts_meas) / sizeof(sts_meas[0]),
	.conds = sts_conds,
	.n_conds = sizeof(sts_conds) / sizeof(sts_conds[0]),
	.mod_operating_bit = -1,
	.mod_available_bit = -1,
	.mod_alarm_bit = -1,
	.mod_stop_bit = -1,
	.identity = sts_identity,
	.topology = sts_topology,
	.controls = &sts_controls,
	.plan = &sts_plan,
};
