/*
 * control_schedule.c — `nvctl schedule`: the schedule's entries as the
 * agent runs them (config file or tables set over SNMP), the next action
 * and the instant up to which every action is done.
 */
#include "control_proto.h"
#include "control_schedule.h"
#include "ctx.h"
#include "schedule.h"
#include "textbuf.h"

void nv_ctl_cmd_schedule(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	struct nv_text body;

	(void)argv;
	if (argc != 1) {
		nv_ctl_reply_err(out, "usage: schedule");
		return;
	}
	nv_text_init(&body);
	nv_schedule_describe(ctx, &body);
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}
