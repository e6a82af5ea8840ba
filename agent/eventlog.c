/* eventlog.c — device events from condition changes; see eventlog.h. */
#include <stdio.h>
#include <string.h>

#include "eventlog.h"

#define I NV_EV_INFO
#define W NV_EV_WARNING
#define C NV_EV_CRITICAL

/* What the event log says for each condition, and how serious it is. */
static const struct cond_event {
	const char *text;
	enum nv_ev_level level;
} cond_events[NV_C_COUNT] = {
	[NV_C_INPUT_PRESENT]        = { "Rectifier input supply present", I },
	[NV_C_RECTIFIER_ON]         = { "Rectifier on", I },
	[NV_C_INVERTER_ON]          = { "Inverter on", I },
	[NV_C_ON_INVERTER]          = { "Load protected by inverter", I },
	[NV_C_ON_BYPASS]            = { "Load on bypass", W },
	[NV_C_ON_MAINT_BYPASS]      = { "On maintenance bypass", W },
	[NV_C_LOAD_OFF]             = { "Load off", C },
	[NV_C_SYSTEM_OFF]           = { "UPS system off", W },
	[NV_C_ECO_MODE]             = { "UPS in eco mode", I },
	[NV_C_STANDBY]              = { "On standby", I },
	[NV_C_ON_BATTERY]           = { "Operating on battery", W },
	[NV_C_BATTERY_LOW]          = { "End of backup time / battery low", C },
	[NV_C_BATTERY_DISCHARGED]   = { "Battery discharged", C },
	[NV_C_BATTERY_CHARGING]     = { "Battery charging", I },
	[NV_C_BATTERY_OK]           = { "Battery OK", I },
	[NV_C_BATTERY_TEST_RUNNING] = { "Battery test in progress", I },
	[NV_C_BATTERY_TEST_FAILED]  = { "Battery test failed", W },
	[NV_C_BYPASS_PRESENT]       = { "Bypass input supply present", I },
	[NV_C_REMOTE_CONTROL_OFF]   = { "Remote controls disabled", I },
	[NV_C_AUTOTEST_RUNNING]     = { "Auto-test in progress", I },
	[NV_C_PARALLEL]             = { "Unit in parallel system", I },
	[NV_C_IMMINENT_STOP]        = { "UPS imminent stop", C },
	[NV_C_OVERLOAD]             = { "Overload alarm", W },
	[NV_C_TEMPERATURE]          = { "Ambient temperature alarm", W },
	[NV_C_TRANSFER_LOCKED]      = { "Transfer locked", W },
	[NV_C_TRANSFER_IMPOSSIBLE]  = { "Transfer impossible", W },
	[NV_C_INSUFFICIENT_RESOURCES] = { "Insufficient resources", W },
	[NV_C_REDUNDANCY_LOST]      = { "Redundancy lost", W },
	[NV_C_OUTPUT_SHORT_CIRCUIT] = { "Output short circuit detected", C },
	[NV_C_MAINTENANCE]          = { "Maintenance alarm", W },
	[NV_C_REMOTE_SERVICE]       = { "Remote service alarm", W },
	[NV_C_GENERAL_ALARM]        = { "General alarm", W },
	[NV_C_BATTERY_CIRCUIT_OPEN] = { "Battery disconnected", C },
	[NV_C_BATTERY_TEMPERATURE]  = { "Battery temperature alarm", W },
	[NV_C_BATTERY_ROOM]         = { "Battery room alarm", W },
	[NV_C_BATTERY_FAULT]        = { "Battery alarm", W },
	[NV_C_RECTIFIER_FAULT]      = { "Rectifier critical alarm", C },
	[NV_C_RECTIFIER_ALARM]      = { "Rectifier preventive alarm", W },
	[NV_C_INPUT_BAD]            = { "Rectifier input supply not OK", W },
	[NV_C_GENSET_ALARM]         = { "Generator set alarm", W },
	[NV_C_CHARGER_FAULT]        = { "Charger critical alarm", C },
	[NV_C_CHARGER_ALARM]        = { "Charger preventive alarm", W },
	[NV_C_INVERTER_FAULT]       = { "Inverter critical alarm", C },
	[NV_C_INVERTER_ALARM]       = { "Inverter preventive alarm", W },
	[NV_C_BYPASS_FAULT]         = { "Bypass critical alarm", C },
	[NV_C_BYPASS_ALARM]         = { "Bypass preventive alarm", W },
	[NV_C_BYPASS_INPUT_BAD]     = { "Bypass input supply not OK", W },
	[NV_C_PHASE_ROTATION]       = { "Phase rotation fault", W },
	[NV_C_FAN_FAILURE]          = { "Fan failure", W },
	[NV_C_MAINT_BYPASS_ALARM]   = { "Maintenance bypass alarm", W },
	[NV_C_POWER_OFF_ACTIVE]     = { "UPS power off (ESD) active", C },
	[NV_C_WRONG_CONFIG]         = { "Wrong configuration", W },
	[NV_C_INTERNAL_FAILURE]     = { "Internal / communication failure", C },
	[NV_C_OPTION_BOARD]         = { "Option board alarm", W },
	[NV_C_EXTERNAL_ALARM1]      = { "External input 1 alarm", W },
	[NV_C_EXTERNAL_ALARM2]      = { "External input 2 alarm", W },
	[NV_C_EXTERNAL_ALARM3]      = { "External input 3 alarm", W },
	[NV_C_EXTERNAL_ALARM4]      = { "External input 4 alarm", W },
	/* NV_C_UNIT_ALARM1..12: "Unit N general alarm", built below */
	[NV_C_STS_S1_OK]            = { "STS source 1 OK", I },
	[NV_C_STS_S1_CRITICAL]      = { "STS source 1 critical", C },
	[NV_C_STS_S1_OUT_OF_TOL]    = { "STS source 1 out of tolerance", W },
	[NV_C_STS_S1_ABSENT]        = { "STS source 1 absent", W },
	[NV_C_STS_S2_OK]            = { "STS source 2 OK", I },
	[NV_C_STS_S2_CRITICAL]      = { "STS source 2 critical", C },
	[NV_C_STS_S2_OUT_OF_TOL]    = { "STS source 2 out of tolerance", W },
	[NV_C_STS_S2_ABSENT]        = { "STS source 2 absent", W },
	[NV_C_STS_S1_PREFERRED]     = { "STS S1 is the preferred source", I },
	[NV_C_STS_SYNCHRO]          = { "STS sources permanently synchronised", I },
	[NV_C_STS_SLIDING]          = { "STS sliding sources", W },
	[NV_C_STS_ASYNCHRO]         = { "STS sources not synchronised", W },
	[NV_C_STS_ON_PREFERRED]     = { "STS load on preferred source", I },
	[NV_C_STS_ON_ALTERNATE]     = { "STS load on alternate source", W },
	[NV_C_STS_LOAD_OFF]         = { "STS load off", C },
	[NV_C_STS_ON_MBP1]          = { "STS load on manual bypass 1", W },
	[NV_C_STS_ON_MBP2]          = { "STS load on manual bypass 2", W },
	[NV_C_STS_ON_S1]            = { "STS load on S1", I },
	[NV_C_STS_ON_S2]            = { "STS load on S2", I },
	[NV_C_STS_OUTPUT_OK]        = { "STS output OK", I },
	[NV_C_STS_OUTPUT_OUT_OF_TOL] = { "STS output out of tolerance", W },
	[NV_C_STS_OUTPUT_ABSENT]    = { "STS output absent", W },
	[NV_C_STS_REMOTE_ENABLED]   = { "STS remote controls enabled", I },
	[NV_C_STS_IMMINENT_STOP]    = { "STS imminent stop", C },
	[NV_C_STS_OUTPUT_SHORT]     = { "STS output short circuit detected", W },
	[NV_C_STS_MANUAL_BYPASS]    = { "STS manual bypass alarm", W },
	[NV_C_STS_OVERLOAD]         = { "STS overload alarm", W },
	[NV_C_STS_CONSECUTIVE_DETECTIONS] = { "STS consecutive detections alarm", W },
	[NV_C_STS_SWITCHBACK_IMPOSSIBLE] = { "STS switchback impossible alarm", W },
	[NV_C_STS_TRANSFER_IMPOSSIBLE] = { "STS transfer impossible alarm", W },
	[NV_C_STS_PATH1_ALARM]      = { "STS power path 1 alarm", W },
	[NV_C_STS_PATH2_ALARM]      = { "STS power path 2 alarm", W },
	[NV_C_STS_BACKFEED]         = { "STS backfeed protection open", W },
	[NV_C_STS_TEMPERATURE]      = { "STS ambient temperature max", W },
	[NV_C_STS_PREVENTIVE]       = { "STS preventive alarm", W },
	[NV_C_STS_WRONG_CONFIG]     = { "STS wrong configuration", W },
	[NV_C_STS_CUSTOM_INPUT]     = { "STS custom input alarm", W },
	[NV_C_STS_MAINTENANCE]      = { "STS maintenance alarm", W },
	[NV_C_STS_GENERAL_ALARM]    = { "STS general alarm", W },
};

