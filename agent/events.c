/*
 * events.c — the event engine: turns condition changes of the model into
 * notifications, with debounce and the trap 1 repeat timer, and keeps the
 * RFC 1628 alarm table that traps 3 / 4 describe.  Data: events_table.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alarm_table.h"
#include "events.h"
#include "events_table.h"
#include "log.h"

#define NEVER UINT64_MAX

struct nv_events {
	struct nv_events_cfg cfg;
	nv_emit_fn emit;
	void *arg;
	bool known;                             /* a first state was seen */
	enum nv_kind kind;
	uint64_t raw[NV_X_WORDS];               /* newest conditions */
	uint64_t deb[NV_X_WORDS];               /* conditions as reported */
	uint64_t changed_ms[NV_X_COUNT];        /* last report of each bit */
	int32_t batt_minutes, batt_seconds_on;
	uint64_t on_batt_since_ms, test_started_ms, repeat_next_ms;
	struct nv_active_alarm alarms[NV_EVENTS_MAX_ALARMS];
	size_t n_alarms;
	int next_alarm_id;
	const struct nv_alarm_table *soc_table;
	uint32_t soc_id[NV_WK_ALARMS + 1];      /* SOCOMEC rows as reported, 0 = none */
	uint64_t soc_changed_ms[NV_WK_ALARMS + 1];
};

/* SOCOMEC well-known alarms without trap 3 (and 4), as RFC 1628 says */
#define SOC_WK_ON_BATTERY       15
#define SOC_WK_TEST_RUNNING     54

static const uint32_t socomec_traps[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 2 };
static const uint32_t sts_traps[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 10, 2 };
static const uint32_t rfc_traps[] = { 1, 3, 6, 1, 2, 1, 33, 2 };
static const uint32_t socomec_battery[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 2 };
static const uint32_t rfc_battery[] = { 1, 3, 6, 1, 2, 1, 33, 1, 2 };
static const uint32_t socomec_alarm_entry[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 6, 2, 1 };
static const uint32_t rfc_alarm_entry[] = { 1, 3, 6, 1, 2, 1, 33, 1, 6, 2, 1 };
static const uint32_t socomec_well_known[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 6, 3 };
static const uint32_t rfc_well_known[] = { 1, 3, 6, 1, 2, 1, 33, 1, 6, 3 };
static const uint32_t rfc_test[] = { 1, 3, 6, 1, 2, 1, 33, 1, 7 };
static const uint32_t sts_trap_string[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 10, 1, 7, 1, 0 };

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static bool bit_get(const uint64_t *w, unsigned b)
{
	return (w[b / 64] >> (b % 64)) & 1u;
}

static void bit_set(uint64_t *w, unsigned b, bool on)
{
	uint64_t m = (uint64_t)1 << (b % 64);

	if (on)
		w[b / 64] |= m;
	else
		w[b / 64] &= ~m;
}

/* Any of the listed conditions (0-terminated, stored +1). */
static bool any_of(const uint16_t *lits, const uint64_t *bits, bool if_empty)
{
	if (lits[0] == 0)
		return if_empty;
	for (size_t i = 0; i < NV_RULE_LITS && lits[i] != 0; i++)
		if (bit_get(bits, lits[i] - 1u))
			return true;
	return false;
}

static bool trigger_holds(const struct nv_trigger *t, const uint64_t *bits)
{
	return any_of(t->any, bits, true) && !any_of(t->none, bits, false);
}

struct nv_events *nv_events_new(const struct nv_events_cfg *cfg,
    nv_emit_fn emit, void *arg)
{
	struct nv_events *ev = calloc(1, sizeof(*ev));

	if (ev == NULL)
		return NULL;
	ev->cfg = *cfg;
	ev->emit = emit;
	ev->arg = arg;
	for (size_t i = 0; i < NV_X_COUNT; i++)
		ev->changed_ms[i] = NEVER;
	ev->batt_minutes = ev->batt_seconds_on = NV_NA;
	ev->repeat_next_ms = NEVER;
	ev->next_alarm_id = 1;
	for (size_t i = 0; i <= NV_WK_ALARMS; i++)
		ev->soc_changed_ms[i] = NEVER;
	return ev;
}

