/*
 * test_profile_decode.c — the device profiles decode synthetic registers
 * into the model: scaling, "not managed", combined conditions, identity,
 * topology; and every condition has a name.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "device/private/profile.h"
#include "model.h"

static int blk_at(const struct nv_profile *p, uint16_t addr)
{
	for (int i = 0; i < p->n_blocks; i++)
		if (p->blocks[i].addr == addr)
			return i;
	ck_abort_msg("no block at 0x%04X in %s", addr, p->name);
	return -1;
}

/* Registers with every word "not managed" in every block. */
static void regs_na(const struct nv_profile *p, struct nv_regs *r)
{
	memset(r, 0, sizeof(*r));
	for (int b = 0; b < p->n_blocks; b++) {
		for (int i = 0; i < NV_PROFILE_MAX_WORDS; i++)
			r->w[b][i] = 0xFFFF;
		r->have[b] = true;
	}
}

static void set_bit(const struct nv_profile *p, struct nv_regs *r, uint16_t addr, int n)
{
	r->w[blk_at(p, addr)][n / 16] |= (uint16_t)(1u << (n % 16));
}

static void decode(const struct nv_profile *p, struct nv_regs *r, struct nv_unit *u)
{
	nv_unit_clear(u);
	for (int b = 0; b < p->n_blocks; b++)
		nv_profile_decode_meas(p, r, b, u);
	nv_profile_decode_status(p, r, u);
}

START_TEST(jbusp_measurements_reach_model_units)
{
	const struct nv_profile *p = &nv_profile_jbusp;
	struct nv_regs r;
	struct nv_unit u;
	int m = blk_at(p, 0x1060);

	regs_na(p, &r);
	r.w[m][9] = 230;        /* M09 output voltage V */
	r.w[m][12] = 41;        /* M12 input current A */
	r.w[m][15] = 123;       /* M15 output current A*10 */
	r.w[m][19] = 500;       /* M19 output frequency Hz*10 */
	r.w[m][20] = 4321;      /* M20 battery voltage V*10 */
	r.w[m][22] = 27;        /* M22 ambient degC */
	r.w[m][23] = 95;        /* M23 minutes */
	r.w[m][24] = (uint16_t)-25;     /* M24 battery current -2.5 A */
	r.w[m][37] = 100;       /* M37..M39 kVA*10 */
	r.w[m][38] = 110;
	r.w[m][39] = 120;
	decode(p, &r, &u);
	ck_assert_int_eq(u.ups.out_voltage[0], 2300);
	ck_assert_int_eq(u.ups.in_current[0], 410);
	ck_assert_int_eq(u.ups.out_current[0], 123);
	ck_assert_int_eq(u.ups.out_freq, 500);
	ck_assert_int_eq(u.ups.batt_voltage, 4321);
	ck_assert_int_eq(u.ups.ambient_temp, 270);
	ck_assert_int_eq(u.ups.batt_minutes, 95);
	ck_assert_int_eq(u.ups.batt_current, -25);
	ck_assert_int_eq(u.ups.out_kva_total, 330);     /* sum of phases */
	ck_assert_int_eq(u.ups.out_kva[0], 100);        /* upsOutputKva rows */
	ck_assert_int_eq(u.ups.out_kva[2], 120);
}
END_TEST

START_TEST(not_managed_words_read_na)
{
	const struct nv_profile *p = &nv_profile_jbusp;
	struct nv_regs r;
	struct nv_unit u;

	regs_na(p, &r);
	decode(p, &r, &u);
	ck_assert_int_eq(u.ups.out_voltage[1], NV_NA);
	ck_assert_int_eq(u.ups.batt_current, NV_NA);    /* signed -1 too */
	ck_assert_int_eq(u.ups.in_current[2], NV_NA);
	ck_assert_int_eq(u.ups.out_kva_total, NV_NA);
}
END_TEST

static void vumap_meas_regs(struct nv_regs *r, int t014)
{
	const struct nv_profile *p = &nv_profile_vumap;
	int m = blk_at(p, 0x0040);

	regs_na(p, r);
	r->w[blk_at(p, 0x0001)][0x000E - 1] = (uint16_t)t014;
	r->w[m][4] = 12;        /* M004 kVA */
	r->w[m][6] = 57;        /* M006 current L1 */
	r->w[m][10] = 231;      /* M010 voltage L1, V in both formats */
	r->w[m][13] = 499;      /* M013 Hz ##.# */
	r->w[m][15] = 253;      /* M015 degC ##.# */
	r->w[m][16] = 410;      /* M016 battery voltage */
	r->w[m][24] = 42;       /* M024 minutes */
	r->w[m][25] = 17;       /* M025 seconds on battery */
}

