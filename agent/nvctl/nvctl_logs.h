/*
 * nvctl_logs.h — the nvctl commands that are more than one request:
 * `config check FILE` (local), `log plot` (a `log show --csv` request
 * drawn here), and the small rewrites of `log` / `trace` words for the
 * control protocol.  See nvctl(8).
 */
#ifndef NV_NVCTL_LOGS_H
#define NV_NVCTL_LOGS_H

#include <stdbool.h>
#include <stddef.h>

#include "control_proto.h"
#include "textbuf.h"

struct nvctl_req {
	int argc;
	char *argv[NV_CTL_MAX_ARGS + 2];
	const char *plot_out;           /* log plot: the PNG to write */
	const char *plot_fields;        /* log plot: measurements, NULL = all */
};

/* `config check FILE`: validate locally; the exit status.  -1 when the
 * words are not this command. */
int nvctl_config_check(int argc, char **argv);

/* The request words for argv; -1 with a one-line usage error. */
int nvctl_prepare(int argc, char **argv, struct nvctl_req *r, char *err, size_t errlen);

/* After a `log plot` request: draw body into r->plot_out; the exit status. */
int nvctl_plot(const struct nvctl_req *r, const struct nv_text *body);

#endif
