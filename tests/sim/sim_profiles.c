/*
 * sim_profiles.c — the simulated devices and their register maps, as data.
 *
 * Block addresses and naming follow the NET VISION manual's JBUSP, VU-MAP
 * and STS appendices; nvsim(1) documents every choice the manual leaves
 * open (ASCII byte order, date encoding, STS scaling).
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

/* JBUSP measurements a NETYS answers (the manual's NETYS/ITYS column). */
#define M(n) (UINT64_C(1) << (n))
#define NETYS_MANAGED (M(0) | M(3) | M(4) | M(6) | M(9) | M(15) | M(18) | \
	M(19) | M(20) | M(22) | M(23) | M(33))
/* MASTERYS: M00..M24 and M33..M43 */
#define MASTERYS_MANAGED (((UINT64_C(1) << 25) - 1) | \
	(((UINT64_C(1) << 11) - 1) << 33))

static const struct sim_profile profiles[] = {
	{ .name = "jbusp-single-phase",
	  .descr = "NETYS PR 3 kVA, JBUSP map, 1 phase in / 1 phase out",
	  .proto = SIM_JBUSP, .units = 1, .max_units = 1,
	  .phases_in = 1, .phases_out = 1, .type_code = 35, .kva = 3,
	  .pf = 0.9, .serial = "NPR30A00", .firmware = 215,
	  .battery_ah = 9, .battery_v = 72, .managed = NETYS_MANAGED },
	{ .name = "jbusp-three-phase",
	  .descr = "MASTERYS 3/3 UPS 60 kVA, JBUSP map",
	  .proto = SIM_JBUSP, .units = 1, .max_units = 1,
	  .phases_in = 3, .phases_out = 3, .type_code = 257, .kva = 60,
	  .pf = 0.9, .serial = "MAS60B00", .firmware = 312,
	  .battery_ah = 100, .battery_v = 240, .managed = MASTERYS_MANAGED },
	{ .name = "jbusp-parallel",
	  .descr = "MASTERYS 3/3 40 kVA units in parallel (default 2), JBUSP map, one slave id per unit",
	  .proto = SIM_JBUSP, .units = 2, .max_units = 6,
	  .phases_in = 3, .phases_out = 3, .type_code = 257, .kva = 40,
	  .pf = 0.9, .serial = "MAS40P00", .firmware = 312,
	  .battery_ah = 65, .battery_v = 240, .managed = MASTERYS_MANAGED },
	{ .name = "vumap-single",
	  .descr = "MASTERYS BC+ 60 kVA single unit, VU-MAP map, T014=1 (values x10)",
	  .proto = SIM_VUMAP, .units = 1, .max_units = 1, .modules = 1,
	  .phases_in = 3, .phases_out = 3, .type_code = 0x8200,
	  .install_code = 0x0101, .kva = 60, .pf = 0.9, .t014 = 1,
	  .serial = "MBC60S2400", .reference = "MASTERYS BC+ 60kVA",
	  .firmware = 204, .battery_ah = 100, .battery_v = 240 },
	{ .name = "vumap-modular",
	  .descr = "MODULYS GP 2.0 modular unit, 4 x 25 kVA modules, VU-MAP map, T014=0 (integer values)",
	  .proto = SIM_VUMAP, .units = 1, .max_units = 1, .modules = 4,
	  .phases_in = 3, .phases_out = 3, .type_code = 0x8100,
	  .install_code = 0x0801, .kva = 100, .pf = 1.0, .t014 = 0,
	  .serial = "MGP100M240", .reference = "MODULYS GP 2.0 100kVA",
	  .firmware = 118, .battery_ah = 150, .battery_v = 240 },
	{ .name = "vumap-parallel",
	  .descr = "MASTERYS BC+ 80 kVA units in parallel (default 3), VU-MAP map, T014=1, one slave id per unit",
	  .proto = SIM_VUMAP, .units = 3, .max_units = 10, .modules = 1,
	  .phases_in = 3, .phases_out = 3, .type_code = 0x8200,
	  .install_code = 0x0601, .kva = 80, .pf = 0.9, .t014 = 1,
	  .serial = "MBC80P2400", .reference = "MASTERYS BC+ 80kVA",
	  .firmware = 204, .battery_ah = 120, .battery_v = 240 },
	{ .name = "vumap-modular-system",
	  .descr = "MODULYS GP 2.0 modular system, units (default 4) of 6 x 25 kVA modules, VU-MAP map, T014=0, one slave id per unit",
	  .proto = SIM_VUMAP, .units = 4, .max_units = 4, .modules = 6,
	  .phases_in = 3, .phases_out = 3, .type_code = 0x8100,
	  .install_code = 0x0608, .kva = 150, .pf = 1.0, .t014 = 0,
	  .serial = "MGP150S240", .reference = "MODULYS GP 2.0 150kVA",
	  .firmware = 118, .battery_ah = 150, .battery_v = 240 },
	{ .name = "sts",
	  .descr = "STATYS static transfer switch, 3 phases, 100 A, STS map",
	  .proto = SIM_STS, .units = 1, .max_units = 1,
	  .phases_in = 3, .phases_out = 3, .kva = 69, .pf = 0.9,
	  .serial = "STY100A240", .reference = "STATYS 100A 3P",
	  .firmware = 150 },
	{ .name = "env-sensor",
	  .descr = "environment sensor: temperature and humidity in input registers 0 / 1 (x0.1), two contacts as discrete inputs 0 / 1",
	  .proto = SIM_ENV, .units = 1, .max_units = 1 },
};

