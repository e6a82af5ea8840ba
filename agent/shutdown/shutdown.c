/*
 * shutdown.c — the shutdown plug-in: the nvshutdown listener and the I/O
 * of the shutdown sequence (whose decisions live in shutdown_seq.c):
 * messages to the clients, the UPS shut-off, Wake-on-LAN, traps 20, 21
 * and 26 and the agent event log.  The sequence follows levels (on
 * battery, battery low), read every turn from the view, and the
 * schedule's shut-offs, told as NV_NOTE_SCHEDULE notifications.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_log.h"
#include "events.h"
#include "nvconfig.h"
#include "shutdown.h"
#include "shutdown_seq.h"
#include "shutdown_server.h"

struct nv_shutdown {
	struct nv_handler_env env;
	struct nv_sd_server *srv;       /* NULL: no shutdown section */
	struct nv_sd_seq seq;           /* the state machine (shutdown_seq.c) */
	char listen[64];                /* what the socket was opened with */
	int max_clients;
};

static const struct nv_shutdown_cfg *scfg(const struct nv_shutdown *sd)
{
	return sd->env.section;
}

static const struct nv_handler_actions *act(const struct nv_shutdown *sd)
{
	static const struct nv_handler_actions none;

	return sd->env.act != NULL ? sd->env.act : &none;
}

static void server_note(void *arg, int level, const char *text)
{
	struct nv_shutdown *sd = arg;

	nv_handler_agentlog(&sd->env, level == 0 ? NV_EV_INFO : NV_EV_WARNING, "%s", text);
}

/* ---- what the sequence does, for real ------------------------------------ */

static size_t op_send(void *arg, enum nv_sd_type type, int32_t seconds,
    const char *event, uint8_t flags)
{
	struct nv_shutdown *sd = arg;

	return nv_sd_server_send_all(sd->srv, type, seconds, event, flags);
}

static void op_publish(void *arg, enum nv_sd_state st, time_t deadline,
    const char *event, uint8_t flags)
{
	struct nv_shutdown *sd = arg;

	nv_sd_server_set_state(sd->srv, st, deadline, event, flags);
}

/* nvshutdown's clients, and those of other plug-ins (NUT) */
static int op_longest_client(void *arg, char *who, size_t wholen)
{
	struct nv_shutdown *sd = arg;
	char other[NV_SD_NAME_LEN] = "";
	int longest = nv_sd_server_max_duration(sd->srv, who, wholen);
	int others = act(sd)->clients_longest != NULL ?
	    act(sd)->clients_longest(act(sd)->arg, other, sizeof(other)) : 0;

	if (others > longest) {
		snprintf(who, wholen, "%s", other);
		return others;
	}
	return longest;
}

static int op_shutoff_max_delay(void *arg)
{
	struct nv_shutdown *sd = arg;

	if (act(sd)->ups_shutoff_max_delay == NULL)
		return 0;
	return act(sd)->ups_shutoff_max_delay(act(sd)->arg);
}

static int op_ups_shutoff(void *arg, int delay_s, int restart_min)
{
	struct nv_shutdown *sd = arg;

	if (act(sd)->ups_shutoff == NULL)
		return -1;
	return act(sd)->ups_shutoff(act(sd)->arg, delay_s, restart_min);
}

static int op_wake(void *arg)
{
	struct nv_shutdown *sd = arg;

	return act(sd)->wol_send != NULL ? act(sd)->wol_send(act(sd)->arg) : -1;
}

static void op_notify(void *arg, enum nv_agent_event ev)
{
	struct nv_shutdown *sd = arg;

	if (act(sd)->agent_event != NULL)
		act(sd)->agent_event(act(sd)->arg, ev);
}

static void op_log(void *arg, enum nv_ev_level level, const char *text)
{
	struct nv_shutdown *sd = arg;

	nv_handler_agentlog(&sd->env, level, "%s", text);
}

static const struct nv_sd_seq_ops seq_ops = {
	.send = op_send,
	.publish = op_publish,
	.longest_client = op_longest_client,
	.shutoff_max_delay = op_shutoff_max_delay,
	.ups_shutoff = op_ups_shutoff,
	.wake = op_wake,
	.notify = op_notify,
	.log = op_log,
};

/* One turn of the sequence on the newest levels. */
static void run(struct nv_shutdown *sd)
{
	const struct nv_snapshot *s = sd->env.snap;
	struct nv_sd_seq_input in = {
		.cfg = scfg(sd),
		.sys = &s->sys,
		.comm_ok = s->comm == NV_COMM_OK,
		.now_ms = nv_now_ms(),
		.wall = time(NULL),
	};

	nv_sd_seq_run(&sd->seq, &in);
}

/* ---- the plug-in --------------------------------------------------------- */

/* A scheduled shut-off (schedule.c): its event holds from now. */
static void shutdown_handle(void *state, const struct nv_notification *n)
{
	struct nv_shutdown *sd = state;
	int e = n->event != NULL ? nv_sd_event_parse(n->event) : -1;

	if (n->kind != NV_NOTE_SCHEDULE || e < 0 || sd->srv == NULL)
		return;
	nv_sd_seq_schedule(&sd->seq, (enum nv_sd_event)e, nv_now_ms(), n->restart_at);
	run(sd);
}

