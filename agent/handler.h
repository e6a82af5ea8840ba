/*
 * handler.h — the notification plug-in interface.  A plug-in (trap, mail,
 * syslog, shutdown, wol, exec, eventlog) is one struct of four functions;
 * the registry walks a NULL-terminated list of them and never knows which
 * ones exist.  Every call happens in the main thread.
 */
#ifndef NV_HANDLER_H
#define NV_HANDLER_H

#include <stddef.h>
#include <sys/select.h>

#include "config.h"
#include "eventlog.h"
#include "model.h"
#include "notification.h"

struct nv_logs;
struct nv_reg_image;
struct nv_resolver;

/* What a plug-in may look at: the running config and the newest model. */
struct nv_handler_env {
	const struct nv_config *cfg;
	const struct nv_snapshot *snap;
	const struct timespec *started;         /* CLOCK_MONOTONIC at start */
	struct nv_logs *const *logs;            /* agent event log; NULL or *logs NULL: none */
	/* snap's raw registers (reg_image.h), NULL when none: for the
	 * gateways that serve registers as the UPS gives them, nobody else */
	const struct nv_reg_image *image;
	struct nv_resolver *resolver;           /* names off the main thread; NULL: inline */
};

struct nv_handler_ops {
	const char *name;
	/* Set *state; 0, or -1 after logging why (the plug-in is then off). */
	int (*init)(void **state, const struct nv_handler_env *env);
	void (*handle)(void *state, const struct nv_notification *n);
	/* New config (SIGHUP, SNMP SET); 0, or -1 keeping the old settings. */
	int (*reload)(void *state, const struct nv_handler_env *env);
	void (*fini)(void *state);
	/* Optional: called on every main-loop turn (at least once a second);
	 * must be cheap.  For results of worker threads and timers. */
	void (*tick)(void *state);
	/* Optional, for plug-ins that serve a network protocol: add the fds
	 * to watch (and shorten *tv to the next own deadline), then handle
	 * those that are ready.  Neither may ever block. */
	void (*fill_fds)(void *state, fd_set *rd, fd_set *wr, int *maxfd,
	    struct timeval *tv);
	void (*process_fds)(void *state, const fd_set *rd, const fd_set *wr);
};

#define NV_HANDLERS_MAX 16

struct nv_handlers {
	size_t n;
	struct {
		const struct nv_handler_ops *ops;
		void *state;
	} h[NV_HANDLERS_MAX];
};

/* Start every plug-in of the NULL-terminated list; one that fails to
 * start is left out (and has said why).  Returns how many run. */
size_t nv_handlers_init(struct nv_handlers *hs,
    const struct nv_handler_ops *const *list, const struct nv_handler_env *env);
void nv_handlers_dispatch(struct nv_handlers *hs, const struct nv_notification *n);
void nv_handlers_reload(struct nv_handlers *hs, const struct nv_handler_env *env);
void nv_handlers_fini(struct nv_handlers *hs);
void nv_handlers_tick(struct nv_handlers *hs);
void nv_handlers_fill_fds(struct nv_handlers *hs, fd_set *rd, fd_set *wr, int *maxfd,
    struct timeval *tv);
void nv_handlers_process_fds(struct nv_handlers *hs, const fd_set *rd, const fd_set *wr);
/* The state of the running plug-in NAME, or NULL (control commands). */
void *nv_handlers_state(struct nv_handlers *hs, const char *name);

/* Matches the engine's emit callback: arg is a struct nv_handlers. */
void nv_handlers_emit(const struct nv_notification *n, void *arg);

/* For plug-ins: an entry in the agent event log, or a syslog line when
 * there is none (nvtraphandle, tests). */
void nv_handler_agentlog(const struct nv_handler_env *env, enum nv_ev_level level,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The plug-ins compiled into nvagentd (handlers/builtin.c). */
extern const struct nv_handler_ops *const nv_builtin_handlers[];

#endif
