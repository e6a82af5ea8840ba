/*
 * mib_view.h — what a MIB getter reads, read-only: the newest snapshot,
 * the derived tables the event engine keeps, the settings the MIBs serve
 * and the MIB's own sampled state.  Getters never see the daemon context;
 * SET transactions (mib_walk.h's txn ops) get the context they change.
 */
#ifndef NV_MIB_VIEW_H
#define NV_MIB_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model.h"

struct nv_alarm_table;
struct nv_config;
struct nv_countdown;
struct nv_mib_state;
struct nv_shutdown_client_row;
struct rfc1628_state;

struct nv_mib_view {
	const struct nv_snapshot *snap;         /* newest device state */
	const struct nv_config *cfg;            /* settings the MIBs serve */
	const struct timespec *started;         /* CLOCK_MONOTONIC at start */
	const struct nv_mib_state *mib;         /* min / max windows, clock */
	/* kept by the event engine (NULL until it runs): the alarm tables
	 * (SOCOMEC, RFC 1628) and RFC 1628's line bads and last test */
	const struct nv_alarm_table *alarms, *rfc_alarms;
	const struct rfc1628_state *rfc_state;
	const int32_t *test_spinlock;           /* RFC 1628 upsTestSpinLock */
	const struct nv_countdown *countdown;   /* RFC 1628 upsControl (ups_countdown.h) */
	/* the device's name when the agent serves several (RFC 1628
	 * upsIdentName, as its traps name it); NULL: the agent's name */
	const char *device_name;
	/* upsDevicesTable rows: the shutdown and NUT plug-ins' clients, each(src, ...)
	 * calls fn for every one; each NULL: none */
	struct {
		size_t (*each)(const void *src,
		    void (*fn)(const struct nv_shutdown_client_row *row, void *arg),
		    void *arg);
		const void *src;
	} shutdown_clients;
};

#endif
