/* event_records.c — event records, and those a device notification makes; see event_records.h. */
#include <stdio.h>
#include <string.h>

#include "event_records.h"

const char *nv_ev_level_name(enum nv_ev_level l)
{
	switch (l) {
	case NV_EV_INFO:     return "info";
	case NV_EV_WARNING:  return "warning";
	case NV_EV_CRITICAL: return "critical";
	}
	return "unknown";
}

const char *nv_ev_state_name(enum nv_ev_state s)
{
	switch (s) {
	case NV_EV_ONCE:    return "event";
	case NV_EV_SET:     return "set";
	case NV_EV_CLEARED: return "cleared";
	}
	return "unknown";
}

void nv_event_make(struct nv_event_rec *r, enum nv_ev_source src,
    enum nv_ev_level level, enum nv_ev_state state, int code, time_t when,
    const char *text)
{
	memset(r, 0, sizeof(*r));
	r->time = when;
	r->source = src;
	r->level = level;
	r->state = state;
	r->code = code;
	snprintf(r->text, sizeof(r->text), "%s", text);
}

static enum nv_ev_level level_of(enum nv_severity sev)
{
	return sev == NV_SEV_CRITICAL ? NV_EV_CRITICAL :
	    sev == NV_SEV_WARNING ? NV_EV_WARNING : NV_EV_INFO;
}

int nv_eventlog_records(const struct nv_notification *n, struct nv_event_rec *out)
{
	enum nv_ev_source src = n->device == NV_KIND_STS ? NV_EV_STS : NV_EV_UPS;
	const char *dev = n->device == NV_KIND_STS ? "STS" : "UPS";
	char text[NV_EV_TEXT];

	switch (n->kind) {
	case NV_NOTE_CONDITION:
		nv_event_make(&out[0], src, level_of(n->severity),
		    n->set ? NV_EV_SET : NV_EV_CLEARED, n->cond, n->wallclock, n->text);
		return 1;
	case NV_NOTE_COMM:
		/* the device's log says it is (not) connected, the agent's why */
		snprintf(text, sizeof(text), "%s %s", dev,
		    n->comm == NV_COMM_LOST ? "not connected" : "connected");
		nv_event_make(&out[0], src, level_of(n->severity), NV_EV_ONCE, -1,
		    n->wallclock, text);
		nv_event_make(&out[1], NV_EV_AGENT, level_of(n->severity), NV_EV_ONCE, -1,
		    n->wallclock, n->text);
		return 2;
	default:
		return 0;
	}
}