START_TEST(vumap_whole_units_when_t014_is_0)
{
	struct nv_regs r;
	struct nv_unit u;

	vumap_meas_regs(&r, 0);
	decode(&nv_profile_vumap, &r, &u);
	ck_assert_int_eq(u.ups.out_kva_total, 120);
	ck_assert_int_eq(u.ups.out_current[0], 570);
	ck_assert_int_eq(u.ups.out_voltage[0], 2310);
	ck_assert_int_eq(u.ups.out_freq, 499);
	ck_assert_int_eq(u.ups.ambient_temp, 253);
	ck_assert_int_eq(u.ups.batt_voltage, 4100);
	ck_assert_int_eq(u.ups.batt_minutes, 42);
	ck_assert_int_eq(u.ups.batt_seconds_on, 17);
}
END_TEST

START_TEST(vumap_tenths_when_t014_is_1)
{
	struct nv_regs r;
	struct nv_unit u;

	vumap_meas_regs(&r, 1);
	decode(&nv_profile_vumap, &r, &u);
	ck_assert_int_eq(u.ups.out_kva_total, 12);
	ck_assert_int_eq(u.ups.out_current[0], 57);
	ck_assert_int_eq(u.ups.out_voltage[0], 2310);   /* "###" in both columns */
	ck_assert_int_eq(u.ups.out_freq, 499);
	ck_assert_int_eq(u.ups.batt_voltage, 410);
}
END_TEST

START_TEST(jbusp_on_bypass_needs_s04_without_eco_s07)
{
	const struct nv_profile *p = &nv_profile_jbusp;
	struct nv_regs r;
	struct nv_unit u;

	memset(&r, 0, sizeof(r));
	for (int b = 0; b < p->n_blocks; b++)
		r.have[b] = true;
	set_bit(p, &r, 0x1020, 4);
	decode(p, &r, &u);
	ck_assert(nv_cond_get(&u, NV_C_ON_BYPASS));
	ck_assert(!nv_cond_get(&u, NV_C_LOAD_OFF));

	set_bit(p, &r, 0x1020, 7);
	decode(p, &r, &u);
	ck_assert(!nv_cond_get(&u, NV_C_ON_BYPASS));
	ck_assert(nv_cond_get(&u, NV_C_ECO_MODE));

	memset(r.w, 0, sizeof(r.w));    /* neither inverter nor bypass */
	decode(p, &r, &u);
	ck_assert(nv_cond_get(&u, NV_C_LOAD_OFF));
	ck_assert(nv_cond_get(&u, NV_C_SYSTEM_OFF));

	set_bit(p, &r, 0x1040, 49);     /* battery discharged: S16 or A49 */
	set_bit(p, &r, 0x1040, 31);
	decode(p, &r, &u);
	ck_assert(nv_cond_get(&u, NV_C_BATTERY_DISCHARGED));
	ck_assert(nv_cond_get(&u, NV_C_IMMINENT_STOP));
	ck_assert_int_eq(u.n_alarm_words, 4);
	ck_assert_uint_eq(u.alarm_raw[3], 1u << 1);
}
END_TEST

START_TEST(vumap_on_battery_needs_a019_and_s000)
{
	const struct nv_profile *p = &nv_profile_vumap;
	struct nv_regs r;
	struct nv_unit u;

	memset(&r, 0, sizeof(r));
	for (int b = 0; b < p->n_blocks; b++)
		r.have[b] = true;
	set_bit(p, &r, 0x0038, 19);
	decode(p, &r, &u);
	ck_assert(!nv_cond_get(&u, NV_C_ON_BATTERY));
	set_bit(p, &r, 0x0030, 0);
	decode(p, &r, &u);
	ck_assert(nv_cond_get(&u, NV_C_ON_BATTERY));
	ck_assert(nv_cond_get(&u, NV_C_ON_INVERTER));
	set_bit(p, &r, 0x0038, 100);    /* unit 5 general alarm */
	decode(p, &r, &u);
	ck_assert(nv_cond_get(&u, NV_C_UNIT_ALARM1 + 4));
}
END_TEST

