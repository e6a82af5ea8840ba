/* control_proto.c — see control_proto.h. */
#include <errno.h>
#include <stdbool.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "control_proto.h"

#define MAX_REPLY (64u << 20)  /* a reply kept in memory (log plot) */
#define MAX_LINE_BYTES (1u << 20) /* no reply line is this long: a runaway peer */

void nv_ctl_reply_body(struct nv_text *out, const char *buf, size_t n, bool *bol)
{
	size_t from = 0;

	for (size_t i = 0; i < n; i++) {
		/* a body line starting with "." gets one more, so that it cannot
		 * read as the terminator */
		if (*bol && buf[i] == '.') {
			nv_text_append(out, buf + from, i - from);
			nv_text_append(out, ".", 1);
			from = i;
		}
		*bol = buf[i] == '\n';
	}
	nv_text_append(out, buf + from, n - from);
}

void nv_ctl_reply_end(struct nv_text *out, bool bol)
{
	if (!bol)
		nv_text_append(out, "\n", 1);
	nv_text_append(out, ".\n", 2);
}

void nv_ctl_reply_ok(struct nv_text *out, const char *body)
{
	bool bol = true;

	nv_text_append(out, "OK\n", 3);
	nv_ctl_reply_body(out, body, strlen(body), &bol);
	nv_ctl_reply_end(out, bol);
}

void nv_ctl_reply_err(struct nv_text *out, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* one line, whatever the message held */
	for (char *c = msg; *c != '\0'; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	nv_text_printf(out, "ERR %s\n", msg);
}

int nv_ctl_split(char *line, char **argv, int max)
{
	int n = 0;
	char *save = NULL, *w;

	for (w = strtok_r(line, " \t\r\n", &save); w != NULL;
	    w = strtok_r(NULL, " \t\r\n", &save)) {
		if (n == max)
			return -1;
		argv[n++] = w;
	}
	return n;
}

int nv_ctl_address(struct sockaddr_un *sa, const char *path, char *err, size_t errlen)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa->sun_path)) {
		snprintf(err, errlen, "%s: control socket path too long", path);
		return -1;
	}
	memcpy(sa->sun_path, path, strlen(path) + 1);
	return 0;
}

int nv_ctl_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa;
	int fd;

	if (nv_ctl_address(&sa, path, err, errlen) == -1)
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		int e = errno;

		close(fd);
		if (e == ENOENT || e == ECONNREFUSED)
			snprintf(err, errlen, "%s: %s (is nvagentd running?)", path, strerror(e));
		else
			snprintf(err, errlen, "%s: %s", path, strerror(e));
		return -1;
	}
	return fd;
}

static int send_all(int fd, const char *s, size_t n, char *err, size_t errlen)
{
	while (n > 0) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			snprintf(err, errlen, "cannot send the request: %s", strerror(errno));
			return -1;
		}
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The body line at p (len bytes with its LF) without the dot-stuffing. */
static int body_line(const char *p, size_t len, nv_ctl_sink sink, void *arg)
{
	if (*p == '.') {
		p++;
		len--;
	}
	return sink(arg, p, len);
}

/*
 * Take the complete lines at the front of raw: the status line, then body
 * lines to the sink.  0 = want more, 1 = the reply ended (rc in *rc), -1
 * = stop (err set).
 */
static int take_lines(struct nv_text *raw, bool *in_body, nv_ctl_sink sink, void *arg,
    int *rc, char *err, size_t errlen)
{
	size_t pos = 0;
	int st = 0;
	const char *nl;

	while (st == 0 && (nl = memchr(raw->buf + pos, '\n', raw->len - pos)) != NULL) {
		const char *p = raw->buf + pos;
		size_t len = (size_t)(nl - p) + 1;

		pos += len;
		if (!*in_body && len >= 3 && strncmp(p, "ERR", 3) == 0) {
			const char *m = p + 3;

			while (*m == ' ')
				m++;
			snprintf(err, errlen, "%.*s", (int)(nl - m), m);
			*rc = 1;
			st = 1;
		} else if (!*in_body) {
			if (len != 3 || strncmp(p, "OK\n", 3) != 0) {
				snprintf(err, errlen, "malformed reply from nvagentd");
				st = -1;
			}
			*in_body = true;
		} else if (len == 2 && p[0] == '.') {
			*rc = 0;
			st = 1;
		} else if (body_line(p, len, sink, arg) != 0) {
			snprintf(err, errlen, "%s", errno == ENOSPC || errno == EFBIG ?
			    "reply too large" : strerror(errno));
			st = -1;
		}
	}
	nv_text_consume(raw, pos);
	return st;
}

int nv_ctl_request_to(int fd, const char *request, nv_ctl_sink sink, void *arg,
    char *err, size_t errlen)
{
	struct nv_text raw;
	bool in_body = false;
	char buf[65536];
	int st, rc = -1;

	if (strlen(request) + 1 > NV_CTL_MAX_LINE) {
		snprintf(err, errlen, "request too long");
		return -1;
	}
	if (send_all(fd, request, strlen(request), err, errlen) != 0 ||
	    send_all(fd, "\n", 1, err, errlen) != 0)
		return -1;
	nv_text_init(&raw);
	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		ssize_t r;

		/* silence, not the length of a long reply, is what times out */
		if (poll(&pfd, 1, NV_CTL_TIMEOUT_MS) == 0) {
			snprintf(err, errlen, "no reply from nvagentd within %d s",
			    NV_CTL_TIMEOUT_MS / 1000);
			rc = -1;
			break;
		}
		r = recv(fd, buf, sizeof(buf), 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errlen, "nvagentd closed the connection%s%s",
			    r < 0 ? ": " : "", r < 0 ? strerror(errno) : "");
			rc = -1;
			break;
		}
		nv_text_append(&raw, buf, (size_t)r);
		if (raw.failed || raw.len > MAX_LINE_BYTES) {
			snprintf(err, errlen, "malformed reply from nvagentd (a line too long)");
			rc = -1;
			break;
		}
		st = take_lines(&raw, &in_body, sink, arg, &rc, err, errlen);
		if (st != 0) {
			if (st < 0)
				rc = -1;
			break;
		}
	}
	nv_text_free(&raw);
	return rc;
}

/* A sink that keeps the body in memory, up to MAX_REPLY bytes. */
static int to_text(void *arg, const char *line, size_t len)
{
	struct nv_text *body = arg;

	if (body->len + len > MAX_REPLY) {
		errno = EFBIG;
		return -1;
	}
	nv_text_append(body, line, len);
	if (body->failed) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

int nv_ctl_request(int fd, const char *request, struct nv_text *body,
    char *err, size_t errlen)
{
	nv_text_clear(body);
	return nv_ctl_request_to(fd, request, to_text, body, err, errlen);
}