void nv_events_free(struct nv_events *ev)
{
	free(ev);
}

void nv_events_set_cfg(struct nv_events *ev, const struct nv_events_cfg *cfg)
{
	ev->cfg = *cfg;
}

/* ---- building notifications ------------------------------------------ */

static void vb_int(struct nv_notification *n, const uint32_t *base, size_t blen,
    const uint32_t *tail, size_t tlen, enum nv_vb_type type, long v)
{
	struct nv_varbind *vb;

	if (n->n_vb == NV_VB_MAX)
		return;
	vb = &n->vb[n->n_vb++];
	memset(vb, 0, sizeof(*vb));
	nv_oid_append(&vb->name, base, blen);
	nv_oid_append(&vb->name, tail, tlen);
	vb->type = type;
	vb->integer = v;
}

static void vb_str(struct nv_notification *n, const uint32_t *name, size_t len,
    const char *s)
{
	struct nv_varbind *vb;

	if (n->n_vb == NV_VB_MAX)
		return;
	vb = &n->vb[n->n_vb++];
	memset(vb, 0, sizeof(*vb));
	nv_oid_append(&vb->name, name, len);
	vb->type = NV_VB_OCTETS;
	vb->str_len = strnlen(s, sizeof(vb->str) - 1);
	memcpy(vb->str, s, vb->str_len);
}

static void start_notification(struct nv_notification *n,
    const struct nv_trap_def *d, uint64_t now)
{
	static const uint32_t zero = 0;
	uint32_t num = (uint32_t)d->number;

	memset(n, 0, sizeof(*n));
	n->family = d->family;
	n->number = d->number;
	n->severity = d->severity;
	n->event = d->event;
	n->specific = d->number;
	n->when_ms = now;
	n->wallclock = time(NULL);
	snprintf(n->text, sizeof(n->text), "%s", d->text);
	switch (d->family) {
	case NV_FAM_SOCOMEC:
		nv_oid_append(&n->enterprise, socomec_traps, N_OF(socomec_traps));
		break;
	case NV_FAM_STS:
		nv_oid_append(&n->enterprise, sts_traps, N_OF(sts_traps));
		break;
	case NV_FAM_RFC1628:
		nv_oid_append(&n->enterprise, rfc_traps, N_OF(rfc_traps));
		break;
	}
	/* SMIv1 traps map to enterprise.0.N; RFC 1628's are SMIv2 {upsTraps N} */
	n->trap_oid = n->enterprise;
	if (d->family != NV_FAM_RFC1628)
		nv_oid_append(&n->trap_oid, &zero, 1);
	nv_oid_append(&n->trap_oid, &num, 1);
}

static long seconds_on_battery(const struct nv_events *ev, uint64_t now)
{
	if (ev->batt_seconds_on >= 0)
		return ev->batt_seconds_on;
	if (ev->on_batt_since_ms == NEVER || now < ev->on_batt_since_ms)
		return 0;
	return (long)((now - ev->on_batt_since_ms) / 1000);
}

static void add_on_battery(struct nv_events *ev, struct nv_notification *n, uint64_t now)
{
	static const uint32_t minutes[] = { 3, 0 }, seconds[] = { 2, 0 };
	long secs = seconds_on_battery(ev, now);
	const uint32_t *base = n->family == NV_FAM_RFC1628 ? rfc_battery : socomec_battery;
	size_t blen = n->family == NV_FAM_RFC1628 ? N_OF(rfc_battery) : N_OF(socomec_battery);

	vb_int(n, base, blen, minutes, 2, NV_VB_INTEGER, ev->batt_minutes);
	vb_int(n, base, blen, seconds, 2, NV_VB_INTEGER, secs);
	snprintf(n->text, sizeof(n->text),
	    "UPS on battery for %ld s, estimated %ld min remaining",
	    secs, (long)ev->batt_minutes);
}

static uint32_t ticks_since_start(const struct nv_events *ev, uint64_t ms)
{
	return ms > ev->cfg.started_ms ? (uint32_t)((ms - ev->cfg.started_ms) / 10) : 0;
}