START_TEST(jbusp_identity_names_range_and_serial)
{
	const struct nv_profile *p = &nv_profile_jbusp;
	struct nv_regs r;
	struct nv_identity id;
	int b = blk_at(p, 0x1000), c = blk_at(p, 0x10E0);

	regs_na(p, &r);
	r.w[b][0] = 257;
	r.w[b][1] = 400;        /* 40.0 kVA */
	/* "AB12345678": character 1 in the low byte */
	r.w[b][3] = 'A' | 'B' << 8;
	r.w[b][4] = '1' | '2' << 8;
	r.w[b][5] = '3' | '4' << 8;
	r.w[b][6] = '5' | '6' << 8;
	r.w[b][7] = '7' | '8' << 8;
	r.w[c][0] = 230;
	r.w[c][4] = 105;        /* firmware 1.05 */
	memset(&id, 0, sizeof(id));
	p->identity(&r, &id);
	ck_assert_str_eq(id.model, "MASTERYS 3/3 UPS");
	ck_assert_str_eq(id.serial, "AB12345678");
	ck_assert_str_eq(id.firmware, "1.05");
	ck_assert_int_eq(id.unit_kva, 400);
	ck_assert_int_eq(id.nominal_vin, 230);
	ck_assert_int_eq(id.phases_in, 3);
	ck_assert_int_eq(id.phases_out, 3);

	r.w[b][0] = 514;        /* a range of codes */
	p->identity(&r, &id);
	ck_assert_str_eq(id.model, "DELPHYS MP SINGLE UNIT");
	ck_assert_int_eq(id.phases_out, 1);     /* M10 not managed */

	r.w[b][0] = 999;
	r.w[blk_at(p, 0x1060)][10] = 230;       /* phase 2 managed */
	p->identity(&r, &id);
	ck_assert_str_eq(id.model, "JBUSP UPS type 999");
	ck_assert_int_eq(id.phases_out, 3);
}
END_TEST

START_TEST(vumap_identity_reference_code_and_phases)
{
	const struct nv_profile *p = &nv_profile_vumap;
	struct nv_regs r;
	struct nv_identity id;
	int c = blk_at(p, 0x0001), s = blk_at(p, 0x0010);
	const char *sn = "VM2024-0001";

	regs_na(p, &r);
	r.w[c][15 - 1] = 0x8300;
	r.w[c][7 - 1] = 0x0301;
	r.w[c][5 - 1] = 60;
	r.w[c][14 - 1] = 0;
	for (int i = 0; i < 10; i++)
		r.w[s][i] = 0;
	for (size_t i = 0; i < strlen(sn); i++)
		r.w[s][i / 2] |= (uint16_t)(i % 2 ? sn[i] : sn[i] << 8);
	r.w[s][3] = (uint16_t)((r.w[s][3] & 0xFF00) | 0x07);   /* a control char */
	memset(&id, 0, sizeof(id));
	p->identity(&r, &id);
	ck_assert_str_eq(id.model, "MASTERYS GP4");
	ck_assert_int_eq(id.phases_in, 3);
	ck_assert_int_eq(id.phases_out, 1);
	ck_assert_int_eq(id.unit_kva, 600);
	ck_assert_str_eq(id.serial, "VM2024-?001");
}
END_TEST

START_TEST(vumap_topology_from_installation_code)
{
	const struct nv_profile *p = &nv_profile_vumap;
	struct nv_regs r;
	struct nv_topo_info t;
	int c = blk_at(p, 0x0001);

	regs_na(p, &r);
	r.w[c][0] = 0x0101;
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_SINGLE);
	ck_assert_int_eq(t.n_units, 1);

	r.w[c][0] = 0x0801;
	r.w[c][1] = 4;
	r.w[c][2] = 0x000B;
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_MODULAR);
	ck_assert_int_eq(t.n_modules, 4);
	ck_assert_uint_eq(t.module_mask, 0x000B);

	r.w[c][0] = 0x0601;
	r.w[c][1] = 3;
	r.w[c][2] = 0x0007;
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_PARALLEL);
	ck_assert_int_eq(t.n_units, 3);

	r.w[c][0] = 0x0608;
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_MODULAR_SYSTEM);
}
END_TEST

START_TEST(jbusp_topology_from_parallel_bits)
{
	const struct nv_profile *p = &nv_profile_jbusp;
	struct nv_regs r;
	struct nv_topo_info t;

	memset(&r, 0, sizeof(r));
	for (int b = 0; b < p->n_blocks; b++)
		r.have[b] = true;
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_SINGLE);
	set_bit(p, &r, 0x1020, 30);
	for (int n = 32; n <= 34; n++)
		set_bit(p, &r, 0x1020, n);
	p->topology(&r, &t);
	ck_assert_int_eq(t.topo, NV_TOPO_PARALLEL);
	ck_assert_int_eq(t.n_units, 3);
	ck_assert_uint_eq(t.unit_mask, 7);
}
END_TEST

