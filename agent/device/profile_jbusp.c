/*
 * profile_jbusp.c — the JBUSP register map (NETYS, ITYS, MODULYS,
 * MASTERYS MC/BC/GP/IP, DELPHYS BC/GP/Xtend).
 *
 * Bit Sxx is bit xx%16 of status word xx/16 of block 0x1020 (LSB first);
 * Axx likewise in 0x1040.  Where the manual's mapping tables are garbled
 * or disagree, these are the choices made:
 *
 *   condition            bits          why
 *   on-bypass            S04 & !S07    MIB appendix (trap table says !S06)
 *   load-off             !S03 & !S04   MIB, trap and RFC 1628 appendices agree
 *   system-off           !S01 & !S02   rectifier and inverter off; the MIB
 *                                      appendix adds S04, the RFC one !S03&!S04
 *   battery-discharged   S16 | A49     MIB appendix
 *   inverter-alarm       A25           table says "A34 A25"; A25 is the
 *                                      inverter preventive alarm
 *   bypass-fault         A62           table says "A23 A62"; A62 is critical
 *   bypass-alarm         A29           bypass preventive alarm
 *   bypass-input-bad     A06           bypass input out of tolerance
 *   phase-rotation       A61           table says A00 (general alarm)
 *   on-maint-bypass      A08           "maintenance bypass closed"
 *   unit N alarm         A32..A37      units 1..6
 *   battery-temperature, autotest: not given by JBUSP.
 *
 * Measurements: voltages V (x10), M12-M14 currents A (x10), M15-M17 and
 * M24 A*10, frequencies Hz*10, battery voltage V*10, temperature degC
 * (x10), kVA/kW *10, Ah*10, load %, minutes.  M40-M42 ("input power",
 * no unit given) are not used.  Seconds on battery are counted by the
 * poller from the moment on-battery (S05) appears.
 *
 *   output power         register      model
 *   total true power     M36 kW*10     out_kw_total
 *   phase 1..3 apparent  M37-M39 kVA*10  out_kva[0..2] (upsOutputKva rows)
 *   phase true power     not given     out_kw[] stays -1: upsOutputKw rows
 *                                      read -1 and RFC 1628 upsOutputPower
 *                                      (true W) has no instance; splitting
 *                                      M36 by the kVA shares would be a guess
 */
#include <stdio.h>

#include "private/poll_plan.h"
#include "private/profile.h"

enum { B_IDENT, B_CONFIG, B_STATUS, B_ALARM, B_MEAS };

static const struct nv_block jbusp_blocks[] = {
	[B_IDENT]  = { 0x1000, 12, NV_BLK_IDENTITY },
	[B_CONFIG] = { 0x10E0, 16, NV_BLK_CONFIG },
	[B_STATUS] = { 0x1020, 4, NV_BLK_STATUS },
	[B_ALARM]  = { 0x1040, 4, NV_BLK_ALARM },
	[B_MEAS]   = { 0x1060, 48, NV_BLK_MEAS },
};

