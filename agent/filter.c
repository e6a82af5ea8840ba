/*
 * filter.c — the severity / event-list filter of every output (filter.h).
 */
#include <string.h>

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
