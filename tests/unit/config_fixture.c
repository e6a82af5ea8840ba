/* config_fixture.c — nvagent.conf text through nv_config_load (see config_fixture.h). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config_fixture.h"

static void write_file(struct fixture *f, const char *text)
{
	int fd;
	FILE *fp;

	snprintf(f->path, sizeof(f->path), "/tmp/nvconf-XXXXXX");
	fd = mkstemp(f->path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

int load(struct fixture *f, const char *text)
{
	int rc;

	write_file(f, text);
	rc = nv_config_load(f->path, &f->cfg, f->err, sizeof(f->err));
	unlink(f->path);
	return rc;
}

void expect_error(const char *text, int line, const char *rest)
{
	struct fixture f;
	char want[512];

	ck_assert_int_eq(load(&f, text), -1);
	snprintf(want, sizeof(want), "%s:%d: %s", f.path, line, rest);
	ck_assert_str_eq(f.err, want);
}
