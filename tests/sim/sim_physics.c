/*
 * sim_physics.c — a small, deterministic model of the device, rendered
 * into registers every tick.
 *
 * The state (struct sim_phys) is system wide: mains, bypass, load, battery.
 * Electrical values follow from it (I = S / V per phase, P = S * pf,
 * remaining time from charge and load), and each protocol writes them in
 * its own units.  Values are steady (no jitter) so tests can compare.
 */
#include <config.h>

#include <math.h>
#include <string.h>
#include <time.h>

#include "sim.h"

#define NORMAL_LOAD     40.0
#define OVERLOAD_LOAD   110.0
#define STOP_CHARGE     5.0     /* imminent stop announced, % */
#define RECHARGE_S      3600.0  /* 0 -> 100 % */
#define EFFICIENCY      0.95
#define STS_NOMINAL_A   100.0

/* Electrical values of one unit now, in natural units (V, A, Hz, kVA). */
struct elec {
	bool on_batt, eff_bypass, out_on, low, stop, charging;
	double vin[3], fin, vbyp[3], fbyp, vout[3], fout;
	double load, pload[3];
	double pkva[3], pkw[3], kva, kw, iout[3];
	double iin[3], pin[3], ibyp[3], pbyp[3];
	double vbatt, ibatt, remaining;
};

static const double phase_spread[3] = { 1.00, 1.02, 0.98 };
static const double vin_nominal[3] = { 230.0, 232.0, 228.0 };
static const double vbyp_nominal[3] = { 231.0, 231.0, 229.0 };

/* Minutes of backup at 100 % charge: 30 min at 40 % load. */
double
sim_runtime_min(double load_pct)
{
	if (load_pct < 1.0)
		load_pct = 1.0;
	return 30.0 * pow(NORMAL_LOAD / load_pct, 1.2);
}

static uint16_t
w(double v)
{
	if (v <= 0.0)
		return 0;
	if (v >= 65534.0)
		return 65534;
	return (uint16_t)lround(v);
}

static uint16_t
ws(double v)
{
	long r = lround(v);

	if (r < -32768)
		r = -32768;
	if (r > 32767)
		r = 32767;
	return (uint16_t)(int16_t)r;
}

static void
elec_compute(const struct sim_ctx *c, int k, struct elec *e)
{
	const struct sim_profile *p = c->prof;
	const struct sim_phys *s = &c->phys;
	int np = p->phases_out, i, strings = p->proto == SIM_JBUSP &&
	    p->phases_out == 1 ? 1 : 2;
	double sysload = s->overload ? OVERLOAD_LOAD : NORMAL_LOAD;
	double share = c->units > 1 ? 1.0 + 0.02 * (k - (c->units + 1) / 2.0) : 1.0;

	memset(e, 0, sizeof(*e));
	e->out_on = !s->load_off && !s->ctl_off && !s->standby;
	e->eff_bypass = s->on_bypass && s->bypass_ok && e->out_on;
	e->on_batt = !s->mains_ok && e->out_on && !e->eff_bypass;
	e->charging = s->mains_ok && s->charge < 100.0;
	e->low = e->on_batt && s->charge <= SIM_LOW_CHARGE;
	e->stop = s->discharged || (e->on_batt && s->charge <= STOP_CHARGE);
	e->fin = s->mains_ok ? 50.0 : 0.0;
	e->fbyp = s->bypass_ok ? 50.0 : 0.0;
	e->fout = e->out_on ? 50.0 : 0.0;
	e->load = e->out_on ? sysload * share : 0.0;
	for (i = 0; i < 3; i++) {
		e->vin[i] = s->mains_ok && i < p->phases_in ? vin_nominal[i] : 0.0;
		e->vbyp[i] = s->bypass_ok && i < p->phases_out ? vbyp_nominal[i] : 0.0;
		if (i >= np)
			continue;
		e->vout[i] = e->out_on ? (e->eff_bypass ? e->vbyp[i] : 230.0) : 0.0;
		e->pload[i] = e->load * (np > 1 ? phase_spread[i] : 1.0);
		e->pkva[i] = p->kva / (double)np * e->pload[i] / 100.0;
		e->pkw[i] = e->pkva[i] * p->pf;
		e->iout[i] = e->vout[i] > 0 ? e->pkva[i] * 1000.0 / e->vout[i] : 0;
		e->kva += e->pkva[i];
		e->kw += e->pkw[i];
		if (e->eff_bypass) {
			e->ibyp[i] = e->iout[i];
			e->pbyp[i] = e->pkw[i];
		} else if (s->mains_ok) {
			e->pin[i] = e->pkw[i] / EFFICIENCY +
			    (e->charging ? 0.02 * p->kva / np : 0.0);
		}
	}
	for (i = 0; i < p->phases_in; i++) {
		double pw = p->phases_in == np ? e->pin[i] : e->kw / EFFICIENCY / p->phases_in;

		if (!s->mains_ok || e->eff_bypass)
			pw = 0;
		e->pin[i] = pw;
		e->iin[i] = e->vin[i] > 0 ? pw * 1000.0 / e->vin[i] : 0.0;
	}
	e->vbatt = p->battery_v * (e->on_batt ? 0.95 + 0.1 * s->charge / 100.0 :
	    s->discharged ? 0.9 : 1.125);
	if (e->on_batt)
		e->ibatt = -(e->kw / EFFICIENCY * 1000.0) / (strings * e->vbatt);
	else if (e->charging)
		e->ibatt = 0.02 * p->kva * 1000.0 / (strings * e->vbatt);
	e->remaining = e->out_on ? s->charge / 100.0 * sim_runtime_min(e->load) : 0;
}

