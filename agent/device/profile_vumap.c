/*
 * profile_vumap.c — the VU-MAP register map (ITYS-PRO, MODULYS XS/GP 2.0/
 * XM/XL, MASTERYS BC+/GP4, DELPHYS with touchscreen panel).
 *
 * Bit Snnn is bit nnn%16 of word nnn/16 of block 0x0030 (LSB first), Annn
 * likewise in 0x0038.  Choices where the manual's tables are garbled or
 * disagree (the SOCOMEC MIB's DESCRIPTIONs name the VU-MAP bit of each
 * well-known alarm and settle most of them):
 *
 *   condition            bits                   why
 *   on-battery           A019 & S000            trap and RFC 1628 appendices
 *   on-bypass            S002 & !S006 & !S007   MIB appendix says !S007, RFC
 *                                               appendix !S006: on bypass
 *                                               because of eco mode or energy
 *                                               saver is neither
 *   system-off           !S049 & !S052 & !S057  RFC 1628 appendix
 *   charger-alarm        A038                   MIB table repeats A037; A038
 *                                               is "charger preventive"
 *   inverter-alarm       A041, bypass-fault A048, bypass-alarm A049,
 *   bypass-input-bad     A050, phase-rotation A051 (MIB DESCRIPTIONs)
 *   unit N alarm         A096..A107             units / modules 1..12
 *   parallel             set by the poller from the topology (no bit)
 *   remote-control-off   not given by VU-MAP
 *
 * Measurements: T014 (0x000E) = 1 means the words marked "#.#" in the
 * manual's T014=1 column carry one decimal.  Voltages "###" are whole volts
 * in both columns (x10); frequencies and temperatures are "##.#" in both
 * (x1); currents, kVA, kW, Ah and battery voltage are whole units when
 * T014 = 0 (x10) and tenths when T014 = 1 (x1).  M025 is seconds on
 * battery; M024 minutes of backup left.
 */
#include <stdio.h>

#include "private/poll_plan.h"
#include "private/profile.h"

enum { B_CONFIG, B_SERIAL, B_REF, B_STATUS, B_ALARM, B_MEAS };

static const struct nv_block vumap_blocks[] = {
	[B_CONFIG] = { 0x0001, 15, NV_BLK_IDENTITY },
	[B_SERIAL] = { 0x0010, 10, NV_BLK_IDENTITY },
	[B_REF]    = { 0x001A, 10, NV_BLK_IDENTITY },
	[B_STATUS] = { 0x0030, 8, NV_BLK_STATUS },
	[B_ALARM]  = { 0x0038, 8, NV_BLK_ALARM },
	[B_MEAS]   = { 0x0040, 80, NV_BLK_MEAS },
};

/* Tn is word n-1 of the config block (it starts at T001 = 0x0001). */
#define T(n) ((n) - 1)

