/*
 * events.c — the event engine: turns condition changes of the model into
 * notifications, with debounce and the trap 1 repeat timer, and keeps the
 * SOCOMEC and RFC 1628 alarm tables that traps 3 / 4 describe and the MIB
 * serves.  Data: events_table.c, alarm_table.c, rfc1628_alarms.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alarm_table.h"
#include "diag_log.h"
#include "events.h"
#include "events_state.h"
#include "events_table.h"
#include "rfc1628_state.h"

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
	int32_t env_temp, env_hum;              /* for the EMD traps' text */
	uint64_t on_batt_since_ms, repeat_next_ms;
	struct nv_events_state state;           /* conditions as read */
	struct rfc1628_state rfc;               /* line bads, last battery test */
	struct alarm_track {
		enum nv_mib_family family;
		struct nv_alarm_table *table;   /* the rows the MIB serves */
		uint32_t reported[NV_WK_ALARMS + 1];    /* row ids as trapped, 0 = none */
		uint64_t changed_ms[NV_WK_ALARMS + 1];
	} track[2];                             /* SOCOMEC, RFC 1628 */
};

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

/* Any of the listed conditions (0-terminated, stored +1). */
static bool any_of(const uint16_t *lits, const uint64_t *bits, bool if_empty)
{
	if (lits[0] == 0)
		return if_empty;
	for (size_t i = 0; i < NV_RULE_LITS && lits[i] != 0; i++)
		if (nv_bit_get(bits, lits[i] - 1u))
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
	ev->env_temp = ev->env_hum = NV_NA;
	ev->repeat_next_ms = NEVER;
	nv_events_state_init(&ev->state);
	rfc1628_state_init(&ev->rfc);
	ev->track[0].family = NV_FAM_SOCOMEC;
	ev->track[0].table = nv_alarm_table_new(&nv_socomec_alarms, cfg->data_unit);
	ev->track[1].family = NV_FAM_RFC1628;
	ev->track[1].table = nv_alarm_table_new(&nv_rfc1628_alarms, cfg->data_unit);
	if (ev->track[0].table == NULL || ev->track[1].table == NULL) {
		nv_events_free(ev);
		return NULL;
	}
	for (size_t k = 0; k < N_OF(ev->track); k++)
		for (size_t i = 0; i <= NV_WK_ALARMS; i++)
			ev->track[k].changed_ms[i] = NEVER;
	return ev;
}

void nv_events_free(struct nv_events *ev)
{
	if (ev == NULL)
		return;
	for (size_t k = 0; k < N_OF(ev->track); k++)
		nv_alarm_table_free(ev->track[k].table);
	free(ev);
}

/* The data unit the tables read stays the one they were made with. */
void nv_events_set_cfg(struct nv_events *ev, const struct nv_events_cfg *cfg)
{
	int data_unit = ev->cfg.data_unit;

	ev->cfg = *cfg;
	ev->cfg.data_unit = data_unit;
}

