/*
 * mib_fixture.h — shared by the unit tests of the RFC 1628, STS and NV5
 * trees: a live three-phase UPS snapshot in a context with the MIB state,
 * a settable TimeStamp clock, an event engine keeping the alarm tables, and
 * GET / GETNEXT / walk helpers that take absolute OIDs, through mib_walk.c
 * as the net-snmp handler does.
 */
#ifndef NV_MIB_FIXTURE_H
#define NV_MIB_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "ctx.h"
#include "events.h"
#include "mib_state.h"
#include "mib_walk.h"

#define FX_OID_MAX 32

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

/* The TimeStamp clock of the context fx_ctx() makes, in 0.01 s. */
static uint32_t fx_now = 1000;

static inline uint32_t fx_clock(void)
{
	return fx_now;
}

static uint32_t fx_engine_clock(void *arg)
{
	(void)arg;
	return fx_now;
}

/* What the engine sent since the test last emptied it. */
#define FX_SENT_MAX 64
static struct nv_notification fx_sent[FX_SENT_MAX];
static size_t fx_n_sent;

static void fx_record(const struct nv_notification *n, void *arg)
{
	(void)arg;
	if (n->kind == NV_NOTE_TRAP && fx_n_sent < FX_SENT_MAX)
		fx_sent[fx_n_sent++] = *n;
}

/* The event engine that keeps the context's alarm tables. */
static struct nv_events *fx_engine;

/* MIB state and alarm tables for CTX, on the fx_now clock. */
static inline void fx_state(struct nv_ctx *ctx)
{
	struct nv_events_cfg ec = { .data_unit = ctx->cfg.data_unit,
	    .uptime = fx_engine_clock };

	ctx->view.snap = &ctx->snap;
	ctx->view.cfg = &ctx->cfg;
	ctx->view.started = &ctx->started;
	ck_assert_int_eq(nv_mib_state_init(ctx), 0);
	ctx->mib->uptime = fx_clock;
	fx_n_sent = 0;
	fx_engine = nv_events_new(&ec, fx_record, NULL);
	ck_assert_ptr_nonnull(fx_engine);
	ctx->view.alarms = nv_events_alarm_table(fx_engine, NV_FAM_SOCOMEC);
	ctx->view.rfc_alarms = nv_events_alarm_table(fx_engine, NV_FAM_RFC1628);
	ctx->view.rfc_state = nv_events_rfc1628_state(fx_engine);
}

/* A new snapshot, as the main loop hands it on: engine, then MIB state. */
static inline void fx_update(struct nv_ctx *ctx)
{
	nv_events_snapshot(fx_engine, &ctx->snap, (uint64_t)fx_now * 10u);
	nv_mib_state_update(ctx);
}

static inline void fx_fini(struct nv_ctx *ctx)
{
	nv_mib_state_fini(ctx);
	nv_events_free(fx_engine);
	fx_engine = NULL;
	ctx->view.alarms = ctx->view.rfc_alarms = NULL;
	ctx->view.rfc_state = NULL;
}

/* A context reading fx_ups() / fx_cfg(), with its MIB state. */
static inline void fx_ctx(struct nv_ctx *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
	fx_ups(&ctx->snap);
	fx_cfg(&ctx->cfg);
	fx_now = 1000;
	fx_state(ctx);
}

/* Parse ".1.3.6..." into o; returns the length. */
static inline size_t fx_oid(const char *txt, uint32_t *o)
{
	size_t n = 0;

	while (*txt && n < FX_OID_MAX) {
		if (*txt == '.')
			txt++;
		o[n++] = (uint32_t)strtoul(txt, (char **)&txt, 10);
	}
	return n;
}

static inline int fx_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
	for (size_t i = 0; i < alen && i < blen; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return alen == blen ? 0 : alen < blen ? -1 : 1;
}

/* An INTEGER value, as a SET brings it. */
static inline struct mib_value fx_int(int32_t i)
{
	struct mib_value v;

	memset(&v, 0, sizeof(v));
	mib_set_int(&v, i);
	return v;
}

/* GET of an absolute OID, as mib_subtree.c asks it; false: no instance. */
static inline bool fx_get_val(const struct mib_tree *t, const struct nv_ctx *ctx,
    const char *txt, struct mib_value *v)
{
	uint32_t o[FX_OID_MAX];
	size_t n = fx_oid(txt, o);
	struct mib_hit hit;

	if (n <= t->rootlen || fx_cmp(o, t->rootlen, t->root, t->rootlen) != 0)
		return false;
	return mib_get_exact(t, o + t->rootlen, n - t->rootlen, &ctx->view, &hit, v);
}

