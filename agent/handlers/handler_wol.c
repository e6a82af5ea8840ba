/*
 * handler_wol.c — Wake-on-LAN after a UPS shut-off caused by an AC
 * failure: the plug-in arms when the shut-off is done (a control
 * notification saying mains was out), sees the output go off, and once
 * mains and the output are back, wakes every enabled target.  Condition
 * notifications tell it when to look; the levels come from the view.
 */
#include <stdlib.h>

#include "device.h"
#include "handler_wol.h"
#include "nvconfig.h"

struct wol_state {
	struct nv_handler_env env;
	bool armed;                     /* a shut-off after an AC failure was done */
	bool saw_off;                   /* ... and the output went off since */
};

static void wake(struct wol_state *st)
{
	const struct nv_wol_cfg *w = st->env.section;
	const struct nv_handler_actions *a = st->env.act;
	int n;

	st->armed = false;
	if (w->n == 0 || a == NULL || a->wol_send == NULL)
		return;
	n = a->wol_send(a->arg);
	if (n >= 0)
		nv_handler_agentlog(&st->env, NV_EV_INFO, "mains and UPS output back: "
		    "Wake-on-LAN sent to %d target(s) at %s", n, w->address);
	else
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "mains and UPS output back: "
		    "Wake-on-LAN could not be sent");
}

/* The levels now: output off seen, then mains and output back. */
static void look(struct wol_state *st)
{
	const struct nv_snapshot *s = st->env.snap;

	if (!st->armed || s == NULL || s->comm != NV_COMM_OK)
		return;
	if (nv_cond_get(&s->sys, NV_C_LOAD_OFF)) {
		st->saw_off = true;
		return;
	}
	if (st->saw_off && nv_cond_get(&s->sys, NV_C_INPUT_PRESENT))
		wake(st);
}

static void wol_handle(void *state, const struct nv_notification *n)
{
	struct wol_state *st = state;

	if (n->kind == NV_NOTE_CONTROL && n->status == NV_CMDS_DONE) {
		if (n->command == NV_CMD_SHUTOFF && n->on_ac_fail) {
			st->armed = true;
			st->saw_off = false;
		} else if (n->command == NV_CMD_SHUTOFF_CANCEL) {
			st->armed = false;
		}
	}
	look(st);
}

static int wol_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct wol_state *st = calloc(1, sizeof(*st));

	if (st == NULL)
		return -1;
	st->env = *env;
	*state = st;
	return 0;
}

static int wol_reload(void *state, const struct nv_handler_env *env)
{
	struct wol_state *st = state;

	st->env = *env;
	return 0;
}

static void wol_fini(void *state)
{
	free(state);
}

bool nv_wol_armed(const void *state)
{
	const struct wol_state *st = state;

	return st != NULL && st->armed;
}

static const void *wol_section(const struct nv_config *cfg)
{
	return &cfg->wol;
}

const struct nv_handler_ops nv_handler_wol = {
	.name = "wol",
	.section = wol_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_CONDITION) | NV_NOTE_BIT(NV_NOTE_COMM) |
	    NV_NOTE_BIT(NV_NOTE_CONTROL),
	.init = wol_init,
	.handle = wol_handle,
	.reload = wol_reload,
	.fini = wol_fini,
};
