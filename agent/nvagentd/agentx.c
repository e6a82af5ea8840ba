/* agentx.c — see agentx.h.  The order of the calls in nv_agentx_start()
 * matters; the comments below say why. */
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include "agentx.h"
#include "diag_log.h"
#include "mib.h"

#define APP_NAME "nvagentd"

int nv_agentx_log_to(char how, const char *arg)
{
	char opt[512];

	/* net-snmp parses its own -L syntax; hand it the same option */
	snprintf(opt, sizeof(opt), "%c%s", how, arg != NULL ? arg : "");
	return snmp_log_options(opt, 0, NULL) == 0 ? 0 : -1;
}

void nv_agentx_debug(const char *tokens)
{
	if (tokens != NULL && *tokens != '\0')
		debug_register_tokens(tokens);
	snmp_set_do_debugging(1);
}

int nv_agentx_start(struct nv_ctx *ctx, char *err, size_t errlen)
{
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET,
	    ctx->cfg.agentx.socket);
	/* alarms through select() timeouts, never SIGALRM: we have threads */
	netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	if (init_agent(APP_NAME) != 0) {
		snprintf(err, errlen, "net-snmp agent initialisation failed");
		return -1;
	}
	/* init_agent() resets the ping interval, so it is set after it; the
	 * ping is also what reconnects us when the master restarts */
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL,
	    ctx->cfg.agentx.ping_interval);
	if (nv_mib_register_all(ctx) != 0) {
		snprintf(err, errlen, "cannot register the MIB modules");
		snmp_shutdown(APP_NAME);
		return -1;
	}
	init_snmp(APP_NAME);
	/* engineBoots is saved only at clean exit otherwise */
	snmp_store(APP_NAME);
	return 0;
}

void nv_agentx_fill_fds(fd_set *rd, int *maxfd, struct timeval *tv)
{
	struct timeval cap = *tv;
	int block = 0;

	snmp_select_info(maxfd, rd, tv, &block);
	/* with block set, net-snmp leaves *tv undefined: keep our own cap */
	if (block || timercmp(&cap, tv, <))
		*tv = cap;
}

void nv_agentx_process(int n, fd_set *rd)
{
	if (n > 0)
		snmp_read(rd);
	/* every time, not only when select() timed out: a busy fd (poller,
	 * control) must not hold back the retries of pending informs */
	snmp_timeout();
	run_alarms();
	netsnmp_check_outstanding_agent_requests();
}

void nv_agentx_stop(void)
{
	snmp_shutdown(APP_NAME);
}
