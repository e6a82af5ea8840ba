/*
 * control_mail.c — "mail test": queue a test mail to every recipient of
 * the running mail plug-in; the outcome goes to the agent event log.
 */
#include <string.h>

#include "control_mail.h"
#include "control_proto.h"
#include "handlers/handler_mail.h"
#include "notify.h"

void nv_ctl_cmd_mail(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	char reply[200];
	void *st;

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: mail test");
		return;
	}
	st = nv_notify_handler_state(ctx, "mail");
	if (nv_mail_test(st, reply, sizeof(reply)) != 0) {
		nv_ctl_reply_err(out, "%s", reply);
		return;
	}
	strcat(reply, "\n");
	nv_ctl_reply_ok(out, reply);
}
