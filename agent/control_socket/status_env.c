/*
 * status_env.c — the environment sensor in `nvctl status`: its line, its
 * communication, the room's temperature and humidity and the contacts,
 * as emdStatus serves them.
 */
#include <stdio.h>

#include "status.h"

static const char *input_state(int32_t v)
{
	switch (v) {
	case NV_ENV_IN_DISABLED: return "disabled";
	case NV_ENV_IN_INACTIVE: return "not active";
	case NV_ENV_IN_ACTIVE:   return "active";
	}
	return "n/a";
}

void nv_status_env_human(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg)
{
	const struct nv_env *e = &s->env;
	const struct nv_env_cfg *c = &cfg->env;

	if (!c->enabled)
		return;
	if (c->from_files)
		nv_text_printf(t, "Environment:    %s, sysfs files, communication %s\n",
		    c->name, nv_comm_name(e->comm));
	else
		nv_text_printf(t, "Environment:    %s, %s on %s slave %d%s, communication %s\n",
		    c->name, c->profile, c->serial.device, c->serial.slave,
		    c->shared ? " (the UPS's line)" : "", nv_comm_name(e->comm));
	nv_text_printf(t, "  %-18s ", "Room temperature");
	nv_status_put_value(t, e->temp, 10, false);
	nv_text_printf(t, " C\n  %-18s ", "Room humidity");
	nv_status_put_value(t, e->hum, 10, false);
	nv_text_printf(t, " %%\n");
	for (int k = 0; k < 2; k++)
		nv_text_printf(t, "  Input %d%s%-10s %s\n", k + 1, c->input[k].name[0] ? " " : "",
		    c->input[k].name, input_state(e->input[k]));
}

void nv_status_env_json(struct nv_text *t, const struct nv_snapshot *s,
    const struct nv_config *cfg)
{
	const struct nv_env *e = &s->env;

	if (!cfg->env.enabled)
		return;
	nv_text_printf(t, ",\"environment\":{\"communication\":");
	nv_text_json_string(t, nv_comm_name(e->comm));
	nv_text_printf(t, ",\"temperature_c\":");
	nv_status_put_value(t, e->temp, 10, true);
	nv_text_printf(t, ",\"humidity_pct\":");
	nv_status_put_value(t, e->hum, 10, true);
	for (int k = 0; k < 2; k++) {
		nv_text_printf(t, ",\"input%d\":", k + 1);
		nv_text_json_string(t, input_state(e->input[k]));
	}
	nv_text_printf(t, "}");
}
