/*
 * filter.c — the severity / event-list filter of every output and its
 * config keys (filter.h).
 */
#include <stdio.h>
#include <string.h>

#include <confuse.h>

#include "events.h"
#include "filter.h"

bool nv_filter_wants(enum nv_rcv_filter by, int severity,
    const char (*events)[32], size_t n_events, const struct nv_notification *n)
{
	if (n->to_all)
		return true;
	if (by == NV_RCV_BY_EVENTS) {
		for (size_t i = 0; i < n_events; i++)
			if (n->event != NULL && strcmp(events[i], n->event) == 0)
				return true;
		return false;
	}
	return (int)n->severity >= severity;
}

const char *nv_filter_parse(cfg_t *sec, enum nv_rcv_filter *by, int *severity,
    char (*events)[32], size_t *n_events)
{
	const char *s = cfg_getstr(sec, "filter");

	if (strcmp(s, "severity") == 0)
		*by = NV_RCV_BY_SEVERITY;
	else if (strcmp(s, "events") == 0)
		*by = NV_RCV_BY_EVENTS;
	else
		return "filter must be severity or events";
	if ((*severity = nv_severity_parse(cfg_getstr(sec, "severity"))) == -1)
		return "severity must be information, warning or critical";
	*n_events = 0;
	for (unsigned i = 0; i < cfg_size(sec, "events"); i++) {
		const char *e = cfg_getnstr(sec, "events", i);

		if (!nv_event_name_valid(e))
			return "events: unknown event name (see nvagent.conf(5))";
		if (*n_events == NV_RCV_MAX_EVENTS)
			return "events: too many names";
		snprintf(events[(*n_events)++], sizeof(events[0]), "%s", e);
	}
	return NULL;
}

const char *nv_filter_check(enum nv_rcv_filter by, size_t n_events)
{
	if (by == NV_RCV_BY_EVENTS && n_events == 0)
		return "filter = events needs a non-empty events list";
	return NULL;
}
