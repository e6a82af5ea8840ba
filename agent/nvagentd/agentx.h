/*
 * agentx.h — nvagentd as a net-snmp AgentX subagent: start-up, logging
 * set-up, and the pieces of the main select loop that belong to net-snmp.
 * Main thread only (net-snmp is not thread-safe).
 */
#ifndef NV_AGENTX_H
#define NV_AGENTX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/select.h>
#include <sys/time.h>

#include "ctx.h"

/* Send net-snmp's own log through nv_log (so where ours goes), one line
 * at a time; "Failed to connect to the agentx master", which net-snmp
 * repeats at every ping while the master is down, is said once, and its
 * count when the master is back.  st must live as long as net-snmp. */
int nv_agentx_log_to(struct nv_agentx_log *st);

/* -D: net-snmp debug tokens (comma separated; empty = all). */
void nv_agentx_debug(const char *tokens);

/*
 * Become a subagent of the master at the agentx socket of the config,
 * register every device's MIB modules (DEVS, N of them; the first's
 * config says where the master is) and initialise net-snmp.  The master need not be up: the
 * subagent keeps trying every ping interval.  0, or -1 with err.
 */
int nv_agentx_start(struct nv_ctx *const *devs, size_t n, char *err, size_t errlen);

/* Add net-snmp's fds; *tv is lowered to net-snmp's next timeout. */
void nv_agentx_fill_fds(fd_set *rd, int *maxfd, struct timeval *tv);

/* After select(): n is its result, rd its read set. */
void nv_agentx_process(int n, fd_set *rd);

void nv_agentx_stop(void);

#endif
