/*
 * fuzz_control_line.c — the control socket's line protocol as nvagentd
 * serves it: the real server (agent/control.c: non-blocking client,
 * line assembly, length bound, word split, dispatch, access check) and
 * the commands status, help, log, trace, ups and wol over a real unix
 * socket, against a context like the daemon's (logs open in a scratch
 * state dir, a poller with no device behind it).
 *
 * trap, mail, clients and shutdown need the running notification engine
 * and shutdown server of nvagentd (net-snmp, libesmtp): they answer from
 * the stubs below, so only their dispatch is exercised here; no output
 * plug-in runs (as in an nvagentd configured without them).
 *
 * Input: bytes a client sends, in one write.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control.h"
#include "control_mail.h"
#include "control_proto.h"
#include "control_shutdown.h"
#include "control_trap.h"
#include "ctx.h"
#include "fuzz_util.h"
#include "logs.h"
#include "outputs.h"
#include "ups_control.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

void nv_ctl_cmd_trap(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	nv_ctl_reply_err(out, "trap: not in the fuzz target");
}

void nv_ctl_cmd_mail(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	nv_ctl_reply_err(out, "mail: not in the fuzz target");
}

void nv_ctl_cmd_clients(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	nv_ctl_reply_err(out, "clients: not in the fuzz target");
}

void nv_ctl_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv, struct nv_text *out)
{
	nv_ctl_reply_err(out, "shutdown: not in the fuzz target");
}

void *nv_outputs_handler_state(struct nv_ctx *ctx, const char *name)
{
	return NULL;
}

static struct nv_ctx ctx;
static struct nv_devices devs = { { &ctx }, 1 };   /* "@ups" names it */
static struct nv_control *server;
static struct sockaddr_un addr;

static void daemon_like_start(void)
{
	const char *probe;
	char dir[512], err[512];

	nv_fuzz_setup();
	probe = nv_fuzz_file("probe", (const uint8_t *)"", 0);
	snprintf(dir, sizeof(dir), "%.*s", (int)(strrchr(probe, '/') - probe), probe);
	nv_config_defaults(&ctx.cfg);
	snprintf(ctx.name, sizeof(ctx.name), "ups");
	snprintf(ctx.cfg.state_dir, sizeof(ctx.cfg.state_dir), "%s/state", dir);
	snprintf(ctx.cfg.control_socket, sizeof(ctx.cfg.control_socket), "%s/ctl", dir);
	snprintf(ctx.cfg.serial.device, sizeof(ctx.cfg.serial.device), "%s/no-tty", dir);
	ctx.cfg.control_group[0] = '\0';
	if (nv_control_open(&server, ctx.cfg.control_socket, ctx.cfg.control_group,
	    err, sizeof(err)) != 0 ||
	    (ctx.logs = nv_logs_open(ctx.cfg.state_dir, &ctx.cfg.logs, err, sizeof(err))) == NULL ||
	    nv_ups_control_start(&ctx) != 0 ||
	    nv_poller_start(&ctx.poller, &ctx.cfg.serial, &ctx.cfg.poll, &ctx.cfg.controls) != 0 ||
	    nv_ctl_address(&addr, ctx.cfg.control_socket, err, sizeof(err)) != 0) {
		fprintf(stderr, "fuzz set-up: %s\n", err);
		abort();
	}
}

/* One main-loop turn of the server; false when nothing was ready. */
static bool serve_once(void)
{
	fd_set rd, wr;
	int maxfd = 0;
	struct timeval zero = { 0, 0 };

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	nv_control_fill_fds(server, &rd, &wr, &maxfd);
	if (select(maxfd, &rd, &wr, NULL, &zero) <= 0)
		return false;
	nv_control_process(server, &rd, &wr, &devs);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char reply[4096];
	int fd;
	size_t sent = 0;

	if (server == NULL)
		daemon_like_start();
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) != 0)
		abort();
	/* send it all (the server reads as it can), then end the request side */
	while (sent < size) {
		ssize_t w = send(fd, data + sent, size - sent, MSG_DONTWAIT | MSG_NOSIGNAL);

		if (w > 0)
			sent += (size_t)w;
		else if (!serve_once())
			break;  /* the server closed on us: a bound was hit */
		while (recv(fd, reply, sizeof(reply), MSG_DONTWAIT) > 0)
			;
	}
	shutdown(fd, SHUT_WR);
	for (;;) {
		ssize_t r;

		while (serve_once())
			;
		r = recv(fd, reply, sizeof(reply), MSG_DONTWAIT);
		if (r == 0 || (r < 0 && !serve_once()))
			break;
	}
	close(fd);
	while (serve_once())
		;
	return 0;
}