static const struct nv_meas_map vumap_meas[] = {
	NV_MEAS(ups.out_load_total, B_MEAS, 0, 1, 1),
	NV_MEAS(ups.out_load[0], B_MEAS, 1, 1, 1),
	NV_MEAS(ups.out_load[1], B_MEAS, 2, 1, 1),
	NV_MEAS(ups.out_load[2], B_MEAS, 3, 1, 1),
	NV_MEAS(ups.out_kva_total, B_MEAS, 4, 10, 1),
	NV_MEAS(ups.out_kw_total, B_MEAS, 5, 10, 1),
	NV_MEAS(ups.out_current[0], B_MEAS, 6, 10, 1),
	NV_MEAS(ups.out_current[1], B_MEAS, 7, 10, 1),
	NV_MEAS(ups.out_current[2], B_MEAS, 8, 10, 1),
	NV_MEAS(ups.out_voltage[0], B_MEAS, 10, 10, 10),
	NV_MEAS(ups.out_voltage[1], B_MEAS, 11, 10, 10),
	NV_MEAS(ups.out_voltage[2], B_MEAS, 12, 10, 10),
	NV_MEAS(ups.out_freq, B_MEAS, 13, 1, 1),
	NV_MEAS(ups.ambient_temp, B_MEAS, 15, 1, 1),
	NV_MEAS(ups.batt_voltage, B_MEAS, 16, 10, 1),
	NV_MEAS_SIGNED(ups.batt_current, B_MEAS, 18, 10, 1),
	NV_MEAS(ups.batt_charge, B_MEAS, 22, 1, 1),
	NV_MEAS(ups.batt_ah, B_MEAS, 23, 10, 1),
	NV_MEAS(ups.batt_minutes, B_MEAS, 24, 1, 1),
	NV_MEAS(ups.batt_seconds_on, B_MEAS, 25, 1, 1),
	NV_MEAS(ups.batt_temp, B_MEAS, 26, 1, 1),
	NV_MEAS(ups.in_voltage[0], B_MEAS, 32, 10, 10),
	NV_MEAS(ups.in_voltage[1], B_MEAS, 33, 10, 10),
	NV_MEAS(ups.in_voltage[2], B_MEAS, 34, 10, 10),
	NV_MEAS(ups.in_freq, B_MEAS, 35, 1, 1),
	NV_MEAS(ups.byp_voltage[0], B_MEAS, 39, 10, 10),
	NV_MEAS(ups.byp_voltage[1], B_MEAS, 40, 10, 10),
	NV_MEAS(ups.byp_voltage[2], B_MEAS, 41, 10, 10),
	NV_MEAS(ups.byp_freq, B_MEAS, 42, 1, 1),
	NV_MEAS(ups.out_kva[0], B_MEAS, 48, 10, 1),
	NV_MEAS(ups.out_kva[1], B_MEAS, 49, 10, 1),
	NV_MEAS(ups.out_kva[2], B_MEAS, 50, 10, 1),
	NV_MEAS(ups.out_kw[0], B_MEAS, 51, 10, 1),
	NV_MEAS(ups.out_kw[1], B_MEAS, 52, 10, 1),
	NV_MEAS(ups.out_kw[2], B_MEAS, 53, 10, 1),
	NV_MEAS(ups.in_current[0], B_MEAS, 64, 10, 1),
	NV_MEAS(ups.in_current[1], B_MEAS, 65, 10, 1),
	NV_MEAS(ups.in_current[2], B_MEAS, 66, 10, 1),
	NV_MEAS(ups.byp_current[0], B_MEAS, 70, 10, 1),
	NV_MEAS(ups.byp_current[1], B_MEAS, 71, 10, 1),
	NV_MEAS(ups.byp_current[2], B_MEAS, 72, 10, 1),
};

#define R(c, ...) { (c), { __VA_ARGS__ } }