static const struct nv_meas_map jbusp_meas[] = {
	NV_MEAS(ups.out_load[0], B_MEAS, 0, 1, 1),
	NV_MEAS(ups.out_load[1], B_MEAS, 1, 1, 1),
	NV_MEAS(ups.out_load[2], B_MEAS, 2, 1, 1),
	NV_MEAS(ups.out_load_total, B_MEAS, 3, 1, 1),
	NV_MEAS(ups.batt_charge, B_MEAS, 4, 1, 1),
	NV_MEAS(ups.batt_ah, B_MEAS, 5, 1, 1),
	NV_MEAS(ups.byp_voltage[0], B_MEAS, 6, 10, 10),
	NV_MEAS(ups.byp_voltage[1], B_MEAS, 7, 10, 10),
	NV_MEAS(ups.byp_voltage[2], B_MEAS, 8, 10, 10),
	NV_MEAS(ups.out_voltage[0], B_MEAS, 9, 10, 10),
	NV_MEAS(ups.out_voltage[1], B_MEAS, 10, 10, 10),
	NV_MEAS(ups.out_voltage[2], B_MEAS, 11, 10, 10),
	NV_MEAS(ups.in_current[0], B_MEAS, 12, 10, 10),
	NV_MEAS(ups.in_current[1], B_MEAS, 13, 10, 10),
	NV_MEAS(ups.in_current[2], B_MEAS, 14, 10, 10),
	NV_MEAS(ups.out_current[0], B_MEAS, 15, 1, 1),
	NV_MEAS(ups.out_current[1], B_MEAS, 16, 1, 1),
	NV_MEAS(ups.out_current[2], B_MEAS, 17, 1, 1),
	NV_MEAS(ups.byp_freq, B_MEAS, 18, 1, 1),
	NV_MEAS(ups.out_freq, B_MEAS, 19, 1, 1),
	NV_MEAS(ups.batt_voltage, B_MEAS, 20, 1, 1),
	NV_MEAS(ups.ambient_temp, B_MEAS, 22, 10, 10),
	NV_MEAS(ups.batt_minutes, B_MEAS, 23, 1, 1),
	NV_MEAS_SIGNED(ups.batt_current, B_MEAS, 24, 1, 1),
	NV_MEAS(ups.in_voltage[0], B_MEAS, 33, 10, 10),
	NV_MEAS(ups.in_voltage[1], B_MEAS, 34, 10, 10),
	NV_MEAS(ups.in_voltage[2], B_MEAS, 35, 10, 10),
	NV_MEAS(ups.out_kw_total, B_MEAS, 36, 1, 1),
	NV_MEAS(ups.out_kva[0], B_MEAS, 37, 1, 1),
	NV_MEAS(ups.out_kva[1], B_MEAS, 38, 1, 1),
	NV_MEAS(ups.out_kva[2], B_MEAS, 39, 1, 1),
	NV_MEAS(ups.in_freq, B_MEAS, 43, 1, 1),
};

#define R(c, ...) { (c), { __VA_ARGS__ } }

