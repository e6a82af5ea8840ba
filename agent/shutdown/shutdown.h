/*
 * shutdown.h — shutdown management in nvagentd, a handler plug-in: the
 * shutdown events of the manual (on battery, battery low ...) drive a
 * sequence of warnings, a shutdown request to the nvshutdown clients, the
 * UPS shut-off and, after an AC failure, Wake-on-LAN when power is back.
 * The warning period is reversible: an event that ends in time cancels the
 * sequence.  Its settings are the config's shutdown section.
 */
#ifndef NV_SHUTDOWN_H
#define NV_SHUTDOWN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "handler.h"

extern const struct nv_handler_ops nv_handler_shutdown;

/* The plug-in's state (nv_handlers_state(..., "shutdown")). */
struct nv_shutdown;

/* One row of the client table (upsDevicesTable, nvctl clients): the
 * nvshutdown clients, and the NUT server's logged-in sessions. */
enum nv_sd_client_status { NV_SDC_CONNECTED = 1, NV_SDC_LOST = 2 };
enum nv_sd_client_severity {
	NV_SDS_NONE = 0,        /* nothing sent but state replies */
	NV_SDS_WARNING = 1,     /* in a warning period */
	NV_SDS_SHUTDOWN = 2,    /* shutdown request sent */
};
struct nv_shutdown_client_row {
	int index;                      /* 1.., stable while the agent runs */
	char address[32];               /* "192.0.2.7:40123" */
	char name[32];
	time_t connected_since;         /* wall clock of its first heartbeat */
	int status;                     /* enum nv_sd_client_status */
	int severity;                   /* enum nv_sd_client_severity */
	int duration_s;                 /* its announced shutdown duration */
	const char *kind;               /* "nvshutdown", "NUT upsmon secondary" ... */
	unsigned feeds_mask;            /* the devices feeding it (bits); 0 = not known */
	char feeds[256];                /* their names, comma-separated; "" = not known */
};

typedef void (*nv_shutdown_client_fn)(const struct nv_shutdown_client_row *row,
    void *arg);

/* Clients are served (a shutdown section); false for NULL. */
bool nv_shutdown_serving(const struct nv_shutdown *sd);
/* Call fn for every client in index order; returns how many (0 for NULL). */
size_t nv_shutdown_clients(const struct nv_shutdown *sd, nv_shutdown_client_fn fn,
    void *arg);
/* Packet counters of the listener (serving only). */
struct nv_sd_counters;
const struct nv_sd_counters *nv_shutdown_counters(const struct nv_shutdown *sd);
/* Start a shutdown test: NULL, or why it cannot start. */
const char *nv_shutdown_test(struct nv_shutdown *sd);
int nv_shutdown_test_cancel_after(const struct nv_shutdown *sd);

#endif
