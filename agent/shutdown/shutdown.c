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
#include "shutdown_feeds.h"
#include "shutdown_seq.h"
#include "shutdown_server.h"

/* The clients fed by one set of devices and their own sequence: a
 * dual-corded server fed by A and B under "when = all" is shut down only
 * when both fail, one fed by A alone as soon as A does. */
struct feed_group {
	struct nv_shutdown *sd;
	unsigned feeds;                 /* bits of env.devices' indexes */
	struct nv_sd_seq seq;           /* the state machine (shutdown_seq.c) */
};

struct nv_shutdown {
	struct nv_handler_env env;
	struct nv_sd_server *srv;       /* NULL: no shutdown section */
	struct feed_group *group[NV_SD_FEED_SETS];      /* by feeds; NULL: none */
	/* the group whose sequence shut device d off, until its power is
	 * back: another group's does not send it again */
	const struct feed_group *shut_off_by[NV_SD_DEVICES_MAX];
	char listen[64];                /* what the socket was opened with */
	int max_clients;
};

static const struct nv_shutdown_cfg *scfg(const struct nv_shutdown *sd)
{
	return sd->env.section;
}

static const struct nv_handler_actions none_act;

static const struct nv_handler_actions *act(const struct nv_shutdown *sd)
{
	return sd->env.act != NULL ? sd->env.act : &none_act;
}

/* ---- the devices ------------------------------------------------------- */

static size_t ndev(const struct nv_shutdown *sd)
{
	if (sd->env.devices == NULL || sd->env.ndevices == 0)
		return 1;
	return sd->env.ndevices < NV_SD_DEVICES_MAX ? sd->env.ndevices : NV_SD_DEVICES_MAX;
}

/* Every device: the feeds of a client that declares none. */
static unsigned all_devices(const struct nv_shutdown *sd)
{
	return (1u << ndev(sd)) - 1;
}

static const char *dev_name(const struct nv_shutdown *sd, size_t d)
{
	return sd->env.devices != NULL ? sd->env.devices[d].name : "ups";
}

static const struct nv_handler_actions *dev_act(const struct nv_shutdown *sd, size_t d)
{
	if (sd->env.devices == NULL)
		return act(sd);
	return sd->env.devices[d].act != NULL ? sd->env.devices[d].act : &none_act;
}

static void dev_names(const struct nv_shutdown *sd, const char *names[NV_SD_DEVICES_MAX])
{
	for (size_t d = 0; d < ndev(sd); d++)
		names[d] = dev_name(sd, d);
}

static void feeds_text(const struct nv_shutdown *sd, unsigned feeds, char *buf, size_t len)
{
	const char *names[NV_SD_DEVICES_MAX];

	dev_names(sd, names);
	nv_sd_feeds_format(feeds, names, ndev(sd), buf, len);
}

/* What a client's declared feeds are here; names this agent does not
 * know are said (once per client: the server asks again only when they
 * change) and left out. */
static unsigned resolve_feeds(void *arg, const char *client, const char *declared)
{
	struct nv_shutdown *sd = arg;
	const char *names[NV_SD_DEVICES_MAX];
	char unknown[NV_SD_FEEDS_LEN];
	unsigned feeds;

	if (declared[0] == '\0')
		return all_devices(sd);
	dev_names(sd, names);
	feeds = nv_sd_feeds_resolve(declared, names, ndev(sd), unknown, sizeof(unknown));
	if (unknown[0] != '\0')
		nv_handler_agentlog(&sd->env, NV_EV_WARNING, "Shutdown client %s: feeds %s "
		    "are not devices of this agent: ignored%s", client, unknown,
		    feeds == 0 ? "; fed by every device" : "");
	return feeds != 0 ? feeds : all_devices(sd);
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
	struct feed_group *g = arg;

	return nv_sd_server_send_all(g->sd->srv, g->feeds, type, seconds, event, flags);
}

static void op_publish(void *arg, enum nv_sd_state st, time_t deadline,
    const char *event, uint8_t flags)
{
	struct feed_group *g = arg;

	nv_sd_server_set_state(g->sd->srv, g->feeds, st, deadline, event, flags);
}

/* nvshutdown's clients powered by the group's devices, and those of other
 * plug-ins (NUT) */
static int op_longest_client(void *arg, char *who, size_t wholen)
{
	struct feed_group *g = arg;
	struct nv_shutdown *sd = g->sd;
	char other[NV_SD_NAME_LEN] = "";
	int longest = nv_sd_server_max_duration(sd->srv, g->feeds, who, wholen);
	int others = act(sd)->clients_longest != NULL ?
	    act(sd)->clients_longest(act(sd)->arg, other, sizeof(other)) : 0;

	if (others > longest) {
		snprintf(who, wholen, "%s", other);
		return others;
	}
	return longest;
}

