/*
 * mail_send.h — one SMTP session with libesmtp: one message to one
 * recipient, STARTTLS verified against the configured CA file, AUTH with
 * the configured user.  Blocking: only the mail worker thread calls it.
 */
#ifndef NV_MAIL_SEND_H
#define NV_MAIL_SEND_H

#include <stddef.h>

#include "config_handlers.h"

/* The kinds of failure of the manual's mail debug page. */
enum nv_mail_result {
	NV_MAIL_SENT = 0,
	NV_MAIL_NO_CONNECT = 1,         /* 001: cannot connect to the mail server */
	NV_MAIL_UNKNOWN = 2,            /* 002: unknown error */
	NV_MAIL_BAD_SERVER = 101,       /* 101: server name or port unusable */
	NV_MAIL_REFUSED = 111,          /* 111: refused, or no SMTP stream (TLS, AUTH) */
};

const char *nv_mail_result_name(enum nv_mail_result r);

/* Send msg (a whole RFC 5322 message, CRLF line ends) to `to`.  On
 * failure the kind is returned and why holds one line. */
enum nv_mail_result nv_mail_send(const struct nv_mail_cfg *c, const char *to,
    const char *msg, char *why, size_t whylen);

#endif
