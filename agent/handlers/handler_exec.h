/*
 * handler_exec.h — the exec plug-in: runs a configured command for each
 * matching notification, without a shell, the notification in its
 * environment (NV_*), killed after its timeout.
 */
#ifndef NV_HANDLER_EXEC_H
#define NV_HANDLER_EXEC_H

#include <stdbool.h>

#include "handler.h"
#include "nvconfig.h"

extern const struct nv_handler_ops nv_handler_exec;

/* Wait for the running commands, at most timeout_s (nvtraphandle);
 * false when some were still running (they are then killed). */
bool nv_exec_flush(void *state, int timeout_s);

#define NV_EXEC_ENV_MAX (NV_VB_MAX + 25)     /* variables a command gets, NULL included */
#define NV_EXEC_VAR_MAX 640                 /* bytes of one NV_* variable */

/* The environment of a command run for N: the NV_* variables (strings
 * in store), then PATH, HOME, LANG and TZ of ours if set; envp ends with
 * NULL.  How many variables. */
int nv_exec_env(const struct nv_notification *n, const struct nv_system_cfg *sys,
    char store[][NV_EXEC_VAR_MAX], char **envp);

#endif