/* The shortest of the devices' longest delays: none of them refuses. */
static int op_shutoff_max_delay(void *arg, unsigned devices)
{
	struct feed_group *g = arg;
	int max = 0;

	for (size_t d = 0; d < ndev(g->sd); d++) {
		const struct nv_handler_actions *a = dev_act(g->sd, d);
		int m;

		if (!(devices & 1u << d) || a->ups_shutoff_max_delay == NULL)
			continue;
		m = a->ups_shutoff_max_delay(a->arg);
		if (m > 0 && (max == 0 || m < max))
			max = m;
	}
	return max;
}

static int op_ups_shutoff(void *arg, unsigned devices, int delay_s, int restart_min)
{
	struct feed_group *g = arg;
	int rc = 0;

	for (size_t d = 0; d < ndev(g->sd); d++) {
		const struct nv_handler_actions *a = dev_act(g->sd, d);
		bool sent;

		if (!(devices & 1u << d))
			continue;
		if (g->sd->shut_off_by[d] != NULL && g->sd->shut_off_by[d] != g) {
			nv_handler_agentlog(&g->sd->env, NV_EV_INFO, "UPS shut-off of %s already "
			    "sent", dev_name(g->sd, d));
			continue;
		}
		sent = a->ups_shutoff != NULL && a->ups_shutoff(a->arg, delay_s, restart_min) == 0;
		if (sent)
			g->sd->shut_off_by[d] = g;
		if (!sent)
			rc = -1;
		if (ndev(g->sd) > 1)
			nv_handler_agentlog(&g->sd->env, sent ? NV_EV_WARNING : NV_EV_CRITICAL,
			    "UPS shut-off of %s %s", dev_name(g->sd, d), sent ? "sent" : "refused");
	}
	return rc;
}

static int op_wake(void *arg)
{
	struct feed_group *g = arg;

	return act(g->sd)->wol_send != NULL ? act(g->sd)->wol_send(act(g->sd)->arg) : -1;
}

/* Another group has already told the NMS (the traps are the agent's,
 * not each group's: the first warning, the first request, the last
 * cancel). */
static bool told_by_another(const struct feed_group *g, enum nv_agent_event ev)
{
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++) {
		const struct feed_group *o = g->sd->group[f];

		if (o == NULL || o == g)
			continue;
		if (o->seq.phase == NV_SDQ_SHUTDOWN)
			return true;
		if (ev != NV_AE_SHUTDOWN_REQUEST && o->seq.phase == NV_SDQ_WARNING &&
		    o->seq.warnings > 0)
			return true;
	}
	return false;
}

static void op_notify(void *arg, enum nv_agent_event ev)
{
	struct feed_group *g = arg;

	if (act(g->sd)->agent_event != NULL && !told_by_another(g, ev))
		act(g->sd)->agent_event(act(g->sd)->arg, ev);
}

static void op_log(void *arg, enum nv_ev_level level, const char *text)
{
	struct feed_group *g = arg;
	char feeds[NV_SD_DEVICES_MAX * NV_SD_DEVICE_NAME_LEN];

	if (g->feeds == all_devices(g->sd)) {
		nv_handler_agentlog(&g->sd->env, level, "%s", text);
		return;
	}
	feeds_text(g->sd, g->feeds, feeds, sizeof(feeds));
	nv_handler_agentlog(&g->sd->env, level, "Clients fed by %s: %s", feeds, text);
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

/* ---- the groups ---------------------------------------------------------- */

static struct feed_group *group_new(struct nv_shutdown *sd, unsigned feeds)
{
	struct feed_group *g = calloc(1, sizeof(*g));

	if (g == NULL) {
		nv_log(LOG_ERR, "shutdown: out of memory for the clients fed by %#x", feeds);
		return NULL;
	}
	g->sd = sd;
	g->feeds = feeds;
	nv_sd_seq_init(&g->seq, &seq_ops, g);
	sd->group[feeds] = g;
	return g;
}

static void group_free(struct nv_shutdown *sd, unsigned feeds)
{
	for (size_t d = 0; d < NV_SD_DEVICES_MAX; d++)
		if (sd->shut_off_by[d] == sd->group[feeds])
			sd->shut_off_by[d] = NULL;
	free(sd->group[feeds]);
	sd->group[feeds] = NULL;
}

static void groups_free(struct nv_shutdown *sd)
{
	for (unsigned f = 0; f < NV_SD_FEED_SETS; f++)
		group_free(sd, f);
}

/* A group for every set of feeds the clients have, and for every device
 * (the agent's own sequence: traps and UPS shut-off without clients);
 * one that has no clients left goes once it is idle. */
static void groups_follow_clients(struct nv_shutdown *sd)
{
	bool used[NV_SD_FEED_SETS] = { false };

	nv_sd_server_feed_sets(sd->srv, used);
	used[all_devices(sd)] = true;
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++) {
		struct feed_group *g = sd->group[f];

		if (g == NULL && used[f])
			group_new(sd, f);
		else if (g != NULL && !used[f] && !nv_sd_seq_busy(&g->seq))
			group_free(sd, f);
	}
}

