/*
 * nvctl.c — the operator's command line to a running nvagentd, over the
 * local control socket.  See nvctl(8).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control_proto.h"
#include "nvconfig.h"
#include "nvctl_logs.h"
#include "textbuf.h"

static void usage(FILE *out)
{
	fprintf(out,
	    "usage: nvctl [-c CONFIG | -s SOCKET] [-d DEVICE] [--json] COMMAND [ARGS...]\n"
	    "  -d DEVICE    the command is about DEVICE (default: the first)\n"
	    "commands:\n"
	    "  devices      the devices nvagentd serves, their lines and communication\n"
	    "  status       identity, communication, statuses, alarms, measurements\n"
	    "  help         the commands the running nvagentd knows\n"
	    "  log show NAME [--from DATE] [--to DATE] [--last N] [--csv]\n"
	    "  log clear NAME...\n"
	    "  log plot history --out FILE.png [--fields LIST] [--from DATE] [--to DATE] [--last N]\n"
	    "               NAME: history, extended, ups-events, sts-events, agent-events\n"
	    "  trace on|off|show [--csv]   the serial exchange log\n"
	    "  clients                     the nvshutdown clients\n"
	    "  shutdown test               a shutdown test sequence to the clients\n"
	    "  schedule                    the schedules and the next scheduled action\n"
	    "  ups shutoff DELAY_S RESTART_MIN | ups cancel | ups status\n"
	    "  ups COMMAND                 standby-on|standby-off|eco-mode|normal-mode|\n"
	    "               alarm-reset|load-to-bypass|load-to-inverter|battery-test (UPS)\n"
	    "               prefer-s1|prefer-s2|transfer-s1|transfer-s2 (STS)\n"
	    "  wol test                    Wake-on-LAN to the enabled targets\n"
	    "  trap test                   a test trap to every receiver\n"
	    "  mail test | mail report     a test mail, the status report now\n"
	    "  config check FILE           validate a configuration file\n");
}

/* The socket: -s, else control-socket from the config file (-c or default). */
static int socket_path(const char *sock, const char *conf, char *out, size_t outlen)
{
	struct nv_config *cfg;
	char err[512];

	if (sock != NULL) {
		snprintf(out, outlen, "%s", sock);
		return 0;
	}
	cfg = malloc(sizeof(*cfg));
	if (cfg == NULL) {
		fprintf(stderr, "nvctl: out of memory\n");
		return -1;
	}
	if (nv_config_load(conf, cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "nvctl: %s\n", err);
		free(cfg);
		return -1;
	}
	snprintf(out, outlen, "%s", cfg->control_socket);
	free(cfg);
	return 0;
}

/* The request line from the device, the command words and --json. */
static int build_request(const char *device, int argc, char **argv, bool json,
    char *out, size_t outlen)
{
	size_t n = 0;

	out[0] = '\0';
	if (device != NULL) {
		int w = snprintf(out, outlen, "@%s ", device);

		if (w < 0 || (size_t)w >= outlen || device[0] == '\0' ||
		    strpbrk(device, " \t\r\n") != NULL)
			return -1;
		n = (size_t)w;
	}
	for (int i = 0; i < argc; i++) {
		int w = snprintf(out + n, outlen - n, "%s%s", i ? " " : "", argv[i]);

		if (w < 0 || (size_t)w >= outlen - n || strpbrk(argv[i], " \t\r\n") != NULL)
			return -1;
		n += (size_t)w;
	}
	if (json) {
		if ((strcmp(argv[0], "status") != 0 && strcmp(argv[0], "devices") != 0) ||
		    argc != 1)
			return -1;
		if (n + 6 > outlen)
			return -1;
		strcat(out, " json");
	}
	return 0;
}

static int to_stdout(void *arg, const char *line, size_t len)
{
	(void)arg;
	return fwrite(line, 1, len, stdout) == len ? 0 : -1;
}

/* A refused UPS command exits 3, one the device did not answer or failed
 * 4 (nvctl(8)); any other error 1. */
static int error_status(int rc, const char *err)
{
	if (rc == 1 && strncmp(err, "refused: ", 9) == 0)
		return 3;
	if (rc == 1 && (strncmp(err, "no answer: ", 11) == 0 ||
	    strncmp(err, "failed: ", 8) == 0))
		return 4;
	return 1;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *sock = NULL, *conf = NV_DEFAULT_CONFIG, *device = NULL;
	char path[PATH_MAX], request[NV_CTL_MAX_LINE], err[512];
	struct nv_text body;
	struct nvctl_req req;
	bool json = false, conf_given = false;
	int ch, fd, rc;

	while ((ch = getopt_long(argc, argv, "+c:s:d:h", longs, NULL)) != -1) {
		switch (ch) {
		case 'c': conf = optarg; conf_given = true; break;
		case 'd': device = optarg; break;
		case 's': sock = optarg; break;
		case 'j': json = true; break;
		case 'h': usage(stdout); return 0;
		default:  usage(stderr); return 2;
		}
	}
	if (optind == argc || (sock != NULL && conf_given)) {
		usage(stderr);
		return 2;
	}
	if ((rc = nvctl_config_check(argc - optind, argv + optind)) >= 0)
		return rc;
	if (nvctl_prepare(argc - optind, argv + optind, &req, err, sizeof(err)) != 0) {
		fprintf(stderr, "nvctl: %s\n", err);
		return 2;
	}
	if (build_request(device, req.argc, req.argv, json, request, sizeof(request)) != 0) {
		fprintf(stderr, "nvctl: bad request%s\n",
		    json ? " (--json goes with status and devices only)" : "");
		return 2;
	}
	if (socket_path(sock, conf, path, sizeof(path)) != 0)
		return 1;
	fd = nv_ctl_connect(path, err, sizeof(err));
	if (fd < 0) {
		fprintf(stderr, "nvctl: %s\n", err);
		return 1;
	}
	if (req.plot_out == NULL) {
		/* printed as it comes: a log of any length takes no memory */
		rc = nv_ctl_request_to(fd, request, to_stdout, NULL, err, sizeof(err));
		close(fd);
		if (rc != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "nvctl: %s\n", rc != 0 ? err : strerror(errno));
			return rc != 0 ? error_status(rc, err) : 1;
		}
		return 0;
	}
	nv_text_init(&body);
	rc = nv_ctl_request(fd, request, &body, err, sizeof(err));
	close(fd);
	if (rc != 0) {
		fprintf(stderr, "nvctl: %s\n", err);
		nv_text_free(&body);
		return 1;
	}
	rc = nvctl_plot(&req, &body);
	nv_text_free(&body);
	return rc;
}
