/* events_state.c — condition and communication changes as read; see events_state.h. */
#include <stdio.h>
#include <string.h>

#include "events_state.h"

void nv_events_state_init(struct nv_events_state *st)
{
	memset(st, 0, sizeof(*st));
	st->comm = NV_COMM_DETECTING;
}

static enum nv_severity severity_of(enum nv_ev_level l)
{
	return l == NV_EV_CRITICAL ? NV_SEV_CRITICAL :
	    l == NV_EV_WARNING ? NV_SEV_WARNING : NV_SEV_INFORMATION;
}

static void start(struct nv_notification *n, enum nv_note_kind kind,
    const struct nv_snapshot *s, uint64_t now)
{
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->device = s->kind;
	n->when_ms = now;
	n->wallclock = s->wallclock;
	n->event = kind == NV_NOTE_COMM ? "communication" : "condition";
}

static void conditions(struct nv_events_state *st, const struct nv_snapshot *s,
    uint64_t now, void (*emit)(const struct nv_notification *, void *), void *arg)
{
	struct nv_notification n;

	for (int c = 0; c < NV_C_COUNT; c++) {
		bool is = nv_bit_get(s->sys.cond, c), was = st->known && nv_bit_get(st->cond, c);

		if (is == was || nv_cond_is_env(c))
			continue;
		start(&n, NV_NOTE_CONDITION, s, now);
		n.cond = c;
		n.set = is;
		if (nv_cond_event_text(c, n.text, sizeof(n.text)) == NULL)
			snprintf(n.text, sizeof(n.text), "%s", nv_cond_name(c));
		/* an end of alarm is good news */
		n.severity = is ? severity_of(nv_cond_event_level(c)) : NV_SEV_INFORMATION;
		emit(&n, arg);
	}
	for (int c = 0; c < NV_C_COUNT; c++)
		if (!nv_cond_is_env(c))
			nv_bit_put(st->cond, c, nv_bit_get(s->sys.cond, c));
	st->known = true;
}

/* The room sensor's conditions: reported whatever the UPS's line does. */
static void env_conditions(struct nv_events_state *st, const struct nv_snapshot *s,
    uint64_t now, void (*emit)(const struct nv_notification *, void *), void *arg)
{
	struct nv_notification n;

	if (!s->env.configured || s->env.comm == NV_COMM_DETECTING)
		return;
	for (int c = NV_C_EMD_FIRST; c <= NV_C_EMD_LAST; c++) {
		bool is = nv_bit_get(s->sys.cond, c), was = nv_bit_get(st->cond, c);

		if (is == was)
			continue;
		start(&n, NV_NOTE_CONDITION, s, now);
		n.cond = c;
		n.set = is;
		nv_cond_event_text(c, n.text, sizeof(n.text));
		n.severity = is ? severity_of(nv_cond_event_level(c)) : NV_SEV_INFORMATION;
		emit(&n, arg);
		nv_bit_put(st->cond, c, is);
	}
}

void nv_events_state_feed(struct nv_events_state *st, const struct nv_snapshot *s,
    uint64_t now, void (*emit)(const struct nv_notification *n, void *arg), void *arg)
{
	const char *dev = s->kind == NV_KIND_STS ? "STS" : "UPS";
	struct nv_notification n;

	env_conditions(st, s, now, emit, arg);
	if (s->comm != st->comm && (s->comm == NV_COMM_LOST || s->comm == NV_COMM_OK)) {
		start(&n, NV_NOTE_COMM, s, now);
		n.comm = s->comm;
		n.comm_before = st->comm;
		n.severity = s->comm == NV_COMM_LOST ? NV_SEV_CRITICAL : NV_SEV_INFORMATION;
		snprintf(n.text, sizeof(n.text), "%s communication %s", dev,
		    s->comm == NV_COMM_LOST ? "lost" :
		    st->comm == NV_COMM_LOST ? "restored" : "established");
		emit(&n, arg);
	}
	st->comm = s->comm;
	if (s->comm != NV_COMM_OK || (s->kind != NV_KIND_UPS && s->kind != NV_KIND_STS))
		return;
	if (st->known && st->kind != s->kind)
		st->known = false;      /* another device: start from nothing */
	st->kind = s->kind;
	conditions(st, s, now, emit, arg);
}
