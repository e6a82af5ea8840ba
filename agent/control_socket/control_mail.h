/*
 * control_mail.h — the control socket's "mail test" and "mail report" commands.
 */
#ifndef NV_CONTROL_MAIL_H
#define NV_CONTROL_MAIL_H

#include "ctx.h"
#include "textbuf.h"

void nv_ctl_cmd_mail(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out);

#endif