static const struct nv_cond_rule vumap_conds[] = {
	R(NV_C_ON_INVERTER, NV_S(0)),
	R(NV_C_ON_BYPASS, NV_S(2), NV_NS(6), NV_NS(7)),
	R(NV_C_ON_MAINT_BYPASS, NV_S(3)),
	R(NV_C_LOAD_OFF, NV_S(4)),
	R(NV_C_ECO_MODE, NV_S(6)),
	R(NV_C_STANDBY, NV_S(13)),
	R(NV_C_AUTOTEST_RUNNING, NV_S(30)),
	R(NV_C_BATTERY_OK, NV_S(32)),
	R(NV_C_BATTERY_TEST_RUNNING, NV_S(34)),
	R(NV_C_BATTERY_CHARGING, NV_S(36)),
	R(NV_C_INPUT_PRESENT, NV_S(48)),
	R(NV_C_RECTIFIER_ON, NV_S(49)),
	R(NV_C_INVERTER_ON, NV_S(52)),
	R(NV_C_BYPASS_PRESENT, NV_S(56)),
	R(NV_C_SYSTEM_OFF, NV_NS(49), NV_NS(52), NV_NS(57)),
	R(NV_C_ON_BATTERY, NV_A(19), NV_S(0)),
	R(NV_C_IMMINENT_STOP, NV_A(0)),
	R(NV_C_OVERLOAD, NV_A(1)),
	R(NV_C_TEMPERATURE, NV_A(2)),
	R(NV_C_TRANSFER_LOCKED, NV_A(3)),
	R(NV_C_TRANSFER_IMPOSSIBLE, NV_A(4)),
	R(NV_C_INSUFFICIENT_RESOURCES, NV_A(5)),
	R(NV_C_REDUNDANCY_LOST, NV_A(6)),
	R(NV_C_OUTPUT_SHORT_CIRCUIT, NV_A(7)),
	R(NV_C_MAINTENANCE, NV_A(12)),
	R(NV_C_REMOTE_SERVICE, NV_A(13)),
	R(NV_C_GENERAL_ALARM, NV_A(15)),
	R(NV_C_BATTERY_CIRCUIT_OPEN, NV_A(16)),
	R(NV_C_BATTERY_DISCHARGED, NV_A(17)),
	R(NV_C_BATTERY_LOW, NV_A(18)),
	R(NV_C_BATTERY_TEMPERATURE, NV_A(20)),
	R(NV_C_BATTERY_ROOM, NV_A(21)),
	R(NV_C_BATTERY_TEST_FAILED, NV_A(22)),
	R(NV_C_BATTERY_FAULT, NV_A(27)),
	R(NV_C_RECTIFIER_FAULT, NV_A(32)),
	R(NV_C_RECTIFIER_ALARM, NV_A(33)),
	R(NV_C_INPUT_BAD, NV_A(35)),
	R(NV_C_GENSET_ALARM, NV_A(36)),
	R(NV_C_CHARGER_FAULT, NV_A(37)),
	R(NV_C_CHARGER_ALARM, NV_A(38)),
	R(NV_C_INVERTER_FAULT, NV_A(40)),
	R(NV_C_INVERTER_ALARM, NV_A(41)),
	R(NV_C_BYPASS_FAULT, NV_A(48)),
	R(NV_C_BYPASS_ALARM, NV_A(49)),
	R(NV_C_BYPASS_INPUT_BAD, NV_A(50)),
	R(NV_C_PHASE_ROTATION, NV_A(51)),
	R(NV_C_FAN_FAILURE, NV_A(54)),
	R(NV_C_MAINT_BYPASS_ALARM, NV_A(56)),
	R(NV_C_POWER_OFF_ACTIVE, NV_A(59)),
	R(NV_C_WRONG_CONFIG, NV_A(60)),
	R(NV_C_INTERNAL_FAILURE, NV_A(61)),
	R(NV_C_OPTION_BOARD, NV_A(62)),
	R(NV_C_EXTERNAL_ALARM1, NV_A(64)),
	R(NV_C_EXTERNAL_ALARM2, NV_A(65)),
	R(NV_C_EXTERNAL_ALARM3, NV_A(66)),
	R(NV_C_EXTERNAL_ALARM4, NV_A(67)),
	R(NV_C_UNIT_ALARM1 + 0, NV_A(96)),
	R(NV_C_UNIT_ALARM1 + 1, NV_A(97)),
	R(NV_C_UNIT_ALARM1 + 2, NV_A(98)),
	R(NV_C_UNIT_ALARM1 + 3, NV_A(99)),
	R(NV_C_UNIT_ALARM1 + 4, NV_A(100)),
	R(NV_C_UNIT_ALARM1 + 5, NV_A(101)),
	R(NV_C_UNIT_ALARM1 + 6, NV_A(102)),
	R(NV_C_UNIT_ALARM1 + 7, NV_A(103)),
	R(NV_C_UNIT_ALARM1 + 8, NV_A(104)),
	R(NV_C_UNIT_ALARM1 + 9, NV_A(105)),
	R(NV_C_UNIT_ALARM1 + 10, NV_A(106)),
	R(NV_C_UNIT_ALARM1 + 11, NV_A(107)),
};

/* Device reference code T015 (0x000F) -> range. */
static const struct nv_range_name vumap_refs[] = {
	{ 0x8001, 0x8001, "ITYS PRO", 0, 0 },
	{ 0x8100, 0x8100, "MODULYS GP 2.0", 0, 0 },
	{ 0x8110, 0x8110, "MODULYS RM GP", 0, 0 },
	{ 0x8180, 0x8180, "MODULYS XS", 0, 0 },
	{ 0x81A0, 0x81A0, "MODULYS XL", 0, 0 },
	{ 0x8200, 0x8200, "MASTERYS BC+", 0, 0 },
	{ 0x8300, 0x8300, "MASTERYS GP4", 0, 0 },
	{ 0x8400, 0x8400, "DELPHYS XL", 0, 0 },
	{ 0x0288, 0x0288, "DELPHYS BC - GP 2.0", 0, 0 },
};

