/*
 * secret_file.h — a password read from the first line of a file that
 * only its owner (and, where the caller allows, its group) may read.
 */
#ifndef NV_SECRET_FILE_H
#define NV_SECRET_FILE_H

#include <stddef.h>
#include <sys/types.h>

/*
 * The first line of FILE into pw (len bytes with the NUL): NULL, or why
 * not (in a static buffer).  A file whose mode has any bit of FORBIDDEN
 * (S_IROTH | S_IWOTH, S_IRWXG | S_IRWXO ...) is refused unread.
 */
const char *nv_secret_file_read(const char *file, mode_t forbidden, char *pw, size_t len);

#endif
