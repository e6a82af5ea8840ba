/*
 * handler.h — the notification plug-in interface.  Everything that reacts
 * to the device is a plug-in (trap, mail, syslog, exec, eventlog,
 * shutdown, wol, the modbus-tcp and bacnet gateways): one struct of
 * functions; the registry walks a NULL-terminated list of them and never
 * knows which ones exist.  Every call happens in the main thread.
 *
 * A plug-in learns of the device in exactly two ways:
 *
 *  1. Edges: handle() gets every notification of the kinds it takes
 *     (notification.h): traps as sent, conditions set / cleared as read,
 *     communication lost / up, UPS commands done.  The event engine is
 *     the only code that compares snapshots; a plug-in never diffs one.
 *  2. Levels: env->snap, the newest snapshot, read-only.  A plug-in that
 *     acts on a level (battery below N %, a schedule) reads it from its
 *     tick() or when a notification arrives; it keeps no copy to compare.
 *
 * What it may do to the agent is env->act: nothing else of the daemon is
 * reachable from here.  Of the configuration it sees its own section
 * (env->section, picked by its ops->section) and the agent's identity.
 */
#ifndef NV_HANDLER_H
#define NV_HANDLER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>

#include "model.h"
#include "notification.h"

struct nv_config;
struct nv_logs;
struct nv_reg_image;
struct nv_resolver;
struct nv_system_cfg;

/* What a plug-in may ask of the agent (NULL members or act: not here,
 * e.g. under snmptrapd). */
struct nv_handler_actions {
	void *arg;
	/* Raise an agent notification (enum nv_agent_event, events.h). */
	void (*agent_event)(void *arg, int what);
	/* UPS shut-off / its cancel, queued to the device: 0, or -1 refused. */
	int (*ups_shutoff)(void *arg, int delay_s, int restart_min);
	int (*ups_shutoff_cancel)(void *arg);
	/* The longest shut-off delay the device takes (s); 0 = not known now. */
	int (*ups_shutoff_max_delay)(void *arg);
	/* Wake-on-LAN to every enabled target: how many, or -1. */
	int (*wol_send)(void *arg);
	/* A one-word UPS command (enum nv_cmd_kind) asked by WHO, through the
	 * control layer (ups_control.h nv_ups_command: its checks, its log):
	 * 0 queued, DONE(COOKIE, status, text) from the main loop once the
	 * device answered; -1 refused now, why in why. */
	int (*ups_command)(void *arg, int kind, const char *who,
	    void (*done)(void *cookie, int status, const char *text), void *cookie,
	    char *why, size_t whylen);
	/* Has the device a register for KIND now (asked quietly)? */
	bool (*ups_command_available)(void *arg, int kind);
	/* The longest shutdown duration of the clients other plug-ins serve
	 * (the NUT server's logged-in clients), s, with who in who; 0: none. */
	int (*clients_longest)(void *arg, char *who, size_t wholen);
};

/* One device as the plug-ins see it (env->devices): its name, its newest
 * snapshot and raw registers, its logs, and what may be asked of it. */
struct nv_handler_device {
	const char *name;                       /* as configured: "ups", "ups-a" */
	const struct nv_snapshot *snap;
	const struct nv_reg_image *image;       /* NULL: none */
	struct nv_logs *const *logs;            /* NULL or *logs NULL: none */
	const struct nv_handler_actions *act;   /* NULL: no actions */
};

struct nv_handler_env {
	const void *section;                    /* its own config section */
	const struct nv_system_cfg *system;     /* name, contact, location */
	const struct nv_snapshot *snap;         /* levels: newest state; NULL: none */
	const struct timespec *started;         /* CLOCK_MONOTONIC at start */
	struct nv_logs *const *logs;            /* persistent logs; NULL or *logs NULL: none */
	struct nv_resolver *resolver;           /* names off the main thread; NULL: inline */
	const struct nv_handler_actions *act;   /* NULL: no actions */
	/* snap's raw registers (reg_image.h), NULL when none: for the
	 * gateways that serve registers as the UPS gives them, nobody else */
	const struct nv_reg_image *image;
	/* every device the agent serves, [0] the first (snap, logs, act and
	 * image above are devices[0]'s); n->device_no indexes it */
	const struct nv_handler_device *devices;
	size_t ndevices;
};