static int phases_or_one(unsigned v)
{
	return v == 3 ? 3 : 1;
}

static void vumap_identity(const struct nv_regs *r, struct nv_identity *id)
{
	if (r->have[B_CONFIG]) {
		const uint16_t *w = r->w[B_CONFIG];
		int scale = w[T(14)] == 1 ? 1 : 10;
		const struct nv_range_name *rn;

		id->type_code = w[T(15)];
		rn = nv_range_lookup(vumap_refs,
		    sizeof(vumap_refs) / sizeof(vumap_refs[0]), w[T(15)]);
		if (rn)
			snprintf(id->model, sizeof(id->model), "%s", rn->name);
		else
			snprintf(id->model, sizeof(id->model), "VU-MAP UPS 0x%04X",
			    w[T(15)]);
		id->unit_kva = nv_word_or_na(w[T(5)], scale);
		id->nominal_kw = nv_word_or_na(w[T(6)], scale);
		id->phases_in = phases_or_one(w[T(7)] >> 8);
		id->phases_out = phases_or_one(w[T(7)] & 0xFF);
	}
	if (r->have[B_SERIAL])
		nv_regs_ascii(r->w[B_SERIAL], 10, false, id->serial, sizeof(id->serial));
	if (r->have[B_REF])
		nv_regs_ascii(r->w[B_REF], 10, false, id->reference,
		    sizeof(id->reference));
}

/*
 * T001 MSB installation code: 01 single, 08/09 modular, 06 parallel
 * (LSB 08: modular parallel system).  T002 how many modules / units,
 * T003 which are present.  T002/T003 count the level below the device
 * that answers: units for a parallel system, but in a modular system
 * (06:08) each unit counts its own modules, since up to 24 modules do not
 * fit one 15-bit mask.  So a modular system gives its unit count nowhere:
 * it is taken as up to 4 units at consecutive slave ids, and the poller
 * keeps those that answer as 06:08 (see modular_system_layout()).
 */
#define MODSYS_MAX_UNITS 4
static void vumap_topology(const struct nv_regs *r, struct nv_topo_info *t)
{
	const uint16_t *w = r->w[B_CONFIG];
	unsigned install, count, mask;

	t->topo = NV_TOPO_SINGLE;
	t->n_units = 1;
	t->unit_mask = 1;
	t->n_modules = 0;
	t->module_mask = 0;
	if (!r->have[B_CONFIG])
		return;
	install = w[T(1)] >> 8;
	count = w[T(2)];
	mask = w[T(3)] & 0x7FFF & ~(1u << 13);  /* b13: bypass module */
	if (install == 0x08 || install == 0x09) {
		t->topo = NV_TOPO_MODULAR;
		t->n_modules = count < NV_MAX_MODULES ? (int)count : NV_MAX_MODULES;
		t->module_mask = mask ? mask : (1u << t->n_modules) - 1;
	} else if (install == 0x06 && (w[T(1)] & 0xFF) == 0x08) {
		t->topo = NV_TOPO_MODULAR_SYSTEM;
		t->n_units = MODSYS_MAX_UNITS;
		t->unit_mask = (1u << MODSYS_MAX_UNITS) - 1;
		t->n_modules = count < NV_MAX_MODULES ? (int)count : NV_MAX_MODULES;
		t->module_mask = mask ? mask : (1u << t->n_modules) - 1;
	} else if (install == 0x06) {
		t->topo = NV_TOPO_PARALLEL;
		t->n_units = count >= 1 && count <= NV_MAX_UNITS ? (int)count : 1;
		t->unit_mask = mask ? mask & ((1u << NV_MAX_UNITS) - 1) :
		    (1u << t->n_units) - 1;
		if (t->unit_mask)
			t->n_units = 32 - __builtin_clz(t->unit_mask);
	}
}

