/*
 * nvagentd_options.c — nvagentd's command line (see nvagentd(8)) and the
 * logging it asks for, for nv_log and for net-snmp alike.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "agentx.h"
#include "diag_log.h"
#include "nvagentd_options.h"
#include "nvconfig.h"

void nvagentd_usage(FILE *out)
{
	fprintf(out,
	    "usage: nvagentd [-f] [-c FILE] [-x AGENTX-SOCKET] [-L o|e|f FILE|s FACILITY]\n"
	    "                [-D[TOKENS]] [-p PIDFILE] [--check-config] [-V] [-h]\n");
}

/* -Lf FILE and -Ls FACILITY take their argument attached or as the next word. */
static int take_log_option(struct nvagentd_options *o, const char *optval, int argc, char **argv)
{
	char how = optval[0];

	if (how != 'o' && how != 'e' && how != 'f' && how != 's') {
		fprintf(stderr, "nvagentd: -L%s: use -Lo, -Le, -Lf FILE or -Ls FACILITY\n", optval);
		return -1;
	}
	o->log_how = how;
	o->log_arg = NULL;
	if (how == 'f' || how == 's') {
		o->log_arg = optval[1] != '\0' ? optval + 1 : optind < argc ? argv[optind++] : NULL;
		if (o->log_arg == NULL) {
			fprintf(stderr, "nvagentd: -L%c needs an argument\n", how);
			return -1;
		}
	}
	return 0;
}

int nvagentd_parse_options(struct nvagentd_options *o, int argc, char **argv)
{
	static const struct option longs[] = {
		{ "check-config", no_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(o, 0, sizeof(*o));
	o->config = NV_DEFAULT_CONFIG;
	while ((ch = getopt_long(argc, argv, "fc:x:L:D::p:Vh", longs, NULL)) != -1) {
		switch (ch) {
		case 'f': o->foreground = true; break;
		case 'c': o->config = optarg; break;
		case 'x': o->agentx = optarg; break;
		case 'p': o->pidfile = optarg; break;
		case 'D': o->debug = optarg != NULL ? optarg : ""; break;
		case 'C': o->check_only = true; break;
		case 'L':
			if (take_log_option(o, optarg, argc, argv) != 0)
				return -1;
			break;
		case 'V':
			printf("nvagentd %s\n", NV_VERSION);
			exit(0);
		case 'h':
			nvagentd_usage(stdout);
			exit(0);
		default:
			return -1;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "nvagentd: unexpected argument '%s'\n", argv[optind]);
		return -1;
	}
	if (o->agentx != NULL && (*o->agentx == '\0' || strlen(o->agentx) >= 256)) {
		fprintf(stderr, "nvagentd: -x: bad AgentX socket\n");
		return -1;
	}
	return 0;
}

/* net-snmp's facility letters (d, u, 0-7) as syslog names for nv_log. */
static const char *facility_name(const char *arg)
{
	static const char *const local[] = { "local0", "local1", "local2",
	    "local3", "local4", "local5", "local6", "local7" };

	if (strcmp(arg, "d") == 0)
		return "daemon";
	if (strcmp(arg, "u") == 0)
		return "user";
	if (arg[0] >= '0' && arg[0] <= '7' && arg[1] == '\0')
		return local[arg[0] - '0'];
	return arg;
}

int nvagentd_setup_logging(const struct nvagentd_options *o, struct nv_agentx_log *log)
{
	char how = o->log_how;
	const char *arg = o->log_arg;
	int rc;

	if (how == 0) {
		how = o->foreground ? 'e' : 's';
		arg = o->foreground ? NULL : "d";
	}
	switch (how) {
	case 'o': rc = nv_log_open(NV_LOG_STDOUT, NULL); break;
	case 'e': rc = nv_log_open(NV_LOG_STDERR, NULL); break;
	case 'f': rc = nv_log_open(NV_LOG_FILE, arg); break;
	default:  rc = nv_log_open(NV_LOG_SYSLOG, facility_name(arg)); break;
	}
	if (rc != 0) {
		fprintf(stderr, "nvagentd: -L%c %s: %s\n", how, arg != NULL ? arg : "",
		    how == 's' ? "unknown facility" : strerror(errno));
		return -1;
	}
	if (nv_agentx_log_to(log) != 0) {
		fprintf(stderr, "nvagentd: net-snmp refused its log handler\n");
		return -1;
	}
	if (o->debug != NULL) {
		nv_log_set_debug(true);
		nv_agentx_debug(o->debug);
	}
	return 0;
}
