/*
 * handler.c — the plug-in registry: start, feed, reload and stop the
 * notification handlers of a list, in list order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag_log.h"
#include "handler.h"
#include "logs.h"
#include "nvconfig.h"

struct nv_handler_env nv_handler_env_for(const struct nv_handler_ops *ops,
    const struct nv_handler_env *base, const struct nv_config *cfg)
{
	struct nv_handler_env env = *base;

	env.section = ops->section != NULL ? ops->section(cfg) : NULL;
	env.system = &cfg->system;
	return env;
}

int nv_handlers_init(struct nv_handlers *hs, const struct nv_handler_ops *const *list,
    const struct nv_handler_env *base, const struct nv_config *cfg,
    char *err, size_t errlen)
{
	hs->n = 0;
	for (; *list != NULL && hs->n < NV_HANDLERS_MAX; list++) {
		struct nv_handler_env env = nv_handler_env_for(*list, base, cfg);
		void *state = NULL;

		snprintf(err, errlen, "%s: cannot start", (*list)->name);
		if ((*list)->init(&state, &env, err, errlen) == -1) {
			if ((*list)->required) {
				nv_handlers_fini(hs);
				return -1;
			}
			nv_log(LOG_ERR, "handler %s: not started: %s", (*list)->name, err);
			continue;
		}
		hs->h[hs->n].ops = *list;
		hs->h[hs->n].state = state;
		hs->n++;
	}
	return 0;
}

void nv_handlers_dispatch(struct nv_handlers *hs, const struct nv_notification *n)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i].ops->kinds & NV_NOTE_BIT(n->kind))
			hs->h[i].ops->handle(hs->h[i].state, n);
}

void nv_handlers_emit(const struct nv_notification *n, void *arg)
{
	nv_handlers_dispatch(arg, n);
}

void nv_handlers_reload(struct nv_handlers *hs, const struct nv_handler_env *base,
    const struct nv_config *cfg)
{
	for (size_t i = 0; i < hs->n; i++) {
		struct nv_handler_env env = nv_handler_env_for(hs->h[i].ops, base, cfg);

		if (hs->h[i].ops->reload(hs->h[i].state, &env) == -1)
			nv_log(LOG_ERR, "handler %s: reload refused, old settings kept",
			    hs->h[i].ops->name);
	}
}

void nv_handlers_fini(struct nv_handlers *hs)
{
	for (size_t i = hs->n; i > 0; i--)
		hs->h[i - 1].ops->fini(hs->h[i - 1].state);
	hs->n = 0;
}

void nv_handlers_tick(struct nv_handlers *hs)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i].ops->tick != NULL)
			hs->h[i].ops->tick(hs->h[i].state);
}

void nv_handlers_fill(struct nv_handlers *hs, fd_set *rd, int *maxfd, struct timeval *tv)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i].ops->fill != NULL)
			hs->h[i].ops->fill(hs->h[i].state, rd, maxfd, tv);
}

void nv_handlers_process(struct nv_handlers *hs, const fd_set *rd)
{
	for (size_t i = 0; i < hs->n; i++)
		if (hs->h[i].ops->process != NULL)
			hs->h[i].ops->process(hs->h[i].state, rd);
}

void *nv_handlers_state(struct nv_handlers *hs, const char *name)
{
	for (size_t i = 0; i < hs->n; i++)
		if (strcmp(hs->h[i].ops->name, name) == 0)
			return hs->h[i].state;
	return NULL;
}

const struct nv_handler_device *nv_handler_device_of(const struct nv_handler_env *env,
    const struct nv_notification *n)
{
	return env->devices != NULL && n->device_no < env->ndevices ?
	    &env->devices[n->device_no] : NULL;
}

const char *nv_handler_device_named(const struct nv_handler_env *env,
    const struct nv_notification *n)
{
	if (n->device_name[0] == '\0' || (env->devices != NULL && env->ndevices <= 1))
		return NULL;
	return n->device_name;
}

void nv_handler_agentlog(const struct nv_handler_env *env, enum nv_ev_level level,
    const char *fmt, ...)
{
	char text[NV_EV_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* nv_agentlog() logs through nv_log() too, and alone when no logs are open */
	nv_agentlog(env->logs != NULL ? *env->logs : NULL, level, "%s", text);
}
