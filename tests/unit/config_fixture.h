/*
 * config_fixture.h — load nvagent.conf text from a temporary file in a
 * Check test, and compare the one-line error it gives.
 */
#ifndef NV_CONFIG_FIXTURE_H
#define NV_CONFIG_FIXTURE_H

#include "nvconfig.h"  /* not the autoconf config.h of the build dir */

struct fixture {
	char path[64];
	char err[512];
	struct nv_config cfg;
};

/* Load text; returns nv_config_load's result, error in f->err. */
int load(struct fixture *f, const char *text);

/* The error must be exactly "PATH:LINE: rest". */
void expect_error(const char *text, int line, const char *rest);

#endif