static bool any_busy(const struct nv_shutdown *sd)
{
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++)
		if (sd->group[f] != NULL && nv_sd_seq_busy(&sd->group[f]->seq))
			return true;
	return false;
}

/* One turn of every group's sequence on the newest levels. */
static void run(struct nv_shutdown *sd)
{
	struct nv_sd_seq_device dev[NV_SD_DEVICES_MAX];
	const struct nv_snapshot *s = sd->env.snap;
	struct nv_sd_seq_input in = {
		.cfg = scfg(sd),
		.sys = &s->sys,
		.comm_ok = s->comm == NV_COMM_OK,
		.now_ms = nv_now_ms(),
		.wall = time(NULL),
		.dev = dev,
		.ndev = ndev(sd),
	};

	for (size_t d = 0; d < in.ndev; d++) {
		const struct nv_snapshot *ds = sd->env.devices != NULL ?
		    sd->env.devices[d].snap : s;

		dev[d].sys = &ds->sys;
		dev[d].comm_ok = ds->comm == NV_COMM_OK;
		if (dev[d].comm_ok && nv_cond_get(&ds->sys, NV_C_INPUT_PRESENT) &&
		    !nv_cond_get(&ds->sys, NV_C_ON_BATTERY))
			sd->shut_off_by[d] = NULL;      /* power back: a new outage */
	}
	groups_follow_clients(sd);
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++)
		if (sd->group[f] != NULL) {
			in.feeds = f;
			nv_sd_seq_run(&sd->group[f]->seq, &in);
		}
}

/* ---- the plug-in --------------------------------------------------------- */

/* A scheduled shut-off (schedule.c): its event holds on its device from
 * now. */
static void shutdown_handle(void *state, const struct nv_notification *n)
{
	struct nv_shutdown *sd = state;
	int e = n->event != NULL ? nv_sd_event_parse(n->event) : -1;

	if (n->kind != NV_NOTE_SCHEDULE || e < 0 || sd->srv == NULL)
		return;
	groups_follow_clients(sd);
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++)
		if (sd->group[f] != NULL)
			nv_sd_seq_schedule_device(&sd->group[f]->seq, (enum nv_sd_event)e,
			    n->device_no, nv_now_ms(), n->restart_at);
	run(sd);
}

static int open_listener(struct nv_shutdown *sd, char *err, size_t errlen)
{
	if (nv_sd_server_open(&sd->srv, scfg(sd)->listen, scfg(sd)->secret_file,
	    scfg(sd)->max_clients, err, errlen) != 0) {
		sd->srv = NULL;
		return -1;
	}
	memcpy(sd->listen, scfg(sd)->listen, sizeof(sd->listen));
	sd->max_clients = scfg(sd)->max_clients;
	nv_sd_server_set_note(sd->srv, server_note, sd);
	nv_sd_server_set_feeds(sd->srv, resolve_feeds, sd);
	nv_sd_server_set_sender(sd->srv, sd->env.system->name);
	nv_log(LOG_INFO, "shutdown clients: listening on %s", scfg(sd)->listen);
	return 0;
}

static void close_listener(struct nv_shutdown *sd)
{
	nv_sd_server_close(sd->srv);
	sd->srv = NULL;
	groups_free(sd);
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
	nv_sd_server_resolve_feeds(sd->srv);    /* the devices may have changed */
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
	due = UINT64_MAX;
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++)
		if (sd->group[f] != NULL && nv_sd_seq_next_due(&sd->group[f]->seq) < due)
			due = nv_sd_seq_next_due(&sd->group[f]->seq);
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

struct with_feeds {
	const struct nv_shutdown *sd;
	nv_shutdown_client_fn fn;
	void *arg;
};

/* The row with the names of its feeds. */
static void name_feeds(const struct nv_shutdown_client_row *r, void *arg)
{
	const struct with_feeds *w = arg;
	struct nv_shutdown_client_row row = *r;

	feeds_text(w->sd, row.feeds_mask, row.feeds, sizeof(row.feeds));
	w->fn(&row, w->arg);
}

size_t nv_shutdown_clients(const struct nv_shutdown *sd, nv_shutdown_client_fn fn,
    void *arg)
{
	struct with_feeds w = { sd, fn, arg };

	if (!nv_shutdown_serving(sd))
		return 0;
	return nv_sd_server_clients(sd->srv, name_feeds, &w);
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
	if (any_busy(sd))
		return "a shutdown sequence or test is already running";
	groups_follow_clients(sd);
	for (unsigned f = 1; f < NV_SD_FEED_SETS; f++)
		if (sd->group[f] != NULL)
			nv_sd_seq_test_start(&sd->group[f]->seq, nv_now_ms(),
			    scfg(sd)->test_cancel_after_s);
	nv_handler_agentlog(&sd->env, NV_EV_INFO, "Shutdown test started (cancel in %d s)",
	    scfg(sd)->test_cancel_after_s);
	run(sd);
	return NULL;
}

int nv_shutdown_test_cancel_after(const struct nv_shutdown *sd)
{
	return scfg(sd)->test_cancel_after_s;
}
