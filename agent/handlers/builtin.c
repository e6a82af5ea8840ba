/*
 * builtin.c — the notification plug-ins compiled into nvagentd, in the
 * order they see each notification.  Adding a plug-in is one line here.
 */
#include "handler.h"
#include "handler_bacnet.h"
#include "handler_eventlog.h"
#include "handler_exec.h"
#include "handler_mail.h"
#include "handler_modbus.h"
#include "handler_nut.h"
#include "handler_syslog.h"
#include "handler_trap.h"
#include "handler_wol.h"
#include "shutdown.h"

const struct nv_handler_ops *const nv_builtin_handlers[] = {
	&nv_handler_eventlog,
	&nv_handler_trap,
	&nv_handler_mail,
	&nv_handler_syslog,
	&nv_handler_exec,
	&nv_handler_shutdown,
	&nv_handler_wol,
	&nv_handler_modbus,
	&nv_handler_bacnet,
	&nv_handler_nut,
	NULL,
};
