/*
 * fuzz_traphandle_input.c — what snmptrapd writes to nvtraphandle's
 * standard input (the traphandle format: host, transport address, then
 * one "OID value" line per varbind), read and parsed by nvtraphandle's own
 * read_all() and parse_trap().  Those are private to the program, so its
 * source is compiled into this target with main() renamed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_util.h"

#define main nvtraphandle_main
#include "nvtraphandle/nvtraphandle.c"
#undef main

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_notification n;
	char err[512], host[256], *text;
	FILE *f;

	nv_fuzz_setup();
	if (size == 0)
		return 0;       /* fmemopen refuses an empty buffer */
	f = fmemopen((void *)data, size, "r");
	if (f == NULL)
		abort();
	text = read_all(f, err, sizeof(err));
	fclose(f);
	if (text == NULL)
		return 0;
	if (parse_trap(text, &n, host, sizeof(host), err, sizeof(err)) == 0 &&
	    (n.event == NULL || n.n_vb > NV_VB_MAX))
		abort();
	free(text);
	return 0;
}
