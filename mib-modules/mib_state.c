/* mib_state.c — state the MIB modules derive from snapshots (see mib_state.h). */
#include <stdlib.h>

#include "mib_state.h"

int nv_mib_state_init(struct nv_ctx *ctx)
{
	struct nv_mib_state *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return -1;
	ctx->mib = m;
	ctx->view.mib = m;
	return 0;
}

void nv_mib_state_fini(struct nv_ctx *ctx)
{
	free(ctx->mib);
	ctx->mib = NULL;
	ctx->view.mib = NULL;
}

static int64_t ms_of(const struct timespec *ts)
{
	return (int64_t)ts->tv_sec * 1000 + ts->tv_nsec / 1000000;
}

void nv_mib_state_update(struct nv_ctx *ctx)
{
	const struct nv_snapshot *s = &ctx->snap;
	const struct nv_unit *u = nv_snapshot_view(s, ctx->cfg.data_unit);

	if (ctx->mib != NULL) {
		for (int p = 0; p < NV_MAX_PHASES; p++) {
			struct sv_window *w = &ctx->mib->in_voltage[p];

			/* values from before a communication loss are not "the last minute" */
			if (s->comm != NV_COMM_OK)
				sv_window_reset(w);
			else
				sv_window_add(w, ms_of(&s->taken), u->ups.in_voltage[p],
				    NV_MINMAX_SPAN_MS);
		}
	}
}

uint32_t nv_mib_uptime_ticks(const struct nv_mib_view *view)
{
	struct timespec now;
	int64_t cs;

	if (view->mib != NULL && view->mib->uptime != NULL)
		return view->mib->uptime();
	if (clock_gettime(CLOCK_MONOTONIC, &now) != 0)
		return 0;
	cs = (now.tv_sec - view->started->tv_sec) * 100 +
	    (now.tv_nsec - view->started->tv_nsec) / 10000000;
	return cs < 0 ? 0 : (uint32_t)cs;
}
