/*
 * nvagentd_options.h — nvagentd's command line options and the logging
 * they choose.
 */
#ifndef NV_NVAGENTD_OPTIONS_H
#define NV_NVAGENTD_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

struct nvagentd_options {
	const char *config;
	const char *agentx;     /* -x, overrides agentx.socket */
	const char *pidfile;    /* NULL: none in the foreground */
	char log_how;           /* -L: o e f s, 0 = default */
	const char *log_arg;
	const char *debug;      /* -D tokens, NULL = off */
	bool foreground, check_only;
};

void nvagentd_usage(FILE *out);
/* Parse argv into *o (-V and -h print and exit); 0, or -1 after saying why. */
int nvagentd_parse_options(struct nvagentd_options *o, int argc, char **argv);
/* Open nv_log as -L asks (or the defaults) and send net-snmp's log to it
 * through LOG (agentx.c); 0 or -1. */
struct nv_agentx_log;
int nvagentd_setup_logging(const struct nvagentd_options *o, struct nv_agentx_log *log);

#endif