struct nv_handler_ops {
	const char *name;
	/* Its section of the configuration (env->section); NULL: none. */
	const void *(*section)(const struct nv_config *cfg);
	/* NV_NOTE_BIT()s of the notification kinds handle() takes. */
	unsigned kinds;
	/* A plug-in the config asks for that cannot start stops the agent
	 * (the shutdown listener); any other is left out. */
	bool required;
	/* Set *state; 0, or -1 with one line in err (the plug-in is off). */
	int (*init)(void **state, const struct nv_handler_env *env, char *err,
	    size_t errlen);
	void (*handle)(void *state, const struct nv_notification *n);
	/* New config (SIGHUP, SNMP SET); 0, or -1 keeping the old settings. */
	int (*reload)(void *state, const struct nv_handler_env *env);
	void (*fini)(void *state);
	/* Optional: called on every main-loop turn (at least once a second);
	 * must be cheap.  For results of worker threads, timers and levels. */
	void (*tick)(void *state);
	/* Optional: descriptors to watch and when to wake next, then serve
	 * what is ready (a plug-in with its own socket). */
	void (*fill)(void *state, fd_set *rd, int *maxfd, struct timeval *tv);
	void (*process)(void *state, const fd_set *rd);
};

#define NV_HANDLERS_MAX 16

struct nv_handlers {
	size_t n;
	struct {
		const struct nv_handler_ops *ops;
		void *state;
	} h[NV_HANDLERS_MAX];
};

/* What plug-in OPS sees of CFG: BASE with its section and identity. */
struct nv_handler_env nv_handler_env_for(const struct nv_handler_ops *ops,
    const struct nv_handler_env *base, const struct nv_config *cfg);

/* Start every plug-in of the NULL-terminated list on CFG; one that fails
 * to start is left out (its reason logged).  0, or -1 when a required one
 * failed (its reason in err; none left running). */
int nv_handlers_init(struct nv_handlers *hs, const struct nv_handler_ops *const *list,
    const struct nv_handler_env *base, const struct nv_config *cfg,
    char *err, size_t errlen);
/* Hand N to every plug-in that takes its kind. */
void nv_handlers_dispatch(struct nv_handlers *hs, const struct nv_notification *n);
void nv_handlers_reload(struct nv_handlers *hs, const struct nv_handler_env *base,
    const struct nv_config *cfg);
void nv_handlers_fini(struct nv_handlers *hs);
void nv_handlers_tick(struct nv_handlers *hs);
void nv_handlers_fill(struct nv_handlers *hs, fd_set *rd, int *maxfd, struct timeval *tv);
void nv_handlers_process(struct nv_handlers *hs, const fd_set *rd);
/* The state of the running plug-in NAME, or NULL (control commands). */
void *nv_handlers_state(struct nv_handlers *hs, const char *name);

/* Matches the engine's emit callback: arg is a struct nv_handlers. */
void nv_handlers_emit(const struct nv_notification *n, void *arg);

/* The device N is about (env->devices[n->device_no]); NULL when the env
 * has no device list (nvtraphandle) or N names none of it. */
const struct nv_handler_device *nv_handler_device_of(const struct nv_handler_env *env,
    const struct nv_notification *n);
/* The device name a message about N carries: NULL while the agent serves
 * one device (messages stay as they were before devices had names),
 * n->device_name when it serves several; without a device list
 * (nvtraphandle) the name a received trap carried, if any. */
const char *nv_handler_device_named(const struct nv_handler_env *env,
    const struct nv_notification *n);

/* For plug-ins: an entry in the agent event log, or a syslog line when
 * there is none (nvtraphandle, tests). */
void nv_handler_agentlog(const struct nv_handler_env *env, enum nv_ev_level level,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The plug-ins compiled into nvagentd (handlers/builtin.c). */
extern const struct nv_handler_ops *const nv_builtin_handlers[];

#endif
