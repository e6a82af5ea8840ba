/*
 * confuse_file.h — parse one file with libconfuse, its errors as one
 * "FILE:LINE: what is wrong" line.  For the parsers that read a file of
 * their own sections only (trap receivers, notify plug-ins).
 */
#ifndef NV_CONFUSE_FILE_H
#define NV_CONFUSE_FILE_H

#include <stddef.h>

#include <confuse.h>

/* Make an error message one line: control characters become blanks. */
void nv_confuse_one_line(char *msg);

/* Where a section's store-time check is: its file and line, and the
 * caller's error buffer; section names the message's prefix. */
struct nv_conf_where {
	const char *path;
	int line;
	char *err;
	size_t errlen;
	const char *section;
};

/* "PATH:LINE: SECTION: message" into w->err; returns -1. */
int nv_conf_fail(const struct nv_conf_where *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The parsed file (cfg_free it), or NULL with the reason in err. */
cfg_t *nv_confuse_parse(cfg_opt_t *opts, const char *path, char *err, size_t errlen);

#endif
