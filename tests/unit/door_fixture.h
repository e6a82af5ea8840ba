/*
 * door_fixture.h — shared by the door unit tests: a live three-phase UPS
 * snapshot, and GET / walk helpers over a door with plain OIDs.
 */
#ifndef NV_DOOR_FIXTURE_H
#define NV_DOOR_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ctx.h"
#include "door.h"

static inline void fx_ups(struct nv_snapshot *s)
{
	struct nv_ups_meas *m = &s->sys.ups;

	nv_snapshot_init(s);
	s->seq = 1;
	s->comm = NV_COMM_OK;
	s->kind = NV_KIND_UPS;
	s->proto = NV_PROTO_JBUSP;
	s->n_units = 1;
	s->unit[0].present = true;
	snprintf(s->id.model, sizeof(s->id.model), "MASTERYS 3/3 UPS");
	snprintf(s->id.serial, sizeof(s->id.serial), "SN0001");
	snprintf(s->id.firmware, sizeof(s->id.firmware), "1.00");
	s->id.nominal_kva = 600;        /* 60 kVA */
	s->id.nominal_kw = 540;
	s->id.unit_kva = 600;
	s->id.phases_in = s->id.phases_out = 3;
	s->id.nominal_vin = s->id.nominal_vout = 230;
	s->id.nominal_fin = s->id.nominal_fout = 50;
	m->in_freq = 500;
	m->byp_freq = 499;
	m->out_freq = 500;
	for (int i = 0; i < 3; i++) {
		m->in_voltage[i] = 2304 + i;    /* 230.4 V, 230.5 V, 230.6 V */
		m->in_current[i] = 512 + i;
		m->byp_voltage[i] = 2296;
		m->byp_current[i] = 0;
		m->out_voltage[i] = 2300;
		m->out_current[i] = 433 + i;
		m->out_load[i] = 40 + i;
		m->out_kva[i] = 100;
		m->out_kw[i] = 95 + i;       /* 9.5 kW */
	}
	m->out_load_total = 41;
	m->batt_voltage = 4321;
	m->batt_current = -12;
	m->batt_charge = 98;
	m->batt_minutes = 42;
	m->batt_seconds_on = 0;
	m->batt_temp = 254;
	nv_cond_set(&s->sys, NV_C_ON_INVERTER, true);
	nv_cond_set(&s->sys, NV_C_INPUT_PRESENT, true);
	nv_cond_set(&s->sys, NV_C_BATTERY_OK, true);
	s->unit[0] = s->sys;
}

static inline void fx_cfg(struct nv_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->system.name, sizeof(cfg->system.name), "ups-room-1");
	snprintf(cfg->system.contact, sizeof(cfg->system.contact), "ops@example.org");
	snprintf(cfg->system.location, sizeof(cfg->system.location), "hall B");
	cfg->mibs.socomec = cfg->mibs.rfc1628 = cfg->mibs.netvision5 = true;
}

/* Parse ".1.3.6..." into o; returns the length. */
static inline size_t fx_oid(const char *txt, uint32_t *o)
{
	size_t n = 0;

	while (*txt && n < DOOR_MAX_OID) {
		if (*txt == '.')
			txt++;
		o[n++] = (uint32_t)strtoul(txt, (char **)&txt, 10);
	}
	return n;
}

/* GET that must succeed: the integer value. */
static inline long fx_get(const struct door *d, const struct door_in *in, const char *txt)
{
	uint32_t o[DOOR_MAX_OID], f[DOOR_MAX_OID];
	size_t n = fx_oid(txt, o), fl = 0;
	struct door_val v;

	ck_assert_msg(door_lookup(d, in, o, n, true, f, &fl, &v), "GET %s: no instance", txt);
	return v.num;
}

static inline const char *fx_get_str(const struct door *d, const struct door_in *in,
    const char *txt, struct door_val *v)
{
	uint32_t o[DOOR_MAX_OID], f[DOOR_MAX_OID];
	size_t n = fx_oid(txt, o), fl = 0;

	ck_assert_msg(door_lookup(d, in, o, n, true, f, &fl, v), "GET %s: no instance", txt);
	return v->str;
}

static inline bool fx_exists(const struct door *d, const struct door_in *in, const char *txt)
{
	uint32_t o[DOOR_MAX_OID], f[DOOR_MAX_OID];
	size_t n = fx_oid(txt, o), fl = 0;
	struct door_val v;

	return door_lookup(d, in, o, n, true, f, &fl, &v);
}

static inline void fx_fmt(const uint32_t *o, size_t n, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, ".%u", o[i]);
}

/*
 * Walk the whole door from its root with GETNEXT: checks that OIDs strictly
 * increase, that every one answers GET with the same value, and returns the
 * number of instances; if `want` is given, it must be among them.
 */
static inline int fx_walk(const struct door *d, const struct door_in *in, const char *want,
    bool *seen)
{
	uint32_t cur[DOOR_MAX_OID], nxt[DOOR_MAX_OID], g[DOOR_MAX_OID];
	size_t curlen = d->rootlen, nlen = 0, glen = 0;
	struct door_val v, gv;
	char buf[256];
	int n = 0;

	memcpy(cur, d->root, d->rootlen * sizeof(cur[0]));
	if (seen)
		*seen = false;
	while (door_lookup(d, in, cur, curlen, false, nxt, &nlen, &v)) {
		ck_assert_msg(n < 10000, "walk does not end");
		ck_assert_msg(door_lookup(d, in, nxt, nlen, true, g, &glen, &gv),
		    "walked OID does not answer GET");
		ck_assert_int_eq(gv.num, v.num);
		fx_fmt(nxt, nlen, buf, sizeof(buf));
		if (want && seen && strcmp(buf, want) == 0)
			*seen = true;
		memcpy(cur, nxt, nlen * sizeof(cur[0]));
		curlen = nlen;
		n++;
	}
	return n;
}

#endif