static void add_test_result(struct nv_events *ev, struct nv_notification *n, uint64_t now)
{
	static const uint32_t id[] = { 1, 0 }, spin[] = { 2, 0 }, summary[] = { 3, 0 },
	    detail[] = { 4, 0 }, start[] = { 5, 0 }, elapsed[] = { 6, 0 };
	static const uint32_t quick_battery[] = { 7, 4 };
	bool failed = bit_get(ev->deb, NV_C_BATTERY_TEST_FAILED);
	uint64_t began = ev->test_started_ms == NEVER ? now : ev->test_started_ms;
	struct nv_oid test = { 0 }, detail_name = { 0 };

	nv_oid_append(&test, rfc_test, N_OF(rfc_test));
	nv_oid_append(&test, quick_battery, 2);
	nv_oid_append(&detail_name, rfc_test, N_OF(rfc_test));
	nv_oid_append(&detail_name, detail, 2);
	vb_int(n, rfc_test, N_OF(rfc_test), id, 2, NV_VB_OID, 0);
	n->vb[n->n_vb - 1].oid = test;
	vb_int(n, rfc_test, N_OF(rfc_test), spin, 2, NV_VB_INTEGER, 1);
	/* upsTestResultsSummary: donePass(1), doneError(3) */
	vb_int(n, rfc_test, N_OF(rfc_test), summary, 2, NV_VB_INTEGER, failed ? 3 : 1);
	vb_str(n, detail_name.sub, detail_name.len,
	    failed ? "battery test failed" : "battery test passed");
	vb_int(n, rfc_test, N_OF(rfc_test), start, 2, NV_VB_TIMETICKS,
	    (long)ticks_since_start(ev, began));
	vb_int(n, rfc_test, N_OF(rfc_test), elapsed, 2, NV_VB_INTEGER,
	    (long)((now - began) / 10));
	snprintf(n->text, sizeof(n->text), "battery test completed: %s",
	    failed ? "failed" : "passed");
}

static void raise_trap(struct nv_events *ev, enum nv_mib_family f, int number,
    enum nv_vb_set vbs, uint64_t now)
{
	const struct nv_trap_def *d = nv_trap_def_find(f, number);
	struct nv_notification n;

	if (d == NULL)
		return;
	start_notification(&n, d, now);
	switch (vbs) {
	case NV_VBS_ON_BATTERY:
		add_on_battery(ev, &n, now);
		break;
	case NV_VBS_TEST_RESULT:
		add_test_result(ev, &n, now);
		break;
	case NV_VBS_STS_STRING:
		vb_str(&n, sts_trap_string, N_OF(sts_trap_string), d->text);
		break;
	case NV_VBS_NONE:
		break;
	}
	ev->emit(&n, ev->arg);
}

static void raise_alarm_entry(struct nv_events *ev, enum nv_mib_family f,
    const char *name, uint32_t wk, uint32_t id, bool added, uint64_t now)
{
	const struct nv_trap_def *d = nv_trap_def_find(f, added ? 3 : 4);
	bool rfc = f == NV_FAM_RFC1628;
	const uint32_t *entry = rfc ? rfc_alarm_entry : socomec_alarm_entry;
	size_t elen = rfc ? N_OF(rfc_alarm_entry) : N_OF(socomec_alarm_entry);
	struct nv_notification n;
	uint32_t tail[2] = { 1, id };           /* upsAlarmId.id */

	start_notification(&n, d, now);
	n.alarm_entry = 1;
	vb_int(&n, entry, elen, tail, 2, NV_VB_INTEGER, (long)id);
	tail[0] = 2;                            /* upsAlarmDescr.id */
	vb_int(&n, entry, elen, tail, 2, NV_VB_OID, 0);
	if (rfc)
		nv_oid_append(&n.vb[1].oid, rfc_well_known, N_OF(rfc_well_known));
	else
		nv_oid_append(&n.vb[1].oid, socomec_well_known, N_OF(socomec_well_known));
	nv_oid_append(&n.vb[1].oid, &wk, 1);
	snprintf(n.text, sizeof(n.text), "alarm %s: %s (id %u)",
	    added ? "added" : "removed", name, (unsigned)id);
	ev->emit(&n, ev->arg);
}

