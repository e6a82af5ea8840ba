/*
 * control_ups.h — control-socket commands of the UPS-control layer:
 *   ups shutoff DELAY_S RESTART_MIN | ups cancel | ups status | ups COMMAND
 *   wol test
 * Rows of the command table in control.c.  A command sent to the device
 * is answered once the device has answered (control.c holds the reply
 * until then, or until NV_CTL_UPS_WAIT_S): "OK taken: ..." or
 * "ERR refused: ..." / "ERR no answer: ..." (nvctl's exit status 0, 3, 4).
 */
#ifndef NV_CONTROL_UPS_H
#define NV_CONTROL_UPS_H

#include <stdbool.h>

struct nv_ctx;
struct nv_text;

#define NV_CTL_UPS_WAIT_S 8    /* below nvctl's NV_CTL_TIMEOUT_MS */

/* Where the device's answer goes: the command hands done and cookie to
 * ups_control.h and sets started when it queued a command. */
struct nv_ctl_wait {
	void (*done)(void *cookie, int status, const char *text);
	void *cookie;
	bool started;
};

struct nv_peer;
void nv_ctl_cmd_ups(struct nv_ctx *ctx, const struct nv_peer *peer, int argc, char **argv,
    struct nv_text *out, struct nv_ctl_wait *wait);
/* The reply for the device's answer (enum nv_cmd_status), or for none
 * by the deadline (status 0). */
void nv_ctl_ups_outcome(struct nv_text *out, int status, const char *text);
/* Does this `ups` command change anything (needs the admin right)? */
bool nv_ctl_ups_writes(int argc, char **argv);
void nv_ctl_cmd_wol(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
