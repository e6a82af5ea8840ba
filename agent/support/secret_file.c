/*
 * secret_file.c — passwords from files (secret_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "secret_file.h"

const char *nv_secret_file_read(const char *file, mode_t forbidden, char *pw, size_t len)
{
	static char why[160];
	struct stat st;
	ssize_t n;
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd == -1) {
		snprintf(why, sizeof(why), "password-file %s: %s", file, strerror(errno));
		return why;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return "password-file is not a regular file";
	}
	if (st.st_mode & forbidden) {
		close(fd);
		snprintf(why, sizeof(why), "password-file %s is readable by %s: refused "
		    "(chmod %s it)", file, forbidden & S_IRWXG ? "its group or others" : "others",
		    forbidden & S_IRWXG ? "go-rwx" : "o-rw");
		return why;
	}
	n = read(fd, pw, len - 1);
	close(fd);
	if (n < 0)
		return "password-file: cannot read";
	pw[n] = '\0';
	pw[strcspn(pw, "\r\n")] = '\0';
	if (pw[0] == '\0')
		return "password-file is empty";
	return NULL;
}
