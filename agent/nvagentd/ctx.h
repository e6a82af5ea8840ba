/*
 * ctx.h — one device's context in the main loop: with the daemon's few
 * shared parts (main.c: signals, control socket, AgentX), the only mutable
 * state of nvagentd outside the poller threads.  Each device has one; the
 * plug-ins (outputs) and the resolver are shared, every ctx points at the
 * same ones.  The main loop, the control socket and the MIBs' SET
 * transactions get a pointer to a device's; MIB getters get only
 * ctx->view (mib_view.h) and plug-ins their own env (handler.h).
 */
#ifndef NV_CTX_H
#define NV_CTX_H

#include <stdbool.h>
#include <time.h>

#include "mib_view.h"
#include "model.h"
#include "notification.h"
#include "nvconfig.h"
#include "ups_countdown.h"

struct nv_logs;
struct nv_mib_state;
struct nv_outputs;
struct nv_poller;
struct nv_env_poller;
struct nv_reg_image;
struct nv_resolver;
struct nv_sched;
struct nv_upsctl;

/* net-snmp's log on its way to nv_log (agentx.c): lines come in pieces,
 * and the failed reconnects while the master is down are counted. */
struct nv_agentx_log {
	char line[1024];
	size_t len;
	bool master_down;
	unsigned failures;
};

struct nv_ctx {
	char name[NV_DEVICE_NAME_MAX];          /* the device's, as configured */
	unsigned no;                            /* its place: 0 = the first */
	struct nv_config cfg;                   /* nv_config_for_device()'s */
	struct nv_poller *poller;
	struct nv_env_poller *env_poller;       /* a sensor on a line of its own */
	struct nv_env env;                      /* the sensor's newest reading */
	struct nv_snapshot snap;                /* newest state, env merged in */
	/* snap's raw registers, for the register gateways only (reg_image.h) */
	struct nv_reg_image *image;
	struct timespec started;                /* CLOCK_MONOTONIC at start */
	/* what the MIB getters read: points into this context (set at start)
	 * and at what the event engine and the plug-ins keep */
	struct nv_mib_view view;
	struct nv_outputs *outputs;             /* engines + plug-ins, shared (outputs.c) */
	struct nv_mib_state *mib;               /* MIB trees' sampled state (mib_state.h) */
	struct nv_logs *logs;                   /* persistent logs (logs.c) */
	struct nv_upsctl *upsctl;               /* UPS shut-off commands (ups_control.c) */
	struct nv_sched *sched;                 /* schedules run (schedule.c) */
	int32_t test_spinlock;                  /* RFC 1628 upsTestSpinLock */
	/* the UPS's delayed off / restart order as RFC 1628's countdowns */
	struct nv_countdown countdown;
	struct nv_resolver *resolver;           /* host names, off the main thread, shared */
	bool traps_changed;                     /* receivers set over SNMP: outputs.c reloads */
	bool schedule_changed;                  /* schedules set over SNMP: outputs.c replans */
};

/* Every device of the daemon, in configuration order: [0] the first. */
struct nv_devices {
	struct nv_ctx *dev[NV_DEVICES_MAX];
	size_t n;
};

#endif
