/*
 * control_mail.c — "mail test" and "mail report": queue a test mail to
 * every recipient, or the daily status report now to the recipients of
 * type status or both; the outcome goes to the agent event log.
 */
#include <string.h>

#include "control_mail.h"
#include "control_proto.h"
#include "handler_mail.h"
#include "outputs.h"

void nv_ctl_cmd_mail(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	char reply[200];
	void *st;
	int rc;

	if (argc != 2 || (strcmp(argv[1], "test") != 0 && strcmp(argv[1], "report") != 0)) {
		nv_ctl_reply_err(out, "usage: mail test | mail report");
		return;
	}
	st = nv_outputs_handler_state(ctx, "mail");
	if (strcmp(argv[1], "test") == 0)
		rc = nv_mail_test(st, reply, sizeof(reply));
	else
		rc = nv_mail_report(st, reply, sizeof(reply));
	if (rc != 0) {
		nv_ctl_reply_err(out, "%s", reply);
		return;
	}
	strcat(reply, "\n");
	nv_ctl_reply_ok(out, reply);
}