static const struct nv_cond_rule jbusp_conds[] = {
	R(NV_C_INPUT_PRESENT, NV_S(0)),
	R(NV_C_INVERTER_ON, NV_S(1)),
	R(NV_C_RECTIFIER_ON, NV_S(2)),
	R(NV_C_ON_INVERTER, NV_S(3)),
	R(NV_C_ON_BYPASS, NV_S(4), NV_NS(7)),
	R(NV_C_ON_BATTERY, NV_S(5)),
	R(NV_C_REMOTE_CONTROL_OFF, NV_S(6)),
	R(NV_C_ECO_MODE, NV_S(7)),
	R(NV_C_STANDBY, NV_S(8)),
	R(NV_C_BATTERY_TEST_RUNNING, NV_S(10)),
	R(NV_C_BATTERY_TEST_FAILED, NV_S(14)),
	R(NV_C_BATTERY_LOW, NV_S(15)),
	R(NV_C_BATTERY_DISCHARGED, NV_S(16)),
	R(NV_C_BATTERY_DISCHARGED, NV_A(49)),
	R(NV_C_BATTERY_OK, NV_S(17)),
	R(NV_C_BYPASS_PRESENT, NV_S(26)),
	R(NV_C_BATTERY_CHARGING, NV_S(27)),
	R(NV_C_PARALLEL, NV_S(30)),
	R(NV_C_LOAD_OFF, NV_NS(3), NV_NS(4)),
	R(NV_C_SYSTEM_OFF, NV_NS(1), NV_NS(2)),
	R(NV_C_GENERAL_ALARM, NV_A(0)),
	R(NV_C_BATTERY_FAULT, NV_A(1)),
	R(NV_C_OVERLOAD, NV_A(2)),
	R(NV_C_INPUT_BAD, NV_A(5)),
	R(NV_C_BYPASS_INPUT_BAD, NV_A(6)),
	R(NV_C_TEMPERATURE, NV_A(7)),
	R(NV_C_ON_MAINT_BYPASS, NV_A(8)),
	R(NV_C_OUTPUT_SHORT_CIRCUIT, NV_A(9)),
	R(NV_C_CHARGER_FAULT, NV_A(10)),
	R(NV_C_INTERNAL_FAILURE, NV_A(19)),
	R(NV_C_WRONG_CONFIG, NV_A(20)),
	R(NV_C_RECTIFIER_ALARM, NV_A(23)),
	R(NV_C_INVERTER_ALARM, NV_A(25)),
	R(NV_C_CHARGER_ALARM, NV_A(26)),
	R(NV_C_BYPASS_ALARM, NV_A(29)),
	R(NV_C_IMMINENT_STOP, NV_A(31)),
	R(NV_C_UNIT_ALARM1 + 0, NV_A(32)),
	R(NV_C_UNIT_ALARM1 + 1, NV_A(33)),
	R(NV_C_UNIT_ALARM1 + 2, NV_A(34)),
	R(NV_C_UNIT_ALARM1 + 3, NV_A(35)),
	R(NV_C_UNIT_ALARM1 + 4, NV_A(36)),
	R(NV_C_UNIT_ALARM1 + 5, NV_A(37)),
	R(NV_C_EXTERNAL_ALARM1, NV_A(38)),
	R(NV_C_EXTERNAL_ALARM2, NV_A(39)),
	R(NV_C_EXTERNAL_ALARM3, NV_A(40)),
	R(NV_C_EXTERNAL_ALARM4, NV_A(41)),
	R(NV_C_REMOTE_SERVICE, NV_A(42)),
	R(NV_C_REDUNDANCY_LOST, NV_A(43)),
	R(NV_C_MAINTENANCE, NV_A(44)),
	R(NV_C_TRANSFER_LOCKED, NV_A(45)),
	R(NV_C_TRANSFER_IMPOSSIBLE, NV_A(46)),
	R(NV_C_BATTERY_ROOM, NV_A(47)),
	R(NV_C_MAINT_BYPASS_ALARM, NV_A(48)),
	R(NV_C_INSUFFICIENT_RESOURCES, NV_A(50)),
	R(NV_C_OPTION_BOARD, NV_A(51)),
	R(NV_C_RECTIFIER_FAULT, NV_A(52)),
	R(NV_C_INVERTER_FAULT, NV_A(54)),
	R(NV_C_GENSET_ALARM, NV_A(56)),
	R(NV_C_POWER_OFF_ACTIVE, NV_A(58)),
	R(NV_C_BATTERY_CIRCUIT_OPEN, NV_A(59)),
	R(NV_C_FAN_FAILURE, NV_A(60)),
	R(NV_C_PHASE_ROTATION, NV_A(61)),
	R(NV_C_BYPASS_FAULT, NV_A(62)),
};

/* UPS type (0x1000) -> range; phases when the name tells them. */
static const struct nv_range_name jbusp_types[] = {
	{ 20, 20, "MODULYS 1/1 MODULE", 1, 1 },
	{ 21, 21, "MODULYS 1/1 UPS", 1, 1 },
	{ 22, 22, "MODULYS 1/1 SYSTEM", 1, 1 },
	{ 26, 26, "MASTERYS 1/1 SYSTEM", 1, 1 },
	{ 27, 27, "MASTERYS 1/1 UPS", 1, 1 },
	{ 28, 28, "MASTERYS 1/1 MODULE", 1, 1 },
	{ 29, 29, "NETYS", 0, 0 },
	{ 30, 30, "ITYS", 0, 0 },
	{ 31, 31, "NETYS RT", 0, 0 },
	{ 35, 35, "NETYS PR", 0, 0 },
	{ 36, 36, "NETYS PR-RK", 0, 0 },
	{ 37, 37, "NETYS PR-RT", 0, 0 },
	{ 82, 82, "MODULYS 3/1 MODULE", 3, 1 },
	{ 83, 83, "MODULYS 3/1 SYSTEM", 3, 1 },
	{ 84, 84, "MODULYS 3/1 UPS", 3, 1 },
	{ 86, 86, "MASTERYS 3/1 SYSTEM", 3, 1 },
	{ 87, 87, "MASTERYS 3/1 UPS", 3, 1 },
	{ 88, 88, "MASTERYS 3/1 MODULE", 3, 1 },
	{ 89, 89, "ITYS 3/1 UPS", 3, 1 },
	{ 256, 256, "MASTERYS 3/3 SYSTEM", 3, 3 },
	{ 257, 257, "MASTERYS 3/3 UPS", 3, 3 },
	{ 258, 258, "MASTERYS 3/3 MODULE", 3, 3 },
	{ 513, 514, "DELPHYS MP SINGLE UNIT", 0, 0 },
	{ 515, 516, "DELPHYS MX SINGLE UNIT", 0, 0 },
	{ 640, 640, "DELPHYS Green Power", 0, 0 },
	{ 644, 644, "DELPHYS BC", 0, 0 },
	{ 648, 648, "DELPHYS GP 2.0", 0, 0 },
	{ 1014, 1017, "DELPHYS MP SYSTEM", 0, 0 },
	{ 1018, 1021, "DELPHYS MX SYSTEM", 0, 0 },
};

