/*
 * confuse_file.c — parse one file with libconfuse (confuse_file.h).
 */
#include <stdarg.h>
#include <stdio.h>

#include "confuse_file.h"

/* libconfuse reports through a callback without a user pointer */
static _Thread_local char *load_err;
static _Thread_local size_t load_errlen;

void nv_confuse_one_line(char *msg)
{
	/* a value quoted in the message may span lines (an unclosed string) */
	for (; *msg != '\0'; msg++)
		if ((unsigned char)*msg < 0x20)
			*msg = ' ';
}

/* Only the first error: the later ones follow from it. */
static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	int n = 0;

	if (load_err == NULL || load_err[0] != '\0')
		return;
	if (cfg != NULL && cfg->filename != NULL)
		n = snprintf(load_err, load_errlen, "%s:%d: ", cfg->filename, cfg->line);
	if (n >= 0 && (size_t)n < load_errlen)
		vsnprintf(load_err + n, load_errlen - (size_t)n, fmt, ap);
	nv_confuse_one_line(load_err);
}

cfg_t *nv_confuse_parse(cfg_opt_t *opts, const char *path, char *err, size_t errlen)
{
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int rc;

	if (cfg == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		return NULL;
	}
	err[0] = '\0';
	load_err = err;
	load_errlen = errlen;
	cfg_set_error_function(cfg, on_error);
	rc = cfg_parse(cfg, path);
	load_err = NULL;
	if (rc == CFG_SUCCESS)
		return cfg;
	if (rc == CFG_FILE_ERROR)
		snprintf(err, errlen, "%s: cannot read", path);
	else if (err[0] == '\0')
		snprintf(err, errlen, "%s: parse error", path);
	cfg_free(cfg);
	return NULL;
}

int nv_conf_fail(const struct nv_conf_where *w, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(w->err, w->errlen, "%s:%d: %s: ", w->path, w->line, w->section);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < w->errlen)
		vsnprintf(w->err + n, w->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}
