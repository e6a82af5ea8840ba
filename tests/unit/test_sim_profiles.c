/*
 * test_sim_profiles.c — nvsim's register tables, encoders and request
 * handling, without a pty.
 */
#include <config.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "sim.h"

/* A simulated device of `units` units, 0: the profile's default. */
static struct sim_ctx *
ctx_new_units(const char *profile, int units)
{
	struct sim_ctx *c = calloc(1, sizeof(*c));
	int k;

	ck_assert_ptr_nonnull(c);
	c->prof = sim_profile_find(profile);
	ck_assert_ptr_nonnull(c->prof);
	c->units = units > 0 ? units : c->prof->units;
	c->slave = 1;
	c->baud = 9600;
	c->time_scale = 1.0;
	for (k = 0; k < c->units; k++)
		ck_assert_ptr_nonnull(c->unit[k] = sim_unit_new());
	sim_phys_init(c);
	return c;
}

static struct sim_ctx *
ctx_new(const char *profile)
{
	return ctx_new_units(profile, 0);
}

static void
ctx_free(struct sim_ctx *c)
{
	int i;

	for (i = 0; i < SIM_MAX_UNITS; i++)
		free(c->unit[i]);
	for (i = 0; i < c->nwrites; i++)
		free(c->writes[i]);
	free(c);
}

static uint16_t
reg(struct sim_ctx *c, int unit, const char *name)
{
	struct sim_reg r;

	ck_assert_int_eq(sim_name_lookup(c->prof->proto, name, &r), 0);
	return sim_get(c->unit[unit - 1], &r);
}

static void
check_name(enum sim_proto p, const char *name, unsigned addr, int bit)
{
	struct sim_reg r;

	ck_assert_msg(sim_name_lookup(p, name, &r) == 0, "%s not found", name);
	ck_assert_msg(r.addr == addr && r.bit == bit, "%s -> 0x%04X bit %d", name,
	    r.addr, r.bit);
}

START_TEST(status_and_alarm_bits_are_placed_per_the_manual)
{
	check_name(SIM_JBUSP, "S00", 0x1020, 0);
	check_name(SIM_JBUSP, "S05", 0x1020, 5);
	check_name(SIM_JBUSP, "S17", 0x1021, 1);
	check_name(SIM_JBUSP, "S63", 0x1023, 15);
	check_name(SIM_JBUSP, "A49", 0x1043, 1);
	check_name(SIM_VUMAP, "S000", 0x0030, 0);
	check_name(SIM_VUMAP, "S096", 0x0036, 0);
	check_name(SIM_VUMAP, "A019", 0x0039, 3);
	check_name(SIM_VUMAP, "A127", 0x003F, 15);
	check_name(SIM_STS, "S017", 0x0141, 1);
	check_name(SIM_STS, "A031", 0x0149, 15);
	ck_assert_uint_eq(sim_bit_word(0x1020, 33), 0x1022);
	ck_assert_uint_eq(sim_bit_mask(33), 0x0002);
}
END_TEST

START_TEST(measurement_and_config_words_have_their_addresses)
{
	check_name(SIM_JBUSP, "M04", 0x1064, -1);
	check_name(SIM_JBUSP, "M47", 0x108F, -1);
	check_name(SIM_JBUSP, "T00", 0x1000, -1);
	check_name(SIM_JBUSP, "C08", 0x10E8, -1);
	check_name(SIM_JBUSP, "D03", 0x1363, -1);
	check_name(SIM_VUMAP, "M022", 0x0056, -1);
	check_name(SIM_VUMAP, "T001", 0x0001, -1);
	check_name(SIM_VUMAP, "T015", 0x000F, -1);
	check_name(SIM_STS, "M000", 0x0220, -1);
	check_name(SIM_STS, "C15", 0x012F, -1);
	check_name(SIM_JBUSP, "0x1064", 0x1064, -1);
}
END_TEST

START_TEST(bad_register_names_are_refused)
{
	static const char *const bad[] = { "M48", "X1", "S", "M4x", "0x2000",
	    "0x", "S96", "", "M-1", "S0000", "0x10640" };
	struct sim_reg r;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sim_name_lookup(SIM_JBUSP, bad[i], &r) < 0,
		    "'%s' accepted", bad[i]);
	ck_assert_int_lt(sim_name_lookup(SIM_VUMAP, "T000", &r), 0);
	ck_assert_int_lt(sim_name_lookup(SIM_VUMAP, "T016", &r), 0);
	ck_assert_int_lt(sim_name_lookup(SIM_STS, "S064", &r), 0);
	ck_assert_int_lt(sim_name_lookup(SIM_STS, "A032", &r), 0);
}
END_TEST