START_TEST(sts_measurements_and_status)
{
	const struct nv_profile *p = &nv_profile_sts;
	struct nv_regs r;
	struct nv_unit u;
	int m = blk_at(p, 0x0220);

	regs_na(p, &r);
	memset(r.w[blk_at(p, 0x0140)], 0, sizeof(r.w[0]));
	memset(r.w[blk_at(p, 0x0148)], 0, sizeof(r.w[0]));
	r.w[m][0x00] = 229;     /* S1 V */
	r.w[m][0x06] = 501;     /* S1 Hz*10 */
	r.w[m][0x18] = 152;     /* I1 A*10 */
	r.w[m][0x23] = 95;      /* PF*100 */
	r.w[m][0x28] = 14;      /* crest*10 */
	r.w[m][0x2F] = 31;      /* ambient degC */
	set_bit(p, &r, 0x0140, 45);     /* remote controls enabled */
	set_bit(p, &r, 0x0140, 17);
	set_bit(p, &r, 0x0148, 14);     /* power path 2 short circuit */
	decode(p, &r, &u);
	ck_assert_int_eq(u.sts.src_voltage[0][0], 2290);
	ck_assert_int_eq(u.sts.src_freq[0], 501);
	ck_assert_int_eq(u.sts.out_current[0], 152);
	ck_assert_int_eq(u.sts.out_pf[0], 95);
	ck_assert_int_eq(u.sts.out_crest[0], 14);
	ck_assert_int_eq(u.sts.ambient_temp, 310);
	ck_assert_int_eq(u.sts.out_voltage[0], NV_NA);
	ck_assert(nv_cond_get(&u, NV_C_STS_REMOTE_ENABLED));
	ck_assert(nv_cond_get(&u, NV_C_STS_ON_PREFERRED));
	ck_assert(nv_cond_get(&u, NV_C_STS_PATH2_ALARM));
	ck_assert(!nv_cond_get(&u, NV_C_STS_PATH1_ALARM));
}
END_TEST

START_TEST(every_condition_has_a_unique_name)
{
	for (int c = 0; c < NV_C_COUNT; c++) {
		const char *n = nv_cond_name((enum nv_cond)c);

		ck_assert_ptr_nonnull(n);
		ck_assert_msg(strcmp(n, "unknown") != 0, "condition %d has no name", c);
		for (const char *s = n; *s; s++)
			ck_assert_msg((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
			    *s == '-', "name %s is not kebab-case", n);
		for (int d = 0; d < c; d++)
			ck_assert_str_ne(n, nv_cond_name((enum nv_cond)d));
	}
	ck_assert_str_eq(nv_cond_name(NV_C_ON_BATTERY), "on-battery");
	ck_assert_str_eq(nv_cond_name(NV_C_COUNT), "unknown");
}
END_TEST

START_TEST(condition_tables_stay_inside_their_blocks)
{
	for (int i = 0; i < nv_n_profiles; i++) {
		const struct nv_profile *p = nv_profiles[i];
		int sb = nv_profile_block_index(p, NV_BLK_STATUS);
		int ab = nv_profile_block_index(p, NV_BLK_ALARM);

		for (int k = 0; k < p->n_conds; k++)
			for (int l = 0; l < NV_COND_MAX_LITS && p->conds[k].lit[l].src; l++) {
				const struct nv_lit *lit = &p->conds[k].lit[l];
				int b = lit->src == NV_SRC_ALARM ? ab : sb;

				ck_assert_msg(lit->bit / 16 < p->blocks[b].count,
				    "%s rule %d bit %d outside its block", p->name, k, lit->bit);
			}
		for (int k = 0; k < p->n_meas; k++)
			ck_assert_msg(p->meas[k].word < p->blocks[p->meas[k].block].count,
			    "%s measurement %d outside its block", p->name, k);
	}
}
END_TEST

static Suite *profile_decode_suite(void)
{
	Suite *s = suite_create("profile_decode");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, jbusp_measurements_reach_model_units);
	tcase_add_test(tc, not_managed_words_read_na);
	tcase_add_test(tc, vumap_whole_units_when_t014_is_0);
	tcase_add_test(tc, vumap_tenths_when_t014_is_1);
	tcase_add_test(tc, jbusp_on_bypass_needs_s04_without_eco_s07);
	tcase_add_test(tc, vumap_on_battery_needs_a019_and_s000);
	tcase_add_test(tc, jbusp_identity_names_range_and_serial);
	tcase_add_test(tc, vumap_identity_reference_code_and_phases);
	tcase_add_test(tc, vumap_topology_from_installation_code);
	tcase_add_test(tc, jbusp_topology_from_parallel_bits);
	tcase_add_test(tc, sts_measurements_and_status);
	tcase_add_test(tc, every_condition_has_a_unique_name);
	tcase_add_test(tc, condition_tables_stay_inside_their_blocks);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { profile_decode_suite, NULL };