/* Readable blocks per protocol; the control areas are readable too. */
static const struct sim_block jbusp_read[] = {
	{ 0x1000, 12 }, { 0x1020, 6 }, { 0x1040, 4 }, { 0x1060, 48 },
	{ 0x10E0, 32 }, { 0x1360, 4 }, { 0x1580, 16 }, { 0x15B0, 1 },
	{ 0x15C0, 2 }, { 0, 0 }
};
static const struct sim_block jbusp_write[] = {
	{ 0x1580, 16 }, { 0x15B0, 1 }, { 0x15C0, 2 }, { 0, 0 }
};
static const struct sim_block vumap_read[] = {
	{ 0x0001, 15 }, { 0x0010, 10 }, { 0x001A, 10 }, { 0x0030, 8 },
	{ 0x0038, 8 }, { 0x0040, 80 }, { 0x00C7, 8 }, { 0, 0 }
};
static const struct sim_block vumap_write[] = {
	{ 0x00C7, 8 }, { 0, 0 }
};
static const struct sim_block sts_read[] = {
	{ 0x0100, 10 }, { 0x0116, 10 }, { 0x0120, 16 }, { 0x0140, 4 },
	{ 0x0148, 2 }, { 0x0150, 1 }, { 0x0190, 1 }, { 0x0220, 64 },
	{ 0, 0 }
};
static const struct sim_block sts_write[] = {
	{ 0x0150, 1 }, { 0x0190, 1 }, { 0, 0 }
};

/* Register names: a letter, a number; the number picks a word or a bit. */
struct sim_name {
	char letter;
	uint16_t base;
	int first;              /* number of the first item (VU-MAP T001) */
	int count;
	bool bits;
};

static const struct sim_name jbusp_names[] = {
	{ 'S', 0x1020, 0, 96, true },  { 'A', 0x1040, 0, 64, true },
	{ 'M', 0x1060, 0, 48, false }, { 'T', 0x1000, 0, 12, false },
	{ 'C', 0x10E0, 0, 32, false }, { 'D', 0x1360, 0, 4, false },
	{ 0, 0, 0, 0, false }
};
static const struct sim_name vumap_names[] = {
	{ 'S', 0x0030, 0, 128, true }, { 'A', 0x0038, 0, 128, true },
	{ 'M', 0x0040, 0, 80, false }, { 'T', 0x0001, 1, 15, false },
	{ 'K', 0x00CB, 0, 4, false },
	{ 0, 0, 0, 0, false }
};
static const struct sim_name sts_names[] = {
	{ 'S', 0x0140, 0, 64, true },  { 'A', 0x0148, 0, 32, true },
	{ 'M', 0x0220, 0, 64, false }, { 'C', 0x0120, 0, 16, false },
	{ 0, 0, 0, 0, false }
};

/* the environment sensor: temperature, humidity (read only) */
static const struct sim_block env_read[] = { { 0x0000, 2 }, { 0, 0 } };
static const struct sim_block env_write[] = { { 0, 0 } };
static const struct sim_name env_names[] = { { 0, 0, 0, 0, false } };

const struct sim_profile *
sim_profile_at(size_t i)
{
	return i < sizeof(profiles) / sizeof(profiles[0]) ? &profiles[i] : NULL;
}