static int open_listener(struct nv_shutdown *sd, char *err, size_t errlen)
{
	if (nv_sd_server_open(&sd->srv, scfg(sd)->listen, scfg(sd)->secret_file,
	    scfg(sd)->max_clients, err, errlen) != 0) {
		sd->srv = NULL;
		return -1;
	}
	nv_sd_seq_init(&sd->seq, &seq_ops, sd);
	memcpy(sd->listen, scfg(sd)->listen, sizeof(sd->listen));
	sd->max_clients = scfg(sd)->max_clients;
	nv_sd_server_set_note(sd->srv, server_note, sd);
	nv_sd_server_set_sender(sd->srv, sd->env.system->name);
	nv_log(LOG_INFO, "shutdown clients: listening on %s", scfg(sd)->listen);
	return 0;
}

static void close_listener(struct nv_shutdown *sd)
{
	nv_sd_server_close(sd->srv);
	sd->srv = NULL;
}

static int shutdown_init(void **state, const struct nv_handler_env *env, char *err,
    size_t errlen)
{
	struct nv_shutdown *sd = calloc(1, sizeof(*sd));

	if (sd == NULL) {
		snprintf(err, errlen, "shutdown: out of memory");
		return -1;
	}
	sd->env = *env;
	if (scfg(sd)->enabled && open_listener(sd, err, errlen) != 0) {
		free(sd);
		return -1;
	}
	*state = sd;
	return 0;
}

/* Keeps the clients; a new listen address or secret that cannot be used
 * keeps the old one (logged). */
static int shutdown_reload(void *state, const struct nv_handler_env *env)
{
	struct nv_shutdown *sd = state;
	char err[512];

	sd->env = *env;
	if (sd->srv == NULL) {
		if (scfg(sd)->enabled && open_listener(sd, err, sizeof(err)) != 0)
			nv_log(LOG_ERR, "reload: %s", err);
		return 0;
	}
	if (!scfg(sd)->enabled) {
		nv_log(LOG_WARNING, "reload: the shutdown section is gone; clients are no "
		    "longer served");
		close_listener(sd);
		return 0;
	}
	if (strcmp(sd->listen, scfg(sd)->listen) != 0 ||
	    sd->max_clients != scfg(sd)->max_clients)
		nv_log(LOG_WARNING, "reload: shutdown listen / max-clients changed; restart "
		    "nvagentd to apply them");
	if (nv_sd_server_rekey(sd->srv, scfg(sd)->secret_file, err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "reload: keeping the old shutdown secret: %s", err);
	nv_sd_server_set_sender(sd->srv, sd->env.system->name);
	return 0;
}

static void shutdown_fini(void *state)
{
	struct nv_shutdown *sd = state;

	if (sd->srv != NULL)
		close_listener(sd);
	free(sd);
}

static void shutdown_fill(void *state, fd_set *rd, int *maxfd, struct timeval *tv)
{
	const struct nv_shutdown *sd = state;
	uint64_t due, now;
	int fd;

	if (sd->srv == NULL)
		return;
	fd = nv_sd_server_fd(sd->srv);
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
	due = nv_sd_seq_next_due(&sd->seq);
	if (due == UINT64_MAX)
		return;
	now = nv_now_ms();
	due = due > now ? due - now : 0;
	if ((uint64_t)tv->tv_sec * 1000 + (uint64_t)tv->tv_usec / 1000 > due) {
		tv->tv_sec = (time_t)(due / 1000);
		tv->tv_usec = (suseconds_t)(due % 1000) * 1000;
	}
}

static void shutdown_process(void *state, const fd_set *rd)
{
	struct nv_shutdown *sd = state;

	if (sd->srv == NULL)
		return;
	/* the sequence first, so a heartbeat is answered with the state now */
	run(sd);
	if (FD_ISSET(nv_sd_server_fd(sd->srv), rd))
		nv_sd_server_receive(sd->srv);
	nv_sd_server_expire(sd->srv, scfg(sd)->client_timeout_s);
}

static const void *shutdown_section(const struct nv_config *cfg)
{
	return &cfg->shutdown;
}

const struct nv_handler_ops nv_handler_shutdown = {
	.name = "shutdown",
	.section = shutdown_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_SCHEDULE), /* else levels: see run() */
	.required = true,
	.init = shutdown_init,
	.handle = shutdown_handle,
	.reload = shutdown_reload,
	.fini = shutdown_fini,
	.fill = shutdown_fill,
	.process = shutdown_process,
};

/* ---- for the control socket and the SOCOMEC MIB --------------------------- */

bool nv_shutdown_serving(const struct nv_shutdown *sd)
{
	return sd != NULL && sd->srv != NULL;
}

size_t nv_shutdown_clients(const struct nv_shutdown *sd, nv_shutdown_client_fn fn,
    void *arg)
{
	if (!nv_shutdown_serving(sd))
		return 0;
	return nv_sd_server_clients(sd->srv, fn, arg);
}

const struct nv_sd_counters *nv_shutdown_counters(const struct nv_shutdown *sd)
{
	return nv_sd_server_counters(sd->srv);
}

const char *nv_shutdown_test(struct nv_shutdown *sd)
{
	if (!nv_shutdown_serving(sd))
		return "shutdown management is not configured (no shutdown section)";
	if (scfg(sd)->ev[NV_SDE_ON_BATTERY].action == NV_SDA_DISABLED)
		return "the on-battery event is disabled: the test uses its settings";
	if (nv_sd_seq_busy(&sd->seq))
		return "a shutdown sequence or test is already running";
	nv_sd_seq_test_start(&sd->seq, nv_now_ms(), scfg(sd)->test_cancel_after_s);
	nv_handler_agentlog(&sd->env, NV_EV_INFO, "Shutdown test started (cancel in %d s)",
	    scfg(sd)->test_cancel_after_s);
	run(sd);
	return NULL;
}

int nv_shutdown_test_cancel_after(const struct nv_shutdown *sd)
{
	return scfg(sd)->test_cancel_after_s;
}
