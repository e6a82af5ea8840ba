/*
 * builtin.c — the notification plug-ins compiled into nvagentd, in the
 * order they see each notification.  Adding a plug-in is one line here.
 */
#include "handler.h"
#include "handler_trap.h"

const struct nv_handler_ops *const nv_builtin_handlers[] = {
	&nv_handler_trap,
	NULL,
};