START_TEST(ascii_is_packed_in_each_protocols_byte_order)
{
	uint16_t w[3];

	sim_ascii_put(w, 3, "ABC", true);
	ck_assert_uint_eq(w[0], 0x4241);
	ck_assert_uint_eq(w[1], 0x0043);
	ck_assert_uint_eq(w[2], 0);
	sim_ascii_put(w, 3, "ABC", false);
	ck_assert_uint_eq(w[0], 0x4142);
	ck_assert_uint_eq(w[1], 0x4300);
	sim_ascii_put(w, 1, "TOOLONG", false);
	ck_assert_uint_eq(w[0], 0x544F);
}
END_TEST

START_TEST(unmapped_addresses_are_detected)
{
	ck_assert(sim_readable(SIM_JBUSP, 0x1060, 48));
	ck_assert(!sim_readable(SIM_JBUSP, 0x1060, 49));
	ck_assert(!sim_readable(SIM_JBUSP, 0x105F, 2));
	ck_assert(sim_readable(SIM_JBUSP, 0x1360, 4));
	ck_assert(!sim_readable(SIM_JBUSP, 0x0030, 1));
	ck_assert(sim_readable(SIM_VUMAP, 0x0001, 35));   /* adjacent blocks */
	ck_assert(!sim_readable(SIM_VUMAP, 0x0000, 1));
	ck_assert(!sim_readable(SIM_VUMAP, 0x0040, 81));
	ck_assert(sim_readable(SIM_STS, 0x0140, 4));
	ck_assert(!sim_readable(SIM_STS, 0x0144, 1));
	ck_assert(sim_readable(SIM_STS, 0x0220, 64));
	ck_assert(!sim_readable(SIM_STS, 0xFFFF, 2));
	ck_assert(sim_writable(SIM_JBUSP, 0x15B0, 1));
	ck_assert(sim_writable(SIM_JBUSP, 0x1580, 5));
	ck_assert(!sim_writable(SIM_JBUSP, 0x1060, 1));
	ck_assert(sim_writable(SIM_VUMAP, 0x00CB, 4));
	ck_assert(!sim_writable(SIM_VUMAP, 0x0030, 1));
	ck_assert(sim_writable(SIM_STS, 0x0190, 1));
	ck_assert(!sim_writable(SIM_STS, 0x0191, 1));
}
END_TEST

START_TEST(profile_list_has_every_promised_profile)
{
	static const char *const want[] = { "jbusp-single-phase", "jbusp-three-phase",
	    "jbusp-parallel", "vumap-single", "vumap-modular", "vumap-parallel", "vumap-modular-system", "sts",
	    "env-sensor" };
	const struct sim_profile *p;
	size_t i, j, n = 0;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(sim_profile_find(want[i]) != NULL, "%s missing", want[i]);
	for (i = 0; (p = sim_profile_at(i)) != NULL; i++, n++) {
		ck_assert(p->descr != NULL && p->descr[0] != '\0');
		ck_assert_int_ge(p->max_units, p->units);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(sim_profile_at(j)->name, p->name);
	}
	ck_assert_uint_eq(n, 9);
	ck_assert_ptr_null(sim_profile_find("no-such-ups"));
	ck_assert_int_ge(sim_profile_find("jbusp-parallel")->units, 2);
	ck_assert_int_ge(sim_profile_find("vumap-parallel")->units, 3);
	ck_assert_int_ge(sim_profile_find("vumap-modular")->modules, 4);
}
END_TEST

