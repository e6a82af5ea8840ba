/*
 * fuzz_config_shutdown.c — nvshutdown.conf through nvs_config_load(), the
 * loader and validation of the nvshutdown client daemon.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "nvshutdown.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nvs_config cfg;
	char err[512];
	const char *path;

	nv_fuzz_setup();
	path = nv_fuzz_file("nvshutdown.conf", data, size);
	if (nvs_config_load(path, &cfg, err, sizeof(err)) != 0) {
		nv_fuzz_refusal_names(err, path);
		return 0;
	}
	if (cfg.n_servers < 1 || cfg.n_servers > NVS_MAX_SERVERS || cfg.heartbeat <= 0)
		abort();
	return 0;
}
