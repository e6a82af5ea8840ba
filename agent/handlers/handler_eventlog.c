/*
 * handler_eventlog.c — the persistent logs' plug-in: each condition and
 * communication notification becomes its UPS / STS / agent event records,
 * and each new snapshot (a level, read from the view) one history sample.
 */
#include <stdlib.h>

#include "event_records.h"
#include "handler_eventlog.h"
#include "logs.h"

struct eventlog_state {
	struct nv_handler_env env;
	uint64_t sampled_seq;           /* snapshot last sampled into the history */
};

static struct nv_logs *logs_of(const struct eventlog_state *st)
{
	return st->env.logs != NULL ? *st->env.logs : NULL;
}

static int eventlog_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct eventlog_state *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return -1;
	st->env = *env;
	*state = st;
	return 0;
}

static void eventlog_handle(void *state, const struct nv_notification *n)
{
	struct eventlog_state *st = state;
	struct nv_event_rec rec[NV_EV_MAX_PER_NOTE];
	int k = nv_eventlog_records(n, rec);

	for (int i = 0; i < k && logs_of(st) != NULL; i++)
		nv_logs_event(logs_of(st), &rec[i]);
}

/* CLOCK_MONOTONIC in seconds: the logs' intervals do not jump with the date. */
static double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void eventlog_tick(void *state)
{
	struct eventlog_state *st = state;
	const struct nv_snapshot *s = st->env.snap;

	if (s == NULL || logs_of(st) == NULL || s->seq == st->sampled_seq)
		return;
	st->sampled_seq = s->seq;
	nv_logs_sample(logs_of(st), s, mono_seconds());
}

static int eventlog_reload(void *state, const struct nv_handler_env *env)
{
	struct eventlog_state *st = state;

	st->env = *env;
	return 0;
}

static void eventlog_fini(void *state)
{
	free(state);
}

const struct nv_handler_ops nv_handler_eventlog = {
	.name = "eventlog",
	.kinds = NV_NOTE_BIT(NV_NOTE_CONDITION) | NV_NOTE_BIT(NV_NOTE_COMM),
	.init = eventlog_init,
	.handle = eventlog_handle,
	.reload = eventlog_reload,
	.fini = eventlog_fini,
	.tick = eventlog_tick,
};