/* ---- JBUSP ---------------------------------------------------------- */

static void
jbusp_identity(struct sim_ctx *c, int k)
{
	const struct sim_profile *p = c->prof;
	struct sim_unit *u = c->unit[k - 1];
	char serial[32];
	uint16_t ascii[5];
	int i;

	sim_put(u, 0x1000, p->type_code);
	sim_put(u, 0x1001, (uint16_t)(p->kva * 10));
	sim_put(u, 0x1002, (uint16_t)k);
	if (sim_serial(p, k, serial, sizeof(serial)) == 0) {
		sim_ascii_put(ascii, 5, serial, true);
		for (i = 0; i < 5; i++)
			sim_put(u, (uint16_t)(0x1003 + i), ascii[i]);
	}
	sim_put(u, 0x10E0, 230);
	sim_put(u, 0x10E1, 230);
	sim_put(u, 0x10E2, 50);
	sim_put(u, 0x10E3, 50);
	sim_put(u, 0x10E4, (uint16_t)p->firmware);
	sim_put(u, 0x10E8, (uint16_t)(p->battery_ah * 10));
	/* controls allowed: eco, normal, stand-by on/off, bypass, inverter, test */
	sim_put(u, 0x15C0, 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 10 | 1u << 11);
	sim_put(u, 0x15C1, 0x0001);
}

static void
jbusp_measure(struct sim_ctx *c, struct sim_unit *u, const struct elec *e)
{
	const struct sim_profile *p = c->prof;
	uint16_t m[48];
	int i;

	for (i = 0; i < 48; i++)
		m[i] = SIM_NA;
	for (i = 0; i < 3; i++) {
		m[0 + i] = w(e->pload[i]);
		m[6 + i] = w(e->vbyp[i]);
		m[9 + i] = w(e->vout[i]);
		m[12 + i] = w(e->iin[i]);
		m[15 + i] = w(e->iout[i] * 10);
		m[33 + i] = w(e->vin[i]);
		m[37 + i] = w(e->pkva[i] * 10);
		m[40 + i] = w(e->pin[i] * 10);
	}
	m[3] = w(e->load);
	m[4] = w(c->phys.charge);
	m[5] = w(p->battery_ah * 10 * c->phys.charge / 100.0);
	m[18] = w(e->fbyp * 10);
	m[19] = w(e->fout * 10);
	m[20] = w(e->vbatt * 10);
	m[21] = w(e->vbatt * 10);
	m[22] = 25;
	m[23] = w(e->remaining);
	m[24] = ws(e->ibatt * 10);
	m[36] = w(e->kw * 10);
	m[43] = w(e->fin * 10);
	for (i = 0; i < 48; i++)
		sim_put(u, (uint16_t)(0x1060 + i),
		    p->managed & (UINT64_C(1) << i) ? m[i] : SIM_NA);
}

