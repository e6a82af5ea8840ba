/*
 * fuzz_config_agent.c — nvagent.conf through nv_config_load(), the loader
 * and validation nvagentd runs at start and on SIGHUP.  A refused file
 * must come with a "FILE:LINE: ..." reason; an accepted one must hold
 * values inside the documented ranges (checked here for every device's
 * serial line, which its poller trusts).
 */
#include <stdlib.h>
#include <string.h>

#include "nvconfig.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nv_config cfg;
	char err[512];
	const char *path;

	nv_fuzz_setup();
	path = nv_fuzz_file("nvagent.conf", data, size);
	if (nv_config_load(path, &cfg, err, sizeof(err)) != 0) {
		nv_fuzz_refusal_names(err, path);
		return 0;
	}
	if (cfg.ndevices < 1 || cfg.ndevices > NV_DEVICES_MAX)
		abort();
	for (size_t i = 0; i < cfg.ndevices; i++) {
		const struct nv_serial_cfg *s = &cfg.devices[i].serial;

		if (s->slave < 1 || s->slave > 247 || s->baud < 0 ||
		    cfg.devices[i].name[0] == '\0')
			abort();
	}
	if (memcmp(&cfg.serial, &cfg.devices[0].serial, sizeof(cfg.serial)) != 0)
		abort();
	return 0;
}