/* ---- the alarm table ------------------------------------------------- */

static bool alarm_id_used(const struct nv_events *ev, int id)
{
	for (size_t i = 0; i < ev->n_alarms; i++)
		if (ev->alarms[i].id == id)
			return true;
	return false;
}

/* RFC 1628: ids grow by one; past the maximum, the first free id >= 1. */
static int alarm_new_id(struct nv_events *ev)
{
	int id = ev->next_alarm_id;

	while (alarm_id_used(ev, id))
		id = id == INT32_MAX ? 1 : id + 1;
	ev->next_alarm_id = id == INT32_MAX ? 1 : id + 1;
	return id;
}

static int alarm_add(struct nv_events *ev, int wk, uint64_t now)
{
	struct nv_active_alarm *row;
	size_t at;

	if (ev->n_alarms == NV_EVENTS_MAX_ALARMS)
		return -1;
	row = &ev->alarms[ev->n_alarms];
	row->id = alarm_new_id(ev);
	row->wk = wk;
	row->since_ms = now;
	/* keep rows in id order for the MIB walk */
	for (at = ev->n_alarms; at > 0 && ev->alarms[at - 1].id > row->id; at--) {
		struct nv_active_alarm t = ev->alarms[at - 1];

		ev->alarms[at - 1] = ev->alarms[at];
		ev->alarms[at] = t;
	}
	ev->n_alarms++;
	return ev->alarms[at].id;
}

static int alarm_remove(struct nv_events *ev, int wk)
{
	for (size_t i = 0; i < ev->n_alarms; i++) {
		int id = ev->alarms[i].id;

		if (ev->alarms[i].wk != wk)
			continue;
		memmove(&ev->alarms[i], &ev->alarms[i + 1],
		    (ev->n_alarms - i - 1) * sizeof(ev->alarms[0]));
		ev->n_alarms--;
		return id;
	}
	return -1;
}

size_t nv_events_alarms(const struct nv_events *ev,
    const struct nv_active_alarm **rows)
{
	*rows = ev->alarms;
	return ev->n_alarms;
}

/* ---- comparing states ------------------------------------------------ */

static void note_edges(struct nv_events *ev, const uint64_t *old, const uint64_t *now_bits,
    uint64_t now)
{
	bool was = bit_get(old, NV_C_ON_BATTERY), is = bit_get(now_bits, NV_C_ON_BATTERY);

	if (!was && is) {
		ev->on_batt_since_ms = now;
		ev->repeat_next_ms = now + NV_EVENTS_REPEAT_MS;
	} else if (was && !is) {
		ev->on_batt_since_ms = NEVER;
		ev->repeat_next_ms = NEVER;
	}
	if (!bit_get(old, NV_C_BATTERY_TEST_RUNNING) &&
	    bit_get(now_bits, NV_C_BATTERY_TEST_RUNNING))
		ev->test_started_ms = now;
}

static void apply_triggers(struct nv_events *ev, const uint64_t *old,
    const uint64_t *cur, bool first, uint64_t now)
{
	for (size_t i = 0; i < nv_n_triggers; i++) {
		const struct nv_trigger *t = &nv_triggers[i];
		bool o = first ? false : trigger_holds(t, old);
		bool c = trigger_holds(t, cur);
		bool fire;

		if (t->kind != NV_KIND_NONE && t->kind != ev->kind)
			continue;
		if (t->edge == NV_EDGE_RISE)
			fire = !o && c && (!first || t->at_start);
		else
			fire = !first && o && !c;
		if (fire)
			raise_trap(ev, t->family, t->number, t->vbs, now);
	}
}

