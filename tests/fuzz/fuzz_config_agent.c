/*
 * fuzz_config_agent.c — nvagent.conf through nv_config_load(), the loader
 * and validation nvagentd runs at start and on SIGHUP.  A refused file
 * must come with a "FILE:LINE: ..." reason; an accepted one must hold
 * values inside the documented ranges (checked here for the serial line,
 * which the poller trusts).
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
	if (cfg.serial.slave < 1 || cfg.serial.slave > 247 || cfg.serial.baud < 0)
		abort();
	return 0;
}
