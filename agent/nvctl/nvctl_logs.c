/* nvctl_logs.c — config check, log plot and request rewrites; see nvctl_logs.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logs.h"
#include "nvconfig.h"
#include "nvctl_logs.h"

int nvctl_config_check(int argc, char **argv)
{
	struct nv_config *cfg;
	char err[1024];
	int rc;

	if (argc < 2 || strcmp(argv[0], "config") != 0 || strcmp(argv[1], "check") != 0)
		return -1;
	if (argc != 3) {
		fprintf(stderr, "nvctl: usage: config check FILE\n");
		return 2;
	}
	cfg = malloc(sizeof(*cfg));
	if (cfg == NULL) {
		fprintf(stderr, "nvctl: out of memory\n");
		return 1;
	}
	rc = nv_config_load(argv[2], cfg, err, sizeof(err));
	free(cfg);
	if (rc != 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	printf("%s: OK\n", argv[2]);
	return 0;
}

static bool is(const char *a, const char *b)
{
	return a != NULL && strcmp(a, b) == 0;
}

/* "2026-03-01 12:00" is one shell word but two protocol words. */
static void date_blank_to_t(char *s)
{
	char *sp = strchr(s, ' ');

	if (sp != NULL && sp - s == 10)
		*sp = 'T';
}

static int add(struct nvctl_req *r, char *w, char *err, size_t errlen)
{
	if (r->argc >= NV_CTL_MAX_ARGS) {
		snprintf(err, errlen, "too many words");
		return -1;
	}
	r->argv[r->argc++] = w;
	return 0;
}

/* log plot history [--fields LIST] --out FILE.png [--from D] [--to D] [--last N] */
static int prepare_plot(int argc, char **argv, struct nvctl_req *r, char *err, size_t errlen)
{
	static char show[] = "show", csv[] = "--csv";

	if (argc < 3 || !is(argv[2], "history")) {
		snprintf(err, errlen, "usage: log plot history --out FILE.png [--fields LIST] "
		    "[--from DATE] [--to DATE] [--last N]");
		return -1;
	}
	r->argc = 0;
	if (add(r, argv[0], err, errlen) < 0 || add(r, show, err, errlen) < 0 ||
	    add(r, argv[2], err, errlen) < 0 || add(r, csv, err, errlen) < 0)
		return -1;
	for (int i = 3; i < argc; i++) {
		if ((is(argv[i], "--out") || is(argv[i], "--fields")) && i + 1 < argc) {
			if (is(argv[i], "--out"))
				r->plot_out = argv[++i];
			else
				r->plot_fields = argv[++i];
			continue;
		}
		if (is(argv[i], "--from") || is(argv[i], "--to"))
			if (i + 1 < argc)
				date_blank_to_t(argv[i + 1]);
		if (add(r, argv[i], err, errlen) < 0)
			return -1;
	}
	if (r->plot_out == NULL) {
		snprintf(err, errlen, "log plot: --out FILE.png is required");
		return -1;
	}
	return 0;
}

int nvctl_prepare(int argc, char **argv, struct nvctl_req *r, char *err, size_t errlen)
{
	static char csv_word[] = "csv";

	memset(r, 0, sizeof(*r));
	if (argc >= 2 && is(argv[0], "log") && is(argv[1], "plot"))
		return prepare_plot(argc, argv, r, err, errlen);
	for (int i = 0; i < argc; i++) {
		char *w = argv[i];

		if (is(argv[0], "log") && i > 0 && (is(argv[i - 1], "--from") ||
		    is(argv[i - 1], "--to")))
			date_blank_to_t(w);
		/* the daemon's trace command takes the plain word */
		if (is(argv[0], "trace") && is(w, "--csv"))
			w = csv_word;
		if (add(r, w, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int nvctl_plot(const struct nvctl_req *r, const struct nv_text *body)
{
	char err[512];

	if (nv_logs_plot_csv(body->buf != NULL ? body->buf : "", body->len, r->plot_fields,
	    r->plot_out, err, sizeof(err)) != 0) {
		fprintf(stderr, "nvctl: log plot: %s\n", err);
		return 1;
	}
	printf("%s written\n", r->plot_out);
	return 0;
}