/* The number a GET that must succeed reads (INTEGER, Gauge32, TimeTicks...). */
static inline long fx_num(const struct mib_value *v)
{
	return v->type == MIB_INTEGER ? (long)v->i : (long)v->u;
}

static inline long fx_get(const struct mib_tree *t, const struct nv_ctx *ctx, const char *txt)
{
	struct mib_value v;

	ck_assert_msg(fx_get_val(t, ctx, txt, &v), "GET %s: no instance", txt);
	return fx_num(&v);
}

static inline const char *fx_get_str(const struct mib_tree *t, const struct nv_ctx *ctx,
    const char *txt, struct mib_value *v)
{
	ck_assert_msg(fx_get_val(t, ctx, txt, v), "GET %s: no instance", txt);
	ck_assert_int_eq(v->type, MIB_STRING);
	ck_assert_uint_lt(v->len, sizeof(v->s));        /* NUL-terminated by the memset */
	return v->s;
}

static inline bool fx_exists(const struct mib_tree *t, const struct nv_ctx *ctx, const char *txt)
{
	struct mib_value v;

	return fx_get_val(t, ctx, txt, &v);
}

static inline void fx_fmt(const uint32_t *o, size_t n, char *buf, size_t len)
{
	size_t at = 0;

	buf[0] = 0;
	for (size_t i = 0; i < n && at < len; i++)
		at += (size_t)snprintf(buf + at, len - at, ".%u", o[i]);
}

/*
 * GETNEXT of absolute OID O as mib_subtree.c asks it (before the root: from
 * the start; after the subtree: nothing); the instance found, absolute,
 * into FOUND (FX_OID_MAX).
 */
static inline bool fx_next_oid(const struct mib_tree *t, const struct nv_ctx *ctx,
    const uint32_t *o, size_t n, uint32_t *found, size_t *flen, struct mib_value *v)
{
	uint32_t inst[MIB_SUB_MAX + 1];
	struct mib_hit hit;
	size_t rel = 0;

	if (fx_cmp(o, n, t->root, t->rootlen) >= 0) {
		if (n < t->rootlen || fx_cmp(o, t->rootlen, t->root, t->rootlen) != 0)
			return false;
		rel = n - t->rootlen;
	}
	if (!mib_get_next(t, o + t->rootlen, rel, &ctx->view, &hit, v))
		return false;
	memcpy(found, t->root, t->rootlen * sizeof(*found));
	*flen = t->rootlen + mib_hit_oid(&hit, inst);
	memcpy(found + t->rootlen, inst, (*flen - t->rootlen) * sizeof(*found));
	return true;
}

/* GETNEXT from ".1.3..." TXT: the OID found, as text, into BUF. */
static inline bool fx_next(const struct mib_tree *t, const struct nv_ctx *ctx,
    const char *txt, char *buf, size_t len)
{
	uint32_t o[FX_OID_MAX], f[FX_OID_MAX];
	size_t n = fx_oid(txt, o), fl = 0;
	struct mib_value v;

	if (!fx_next_oid(t, ctx, o, n, f, &fl, &v))
		return false;
	fx_fmt(f, fl, buf, len);
	return true;
}

/*
 * Walk the whole tree from its root with GETNEXT: checks that OIDs strictly
 * increase, that every one answers GET with the same value, and returns the
 * number of instances; if `want` is given, it must be among them.
 */
static inline int fx_walk(const struct mib_tree *t, const struct nv_ctx *ctx,
    const char *want, bool *seen)
{
	uint32_t cur[FX_OID_MAX], nxt[FX_OID_MAX];
	size_t curlen = t->rootlen, nlen = 0;
	struct mib_value v, gv;
	char buf[256];
	int n = 0;

	ck_assert_int_lt(mib_tree_check(t), 0);
	memcpy(cur, t->root, t->rootlen * sizeof(cur[0]));
	if (seen)
		*seen = false;
	while (fx_next_oid(t, ctx, cur, curlen, nxt, &nlen, &v)) {
		ck_assert_msg(n < 10000, "walk does not end");
		ck_assert_msg(fx_cmp(nxt, nlen, cur, curlen) > 0, "walk goes back");
		fx_fmt(nxt, nlen, buf, sizeof(buf));
		ck_assert_msg(fx_get_val(t, ctx, buf, &gv), "walked OID %s does not answer GET", buf);
		ck_assert_int_eq(gv.type, v.type);
		ck_assert_int_eq(fx_num(&gv), fx_num(&v));
		if (want && seen && strcmp(buf, want) == 0)
			*seen = true;
		memcpy(cur, nxt, nlen * sizeof(cur[0]));
		curlen = nlen;
		n++;
	}
	return n;
}

#endif