static void apply_alarms(struct nv_events *ev, const uint64_t *old,
    const uint64_t *cur, bool first, uint64_t now)
{
	if (ev->kind == NV_KIND_STS)
		return;
	for (size_t i = 0; i < nv_n_wk_alarms; i++) {
		const struct nv_wk_alarm *a = &nv_wk_alarms[i];
		bool o = first ? false : any_of(a->any, old, false);
		bool c = any_of(a->any, cur, false);
		int id;

		if (!o && c) {
			id = alarm_add(ev, a->wk, first ? ev->cfg.started_ms : now);
			if (id == -1)
				nv_log(LOG_ERR, "alarm table full: %s not listed", a->name);
			else if (a->trap_added)
				raise_alarm_entry(ev, NV_FAM_RFC1628, a->name,
				    (uint32_t)a->wk, (uint32_t)id, true, now);
		} else if (o && !c) {
			id = alarm_remove(ev, a->wk);
			if (id != -1 && a->trap_removed)
				raise_alarm_entry(ev, NV_FAM_RFC1628, a->name,
				    (uint32_t)a->wk, (uint32_t)id, false, now);
		}
	}
}

void nv_events_set_alarm_table(struct nv_events *ev, const struct nv_alarm_table *t)
{
	ev->soc_table = t;
}

static uint32_t soc_row_id(const struct nv_alarm_table *t, int wk)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->row[i].alarm == wk)
			return t->row[i].id;
	return 0;
}

static bool soc_held(const struct nv_events *ev, int wk, uint64_t now)
{
	if (ev->cfg.debounce_ms <= 0 || ev->soc_changed_ms[wk] == NEVER)
		return false;
	return now < ev->soc_changed_ms[wk] + (uint64_t)ev->cfg.debounce_ms;
}

/*
 * SOCOMEC traps 3 / 4 follow the rows of the MIB's alarm table, with the
 * same hold-off as conditions: a row that came and went inside the window
 * is reported as its removal and the current row's addition.
 */
static void soc_settle(struct nv_events *ev, uint64_t now)
{
	const struct nv_alarm_table *t = ev->soc_table;

	if (t == NULL || !t->started || ev->kind == NV_KIND_STS)
		return;
	for (int wk = 1; wk <= NV_WK_ALARMS; wk++) {
		uint32_t cur = soc_row_id(t, wk), rep = ev->soc_id[wk];
		const char *name = nv_wellknown_alarm_name(wk);

		if (cur == rep || soc_held(ev, wk, now))
			continue;
		if (rep != 0 && wk != SOC_WK_TEST_RUNNING)
			raise_alarm_entry(ev, NV_FAM_SOCOMEC, name, (uint32_t)wk, rep, false, now);
		if (cur != 0 && wk != SOC_WK_TEST_RUNNING && wk != SOC_WK_ON_BATTERY)
			raise_alarm_entry(ev, NV_FAM_SOCOMEC, name, (uint32_t)wk, cur, true, now);
		ev->soc_id[wk] = cur;
		ev->soc_changed_ms[wk] = now;
	}
}

static void apply(struct nv_events *ev, const uint64_t *cur, bool first, uint64_t now)
{
	uint64_t old[NV_X_WORDS];

	memcpy(old, ev->deb, sizeof(old));
	if (first)
		memset(old, 0, sizeof(old));
	note_edges(ev, old, cur, now);
	memcpy(ev->deb, cur, sizeof(ev->deb));
	apply_triggers(ev, old, cur, first, now);
	soc_settle(ev, now);
	apply_alarms(ev, old, cur, first, now);
}

static bool held(const struct nv_events *ev, unsigned b, uint64_t now)
{
	if (b == NV_X_COMM_LOST || ev->cfg.debounce_ms <= 0 || ev->changed_ms[b] == NEVER)
		return false;
	return now < ev->changed_ms[b] + (uint64_t)ev->cfg.debounce_ms;
}

/* Move every raw change whose hold-off is over into the reported state. */
static void settle(struct nv_events *ev, uint64_t now)
{
	uint64_t cur[NV_X_WORDS];
	bool changed = false;

	memcpy(cur, ev->deb, sizeof(cur));
	for (unsigned b = 0; b < NV_X_COUNT; b++) {
		bool r = bit_get(ev->raw, b);

		if (r == bit_get(ev->deb, b) || held(ev, b, now))
			continue;
		bit_set(cur, b, r);
		ev->changed_ms[b] = now;
		changed = true;
	}
	if (changed)
		apply(ev, cur, false, now);
	else
		soc_settle(ev, now);
}

