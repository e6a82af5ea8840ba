/*
 * control_ups.h — control-socket commands of the UPS-control layer:
 *   ups shutoff DELAY_S RESTART_MIN | ups cancel | ups status
 *   wol test
 * Rows of the command table in control.c.
 */
#ifndef NV_CONTROL_UPS_H
#define NV_CONTROL_UPS_H

#include <stdbool.h>

struct nv_ctx;
struct nv_text;

struct nv_peer;
void nv_ctl_cmd_ups(struct nv_ctx *ctx, const struct nv_peer *peer, int argc, char **argv,
    struct nv_text *out);
/* Does this `ups` command change anything (needs the admin right)? */
bool nv_ctl_ups_writes(int argc, char **argv);
void nv_ctl_cmd_wol(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