/* TimeTicks for the alarm rows: the injected clock, else since start. */
static uint32_t now_ticks(const struct nv_events *ev, uint64_t now)
{
	if (ev->cfg.uptime != NULL)
		return ev->cfg.uptime(ev->cfg.uptime_arg);
	return now > ev->cfg.started_ms ? (uint32_t)((now - ev->cfg.started_ms) / 10) : 0;
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

/* The upsTest group as the MIB serves it, from the same state. */
static void add_test_result(struct nv_events *ev, struct nv_notification *n, uint64_t now)
{
	static const uint32_t id[] = { 1, 0 }, spin[] = { 2, 0 }, summary[] = { 3, 0 },
	    detail[] = { 4, 0 }, start[] = { 5, 0 }, elapsed[] = { 6, 0 };
	static const uint32_t quick_battery[] = { 7, 4 };
	const struct rfc1628_state *st = &ev->rfc;
	struct nv_oid test = { 0 }, detail_name = { 0 };

	nv_oid_append(&test, rfc_test, N_OF(rfc_test));
	nv_oid_append(&test, quick_battery, 2);
	nv_oid_append(&detail_name, rfc_test, N_OF(rfc_test));
	nv_oid_append(&detail_name, detail, 2);
	vb_int(n, rfc_test, N_OF(rfc_test), id, 2, NV_VB_OID, 0);
	n->vb[n->n_vb - 1].oid = test;
	vb_int(n, rfc_test, N_OF(rfc_test), spin, 2, NV_VB_INTEGER, 1);
	vb_int(n, rfc_test, N_OF(rfc_test), summary, 2, NV_VB_INTEGER, st->test_result);
	vb_str(n, detail_name.sub, detail_name.len, rfc1628_test_detail(st->test_result));
	vb_int(n, rfc_test, N_OF(rfc_test), start, 2, NV_VB_TIMETICKS, (long)st->test_start);
	vb_int(n, rfc_test, N_OF(rfc_test), elapsed, 2, NV_VB_INTEGER, (long)st->test_elapsed);
	snprintf(n->text, sizeof(n->text), "battery test completed: %s",
	    st->test_result == RFC1628_TEST_ERROR ? "failed" : "passed");
}

/* "... (temperature 61.2 C, humidity 40.0 %)": what the sensor read. */
static void add_env_text(const struct nv_events *ev, struct nv_notification *n)
{
	size_t len = strlen(n->text);

	if (ev->env_temp == NV_NA && ev->env_hum == NV_NA)
		return;
	snprintf(n->text + len, sizeof(n->text) - len, " (temperature %s%d.%d C, "
	    "humidity %d.%d %%)", ev->env_temp < 0 && ev->env_temp > -10 ? "-" : "",
	    ev->env_temp / 10, abs(ev->env_temp % 10), ev->env_hum / 10, abs(ev->env_hum % 10));
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
	case NV_VBS_EMD:
		add_env_text(ev, &n);
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

/* ---- comparing states ------------------------------------------------ */

static void note_edges(struct nv_events *ev, const uint64_t *old, const uint64_t *now_bits,
    uint64_t now)
{
	bool was = nv_bit_get(old, NV_C_ON_BATTERY), is = nv_bit_get(now_bits, NV_C_ON_BATTERY);

	if (!was && is) {
		ev->on_batt_since_ms = now;
		ev->repeat_next_ms = now + NV_EVENTS_REPEAT_MS;
	} else if (was && !is) {
		ev->on_batt_since_ms = NEVER;
		ev->repeat_next_ms = NEVER;
	}
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

static uint32_t alarm_row_id(const struct nv_alarm_table *t, int wk)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->row[i].alarm == wk)
			return t->row[i].id;
	return 0;
}

static bool alarm_held(const struct nv_events *ev, const struct alarm_track *tr,
    int wk, uint64_t now)
{
	if (ev->cfg.debounce_ms <= 0 || tr->changed_ms[wk] == NEVER)
		return false;
	return now < tr->changed_ms[wk] + (uint64_t)ev->cfg.debounce_ms;
}

/*
 * Traps 3 / 4 follow the rows of the alarm table the MIB serves, with the
 * same hold-off as conditions: a row that came and went inside the window
 * is reported as its removal and the current row's addition.
 */
static void alarms_settle(struct nv_events *ev, uint64_t now)
{
	if (ev->kind == NV_KIND_STS)
		return;
	for (size_t k = 0; k < N_OF(ev->track); k++) {
		struct alarm_track *tr = &ev->track[k];
		const struct nv_alarm_table *t = tr->table;

		if (!t->started)
			continue;
		for (int wk = 1; wk <= t->set->n; wk++) {
			uint32_t cur = alarm_row_id(t, wk), rep = tr->reported[wk];
			const char *name = t->set->name(wk);

			if (cur == rep || alarm_held(ev, tr, wk, now))
				continue;
			if (rep != 0 && nv_alarm_set_traps(t->set, wk, false))
				raise_alarm_entry(ev, tr->family, name, (uint32_t)wk, rep, false, now);
			if (cur != 0 && nv_alarm_set_traps(t->set, wk, true))
				raise_alarm_entry(ev, tr->family, name, (uint32_t)wk, cur, true, now);
			tr->reported[wk] = cur;
			tr->changed_ms[wk] = now;
		}
	}
}

const struct rfc1628_state *nv_events_rfc1628_state(const struct nv_events *ev)
{
	return &ev->rfc;
}

const struct nv_alarm_table *nv_events_alarm_table(const struct nv_events *ev,
    enum nv_mib_family f)
{
	for (size_t k = 0; k < N_OF(ev->track); k++)
		if (ev->track[k].family == f)
			return ev->track[k].table;
	return NULL;
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
	alarms_settle(ev, now);
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
		bool r = nv_bit_get(ev->raw, b);

		if (r == nv_bit_get(ev->deb, b) || held(ev, b, now))
			continue;
		nv_bit_put(cur, b, r);
		ev->changed_ms[b] = now;
		changed = true;
	}
	if (changed)
		apply(ev, cur, false, now);
	else
		alarms_settle(ev, now);
}