#undef I
#undef W
#undef C

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

const char *nv_cond_event_text(enum nv_cond c, char *buf, size_t len)
{
	if ((int)c < 0 || c >= NV_C_COUNT)
		return NULL;
	if (c >= NV_C_UNIT_ALARM1 && c <= NV_C_UNIT_ALARM12) {
		snprintf(buf, len, "Unit %d general alarm", c - NV_C_UNIT_ALARM1 + 1);
		return buf;
	}
	if (cond_events[c].text == NULL)
		return NULL;
	snprintf(buf, len, "%s", cond_events[c].text);
	return buf;
}

enum nv_ev_level nv_cond_event_level(enum nv_cond c)
{
	if ((int)c < 0 || c >= NV_C_COUNT)
		return NV_EV_INFO;
	if (c >= NV_C_UNIT_ALARM1 && c <= NV_C_UNIT_ALARM12)
		return NV_EV_WARNING;
	return cond_events[c].level;
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

void nv_eventlog_init(struct nv_eventlog *el)
{
	memset(el, 0, sizeof(*el));
	el->comm = NV_COMM_DETECTING;
}

static bool bit(const uint64_t *w, int c)
{
	return (w[c / 64] >> (c % 64)) & 1u;
}

/* The changes of conditions since the last known state. */
static int cond_events_diff(struct nv_eventlog *el, const struct nv_snapshot *s,
    enum nv_ev_source src, struct nv_event_rec *out)
{
	char text[NV_EV_TEXT];
	int n = 0;

