/*
 * control_shutdown.h — control-socket commands of the shutdown plug-in:
 *   clients | shutdown test
 * Rows of the command table in control.c.
 */
#ifndef NV_CONTROL_SHUTDOWN_H
#define NV_CONTROL_SHUTDOWN_H

struct nv_ctx;
struct nv_text;

void nv_ctl_cmd_clients(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);
void nv_ctl_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
