/* control_devices.c — `nvctl devices [json]` (see control_devices.h). */
#include <stdbool.h>
#include <string.h>

#include "control_devices.h"
#include "control_proto.h"

/* One line: name, line, communication, model. */
static void device_line(struct nv_text *t, const struct nv_ctx *c)
{
	const struct nv_snapshot *s = &c->snap;

	nv_text_printf(t, "%-16s %-20s %-16s %s\n", c->name, c->cfg.serial.device,
	    nv_comm_name(s->comm), s->id.model[0] != '\0' ? s->id.model : "-");
}

static void device_json(struct nv_text *t, const struct nv_ctx *c, bool comma)
{
	const struct nv_snapshot *s = &c->snap;

	nv_text_printf(t, "%s{\"name\":", comma ? "," : "");
	nv_text_json_string(t, c->name);
	nv_text_printf(t, ",\"line\":");
	nv_text_json_string(t, c->cfg.serial.device);
	nv_text_printf(t, ",\"comm\":");
	nv_text_json_string(t, nv_comm_name(s->comm));
	nv_text_printf(t, ",\"model\":");
	nv_text_json_string(t, s->id.model);
	nv_text_printf(t, "}");
}

void nv_ctl_cmd_devices(const struct nv_devices *devs, int argc, char **argv,
    struct nv_text *out)
{
	bool json = argc == 2 && strcmp(argv[1], "json") == 0;
	struct nv_text body;

	if (argc > 2 || (argc == 2 && !json)) {
		nv_ctl_reply_err(out, "usage: devices [json]");
		return;
	}
	nv_text_init(&body);
	if (json)
		nv_text_printf(&body, "[");
	else
		nv_text_printf(&body, "%-16s %-20s %-16s %s\n", "DEVICE", "LINE",
		    "COMMUNICATION", "MODEL");
	for (size_t i = 0; i < devs->n; i++) {
		if (json)
			device_json(&body, devs->dev[i], i > 0);
		else
			device_line(&body, devs->dev[i]);
	}
	if (json)
		nv_text_printf(&body, "]\n");
	if (body.failed)
		nv_ctl_reply_err(out, "out of memory");
	else
		nv_ctl_reply_ok(out, body.buf);
	nv_text_free(&body);
}
