/*
 * socomec_devices.c — upsDevicesTable: the protected devices (nvshutdown
 * clients and logged-in NUT clients) as the SOCOMEC MIB shows them.  The client table is walked in
 * index order for every request; it holds at most a few hundred rows.
 */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "mib_view.h"
#include "nvconfig.h"
#include "shutdown.h"
#include "socomec_devices.h"
#include "socomec_values.h"

struct next_arg {
	int after, found;
};

static void pick_next(const struct nv_shutdown_client_row *r, void *arg)
{
	struct next_arg *a = arg;

	if (r->index > a->after && (a->found < 0 || r->index < a->found))
		a->found = r->index;
}

int nv_sdev_rows(const struct nv_mib_view *view, int after)
{
	struct next_arg a = { after, -1 };

	if (view->shutdown_clients.each != NULL)
		view->shutdown_clients.each(view->shutdown_clients.src, pick_next, &a);
	return a.found;
}

struct find_arg {
	int index;
	bool found;
	struct nv_shutdown_client_row row;
};

static void pick_row(const struct nv_shutdown_client_row *r, void *arg)
{
	struct find_arg *a = arg;

	if (r->index == a->index) {
		a->row = *r;
		a->found = true;
	}
}

/* The address without its port ("[IPv6]:port" without its brackets too):
 * the MIB column is the device's IP. */
static void host_part(const char *addr, char *buf, size_t len)
{
	const char *colon = strrchr(addr, ':');
	size_t n = colon != NULL ? (size_t)(colon - addr) : strlen(addr);

	if (addr[0] == '[' && n >= 2 && addr[n - 1] == ']') {
		addr++;
		n -= 2;
	}
	if (n >= len)
		n = len - 1;
	memcpy(buf, addr, n);
	buf[n] = '\0';
}

void nv_sdev_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	struct find_arg a = { .index = row };
	char buf[32], date[11], tod[9];

	if (view->shutdown_clients.each == NULL)
		return;
	view->shutdown_clients.each(view->shutdown_clients.src, pick_row, &a);
	if (!a.found)
		return;                 /* row went away: no value */
	switch (o->arg) {
	case SDEV_INDEX:
		mib_set_int(v, a.row.index);
		break;
	case SDEV_ADDR:
		host_part(a.row.address, buf, sizeof(buf));
		mib_set_str(v, buf, 31);
		break;
	case SDEV_NAME:
		mib_set_str(v, a.row.name, 31);
		break;
	case SDEV_TIME:
		/* the agent's own date and time format (upsAgentDate / Time) */
		sv_format_date(a.row.connected_since, date, sizeof(date));
		sv_format_time(a.row.connected_since, tod, sizeof(tod));
		snprintf(buf, sizeof(buf), "%s %s", date, tod);
		mib_set_str(v, buf, 31);
		break;
	case SDEV_STATUS:
		mib_set_int(v, a.row.status);
		break;
	case SDEV_SEVERITY:
		mib_set_int(v, a.row.severity);
		break;
	}
}
