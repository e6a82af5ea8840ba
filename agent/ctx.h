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

#include "nvconfig.h"
#include "model.h"

struct nv_alarm_table;
struct rfc1628_state;
struct nv_notify;
struct nv_poller;
struct nv_mib_state;
struct nv_logs;
struct nv_shutdown_client_row;
struct nv_upsctl;

struct nv_ctx {
	struct nv_config cfg;
	struct nv_poller *poller;
	struct nv_snapshot snap;                /* newest state, read by MIBs */
	struct nv_snapshot prev;                /* the one before, for diffs */
	struct timespec started;                /* CLOCK_MONOTONIC at start */
	/* the alarm tables the event engine keeps (SOCOMEC, RFC 1628), for
	 * the MIBs to serve; NULL until the engine runs */
	const struct nv_alarm_table *alarms, *rfc_alarms;
	const struct rfc1628_state *rfc_state;  /* line bads, last test (engine) */
	struct nv_notify *notify;               /* event engine + plug-ins (notify.c) */
	struct nv_mib_state *mib;               /* MIB trees' derived state (mib-modules/mib_state.h) */
	struct nv_logs *logs;                   /* persistent logs (logs.c) */
	/* upsDevicesTable rows: the shutdown plug-in's clients, each(src, ...)
	 * calls fn for every one; each NULL: none */
	struct {
		size_t (*each)(const void *src,
		    void (*fn)(const struct nv_shutdown_client_row *row, void *arg),
		    void *arg);
		const void *src;
	} shutdown_clients;
	struct nv_upsctl *upsctl;               /* UPS shut-off / WOL state (ups_control.c) */
	int control_fd;                         /* listening control socket */
	bool traps_changed;                     /* receivers set over SNMP: notify.c reloads */
	volatile sig_atomic_t stop, reload;
};

#endif