START_TEST(identity_words_describe_the_device)
{
	struct sim_ctx *c = ctx_new("jbusp-single-phase");

	ck_assert_uint_eq(reg(c, 1, "T00"), 35);
	ck_assert_uint_eq(reg(c, 1, "T01"), 30);
	ck_assert_uint_eq(reg(c, 1, "T03"), ('P' << 8) | 'N');   /* "NPR30A0001" */
	ck_assert_uint_eq(reg(c, 1, "C04"), 215);
	ck_assert_uint_eq(reg(c, 1, "M01"), SIM_NA);     /* no phase 2 on a NETYS */
	ck_assert_uint_eq(reg(c, 1, "M24"), SIM_NA);
	ck_assert_uint_eq(reg(c, 1, "M03"), 40);
	ck_assert_uint_eq(reg(c, 1, "M04"), 100);
	ck_assert_uint_eq(reg(c, 1, "M23"), 30);
	ctx_free(c);

	c = ctx_new("vumap-modular");
	ck_assert_uint_eq(reg(c, 1, "T001"), 0x0801);
	ck_assert_uint_eq(reg(c, 1, "T002"), 4);
	ck_assert_uint_eq(reg(c, 1, "T003"), 0x000F);
	ck_assert_uint_eq(reg(c, 1, "T014"), 0);
	ck_assert_uint_eq(reg(c, 1, "T015"), 0x8100);
	ck_assert_uint_eq(reg(c, 1, "S099"), 1);
	ck_assert_uint_eq(reg(c, 1, "S100"), 0);
	ck_assert_uint_eq(reg(c, 1, "M004"), 40);        /* 100 kVA x 40 %, no factor */
	ctx_free(c);

	c = ctx_new("vumap-single");
	ck_assert_uint_eq(reg(c, 1, "T014"), 1);
	ck_assert_uint_eq(reg(c, 1, "M004"), 240);       /* 24.0 kVA */
	ck_assert_uint_eq(reg(c, 1, "M035"), 500);
	ctx_free(c);
}
END_TEST

START_TEST(parallel_units_have_their_own_identity_and_share_the_load)
{
	struct sim_ctx *c = ctx_new("jbusp-parallel");

	ck_assert_uint_ne(reg(c, 1, "T07"), reg(c, 2, "T07"));
	ck_assert_uint_eq(reg(c, 1, "S30"), 1);
	ck_assert_uint_eq(reg(c, 2, "S30"), 1);
	ck_assert_uint_eq(reg(c, 1, "S32"), 1);
	ck_assert_uint_eq(reg(c, 1, "S33"), 1);
	ck_assert_uint_eq(reg(c, 1, "S34"), 0);
	ck_assert_uint_eq(reg(c, 1, "M03") + reg(c, 2, "M03"), 80);
	ck_assert_uint_ne(reg(c, 1, "M15"), reg(c, 2, "M15"));
	ck_assert_uint_eq(reg(c, 1, "M33"), reg(c, 2, "M33"));
	ctx_free(c);

	c = ctx_new("vumap-parallel");
	ck_assert_uint_eq(reg(c, 2, "T001"), 0x0601);
	ck_assert_uint_eq(reg(c, 3, "T002"), 3);
	ck_assert_uint_eq(reg(c, 3, "T003"), 0x0007);
	ck_assert_uint_eq(reg(c, 3, "T004"), 3);
	ck_assert_uint_eq(reg(c, 1, "S098"), 1);
	ck_assert_uint_eq(reg(c, 1, "S114"), 1);
	ck_assert_uint_eq(reg(c, 1, "S115"), 0);
	ctx_free(c);

	/* modular system: every unit counts its own 6 modules, not the units */
	c = ctx_new("vumap-modular-system");
	ck_assert_uint_eq(reg(c, 4, "T001"), 0x0608);
	ck_assert_uint_eq(reg(c, 3, "T002"), 6);
	ck_assert_uint_eq(reg(c, 3, "T003"), 0x003F);
	ck_assert_uint_eq(reg(c, 3, "T004"), 3);
	ck_assert_uint_eq(reg(c, 3, "S101"), 1);
	ck_assert_uint_eq(reg(c, 3, "S102"), 0);
	ck_assert_uint_eq(reg(c, 4, "S117"), 1);
	ctx_free(c);
}
END_TEST

