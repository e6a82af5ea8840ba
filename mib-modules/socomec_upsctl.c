/*
 * socomec_upsctl.c — upsControl read side (see socomec_upsctl.h).  Rows of
 * the parameter table are the shutdown events in the order of
 * nvagent.conf(5) (1 = on-battery ... 9 = special-day, 10..13 the
 * environment sensor's when one is configured); the delay column is
 * the warning period in minutes, as the MIB's unit says.
 */
#include "config_shutdown.h"
#include "mib_view.h"
#include "nvconfig.h"
#include "socomec_upsctl.h"

/* The environment sensor's shutdown events are rows only with a sensor,
 * as the card lists them only with an EMD. */
static int n_rows(const struct nv_mib_view *view)
{
	return view->cfg->env.enabled ? NV_SDE_COUNT : NV_SDE_EMD_TEMPERATURE;
}

int nv_sdp_rows(const struct nv_mib_view *view, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= n_rows(view) ? next : -1;
}

void nv_sdc_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_shutdown_cfg *c = &view->cfg->shutdown;

	(void)row;
	if (o->arg == SDC_DELAY)
		mib_set_int(v, c->ups_shutoff ? c->ups_shutoff_delay_s : 0);
	else
		mib_set_int(v, c->enabled && c->ups_shutoff ? 1 : 2);  /* enable(1) / disable(2) */
}

void nv_sdp_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_sd_event_cfg *e;

	if (row < 1 || row > n_rows(view))
		return;
	e = &view->cfg->shutdown.ev[row - 1];
	switch (o->arg) {
	case SDP_INDEX:
		mib_set_int(v, row);
		break;
	case SDP_STATUS:        /* disable(1), warning(2), clientShutdown(3) */
		mib_set_int(v, !view->cfg->shutdown.enabled ? 1 :
		    e->action == NV_SDA_SHUTDOWN ? 3 : e->action == NV_SDA_WARNING ? 2 : 1);
		break;
	case SDP_DELAY:
		mib_set_int(v, e->warning_period_s / 60);
		break;
	case SDP_FIRST:
		mib_set_int(v, e->first_warning_s);
		break;
	case SDP_INTERVAL:
		mib_set_int(v, e->warning_interval_s);
		break;
	}
}