static void
jbusp_render(struct sim_ctx *c, int k)
{
	struct sim_unit *u = c->unit[k - 1];
	const struct sim_phys *s = &c->phys;
	struct elec e;
	uint16_t clk[4];
	int i;

	elec_compute(c, k, &e);
	sim_put_bit(u, 0x1020, 0, s->mains_ok);
	sim_put_bit(u, 0x1020, 1, e.out_on);
	sim_put_bit(u, 0x1020, 2, s->mains_ok);
	sim_put_bit(u, 0x1020, 3, e.out_on && !e.eff_bypass);
	sim_put_bit(u, 0x1020, 4, e.eff_bypass);
	sim_put_bit(u, 0x1020, 5, e.on_batt);
	sim_put_bit(u, 0x1020, 7, s->eco);
	sim_put_bit(u, 0x1020, 8, s->standby);
	sim_put_bit(u, 0x1020, 10, s->test_running);
	sim_put_bit(u, 0x1020, 14, s->test_failed);
	sim_put_bit(u, 0x1020, 13, true);
	sim_put_bit(u, 0x1020, 15, e.low);
	sim_put_bit(u, 0x1020, 16, s->discharged);
	sim_put_bit(u, 0x1020, 17, !s->discharged);
	sim_put_bit(u, 0x1020, 23, s->bypass_ok && e.out_on);
	sim_put_bit(u, 0x1020, 26, s->bypass_ok);
	sim_put_bit(u, 0x1020, 27, e.charging);
	sim_put_bit(u, 0x1020, 30, c->units > 1);
	sim_put_bit(u, 0x1020, 42, true);
	sim_put_bit(u, 0x1040, 0, s->general_alarm);
	sim_put_bit(u, 0x1040, 2, s->overload);
	sim_put_bit(u, 0x1040, 5, !s->mains_ok);
	sim_put_bit(u, 0x1040, 6, !s->bypass_ok);
	sim_put_bit(u, 0x1040, 31, e.stop);
	sim_put_bit(u, 0x1040, 49, s->discharged);
	/* units present / in alarm: sim_synthesis.c */
	jbusp_measure(c, u, &e);
	sim_clock_words(c, clk);
	for (i = 0; i < 4; i++)
		sim_put(u, (uint16_t)(0x1360 + i), clk[i]);
}

/* ---- VU-MAP --------------------------------------------------------- */

/*
 * How many devices each unit sees one level below it (T002, T003 and the
 * S096../S112../A096../A112.. bits): the units of a parallel system, or the
 * unit's own modules for a modular unit and for each unit of a modular
 * system (T001 06:08), whose modules do not fit one 15-bit mask.
 */
static int
level_below(const struct sim_ctx *c)
{
	if (c->prof->install_code == 0x0608)
		return c->prof->modules;
	return c->units > 1 ? c->units : c->prof->modules;
}

static void
vumap_identity(struct sim_ctx *c, int k)
{
	const struct sim_profile *p = c->prof;
	struct sim_unit *u = c->unit[k - 1];
	int f = p->t014 ? 10 : 1, n = level_below(c), i;
	char serial[32];
	uint16_t ascii[10];

	sim_put(u, 0x0001, p->install_code);
	sim_put(u, 0x0002, (uint16_t)n);
	sim_put(u, 0x0003, (uint16_t)((1u << n) - 1));
	sim_put(u, 0x0004, (uint16_t)k);
	sim_put(u, 0x0005, (uint16_t)(p->kva * f));
	sim_put(u, 0x0006, w(p->kva * p->pf * f));
	sim_put(u, 0x0007, (uint16_t)(p->phases_in << 8 | p->phases_out));
	sim_put(u, 0x000A, 0x0001);
	sim_put(u, 0x000E, (uint16_t)p->t014);
	sim_put(u, 0x000F, p->type_code);
	if (sim_serial(p, k, serial, sizeof(serial)) == 0) {
		sim_ascii_put(ascii, 10, serial, false);
		for (i = 0; i < 10; i++)
			sim_put(u, (uint16_t)(0x0010 + i), ascii[i]);
	}
	sim_ascii_put(ascii, 10, p->reference, false);
	for (i = 0; i < 10; i++)
		sim_put(u, (uint16_t)(0x001A + i), ascii[i]);
	/* permissions: remote control enabled; eco on/off, battery test, reset */
	sim_put(u, c->vumap_swapped ? 0x00C9 : 0x00C7, 0x0001);
	sim_put(u, c->vumap_swapped ? 0x00CA : 0x00C8, 1u << 0 | 1u << 1 | 1u << 12 | 1u << 15);
}