START_TEST(mains_fail_discharges_and_restore_recharges)
{
	struct sim_ctx *c = ctx_new("jbusp-three-phase");
	int i;

	ck_assert_int_eq(sim_scenario(c, "mains-fail"), 0);
	ck_assert_uint_eq(reg(c, 1, "S05"), 1);
	ck_assert_uint_eq(reg(c, 1, "S00"), 0);
	ck_assert_uint_eq(reg(c, 1, "M33"), 0);
	ck_assert_uint_eq(reg(c, 1, "M43"), 0);
	sim_phys_step(c, 60.0);
	sim_render(c);
	ck_assert_uint_lt(reg(c, 1, "M04"), 100);
	ck_assert_uint_lt(reg(c, 1, "M23"), 30);
	for (i = 0; i < 30; i++)
		sim_phys_step(c, 60.0);
	sim_render(c);
	ck_assert_uint_eq(reg(c, 1, "M04"), 0);
	ck_assert_uint_eq(reg(c, 1, "S16"), 1);
	ck_assert_uint_eq(reg(c, 1, "A49"), 1);
	ck_assert_uint_eq(reg(c, 1, "S03"), 0);
	ck_assert_uint_eq(reg(c, 1, "M09"), 0);
	ck_assert_int_eq(sim_scenario(c, "mains-restore"), 0);
	sim_phys_step(c, 0.1);
	sim_render(c);
	ck_assert_uint_eq(reg(c, 1, "S05"), 0);
	ck_assert_uint_eq(reg(c, 1, "S27"), 1);
	ck_assert_uint_eq(reg(c, 1, "S03"), 1);
	ck_assert_int_lt(sim_scenario(c, "no-such-scenario"), 0);
	ctx_free(c);

	c = ctx_new("sts");
	ck_assert_int_lt(sim_scenario(c, "battery-low"), 0);
	ck_assert_int_eq(sim_scenario(c, "source1-fail"), 0);
	ck_assert_uint_eq(reg(c, 1, "S003"), 1);
	ck_assert_uint_eq(reg(c, 1, "S018"), 1);        /* load on alternate */
	ck_assert_uint_eq(reg(c, 1, "M000"), 0);
	ctx_free(c);
}
END_TEST

START_TEST(pinned_values_survive_the_physics)
{
	struct sim_ctx *c = ctx_new("vumap-single");
	struct sim_reg r;

	ck_assert_int_eq(sim_name_lookup(SIM_VUMAP, "M022", &r), 0);
	sim_pin(c->unit[0], &r, 42);
	ck_assert_int_eq(sim_scenario(c, "mains-fail"), 0);
	sim_phys_step(c, 600.0);
	sim_render(c);
	ck_assert_uint_eq(reg(c, 1, "M022"), 42);
	ck_assert_uint_gt(reg(c, 1, "M025"), 0);
	ck_assert_int_eq(sim_name_lookup(SIM_VUMAP, "A019", &r), 0);
	sim_pin(c->unit[0], &r, 0);
	sim_render(c);
	ck_assert_uint_eq(reg(c, 1, "A019"), 0);
	ck_assert_uint_eq(reg(c, 1, "S000"), 1);
	sim_release(c->unit[0], &r);
	sim_render(c);
	ck_assert_uint_eq(reg(c, 1, "A019"), 1);
	ck_assert_int_eq(sim_scenario(c, "clear"), 0);
	ck_assert_uint_eq(reg(c, 1, "M022"), 100);
	ctx_free(c);
}
END_TEST

static size_t
request(struct sim_ctx *c, const uint8_t *body, size_t n, uint8_t *reply)
{
	uint8_t req[64];
	uint16_t crc;

	memcpy(req, body, n);
	crc = sim_crc16(req, n);
	req[n] = (uint8_t)(crc & 0xFF);
	req[n + 1] = (uint8_t)(crc >> 8);
	return sim_handle_frame(c, req, n + 2, reply, SIM_FRAME_MAX);
}

