/*
 * control_schedule.h — control-socket command of the schedules:
 *   schedule
 * A row of the command table in control.c.
 */
#ifndef NV_CONTROL_SCHEDULE_H
#define NV_CONTROL_SCHEDULE_H

struct nv_ctx;
struct nv_text;

void nv_ctl_cmd_schedule(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
