/*
 * control_trap.h — `nvctl trap test`: the test trap (42) to every trap
 * receiver, past their filters (a row of control.c's command table).
 */
#ifndef NV_CONTROL_TRAP_H
#define NV_CONTROL_TRAP_H

#include "ctx.h"
#include "textbuf.h"

void nv_ctl_cmd_trap(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
