/*
 * status.h — the `status` report (human text or JSON) rendered from a
 * snapshot, shared by nvagentd's control socket and the unit tests.
 */
#ifndef NV_STATUS_H
#define NV_STATUS_H

#include <stdbool.h>
#include <time.h>

#include "model.h"
#include "nvconfig.h"
#include "textbuf.h"

/* "Now" is passed in so that the report is reproducible in tests. */
struct nv_status_clock {
	struct timespec mono;   /* CLOCK_MONOTONIC, same base as snapshot times */
	time_t wall;            /* time(NULL) */
};

void nv_status_clock_now(struct nv_status_clock *now);

/* Append the report to out; -1 only when memory ran out. */
int nv_status_render(struct nv_text *out, const struct nv_snapshot *s,
    const struct nv_config *cfg, const struct nv_status_clock *now, bool json);

/* A model value as text: "229.5" (scale 10), "95" (scale 1); NV_NA is
 * "n/a", or null in JSON. */
void nv_status_put_value(struct nv_text *t, int32_t v, int scale, bool json);

/* status_env.c: the environment sensor's part of the report (nothing
 * without an environment section); the JSON part starts with a comma. */
void nv_status_env_human(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg);
void nv_status_env_json(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg);

/* True for the alarm conditions, false for the operating states. */
bool nv_cond_is_alarm(enum nv_cond c);

#endif
