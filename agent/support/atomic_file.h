/*
 * atomic_file.h — replace a small state file whole or not at all, so
 * that a crash or power cut leaves the old file or the new one, never a
 * half-written one.
 */
#ifndef NV_ATOMIC_FILE_H
#define NV_ATOMIC_FILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* Write DIR/NAME (of exactly mode) with fill(f, arg): into a new
 * NAME.tmp (a stale one is removed, a link never followed), fsync, rename
 * over NAME, fsync DIR.  0, or -1 and "PATH: why" in err. */
int nv_atomic_write(const char *dir, const char *name, mode_t mode,
    void (*fill)(FILE *f, const void *arg), const void *arg,
    char *err, size_t errlen);

/* Remove DIR/NAME.tmp, which only a write cut short (a SIGKILL) leaves;
 * said in the log when there was one.  For the readers of NAME at start. */
void nv_atomic_discard_stale(const char *dir, const char *name);

#endif
