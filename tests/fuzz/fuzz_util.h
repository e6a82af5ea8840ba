/*
 * fuzz_util.h — what the libFuzzer targets share: the daemons' log sent
 * to /dev/null (a fuzzer runs millions of inputs), and a scratch file for
 * the loaders that take a path.
 */
#ifndef NV_FUZZ_UTIL_H
#define NV_FUZZ_UTIL_H
#include <stddef.h>
#include <stdint.h>

/* Once per process: quiet log, scratch directory. */
void nv_fuzz_setup(void);
/* Write data to the process's scratch file NAME; returns its path. */
const char *nv_fuzz_file(const char *name, const uint8_t *data, size_t size);
/* A loader's refusal must say which file, as "PATH: ..." or
 * "PATH:LINE: ...": abort (a finding) when err does not. */
void nv_fuzz_refusal_names(const char *err, const char *path);
#endif
