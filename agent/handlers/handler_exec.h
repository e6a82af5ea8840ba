/*
 * handler_exec.h — the exec plug-in: runs a configured command for each
 * matching notification, without a shell, the notification in its
 * environment (NV_*), killed after its timeout.
 */
#ifndef NV_HANDLER_EXEC_H
#define NV_HANDLER_EXEC_H

#include <stdbool.h>

#include "handler.h"

extern const struct nv_handler_ops nv_handler_exec;

/* Wait for the running commands, at most timeout_s (nvtraphandle);
 * false when some were still running (they are then killed). */
bool nv_exec_flush(void *state, int timeout_s);

#endif