void nv_events_snapshot(struct nv_events *ev, const struct nv_snapshot *s,
    uint64_t now)
{
	nv_events_state_feed(&ev->state, s, now, ev->emit, ev->arg);
	rfc1628_state_update(&ev->rfc, s, ev->cfg.data_unit, now_ticks(ev, now));
	/* the room sensor's conditions, whatever the UPS's line does */
	for (unsigned c = NV_C_EMD_FIRST; c <= NV_C_EMD_LAST; c++)
		nv_bit_put(ev->raw, c, nv_cond_get(&s->sys, c));
	if (s->env.comm == NV_COMM_OK) {
		ev->env_temp = s->env.temp;
		ev->env_hum = s->env.hum;
	}
	if (s->comm == NV_COMM_DETECTING) {
		if (ev->known)
			settle(ev, now);
		return;
	}
	if (s->kind != NV_KIND_NONE)
		ev->kind = s->kind;
	if (s->comm == NV_COMM_LOST) {
		/* conditions are unknown, not cleared: keep the last ones */
		nv_bit_put(ev->raw, NV_X_COMM_LOST, true);
	} else {
		for (unsigned c = 0; c < NV_C_COUNT; c++)
			if (!nv_cond_is_env((int)c))
				nv_bit_put(ev->raw, c, nv_cond_get(&s->sys, c));
		nv_bit_put(ev->raw, NV_X_COMM_LOST, false);
		ev->batt_minutes = s->sys.ups.batt_minutes;
		ev->batt_seconds_on = s->sys.ups.batt_seconds_on;
	}
	for (size_t k = 0; k < N_OF(ev->track); k++)
		nv_alarm_table_update(ev->track[k].table, s, now_ticks(ev, now));
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
	if (nv_bit_get(ev->deb, NV_C_ON_BATTERY) && !nv_bit_get(ev->deb, NV_X_COMM_LOST)) {
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

		if (nv_bit_get(ev->raw, b) == nv_bit_get(ev->deb, b) || ev->changed_ms[b] == NEVER)
			continue;
		due = ev->changed_ms[b] + (uint64_t)(ev->cfg.debounce_ms > 0 ? ev->cfg.debounce_ms : 0);
		if (due < next)
			next = due;
	}
	for (size_t k = 0; k < N_OF(ev->track); k++) {
		const struct alarm_track *tr = &ev->track[k];

		for (int wk = 1; wk <= tr->table->set->n; wk++) {
			uint64_t due;

			if (tr->changed_ms[wk] == NEVER ||
			    alarm_row_id(tr->table, wk) == tr->reported[wk])
				continue;
			due = tr->changed_ms[wk] + (uint64_t)(ev->cfg.debounce_ms > 0 ? ev->cfg.debounce_ms : 0);
			if (due < next)
				next = due;
		}
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
