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

static void master_line(struct nv_agentx_log *st, int prio, const char *line)
{
	if (strstr(line, "Failed to connect to the agentx master") != NULL) {
		st->failures++;
		if (st->master_down)
			return;
		st->master_down = true;
		nv_log(prio, "%s (said once; trying again every ping interval)", line);
		return;
	}
	if (st->master_down && strstr(line, "AgentX subagent connected") != NULL) {
		nv_log(LOG_NOTICE, "AgentX master agent is back after %u failed connection "
		    "attempts", st->failures);
		st->master_down = false;
		st->failures = 0;
	}
	nv_log(prio, "%s", line);
}

static int on_snmp_log(netsnmp_log_handler *h, int prio, const char *text)
{
	struct nv_agentx_log *st = h->magic;

	/* net-snmp writes a line in pieces; only a whole one goes out */
	for (; *text != '\0'; text++) {
		if (*text != '\n' && st->len + 1 < sizeof(st->line)) {
			st->line[st->len++] = *text;
			continue;
		}
		if (*text != '\n')
			continue;       /* too long: the rest of the line is cut */
		st->line[st->len] = '\0';
		if (st->len > 0)
			master_line(st, prio, st->line);
		st->len = 0;
	}
	return 1;
}

int nv_agentx_log_to(struct nv_agentx_log *st)
{
	netsnmp_log_handler *h = netsnmp_register_loghandler(NETSNMP_LOGHANDLER_CALLBACK,
	    LOG_DEBUG);

	if (h == NULL)
		return -1;
	h->pri_max = LOG_EMERG;
	h->handler = on_snmp_log;
	h->magic = st;
	return 0;
}

void nv_agentx_debug(const char *tokens)
{
	if (tokens != NULL && *tokens != '\0')
		debug_register_tokens(tokens);
	snmp_set_do_debugging(1);
}

int nv_agentx_start(struct nv_ctx *const *devs, size_t n, char *err, size_t errlen)
{
	const struct nv_ctx *ctx = devs[0];

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
	for (size_t i = 0; i < n; i++)
		if (nv_mib_register_all(devs[i]) != 0) {
			snprintf(err, errlen, "%s: cannot register the MIB modules", devs[i]->name);
			while (i-- > 0)
				nv_mib_unregister_all(devs[i]);
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
