/*
 * handler_eventlog.c — the persistent logs' plug-in: each condition and
 * communication notification becomes its UPS / STS / agent event records,
 * and each new snapshot (a level, read from the view) one history sample,
 * each in the logs of the device it is about (the agent's own events in
 * the first device's).
 */
#include <stdlib.h>

#include "event_records.h"
#include "handler_eventlog.h"
#include "logs.h"
#include "nvconfig.h"

struct eventlog_state {
	struct nv_handler_env env;
	/* snapshot last sampled into each device's history */
	uint64_t sampled_seq[NV_DEVICES_MAX];
};

static struct nv_logs *logs_in(struct nv_logs *const *logs)
{
	return logs != NULL ? *logs : NULL;
}

/* N's device's logs; the agent-wide ones (env->logs) when it names none. */
static struct nv_logs *logs_of(const struct eventlog_state *st,
    const struct nv_notification *n)
{
	const struct nv_handler_device *d = nv_handler_device_of(&st->env, n);

	return logs_in(d != NULL ? d->logs : st->env.logs);
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
	struct nv_logs *logs = logs_of(st, n);
	int k = nv_eventlog_records(n, rec);

	for (int i = 0; i < k && logs != NULL; i++)
		nv_logs_event(logs, &rec[i]);
}

/* CLOCK_MONOTONIC in seconds: the logs' intervals do not jump with the date. */
static double mono_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A new snapshot of the device as one sample of its history. */
static void sample(uint64_t *sampled_seq, const struct nv_snapshot *s, struct nv_logs *logs)
{
	if (s == NULL || logs == NULL || s->seq == *sampled_seq)
		return;
	*sampled_seq = s->seq;
	nv_logs_sample(logs, s, mono_seconds());
}

static void eventlog_tick(void *state)
{
	struct eventlog_state *st = state;
	const struct nv_handler_env *env = &st->env;

	if (env->devices == NULL || env->ndevices == 0) {
		sample(&st->sampled_seq[0], env->snap, logs_in(env->logs));
		return;
	}
	for (size_t i = 0; i < env->ndevices && i < NV_DEVICES_MAX; i++)
		sample(&st->sampled_seq[i], env->devices[i].snap, logs_in(env->devices[i].logs));
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
