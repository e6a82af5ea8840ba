/*
 * shutdown.h — shutdown management in nvagentd: the shutdown events of the
 * manual (on battery, battery low ...) drive a sequence of warnings, a
 * shutdown request to the nvshutdown clients, the UPS shut-off and, after
 * an AC failure, Wake-on-LAN when power is back.  The warning period is
 * reversible: an event that ends in time cancels the sequence.
 *
 * It runs in the main loop (it needs the context: the UPS controls, the
 * traps, the agent log and its client socket), following the newest
 * snapshot's conditions every turn.  State lives in ctx->shutdown.
 */
#ifndef NV_SHUTDOWN_H
#define NV_SHUTDOWN_H

#include <stddef.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>

#include "textbuf.h"

struct nv_ctx;

/* Open the listener (when the config has a shutdown section); 0, or -1
 * with a one-line reason in err (start-up fails). */
int nv_shutdown_start(struct nv_ctx *ctx, char *err, size_t errlen);
void nv_shutdown_stop(struct nv_ctx *ctx);
/* New config (SIGHUP): keeps the clients; a new listen address or secret
 * that cannot be used keeps the old one (logged). */
void nv_shutdown_reload(struct nv_ctx *ctx);

/* Main loop: fds to watch, when to wake, then whatever is due. */
void nv_shutdown_fill(const struct nv_ctx *ctx, fd_set *rd, int *maxfd,
    struct timeval *tv);
void nv_shutdown_process(struct nv_ctx *ctx, const fd_set *rd);

/* Control socket commands ("clients", "shutdown test|cancel|status"). */
void nv_shutdown_cmd_clients(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out);
void nv_shutdown_cmd_shutdown(struct nv_ctx *ctx, int argc, char **argv,
    struct nv_text *out);

/* One row of the client table (upsDevicesTable). */
enum nv_sd_client_status { NV_SDC_CONNECTED = 1, NV_SDC_LOST = 2 };
enum nv_sd_client_severity {
	NV_SDS_NONE = 0,        /* nothing sent but state replies */
	NV_SDS_WARNING = 1,     /* in a warning period */
	NV_SDS_SHUTDOWN = 2,    /* shutdown request sent */
};
struct nv_shutdown_client_row {
	int index;                      /* 1.., stable while the agent runs */
	char address[32];               /* "192.0.2.7:40123" */
	char name[32];
	time_t connected_since;         /* wall clock of its first heartbeat */
	int status;                     /* enum nv_sd_client_status */
	int severity;                   /* enum nv_sd_client_severity */
	int duration_s;                 /* its announced shutdown duration */
};

typedef void (*nv_shutdown_client_fn)(const struct nv_shutdown_client_row *row,
    void *arg);
/* Call fn for every client in index order; returns how many. */
size_t nv_shutdown_clients(const struct nv_ctx *ctx, nv_shutdown_client_fn fn,
    void *arg);

#endif
