/*
 * control_proto.h — the line protocol of the local control socket, shared
 * by nvagentd (server) and nvctl (client).  See nvctl(8).
 *
 *   request:  one line of words separated by blanks, ending in LF
 *             (at most NV_CTL_MAX_LINE bytes with the LF)
 *   reply:    "OK" LF, the body lines, then a line holding only "." LF;
 *             a body line that starts with "." is sent with one more "."
 *             in front (as in SMTP), so that it cannot end the reply;
 *   or:       one line "ERR what went wrong" LF.
 *
 * A client may send several requests on one connection, one at a time.
 */
#ifndef NV_CONTROL_PROTO_H
#define NV_CONTROL_PROTO_H

#include <stdbool.h>
#include <stddef.h>

#include "textbuf.h"

#define NV_CTL_MAX_LINE  512    /* request line, LF included */
#define NV_CTL_MAX_ARGS  16
#define NV_CTL_TIMEOUT_MS 10000 /* client: give up on a silent daemon */

/* Server side: append a whole reply to out. */
void nv_ctl_reply_ok(struct nv_text *out, const char *body);
void nv_ctl_reply_err(struct nv_text *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Server side, a body sent in pieces after "OK" LF: each piece with the
 * dot-stuffing (*bol: at the start of a line, true before the first),
 * then the terminator. */
void nv_ctl_reply_body(struct nv_text *out, const char *buf, size_t n, bool *bol);
void nv_ctl_reply_end(struct nv_text *out, bool bol);

/* Split a request line (modified in place) into words; returns the count,
 * or -1 when there are more than max. */
int nv_ctl_split(char *line, char **argv, int max);

struct sockaddr_un;
/* The socket address of path, for both sides; -1 with a one-line reason
 * in err when the path does not fit. */
int nv_ctl_address(struct sockaddr_un *sa, const char *path, char *err, size_t errlen);

/* Client side: connect to the socket at path; returns the fd or -1 with a
 * one-line reason in err. */
int nv_ctl_connect(const char *path, char *err, size_t errlen);

/*
 * Send one request and read its reply.  Returns 0 with the body (without
 * the dot-stuffing) in *body, 1 when the daemon answered ERR (message in
 * err, without "ERR "), -1 on a socket error or timeout (reason in err).
 */
int nv_ctl_request(int fd, const char *request, struct nv_text *body,
    char *err, size_t errlen);

/* The same, handing each body line (unstuffed, with its LF) to sink as
 * it arrives, so that a reply of any length takes no memory; a sink
 * returns 0, or -1 with errno set to stop. */
typedef int (*nv_ctl_sink)(void *arg, const char *line, size_t len);
int nv_ctl_request_to(int fd, const char *request, nv_ctl_sink sink, void *arg,
    char *err, size_t errlen);

#endif