static void
vumap_measure(struct sim_ctx *c, struct sim_unit *u, const struct elec *e)
{
	const struct sim_profile *p = c->prof;
	double f = p->t014 ? 10.0 : 1.0;
	uint16_t m[80];
	int i;

	for (i = 0; i < 80; i++)
		m[i] = SIM_NA;
	m[0] = w(e->load);
	m[4] = w(e->kva * f);
	m[5] = w(e->kw * f);
	m[9] = 0;
	m[13] = w(e->fout * 10);
	m[14] = e->out_on ? 14 : 0;
	m[15] = 250;
	for (i = 0; i < 3; i++) {
		m[1 + i] = w(e->pload[i]);
		m[6 + i] = w(e->iout[i] * f);
		m[10 + i] = w(e->vout[i]);
		m[32 + i] = w(e->vin[i]);
		m[36 + i] = w(e->vin[i] * sqrt(3.0));
		m[39 + i] = w(e->vbyp[i]);
		m[43 + i] = w(e->vbyp[i] * sqrt(3.0));
		m[48 + i] = w(e->pkva[i] * f);
		m[51 + i] = w(e->pkw[i] * f);
		m[54 + i] = w(e->vout[i] * sqrt(3.0));
		m[57 + i] = e->out_on ? w(p->pf * 100) : 0;
		m[60 + i] = e->out_on ? 14 : 0;
		m[64 + i] = w(e->iin[i] * f);
		m[67 + i] = w(e->pin[i] * f);
		m[70 + i] = w(e->ibyp[i] * f);
		m[73 + i] = w(e->pbyp[i] * f);
	}
	m[63] = e->out_on ? 14 : 0;
	m[16] = w(e->vbatt * f);
	m[17] = w(e->vbatt * f);
	m[18] = ws(e->ibatt * f);
	m[19] = ws(e->ibatt * f);
	m[22] = w(c->phys.charge);
	m[23] = w(p->battery_ah * c->phys.charge / 100.0 * f);
	m[24] = w(e->remaining);
	m[25] = w(c->phys.on_batt_s);
	m[26] = 250;
	m[27] = 250;
	m[35] = w(e->fin * 10);
	m[42] = w(e->fbyp * 10);
	for (i = 0; i < 80; i++)
		sim_put(u, (uint16_t)(0x0040 + i), m[i]);
}

static void
vumap_render(struct sim_ctx *c, int k)
{
	struct sim_unit *u = c->unit[k - 1];
	const struct sim_phys *s = &c->phys;
	int n = level_below(c), i;
	struct elec e;
	uint16_t clk[4];

	elec_compute(c, k, &e);
	sim_put_bit(u, 0x0030, 0, e.out_on && !e.eff_bypass);
	sim_put_bit(u, 0x0030, 2, e.eff_bypass);
	sim_put_bit(u, 0x0030, 4, !e.out_on);
	sim_put_bit(u, 0x0030, 6, s->eco);
	sim_put_bit(u, 0x0030, 13, s->standby);
	sim_put_bit(u, 0x0030, 34, s->test_running);
	sim_put_bit(u, 0x0038, 22, s->test_failed);
	sim_put_bit(u, 0x0030, 11, e.out_on);
	sim_put_bit(u, 0x0030, 12, true);
	sim_put_bit(u, 0x0030, 16, true);
	sim_put_bit(u, 0x0030, 32, !s->discharged);
	sim_put_bit(u, 0x0030, 33, s->mains_ok && s->charge >= 100.0);
	sim_put_bit(u, 0x0030, 36, e.charging);
	sim_put_bit(u, 0x0030, 48, s->mains_ok);
	sim_put_bit(u, 0x0030, 49, s->mains_ok);
	sim_put_bit(u, 0x0030, 50, s->mains_ok);
	sim_put_bit(u, 0x0030, 52, e.out_on);
	sim_put_bit(u, 0x0030, 53, e.out_on && !e.eff_bypass);
	sim_put_bit(u, 0x0030, 56, s->bypass_ok);
	sim_put_bit(u, 0x0030, 57, e.eff_bypass);
	sim_put_bit(u, 0x0030, 58, s->bypass_ok && e.out_on);
	sim_put_bit(u, 0x0038, 0, e.stop);
	sim_put_bit(u, 0x0038, 1, s->overload);
	sim_put_bit(u, 0x0038, 15, s->general_alarm);
	sim_put_bit(u, 0x0038, 17, s->discharged);
	sim_put_bit(u, 0x0038, 18, e.low);
	sim_put_bit(u, 0x0038, 19, e.on_batt);
	sim_put_bit(u, 0x0038, 35, !s->mains_ok);
	sim_put_bit(u, 0x0038, 50, !s->bypass_ok);
	/* a modular unit's modules: operating / available / alarms (the
	 * units of a parallel system: sim_synthesis.c) */
	for (i = 0; i < 15 && !sim_is_parallel(c); i++) {
		bool here = i < n && n > 1;

		sim_put_bit(u, 0x0030, 96 + i, here && e.out_on);
		sim_put_bit(u, 0x0030, 112 + i, here);
		sim_put_bit(u, 0x0038, 96 + i, here && s->general_alarm);
		sim_put_bit(u, 0x0038, 112 + i, here && e.stop);
	}
	vumap_measure(c, u, &e);
	sim_clock_words(c, clk);
	for (i = 0; i < 4; i++)
		sim_put(u, (uint16_t)(0x00CB + i), clk[i]);
}