void nv_events_snapshot(struct nv_events *ev, const struct nv_snapshot *s,
    uint64_t now)
{
	if (s->comm == NV_COMM_DETECTING)
		return;
	if (s->kind != NV_KIND_NONE)
		ev->kind = s->kind;
	if (s->comm == NV_COMM_LOST) {
		/* conditions are unknown, not cleared: keep the last ones */
		bit_set(ev->raw, NV_X_COMM_LOST, true);
	} else {
		for (unsigned c = 0; c < NV_C_COUNT; c++)
			bit_set(ev->raw, c, nv_cond_get(&s->sys, c));
		bit_set(ev->raw, NV_X_COMM_LOST, false);
		ev->batt_minutes = s->sys.ups.batt_minutes;
		ev->batt_seconds_on = s->sys.ups.batt_seconds_on;
	}
	if (!ev->known) {
		ev->known = true;
		apply(ev, ev->raw, true, now);
		return;
	}
	settle(ev, now);
}

void nv_events_tick(struct nv_events *ev, uint64_t now)
{
	if (!ev->known)
		return;
	settle(ev, now);
	if (ev->repeat_next_ms == NEVER || now < ev->repeat_next_ms)
		return;
	if (bit_get(ev->deb, NV_C_ON_BATTERY) && !bit_get(ev->deb, NV_X_COMM_LOST)) {
		for (size_t i = 0; i < nv_n_triggers; i++)
			if (nv_triggers[i].repeat)
				raise_trap(ev, nv_triggers[i].family, nv_triggers[i].number,
				    nv_triggers[i].vbs, now);
	}
	while (ev->repeat_next_ms <= now)
		ev->repeat_next_ms += NV_EVENTS_REPEAT_MS;
}

uint64_t nv_events_next_ms(const struct nv_events *ev)
{
	uint64_t next = ev->repeat_next_ms;

	for (unsigned b = 0; b < NV_X_COUNT; b++) {
		uint64_t due;

		if (bit_get(ev->raw, b) == bit_get(ev->deb, b) || ev->changed_ms[b] == NEVER)
			continue;
		due = ev->changed_ms[b] + (uint64_t)(ev->cfg.debounce_ms > 0 ? ev->cfg.debounce_ms : 0);
		if (due < next)
			next = due;
	}
	for (int wk = 1; ev->soc_table != NULL && wk <= NV_WK_ALARMS; wk++) {
		uint64_t due;

		if (ev->soc_changed_ms[wk] == NEVER ||
		    soc_row_id(ev->soc_table, wk) == ev->soc_id[wk])
			continue;
		due = ev->soc_changed_ms[wk] + (uint64_t)(ev->cfg.debounce_ms > 0 ? ev->cfg.debounce_ms : 0);
		if (due < next)
			next = due;
	}
	return next;
}

void nv_events_agent(struct nv_events *ev, enum nv_agent_event what, uint64_t now)
{
	static const int number[] = {
		[NV_AE_RESTARTING] = 27, [NV_AE_TEST] = 42,
		[NV_AE_SHUTDOWN_WARNING] = 20, [NV_AE_SHUTDOWN_REQUEST] = 21,
		[NV_AE_SHUTDOWN_CANCELLED] = 26, [NV_AE_SESSION_LOGIN] = 40,
		[NV_AE_LOGIN_FAILED] = 41,
	};
	const struct nv_trap_def *d;
	struct nv_notification n;

	if ((size_t)what >= N_OF(number))
		return;
	d = nv_trap_def_find(NV_FAM_SOCOMEC, number[what]);
	start_notification(&n, d, now);
	n.to_all = what == NV_AE_TEST;
	ev->emit(&n, ev->arg);
}

bool nv_event_name_valid(const char *name)
{
	for (size_t i = 0; i < nv_n_trap_defs; i++)
		if (strcmp(nv_trap_defs[i].event, name) == 0)
			return true;
	return false;
}

uint64_t nv_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
