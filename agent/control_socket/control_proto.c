/* control_proto.c — see control_proto.h. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "control_proto.h"

#define MAX_REPLY (4u << 20)   /* no status is this big: a runaway peer */

void nv_ctl_reply_ok(struct nv_text *out, const char *body)
{
	const char *p = body, *nl;

	nv_text_append(out, "OK\n", 3);
	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if (*p == '.')
			nv_text_append(out, ".", 1);
		nv_text_append(out, p, (size_t)(nl - p));
		nv_text_append(out, "\n", 1);
		p = *nl == '\n' ? nl + 1 : nl;
	}
	nv_text_append(out, ".\n", 2);
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

static long ms_left(const struct timespec *deadline)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
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

/* Is the reply in raw complete?  Sets *body_at to where the body starts. */
static int reply_state(const struct nv_text *raw, size_t *body_at)
{
	const char *nl;

	if (raw->len == 0 || (nl = memchr(raw->buf, '\n', raw->len)) == NULL)
		return 0;
	*body_at = (size_t)(nl - raw->buf) + 1;
	if (strncmp(raw->buf, "ERR", 3) == 0)
		return 1;
	if (strncmp(raw->buf, "OK\n", 3) != 0)
		return -1;
	if (raw->len >= 5 && strcmp(raw->buf + raw->len - 3, "\n.\n") == 0)
		return 1;
	if (raw->len == 5 && strcmp(raw->buf, "OK\n.\n") == 0)
		return 1;
	return 0;
}

static void unstuff(const char *p, const char *end, struct nv_text *body)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL)
			nl = end;
		if (nl - p == 1 && *p == '.')
			break;          /* the terminator */
		if (*p == '.')
			p++;
		nv_text_append(body, p, (size_t)(nl - p) + (nl < end));
		p = nl + 1;
	}
}

int nv_ctl_request(int fd, const char *request, struct nv_text *body,
    char *err, size_t errlen)
{
	struct nv_text raw;
	struct timespec deadline;
	size_t body_at = 0;
	char buf[4096];
	int st = 0, rc = -1;

	if (strlen(request) + 1 > NV_CTL_MAX_LINE) {
		snprintf(err, errlen, "request too long");
		return -1;
	}
	if (send_all(fd, request, strlen(request), err, errlen) != 0 ||
	    send_all(fd, "\n", 1, err, errlen) != 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += NV_CTL_TIMEOUT_MS / 1000;
	nv_text_init(&raw);
	while ((st = reply_state(&raw, &body_at)) == 0) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		long left = ms_left(&deadline);
		ssize_t r;

		if (left <= 0 || poll(&pfd, 1, (int)left) == 0) {
			snprintf(err, errlen, "no reply from nvagentd within %d s",
			    NV_CTL_TIMEOUT_MS / 1000);
			goto out;
		}
		r = recv(fd, buf, sizeof(buf), 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errlen, "nvagentd closed the connection%s%s",
			    r < 0 ? ": " : "", r < 0 ? strerror(errno) : "");
			goto out;
		}
		nv_text_append(&raw, buf, (size_t)r);
		if (raw.failed || raw.len > MAX_REPLY) {
			snprintf(err, errlen, "reply too large");
			goto out;
		}
	}
	if (st < 0) {
		snprintf(err, errlen, "malformed reply from nvagentd");
		goto out;
	}
	if (strncmp(raw.buf, "ERR", 3) == 0) {
		const char *m = raw.buf + 3;

		while (*m == ' ')
			m++;
		snprintf(err, errlen, "%.*s", (int)(raw.buf + body_at - 1 - m), m);
		rc = 1;
		goto out;
	}
	nv_text_clear(body);
	unstuff(raw.buf + body_at, raw.buf + raw.len, body);
	rc = 0;
out:
	nv_text_free(&raw);
	return rc;
}