const struct sim_profile *
sim_profile_find(const char *name)
{
	const struct sim_profile *p;
	size_t i;

	for (i = 0; (p = sim_profile_at(i)) != NULL; i++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

static const struct sim_block *
blocks(enum sim_proto proto, bool write)
{
	switch (proto) {
	case SIM_JBUSP:
		return write ? jbusp_write : jbusp_read;
	case SIM_VUMAP:
		return write ? vumap_write : vumap_read;
	case SIM_STS:
		return write ? sts_write : sts_read;
	case SIM_ENV:
		return write ? env_write : env_read;
	}
	return NULL;
}

static bool
covered(const struct sim_block *b, unsigned addr, unsigned count)
{
	unsigned a;

	/* every address must fall in some block; blocks may be adjacent */
	for (a = addr; a < addr + count; a++) {
		const struct sim_block *p;

		for (p = b; p->words != 0; p++)
			if (a >= p->addr && a < (unsigned)p->addr + p->words)
				break;
		if (p->words == 0)
			return false;
	}
	return count > 0;
}

bool
sim_readable(enum sim_proto proto, unsigned addr, unsigned count)
{
	return addr + count <= SIM_NREGS && covered(blocks(proto, false), addr, count);
}

bool
sim_writable(enum sim_proto proto, unsigned addr, unsigned count)
{
	return addr + count <= SIM_NREGS && covered(blocks(proto, true), addr, count);
}

uint16_t
sim_bit_word(uint16_t base, int n)
{
	return (uint16_t)(base + n / 16);
}

uint16_t
sim_bit_mask(int n)
{
	return (uint16_t)(1u << (n % 16));
}

static const struct sim_name *
names(enum sim_proto proto)
{
	switch (proto) {
	case SIM_JBUSP:
		return jbusp_names;
	case SIM_VUMAP:
		return vumap_names;
	case SIM_STS:
		return sts_names;
	case SIM_ENV:
		return env_names;
	}
	return NULL;
}

static int
parse_raw(enum sim_proto proto, const char *name, struct sim_reg *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(name, &end, 16);
	if (errno != 0 || *end != '\0' || end == name + 2 || v > 0xFFFF)
		return -1;
	if (!sim_readable(proto, (unsigned)v, 1))
		return -1;
	out->addr = (uint16_t)v;
	out->bit = -1;
	return 0;
}

/*
 * "M04" -> word 0x1064; "S05" -> bit 5 of 0x1020; "0x1064" -> that word.
 * Returns 0, or -1 for a name this protocol does not have.
 */
int
sim_name_lookup(enum sim_proto proto, const char *name, struct sim_reg *out)
{
	const struct sim_name *n;
	const char *d;
	char letter;
	long num;

	if (name[0] == '0' && (name[1] == 'x' || name[1] == 'X'))
		return parse_raw(proto, name, out);
	letter = (char)toupper((unsigned char)name[0]);
	if (letter == '\0' || name[1] == '\0' || strlen(name) > 4)
		return -1;
	for (d = name + 1; *d != '\0'; d++)
		if (!isdigit((unsigned char)*d))
			return -1;
	num = strtol(name + 1, NULL, 10);
	for (n = names(proto); n->letter != 0; n++) {
		if (n->letter != letter)
			continue;
		if (num < n->first || num >= n->first + n->count)
			return -1;
		num -= n->first;
		if (n->bits) {
			out->addr = sim_bit_word(n->base, (int)num);
			out->bit = (int)(num % 16);
		} else {
			out->addr = (uint16_t)(n->base + num);
			out->bit = -1;
		}
		return 0;
	}
	return -1;
}

/*
 * Two characters per word.  JBUSP puts the first character in the low
 * byte ("char 2 | char 1"); VU-MAP and STS put it in the high byte.
 * Unused characters are NUL.
 */
void
sim_ascii_put(uint16_t *regs, size_t words, const char *s, bool lsb_first)
{
	size_t len = strlen(s), i;

	for (i = 0; i < words; i++) {
		unsigned c1 = 2 * i < len ? (unsigned char)s[2 * i] : 0;
		unsigned c2 = 2 * i + 1 < len ? (unsigned char)s[2 * i + 1] : 0;

		regs[i] = (uint16_t)(lsb_first ? (c2 << 8 | c1) : (c1 << 8 | c2));
	}
}

/* Serial number of unit k: the profile's prefix and the unit number. */
int
sim_serial(const struct sim_profile *p, int unit, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s%02d", p->serial, unit);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}