	for (int c = 0; c < NV_C_COUNT; c++) {
		bool now = bit(s->sys.cond, c), was = el->known && bit(el->cond, c);

		if (now == was || nv_cond_event_text(c, text, sizeof(text)) == NULL)
			continue;
		/* an end of alarm is good news: logged as information */
		nv_event_make(&out[n++], src,
		    now ? nv_cond_event_level(c) : NV_EV_INFO,
		    now ? NV_EV_SET : NV_EV_CLEARED, c, s->wallclock, text);
	}
	memcpy(el->cond, s->sys.cond, sizeof(el->cond));
	el->known = true;
	return n;
}

int nv_eventlog_feed(struct nv_eventlog *el, const struct nv_snapshot *s,
    struct nv_event_rec *out)
{
	enum nv_ev_source src = s->kind == NV_KIND_STS ? NV_EV_STS : NV_EV_UPS;
	const char *dev = s->kind == NV_KIND_STS ? "STS" : "UPS";
	char text[NV_EV_TEXT];
	int n = 0;

	if (s->comm != el->comm && s->comm == NV_COMM_LOST) {
		snprintf(text, sizeof(text), "%s not connected", dev);
		nv_event_make(&out[n++], src, NV_EV_CRITICAL, NV_EV_ONCE, -1,
		    s->wallclock, text);
		snprintf(text, sizeof(text), "%s communication lost", dev);
		nv_event_make(&out[n++], NV_EV_AGENT, NV_EV_CRITICAL, NV_EV_ONCE, -1,
		    s->wallclock, text);
	} else if (s->comm != el->comm && s->comm == NV_COMM_OK) {
		snprintf(text, sizeof(text), "%s connected", dev);
		nv_event_make(&out[n++], src, NV_EV_INFO, NV_EV_ONCE, -1,
		    s->wallclock, text);
		snprintf(text, sizeof(text), "%s communication %s", dev,
		    el->comm == NV_COMM_LOST ? "restored" : "established");
		nv_event_make(&out[n++], NV_EV_AGENT, NV_EV_INFO, NV_EV_ONCE, -1,
		    s->wallclock, text);
	}
	el->comm = s->comm;
	/* without communication the conditions are unknown, not cleared */
	if (s->comm != NV_COMM_OK || (s->kind != NV_KIND_UPS && s->kind != NV_KIND_STS))
		return n;
	if (el->known && el->kind != s->kind)
		el->known = false;      /* another device: start from nothing */
	el->kind = s->kind;
	return n + cond_events_diff(el, s, src, out + n);
}
