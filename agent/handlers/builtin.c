/*
 * builtin.c — the notification plug-ins compiled into nvagentd, in the
 * order they see each notification.  Adding a plug-in is one line here.
 */
#include "handler.h"
#include "handler_exec.h"
#include "handler_mail.h"
#include "handler_syslog.h"
#include "handler_trap.h"
#include "gateways/handler_bacnet.h"
#include "gateways/handler_modbus.h"

const struct nv_handler_ops *const nv_builtin_handlers[] = {
	&nv_handler_trap,
	&nv_handler_mail,
	&nv_handler_syslog,
	&nv_handler_exec,
	&nv_handler_modbus,
	&nv_handler_bacnet,
	NULL,
};
