/*
 * ctx.h — the main-loop context: the only mutable state of nvagentd outside
 * the poller thread.  Everything the main thread runs (net-snmp handlers,
 * the control socket, timers) gets a pointer to it.
 */
#ifndef NV_CTX_H
#define NV_CTX_H

#include <signal.h>
#include <stdbool.h>
#include <time.h>

#include "config.h"
#include "model.h"
#include "poller.h"

struct nv_alarm_table;
struct nv_notify;
struct nv_mib_state;
struct nv_logs;
struct nv_shutdown;
struct nv_upsctl;
struct nv_shutdown_client_row;
struct nv_reg_image;
struct nv_resolver;

/* net-snmp's log on its way to nv_log (agentx.c): lines come in pieces,
 * and the failed reconnects while the master is down are counted. */
struct nv_agentx_log {
	char line[1024];
	size_t len;
	bool master_down;
	unsigned failures;
};

struct nv_ctx {
	struct nv_config cfg;
	struct nv_poller *poller;
	struct nv_snapshot snap;                /* newest state, read by MIBs */
	struct nv_snapshot prev;                /* the one before, for diffs */
	/* snap's raw registers, for the register gateways only (reg_image.h) */
	const struct nv_reg_image *image;
	struct timespec started;                /* CLOCK_MONOTONIC at start */
	struct nv_alarm_table *alarms;          /* upsAlarmTable rows */
	struct nv_notify *notify;               /* event engine + plug-ins (notify.c) */
	struct nv_mib_state *mib;               /* MIB trees' derived state (mib-modules/mib_state.h) */
	struct nv_logs *logs;                   /* persistent logs (logs.c) */
	struct nv_shutdown *shutdown;           /* nvshutdown clients, sequence (shutdown.c) */
	struct nv_upsctl *upsctl;               /* UPS shut-off / WOL state (ups_control.c) */
	/* upsDevicesTable rows: nv_shutdown_clients while shutdown.c serves
	 * clients, else NULL (the MIB lives in libnvcore, shutdown.c does not) */
	size_t (*shutdown_clients)(const struct nv_ctx *ctx,
	    void (*fn)(const struct nv_shutdown_client_row *row, void *arg), void *arg);
	struct nv_resolver *resolver;           /* host names, off the main thread (resolver.c) */
	struct nv_agentx_log agentx_log;
	int control_fd;                         /* listening control socket */
	bool traps_changed;                     /* receivers set over SNMP: notify.c reloads */
	volatile sig_atomic_t stop, reload;
};

#endif
