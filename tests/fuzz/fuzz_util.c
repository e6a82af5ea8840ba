/* fuzz_util.c — see fuzz_util.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_util.h"
#include "diag_log.h"

static char scratch[256];

/* Nothing here may fail quietly: a fuzzer on a broken set-up only
 * measures its own error path. */
static void die(const char *what)
{
	fprintf(stderr, "fuzz set-up: %s: %s\n", what, strerror(errno));
	abort();
}

void nv_fuzz_setup(void)
{
	const char *tmp = getenv("TMPDIR");

	if (scratch[0] != '\0')
		return;
	if (nv_log_open(NV_LOG_FILE, "/dev/null") != 0)
		die("log to /dev/null");
	snprintf(scratch, sizeof(scratch), "%s/nvfuzz.XXXXXX", tmp != NULL ? tmp : "/tmp");
	if (mkdtemp(scratch) == NULL)
		die("mkdtemp");
}

const char *nv_fuzz_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[512];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", scratch, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		die(path);
	while (size > 0) {
		ssize_t w = write(fd, data, size);

		if (w < 0)
			die("write");
		data += w;
		size -= (size_t)w;
	}
	if (close(fd) != 0)
		die("close");
	return path;
}

void nv_fuzz_refusal_names(const char *err, const char *path)
{
	if (strncmp(err, path, strlen(path)) != 0) {
		fprintf(stderr, "refused without naming %s: '%s'\n", path, err);
		abort();
	}
}
