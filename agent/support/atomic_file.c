/*
 * atomic_file.c — write temp + fsync + rename + fsync dir (atomic_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "diag_log.h"

/* The rename is only durable once the directory is on disk too. */
static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/*
 * A new temp file of exactly `mode`.  One left over (a SIGKILL between
 * create and rename; only one writer runs) or planted (a link) is
 * removed, never written through; umask does not loosen or tighten the
 * mode the caller chose.
 */
static int open_fresh(const char *tmp, mode_t mode)
{
	const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = open(tmp, flags, mode);

	if (fd == -1 && errno == EEXIST && unlink(tmp) == 0)
		fd = open(tmp, flags, mode);
	if (fd == -1)
		return -1;
	if (fchmod(fd, mode) != 0) {
		int e = errno;

		close(fd);
		unlink(tmp);
		errno = e;
		return -1;
	}
	return fd;
}

void nv_atomic_discard_stale(const char *dir, const char *name)
{
	char tmp[PATH_MAX + 8];

	if (snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, name) < (int)sizeof(tmp) &&
	    unlink(tmp) == 0)
		nv_log(LOG_NOTICE, "%s: removed, left by an interrupted write", tmp);
}

int nv_atomic_write(const char *dir, const char *name, mode_t mode,
    void (*fill)(FILE *f, const void *arg), const void *arg,
    char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *f;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path)) {
		snprintf(err, errlen, "%s: path too long", dir);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((fd = open_fresh(tmp, mode)) == -1) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	fill(f, arg);
	if (fflush(f) != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		return -1;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	if (sync_dir(dir) != 0) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}