/* ---- STS ------------------------------------------------------------ */

static void
sts_identity(struct sim_ctx *c)
{
	const struct sim_profile *p = c->prof;
	struct sim_unit *u = c->unit[0];
	char serial[32];
	uint16_t ascii[10];
	int i;

	sim_ascii_put(ascii, 10, p->reference, false);
	for (i = 0; i < 10; i++)
		sim_put(u, (uint16_t)(0x0100 + i), ascii[i]);
	if (sim_serial(p, 1, serial, sizeof(serial)) == 0) {
		sim_ascii_put(ascii, 10, serial, false);
		for (i = 0; i < 10; i++)
			sim_put(u, (uint16_t)(0x0116 + i), ascii[i]);
	}
	sim_put(u, 0x0120, 230);
	sim_put(u, 0x0121, 50);
	sim_put(u, 0x0122, (uint16_t)STS_NOMINAL_A);
	sim_put(u, 0x0123, 1);
	sim_put(u, 0x0124, (uint16_t)p->phases_out);
	sim_put(u, 0x0125, (uint16_t)p->firmware);
	/* permissions: close SSx, preferred source, lock, remote, transfer */
	sim_put(u, 0x0150, 0x3DBF);
}

static void
sts_render(struct sim_ctx *c)
{
	struct sim_unit *u = c->unit[0];
	const struct sim_phys *s = &c->phys;
	bool on_s2 = (!s->mains_ok || s->on_bypass) && s->bypass_ok;
	bool on_s1 = !on_s2 && s->mains_ok;
	bool out = on_s1 || on_s2;
	bool on_pref = s->sts_prefer_s2 ? on_s2 : on_s1;
	double load = out ? (s->overload ? OVERLOAD_LOAD : NORMAL_LOAD) : 0;
	uint16_t m[64];
	int i;

	sim_put_bit(u, 0x0140, 0, s->mains_ok);
	sim_put_bit(u, 0x0140, 3, !s->mains_ok);
	sim_put_bit(u, 0x0140, 4, s->mains_ok);
	sim_put_bit(u, 0x0140, 6, s->bypass_ok);
	sim_put_bit(u, 0x0140, 9, !s->bypass_ok);
	sim_put_bit(u, 0x0140, 10, s->bypass_ok);
	sim_put_bit(u, 0x0140, 12, s->mains_ok && s->bypass_ok);
	sim_put_bit(u, 0x0140, 16, !s->sts_prefer_s2);
	sim_put_bit(u, 0x0140, 17, out && on_pref);
	sim_put_bit(u, 0x0140, 18, out && !on_pref);
	sim_put_bit(u, 0x0140, 19, !out);
	sim_put_bit(u, 0x0140, 23, on_s1);
	sim_put_bit(u, 0x0140, 24, on_s2);
	sim_put_bit(u, 0x0140, 28, out);
	sim_put_bit(u, 0x0140, 30, !out);
	sim_put_bit(u, 0x0140, 33, true);
	sim_put_bit(u, 0x0140, 34, true);
	sim_put_bit(u, 0x0140, 35, on_s1);
	sim_put_bit(u, 0x0140, 36, on_s2);
	sim_put_bit(u, 0x0140, 38, true);
	sim_put_bit(u, 0x0140, 39, true);
	sim_put_bit(u, 0x0140, 45, true);
	sim_put_bit(u, 0x0148, 0, !out);
	sim_put_bit(u, 0x0148, 3, s->overload);
	sim_put_bit(u, 0x0148, 31, s->general_alarm);

	for (i = 0; i < 64; i++)
		m[i] = SIM_NA;
	for (i = 0; i < 3; i++) {
		double v1 = s->mains_ok ? vin_nominal[i] : 0;
		double v2 = s->bypass_ok ? vbyp_nominal[i] : 0;
		double vo = on_s1 ? v1 : on_s2 ? v2 : 0;
		double pl = load * phase_spread[i];
		double amps = STS_NOMINAL_A * pl / 100.0;
		double kva = vo * amps / 1000.0;

		m[0 + i] = w(v1);
		m[3 + i] = w(v1 * sqrt(3.0));
		m[8 + i] = w(v2);
		m[11 + i] = w(v2 * sqrt(3.0));
		m[16 + i] = w(vo);
		m[19 + i] = w(vo * sqrt(3.0));
		m[24 + i] = w(amps * 10);
		m[32 + i] = w(kva * 10);
		m[35 + i] = out ? w(c->prof->pf * 100) : 0;
		m[40 + i] = out ? 14 : 0;
		m[48 + i] = w(kva * c->prof->pf * 10);
		m[56 + i] = w(pl);
	}
	m[6] = s->mains_ok ? 500 : 0;
	m[7] = 30;
	m[14] = s->bypass_ok ? 500 : 0;
	m[15] = 30;
	m[22] = out ? 500 : 0;
	m[27] = 0;
	m[29] = w(load);
	m[31] = s->mains_ok && s->bypass_ok ? 0 : SIM_NA;
	m[43] = out ? 14 : 0;
	m[47] = 25;
	m[51] = w(m[48] + m[49] + m[50]);
	m[59] = 0;
	for (i = 0; i < 64; i++)
		sim_put(u, (uint16_t)(0x0220 + i), m[i]);
}

