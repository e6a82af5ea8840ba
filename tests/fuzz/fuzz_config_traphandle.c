/*
 * fuzz_config_traphandle.c — the configuration nvtraphandle reads (the
 * notification sections of nvagent.conf) through nv_config_notify_load(),
 * as nvtraphandle's main() does.
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
	nv_config_defaults(&cfg);
	if (nv_config_notify_load(path, &cfg.notify, err, sizeof(err)) != 0)
		nv_fuzz_refusal_names(err, path);
	return 0;
}