/* Phase 2 of a measurement managed (not 0xFFFF) means three phases. */
static int phases_from_meas(const struct nv_regs *r, int word)
{
	if (!r->have[B_MEAS])
		return 1;
	return r->w[B_MEAS][word] == 0xFFFF ? 1 : 3;
}

static void jbusp_identity(const struct nv_regs *r, struct nv_identity *id)
{
	const struct nv_range_name *rn;

	if (r->have[B_IDENT]) {
		const uint16_t *w = r->w[B_IDENT];

		id->type_code = w[0];
		rn = nv_range_lookup(jbusp_types,
		    sizeof(jbusp_types) / sizeof(jbusp_types[0]), w[0]);
		if (rn)
			snprintf(id->model, sizeof(id->model), "%s", rn->name);
		else
			snprintf(id->model, sizeof(id->model), "JBUSP UPS type %u", w[0]);
		id->unit_kva = nv_word_or_na(w[1], 1);
		/* T03..T07: two characters a word, character 1 in the low byte */
		nv_regs_ascii(&w[3], 5, true, id->serial, sizeof(id->serial));
		id->phases_in = rn && rn->phases_in ? rn->phases_in :
		    phases_from_meas(r, 34);
		id->phases_out = rn && rn->phases_out ? rn->phases_out :
		    phases_from_meas(r, 10);
	}
	if (r->have[B_CONFIG]) {
		const uint16_t *w = r->w[B_CONFIG];

		id->nominal_vin = nv_word_or_na(w[0], 1);
		id->nominal_vout = nv_word_or_na(w[1], 1);
		id->nominal_fin = nv_word_or_na(w[2], 1);
		id->nominal_fout = nv_word_or_na(w[3], 1);
		if (w[4] != 0xFFFF)
			snprintf(id->firmware, sizeof(id->firmware), "%u.%02u",
			    w[4] / 100u, w[4] % 100u);
		id->battery_ah = nv_word_or_na(w[8], 1);
	}
}

/* S30: unit of a parallel system; S32..S37: units 1..6 present. */
static void jbusp_topology(const struct nv_regs *r, struct nv_topo_info *t)
{
	const uint16_t *s = r->w[B_STATUS];

	t->topo = NV_TOPO_SINGLE;
	t->n_units = 1;
	t->unit_mask = 1;
	t->n_modules = 0;
	t->module_mask = 0;
	if (!r->have[B_STATUS] || !((s[1] >> 14) & 1u))
		return;
	t->unit_mask = (s[2] & 0x3F);
	if (t->unit_mask == 0)
		t->unit_mask = 1;
	t->n_units = 32 - __builtin_clz(t->unit_mask);
	t->topo = t->n_units > 1 ? NV_TOPO_PARALLEL : NV_TOPO_SINGLE;
}

/*
 * Controls: permission words 0x15C0-0x15C1 and command word 0x15B0 are in
 * SOCOMEC's JBUSP manual; the delayed off / restart block 0x1580 (five
 * words, one byte each, written with 0x10; type 4 = off then restart after
 * the given minutes, 1 = one shot, 0 = cancel) is known from community
 * code only.  Remote control is refused by the UPS's own status bit S06,
 * so no permission bit is checked here.
 *
 * One-word controls: the control's number written to 0x15B0, permitted by
 * bit Cnn of 0x15C0-0x15C1.  Eco (3), normal (4), bypass (0x0A), inverter
 * (0x0B) and battery test (0x10) are in SOCOMEC's extended JBUS manual;
 * stand-by on (5) / off (6) in community code tested on ITYS.  No public
 * document gives an alarm reset code: that control is absent, so refused.
 * Effects read back: S07 eco, S08 stand-by, S04 on bypass, S10 test.
 */