/* ---- state ---------------------------------------------------------- */

void
sim_phys_normal(struct sim_phys *s)
{
	memset(s, 0, sizeof(*s));
	s->mains_ok = true;
	s->bypass_ok = true;
	s->charge = 100.0;
}

void
sim_phys_init(struct sim_ctx *c)
{
	int k;

	sim_phys_normal(&c->phys);
	if (sim_has_env(c))
		sim_env_init(c);
	if (c->prof->proto == SIM_ENV)
		return;
	for (k = 1; k <= c->units; k++) {
		if (c->prof->proto == SIM_JBUSP)
			jbusp_identity(c, k);
		else if (c->prof->proto == SIM_VUMAP)
			vumap_identity(c, k);
		else
			sts_identity(c);
	}
	sim_render(c);
}

void
sim_render(struct sim_ctx *c)
{
	int k;

	if (sim_has_env(c))
		sim_env_render(c);
	if (c->prof->proto == SIM_ENV)
		return;
	for (k = 1; k <= c->units; k++) {
		if (c->prof->proto == SIM_JBUSP)
			jbusp_render(c, k);
		else if (c->prof->proto == SIM_VUMAP)
			vumap_render(c, k);
		else
			sts_render(c);
	}
	sim_synthesis(c);
}

void
sim_phys_step(struct sim_ctx *c, double dt)
{
	struct sim_phys *s = &c->phys;
	double load = s->overload ? OVERLOAD_LOAD : NORMAL_LOAD;
	bool on_batt = !s->mains_ok && !s->load_off && !s->ctl_off && !s->standby &&
	    !(s->on_bypass && s->bypass_ok);

	if (sim_has_env(c))
		sim_env_step(c, dt);
	if (c->prof->proto == SIM_STS || c->prof->proto == SIM_ENV)
		return;
	sim_ctl_step(c, dt);
	sim_test_step(c, dt);
	if (on_batt) {
		s->on_batt_s += dt;
		s->charge -= dt * 100.0 / (sim_runtime_min(load) * 60.0);
		if (s->charge <= 0.0) {
			s->charge = 0.0;
			s->discharged = true;
			s->load_off = true;
		}
	} else if (s->mains_ok) {
		s->on_batt_s = 0.0;
		s->load_off = false;
		s->discharged = false;
		s->charge += dt * 100.0 / RECHARGE_S;
		if (s->charge > 100.0)
			s->charge = 100.0;
	}
}