START_TEST(requests_get_data_or_the_right_exception)
{
	struct sim_ctx *c = ctx_new("jbusp-three-phase");
	static const uint8_t rd[] = { 1, 3, 0x10, 0x64, 0, 1 };
	static const uint8_t rd4[] = { 1, 4, 0x10, 0x64, 0, 1 };
	static const uint8_t unmapped[] = { 1, 3, 0x20, 0x00, 0, 2 };
	static const uint8_t toolong[] = { 1, 3, 0x10, 0x60, 0, 126 };
	static const uint8_t badfc[] = { 1, 0x2B, 0x0E, 0x01, 0 };
	static const uint8_t wr_ok[] = { 1, 6, 0x15, 0xB0, 0, 3 };
	static const uint8_t wr_bad[] = { 1, 6, 0x10, 0x64, 0, 3 };
	static const uint8_t wr_many[] = { 1, 0x10, 0x15, 0x80, 0, 2, 4, 0, 1, 0, 0x14 };
	uint8_t r[SIM_FRAME_MAX];
	size_t n;

	n = request(c, rd, sizeof(rd), r);
	ck_assert_uint_eq(n, 7);
	ck_assert_uint_eq(r[2], 2);
	ck_assert_uint_eq(r[3] << 8 | r[4], 100);
	ck_assert_uint_eq(sim_crc16(r, n), 0);
	ck_assert_uint_eq(request(c, rd4, sizeof(rd4), r), 7);
	ck_assert_uint_eq(request(c, unmapped, sizeof(unmapped), r), 5);
	ck_assert_uint_eq(r[1], 0x83);
	ck_assert_uint_eq(r[2], 2);
	request(c, toolong, sizeof(toolong), r);
	ck_assert_uint_eq(r[2], 3);
	request(c, badfc, sizeof(badfc), r);
	ck_assert_uint_eq(r[1], 0xAB);
	ck_assert_uint_eq(r[2], 1);
	ck_assert_uint_eq(request(c, wr_ok, sizeof(wr_ok), r), 8);
	ck_assert_uint_eq(r[5], 3);
	request(c, wr_bad, sizeof(wr_bad), r);
	ck_assert_uint_eq(r[1], 0x86);
	ck_assert_uint_eq(r[2], 2);
	ck_assert_uint_eq(request(c, wr_many, sizeof(wr_many), r), 8);
	ck_assert_int_eq(c->nwrites, 2);
	ck_assert_str_eq(c->writes[0], "fc06:0x15B0=0x0003[eco-mode]");
	ck_assert_str_eq(c->writes[1], "fc10:0x1580=0x0001,0x0014");
	ctx_free(c);
}
END_TEST

/* One control command; its reply in reply[128]. */
static void
command(struct sim_ctx *c, const char *text, char *reply)
{
	char line[128];

	snprintf(line, sizeof(line), "%s", text);
	sim_command(c, line, reply, 128);
}

/* The environment sensor: registers and contacts over the wire, the
 * room-overheat ramp, noise around a value, bad set values refused. */
START_TEST(env_sensor_ramps_and_serves_registers_and_contacts)
{
	struct sim_ctx *c = ctx_new("env-sensor");
	static const uint8_t regs[] = { 1, 4, 0, 0, 0, 2 };
	static const uint8_t bits[] = { 1, 2, 0, 0, 0, 2 };
	static const uint8_t coils[] = { 1, 1, 0, 1, 0, 1 };
	static const uint8_t past[] = { 1, 2, 0, 1, 0, 2 };
	uint8_t r[SIM_FRAME_MAX];
	char reply[128];

	ck_assert_uint_eq(request(c, regs, sizeof(regs), r), 9);
	ck_assert_uint_eq(r[3] << 8 | r[4], 220);
	ck_assert_uint_eq(r[5] << 8 | r[6], 450);
	command(c, "set temperature -5.5", reply);
	ck_assert_str_eq(reply, "OK");
	command(c, "set input2 1", reply);
	ck_assert_str_eq(reply, "OK");
	request(c, regs, sizeof(regs), r);
	ck_assert_int_eq((int16_t)(r[3] << 8 | r[4]), -55);
	ck_assert_uint_eq(request(c, bits, sizeof(bits), r), 6);
	ck_assert_uint_eq(r[3], 2);             /* input 2 closed, input 1 open */
	ck_assert_uint_eq(request(c, coils, sizeof(coils), r), 6);
	ck_assert_uint_eq(r[3], 1);
	request(c, past, sizeof(past), r);
	ck_assert_uint_eq(r[1], 0x82);
	ck_assert_uint_eq(r[2], 2);
	command(c, "set temperature 200", reply);
	ck_assert(strncmp(reply, "ERR", 3) == 0);
	command(c, "set input1 2", reply);
	ck_assert(strncmp(reply, "ERR", 3) == 0);
	/* room-overheat: 1 degC per second up to 65, room-normal back */
	command(c, "scenario room-overheat", reply);
	ck_assert_str_eq(reply, "OK");
	sim_phys_step(c, 10.0);
	command(c, "get temperature", reply);
	ck_assert_str_eq(reply, "4.5");
	sim_phys_step(c, 100.0);
	command(c, "get temperature", reply);
	ck_assert_str_eq(reply, "65.0");
	command(c, "scenario room-normal", reply);
	sim_phys_step(c, 100.0);
	command(c, "get temperature", reply);
	ck_assert_str_eq(reply, "22.0");
	/* noise: the register is the value +/- 0.2, both signs come */
	command(c, "set noise 0.2", reply);
	{
		int seen[2] = { 0, 0 };

		for (int i = 0; i < 50; i++) {
			int v;

			sim_phys_step(c, 0.1);
			sim_render(c);
			request(c, regs, sizeof(regs), r);
			v = (int16_t)(r[3] << 8 | r[4]);
			ck_assert(v == 218 || v == 222);
			seen[v == 222]++;
		}
		ck_assert(seen[0] > 0 && seen[1] > 0);
	}
	ctx_free(c);
}
END_TEST