static const struct nv_ctl_action jbusp_actions[] = {
	{ NV_CMD_ECO_MODE, NV_CTL_VALUE, 0, 0x03, 3, 0x1020, 7, 1 },
	{ NV_CMD_NORMAL_MODE, NV_CTL_VALUE, 0, 0x04, 4, 0x1020, 7, 0 },
	{ NV_CMD_STANDBY_ON, NV_CTL_VALUE, 0, 0x05, 5, 0x1020, 8, 1 },
	{ NV_CMD_STANDBY_OFF, NV_CTL_VALUE, 0, 0x06, 6, 0x1020, 8, 0 },
	{ NV_CMD_TO_BYPASS, NV_CTL_VALUE, 0, 0x0A, 10, 0x1020, 4, 1 },
	{ NV_CMD_TO_INVERTER, NV_CTL_VALUE, 0, 0x0B, 11, 0x1020, 4, 0 },
	{ NV_CMD_BATTERY_TEST, NV_CTL_VALUE, 0, 0x10, 16, 0x1020, 10, 1 },
};

static const struct nv_control_map jbusp_controls = {
	.perm_addr = 0x15C0, .perm_words = 2, .perm_remote_words = 0,
	.perm_remote_bit = -1, .command_addr = 0x15B0, .shutoff_addr = 0x1580,
	.type_restart = 4, .type_stay_off = 1, .type_cancel = 0,
	.min_delay_s = NV_SHUTOFF_DELAY_MIN_S, .max_delay_s = NV_SHUTOFF_DELAY_MAX_S,
	 .max_restart_min = 9999,
	.remote_status_addr = 0x1020, .remote_status_bit = 6, .remote_refused = 1,
	.clock_addr = 0x1360, .clock_writable = false,  /* "date and hours": read only */
	.actions = jbusp_actions,
	.n_actions = sizeof(jbusp_actions) / sizeof(jbusp_actions[0]),
};

/*
 * Schedule.  Unit 1 of a parallel system sums up the units in its status
 * and alarm tables: S32+k unit k+1 present, A32+k unit k+1 in general
 * alarm (k = 0..5).  Status 0x1020 and alarms 0x1040 are 28 words apart:
 * two requests (39 ms each at 9600 baud) cost less than one of 36 words.
 * 48 measurement words in two 24-word pieces (81 ms each, 131 ms whole):
 * an alarm waits at most 81 + 78 + 78 ms; six units' measurements (12
 * pieces) and the round robin take about 12 x 159 + 6 x 156 ~ 2.8 s.
 */
static const struct nv_poll_plan jbusp_plan = {
	.synth = { { NV_SRC_ALARM, 32 }, { NV_SRC_STATUS, 32 } },
	.synth_units = 6,
	.status_alarm_together = false,
	.pieces = { { 1, 16 }, { 6, 24 } },
};

const struct nv_profile nv_profile_jbusp = {
	.name = "JBUSP",
	.kind = NV_KIND_UPS,
	.proto = NV_PROTO_JBUSP,
	.blocks = jbusp_blocks,
	.n_blocks = sizeof(jbusp_blocks) / sizeof(jbusp_blocks[0]),
	.probe_block = B_IDENT,
	.decimals_block = -1,
	.decimals_word = 0,
	.meas = jbusp_meas,
	.n_meas = sizeof(jbusp_meas) / sizeof(jbusp_meas[0]),
	.conds = jbusp_conds,
	.n_conds = sizeof(jbusp_conds) / sizeof(jbusp_conds[0]),
	.mod_operating_bit = -1,
	.mod_available_bit = -1,
	.mod_alarm_bit = -1,
	.mod_stop_bit = -1,
	.identity = jbusp_identity,
	.topology = jbusp_topology,
	.controls = &jbusp_controls,
	.plan = &jbusp_plan,
};