/*
 * Controls: the permission and control words sit at 0x00C7-0x00CA, but
 * SOCOMEC's chapters disagree on which pair is which, so the remote bit
 * P000 is taken from whichever of 0x00C7 / 0x00C9 has it.  No public
 * VU-MAP document gives a delayed off / restart register: shutoff_addr is
 * 0 (refused) unless the config names one; the block layout and the type
 * values are then JBUSP's.
 *
 * One-word controls: one bit set in the second command word (C016 eco on,
 * C017 eco off, C028 battery test, C031 alarm reset), permitted by the
 * same bit of the second permission word.  The command pair is the one
 * without P000 (command_pair_follows_perm).  No public VU-MAP table has
 * stand-by, bypass or inverter controls: those are absent, so refused.
 * Effects read back: S006 eco, S034 battery test in progress.
 */
static const struct nv_ctl_action vumap_actions[] = {
	{ NV_CMD_ECO_MODE, NV_CTL_BIT, 1, 0, 16, 0x0030, 6, 1 },
	{ NV_CMD_NORMAL_MODE, NV_CTL_BIT, 1, 1, 17, 0x0030, 6, 0 },
	{ NV_CMD_BATTERY_TEST, NV_CTL_BIT, 1, 12, 28, 0x0032, 2, 1 },
	{ NV_CMD_ALARM_RESET, NV_CTL_BIT, 1, 15, 31, 0, -1, 0 },
};

static const struct nv_control_map vumap_controls = {
	.perm_addr = 0x00C7, .perm_words = 4, .perm_remote_words = 0x5,
	.perm_remote_bit = 0, .command_addr = 0x00C9, .shutoff_addr = 0,
	.type_restart = 4, .type_stay_off = 1, .type_cancel = 0,
	.min_delay_s = NV_SHUTOFF_DELAY_MIN_S, .max_delay_s = NV_SHUTOFF_DELAY_MAX_S,
	 .max_restart_min = 9999,
	.command_pair_follows_perm = true,
	.clock_addr = 0x00CB, .clock_writable = true,   /* K000-K003, one 0x10 write */
	.actions = vumap_actions,
	.n_actions = sizeof(vumap_actions) / sizeof(vumap_actions[0]),
};

/*
 * Schedule.  Unit 1 of a parallel system sums up every unit in the last
 * two words of its status and alarm tables: S096+k operating, S112+k
 * available, A096+k in general alarm, A112+k imminent stop, k = 0..14.
 * The status and alarm tables are adjacent (0x0030 x16): one request.
 * At 9600 baud that read takes 64 ms; an 80-word measurement block 198
 * ms whole, 114 ms in 40-word pieces.  An alarm on any unit then waits at
 * most one piece, the head and that unit's read: 114 + 64 + 64 = 242 ms.
 * Ten units' measurements (20 pieces) and the round robin of units 2..10
 * (one tail in three) take 20 x (64 + 114) + 10 x (64 + 64) ~ 4.8 s: the
 * oldest measurement stays under 6 s.
 */
static const struct nv_poll_plan vumap_plan = {
	.synth = { { NV_SRC_ALARM, 96 }, { NV_SRC_ALARM, 112 },
		   { NV_SRC_STATUS, 96 }, { NV_SRC_STATUS, 112 } },
	.synth_units = 15,
	.status_alarm_together = true,
	.pieces = { { 1, 16 }, { 4, 27 }, { 15, 40 } },
};

const struct nv_profile nv_profile_vumap = {
	.name = "VU-MAP",
	.kind = NV_KIND_UPS,
	.proto = NV_PROTO_VUMAP,
	.blocks = vumap_blocks,
	.n_blocks = sizeof(vumap_blocks) / sizeof(vumap_blocks[0]),
	.probe_block = B_CONFIG,
	.decimals_block = B_CONFIG,
	.decimals_word = T(14),
	.meas = vumap_meas,
	.n_meas = sizeof(vumap_meas) / sizeof(vumap_meas[0]),
	.conds = vumap_conds,
	.n_conds = sizeof(vumap_conds) / sizeof(vumap_conds[0]),
	.mod_operating_bit = 96,
	.mod_available_bit = 112,
	.mod_alarm_bit = 96,
	.mod_stop_bit = 112,
	.identity = vumap_identity,
	.topology = vumap_topology,
	.controls = &vumap_controls,
	.plan = &vumap_plan,
};