START_TEST(crc_and_wire_time_match_the_standard)
{
	static const uint8_t frame[] = { 0x01, 0x03, 0x00, 0x00, 0x00, 0x01 };
	double ms = sim_exchange_ms(9600, 8, 101, 10);

	ck_assert_uint_eq(sim_crc16(frame, sizeof(frame)), 0x0A84);
	ck_assert(ms > 110.0 && ms < 140.0);
	ck_assert(sim_exchange_ms(19200, 8, 101, 10) < ms);
	ck_assert_int_eq((int)sim_runtime_min(40.0), 30);
	ck_assert(sim_runtime_min(110.0) < 10.0);
}
END_TEST

START_TEST(control_commands_reply_ok_value_or_err)
{
	struct sim_ctx *c = ctx_new("jbusp-parallel");
	char line[128], reply[4096];

#define RUN(s) (snprintf(line, sizeof(line), "%s", s), \
	sim_command(c, line, reply, sizeof(reply)), reply)
	ck_assert_str_eq(RUN("set M04 95"), "OK");
	ck_assert_str_eq(RUN("get M04"), "95");
	ck_assert_str_eq(RUN("set 2:M04 0x10"), "OK");
	ck_assert_str_eq(RUN("get 2:M04"), "16");
	ck_assert_str_eq(RUN("get 1:M04"), "95");
	ck_assert_str_eq(RUN("set M24 -5"), "OK");
	ck_assert_str_eq(RUN("get M24"), "65531");
	ck_assert_str_eq(RUN("profile"), "jbusp-parallel");
	ck_assert_str_eq(RUN("fault slow 300"), "OK");
	ck_assert_int_eq(c->slow_ms, 300);
	ck_assert_str_eq(RUN("fault bad-crc on"), "OK");
	ck_assert(c->fault[SIM_F_BAD_CRC]);
	ck_assert_str_eq(RUN("scenario clear"), "OK");
	ck_assert(!c->fault[SIM_F_BAD_CRC]);
	ck_assert_str_eq(RUN("get M04"), "100");
	ck_assert_str_eq(RUN("writes"), "");
	ck_assert(strncmp(RUN("set M04"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("set S05 2"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("set M04 70000"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("get 3:M04"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("get M99"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("fault melt on"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("fault bad-crc maybe"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("scenario flood"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("frobnicate"), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN(""), "ERR ", 4) == 0);
	ck_assert(strncmp(RUN("get \x01\x02"), "ERR ", 4) == 0);
#undef RUN
	ctx_free(c);
}
END_TEST

static const char *
run(struct sim_ctx *c, const char *cmd)
{
	static char line[128], reply[256];

	snprintf(line, sizeof(line), "%s", cmd);
	sim_command(c, line, reply, sizeof(reply));
	return reply;
}

/* A unit's alarm or stop shows at once in the synthesis every unit serves. */
START_TEST(vumap_synthesis_follows_the_units_at_once)
{
	struct sim_ctx *c = ctx_new_units("vumap-parallel", 10);

	for (int k = 1; k <= 10; k++) {
		ck_assert_uint_eq(reg(c, k, "A102"), 0);
		ck_assert_uint_eq(reg(c, k, "S102"), 1);        /* unit 7 operating */
		ck_assert_uint_eq(reg(c, k, "S121"), 1);        /* unit 10 available */
		ck_assert_uint_eq(reg(c, k, "S122"), 0);        /* no unit 11 */
	}
	ck_assert_str_eq(run(c, "set 7:A002 1"), "OK");
	ck_assert_uint_eq(reg(c, 1, "A102"), 1);
	ck_assert_uint_eq(reg(c, 10, "A102"), 1);
	ck_assert_uint_eq(reg(c, 1, "A101"), 0);
	ck_assert_uint_eq(reg(c, 1, "A103"), 0);
	ck_assert_uint_eq(reg(c, 1, "A118"), 0);
	ck_assert_str_eq(run(c, "set 7:A000 1"), "OK");
	ck_assert_uint_eq(reg(c, 1, "A118"), 1);        /* unit 7 imminent stop */
	ck_assert_str_eq(run(c, "set 4:S011 0"), "OK");
	ck_assert_uint_eq(reg(c, 1, "S099"), 0);
	ck_assert_str_eq(run(c, "set 7:A002 0"), "OK");
	ck_assert_str_eq(run(c, "release 7:A000"), "OK");       /* the physics drives A000 */
	ck_assert_uint_eq(reg(c, 1, "A102"), 0);
	ck_assert_uint_eq(reg(c, 1, "A118"), 0);
	/* a system-wide alarm: every unit in alarm */
	ck_assert_str_eq(run(c, "scenario general-alarm"), "OK");
	for (int k = 0; k < 10; k++) {
		char name[8];

		snprintf(name, sizeof(name), "A%03d", 96 + k);
		ck_assert_uint_eq(reg(c, 1, name), 1);
	}
	ctx_free(c);
}
END_TEST

START_TEST(jbusp_synthesis_lives_on_unit_1_and_follows_the_units)
{
	struct sim_ctx *c = ctx_new_units("jbusp-parallel", 4);

	ck_assert_uint_eq(reg(c, 1, "S35"), 1);         /* unit 4 present */
	ck_assert_uint_eq(reg(c, 1, "S36"), 0);
	ck_assert_uint_eq(reg(c, 1, "A34"), 0);
	ck_assert_str_eq(run(c, "set 3:A02 1"), "OK");
	ck_assert_uint_eq(reg(c, 1, "A34"), 1);
	ck_assert_uint_eq(reg(c, 1, "A33"), 0);
	ck_assert_uint_eq(reg(c, 3, "A34"), 0);         /* only unit 1 sums up */
	ck_assert_str_eq(run(c, "set 4:A61 1"), "OK");
	ck_assert_uint_eq(reg(c, 1, "A35"), 1);
	ck_assert_str_eq(run(c, "set 3:A02 0"), "OK");
	ck_assert_uint_eq(reg(c, 1, "A34"), 0);
	ctx_free(c);
}
END_TEST

static Suite *sim_profiles_suite(void)
{
	Suite *s = suite_create("sim_profiles");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, status_and_alarm_bits_are_placed_per_the_manual);
	tcase_add_test(tc, measurement_and_config_words_have_their_addresses);
	tcase_add_test(tc, bad_register_names_are_refused);
	tcase_add_test(tc, ascii_is_packed_in_each_protocols_byte_order);
	tcase_add_test(tc, unmapped_addresses_are_detected);
	tcase_add_test(tc, profile_list_has_every_promised_profile);
	tcase_add_test(tc, identity_words_describe_the_device);
	tcase_add_test(tc, parallel_units_have_their_own_identity_and_share_the_load);
	tcase_add_test(tc, mains_fail_discharges_and_restore_recharges);
	tcase_add_test(tc, pinned_values_survive_the_physics);
	tcase_add_test(tc, requests_get_data_or_the_right_exception);
	tcase_add_test(tc, crc_and_wire_time_match_the_standard);
	tcase_add_test(tc, env_sensor_ramps_and_serves_registers_and_contacts);
	tcase_add_test(tc, control_commands_reply_ok_value_or_err);
	tcase_add_test(tc, vumap_synthesis_follows_the_units_at_once);
	tcase_add_test(tc, jbusp_synthesis_lives_on_unit_1_and_follows_the_units);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { sim_profiles_suite, NULL };
