/* control_trap.c — `nvctl trap test` (see control_trap.h). */
#include <stdio.h>
#include <string.h>

#include "control_proto.h"
#include "control_trap.h"
#include "diag_log.h"
#include "outputs.h"

void nv_ctl_cmd_trap(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	const struct nv_traps_cfg *t = &ctx->cfg.traps;
	size_t n = 0;
	char body[128];

	if (argc != 2 || strcmp(argv[1], "test") != 0) {
		nv_ctl_reply_err(out, "usage: trap test");
		return;
	}
	if (ctx->outputs == NULL) {
		nv_ctl_reply_err(out, "notifications are not running");
		return;
	}
	/* a receiver with mib = none gets nothing, not even the test trap */
	for (size_t i = 0; i < t->n; i++)
		n += t->rcv[i].mib != NV_RCV_MIB_NONE;
	nv_outputs_agent(ctx, NV_AE_TEST);
	nv_log(LOG_NOTICE, "test trap sent to %zu trap receiver(s) (nvctl)", n);
	snprintf(body, sizeof(body), "test trap (42) sent to %zu trap receiver(s)\n", n);
	nv_ctl_reply_ok(out, body);
}
