/*
 * logs_plot.c — a PNG of history measurements, drawn by gnuplot.
 *
 * Input is the history CSV that `log show history --csv` prints, so that
 * nvctl can draw on the operator's side with the operator's rights.  The
 * data goes to gnuplot through a private temp file, the script through a
 * pipe; gnuplot runs by fork/exec, no shell.
 */
#define _GNU_SOURCE     /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "logs.h"

#define MAX_COLS 24
#define CELL 96

/* One CSV line split into cells (RFC 4180 quoting); -1 when malformed. */
static int csv_split(const char *line, size_t len, char cells[][CELL], int max)
{
	int n = 0;
	size_t i = 0;

	for (;;) {
		size_t k = 0;
		bool quoted = i < len && line[i] == '"';

		if (n == max)
			return -1;
		if (quoted)
			i++;
		while (i < len) {
			char c = line[i];

			if (quoted && c == '"') {
				if (i + 1 < len && line[i + 1] == '"') {
					i++;
				} else {
					quoted = false;
					i++;
					continue;
				}
			} else if (!quoted && c == ',') {
				break;
			}
			if (k + 1 < CELL)
				cells[n][k++] = c;
			i++;
		}
		if (quoted)
			return -1;      /* unterminated quote */
		cells[n++][k] = '\0';
		if (i >= len)
			return n;
		i++;                    /* the comma */
	}
}

struct plot {
	enum nv_kind kind;
	const struct nv_hist_field *f;
	int nf;
	bool want[NV_HIST_MAX_FIELDS];
	bool has_data[NV_HIST_MAX_FIELDS];
	int rows;
};

/* Which device's history the header is; -1 if it is not one. */
static int header_kind(char cells[][CELL], int n, struct plot *p)
{
	static const enum nv_kind kinds[] = { NV_KIND_UPS, NV_KIND_STS };

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		int nf;
		const struct nv_hist_field *f = nv_hist_fields(kinds[k], &nf);
		bool same = n == nf + 1 && strcmp(cells[0], "Time") == 0;

		for (int i = 0; same && i < nf; i++)
			same = strcmp(cells[i + 1], f[i].title) == 0;
		if (same) {
			p->kind = kinds[k];
			p->f = f;
			p->nf = nf;
			return 0;
		}
	}
	return -1;
}

static int choose_fields(struct plot *p, const char *fields, char *err, size_t errlen)
{
	char list[512], *save = NULL;

	if (fields == NULL || *fields == '\0') {
		for (int i = 0; i < p->nf; i++)
			p->want[i] = true;
		return 0;
	}
	snprintf(list, sizeof(list), "%s", fields);
	for (char *name = strtok_r(list, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		int i;

		for (i = 0; i < p->nf && strcmp(p->f[i].name, name) != 0; i++)
			;
		if (i == p->nf) {
			int o = snprintf(err, errlen, "unknown measurement '%s' (one of:", name);

			for (int k = 0; k < p->nf && o > 0 && (size_t)o < errlen; k++)
				o += snprintf(err + o, errlen - o, " %s", p->f[k].name);
			if (o > 0 && (size_t)o < errlen)
				snprintf(err + o, errlen - o, ")");
			return -1;
		}
		p->want[i] = true;
	}
	return 0;
}

/* One data row: time without blanks (gnuplot reads it as one column),
 * then the values in shown units, NaN where not managed. */
static int write_row(FILE *data, struct plot *p, char cells[][CELL], int n)
{
	char *e;

	if (n != p->nf + 1 || strlen(cells[0]) != 19)
		return -1;
	cells[0][10] = 'T';
	fputs(cells[0], data);
	for (int i = 0; i < p->nf; i++) {
		const char *v = cells[i + 1];

		strtod(v, &e);
		if (*v == '\0' || *e != '\0')
			return -1;
		if (strcmp(v, "-1") == 0) {
			fputs(" NaN", data);
		} else {
			fprintf(data, " %s", v);
			p->has_data[i] = true;
		}
	}
	fputc('\n', data);
	p->rows++;
	return 0;
}

static int write_data(const char *csv, size_t len, FILE *data, struct plot *p,
    const char *fields, char *err, size_t errlen)
{
	char cells[MAX_COLS][CELL];
	size_t pos = 0;
	int line = 0;

	while (pos < len) {
		const char *nl = memchr(csv + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - csv) : len;
		size_t l = end - pos;
		int n;

		if (l > 0 && csv[pos + l - 1] == '\r')
			l--;
		line++;
		if (l > 0) {
			n = csv_split(csv + pos, l, cells, MAX_COLS);
			if (line == 1) {
				if (n < 0 || header_kind(cells, n, p) < 0) {
					snprintf(err, errlen, "not a history CSV (unexpected header)");
					return -1;
				}
				if (choose_fields(p, fields, err, errlen) < 0)
					return -1;
			} else if (n < 0 || write_row(data, p, cells, n) < 0) {
				snprintf(err, errlen, "history CSV line %d is malformed", line);
				return -1;
			}
		}
		pos = end + 1;
	}
	if (line == 0) {
		snprintf(err, errlen, "not a history CSV (empty)");
		return -1;
	}
	return 0;
}

/* "V" of "Input voltage L1 (V)". */
static const char *unit_of(const char *title)
{
	const char *open = strrchr(title, '(');

	return open != NULL ? open + 1 : title;
}

/* The gnuplot script: one panel per group of chosen measurements. */
static int write_script(FILE *s, const struct plot *p, const char *data, const char *png)
{
	static const char *const groups[] = { "input", "output", "ups", "room" };
	static const char *const group_titles[] = { "Input", "Output", "Device", "Room" };
	int panels = 0;

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		for (int i = 0; i < p->nf; i++)
			if (p->want[i] && p->has_data[i] && strcmp(p->f[i].group, groups[g]) == 0) {
				panels++;
				break;
			}
	if (panels == 0)
		return -1;
	fprintf(s, "set terminal pngcairo size 1200,%d noenhanced\n", 150 + 300 * panels);
	fprintf(s, "set output '%s'\n", png);
	fputs("set xdata time\nset timefmt '%Y-%m-%dT%H:%M:%S'\n"
	    "set format x \"%d/%m\\n%H:%M\"\nset grid\nset key outside right\n"
	    "set datafile missing 'NaN'\n", s);
	fprintf(s, "set multiplot layout %d,1 title '%s history'\n", panels,
	    p->kind == NV_KIND_STS ? "STS" : "UPS");
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		const char *unit1 = NULL, *unit2 = NULL;
		int n = 0;

		/* a second unit in a panel (Hz, % next to V) gets the right axis */
		for (int i = 0; i < p->nf; i++) {
			if (!p->want[i] || !p->has_data[i] || strcmp(p->f[i].group, groups[g]) != 0)
				continue;
			if (unit1 == NULL)
				unit1 = unit_of(p->f[i].title);
			else if (unit2 == NULL && strcmp(unit_of(p->f[i].title), unit1) != 0)
				unit2 = unit_of(p->f[i].title);
		}
		if (unit1 == NULL)
			continue;
		fprintf(s, "set ylabel '(%s'\n", unit1);
		if (unit2 != NULL)
			fprintf(s, "set y2label '(%s'\nset y2tics\nset ytics nomirror\n", unit2);
		else
			fputs("unset y2label\nunset y2tics\nset ytics mirror\n", s);
		fprintf(s, "set title '%s'\nplot ", group_titles[g]);
		for (int i = 0; i < p->nf; i++) {
			if (!p->want[i] || !p->has_data[i] || strcmp(p->f[i].group, groups[g]) != 0)
				continue;
			if (n++ > 0)
				fputs(", \\\n  ", s);
			fprintf(s, "'%s' using 1:%d axes x1%s with linespoints pt 7 ps 0.4 title '%s'",
			    data, i + 2, strcmp(unit_of(p->f[i].title), unit1) == 0 ? "y1" : "y2",
			    p->f[i].title);
		}
		fputc('\n', s);
	}
	fputs("unset multiplot\nset output\n", s);
	return 0;
}

/* Run gnuplot with the script on its stdin; its stderr is the error. */
static int run_gnuplot(const char *script, size_t len, char *err, size_t errlen)
{
	int in[2], er[2], status;
	char msg[256];
	ssize_t got = 0, r;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(er, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(er[1], 1);
		dup2(er[1], 2);
		execlp("gnuplot", "gnuplot", (char *)NULL);
		dprintf(2, "cannot run gnuplot (install the Debian package gnuplot-nox): %s",
		    strerror(errno));
		_exit(127);
	}
	close(in[0]);
	close(er[1]);
	/* the script is small: it fits in the pipe, no deadlock with stderr */
	if (write(in[1], script, len) != (ssize_t)len)
		snprintf(msg, sizeof(msg), "cannot write to gnuplot");
	close(in[1]);
	while (got < (ssize_t)sizeof(msg) - 1 &&
	    (r = read(er[0], msg + got, sizeof(msg) - 1 - got)) > 0)
		got += r;
	msg[got] = '\0';
	close(er[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	for (char *c = msg; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	snprintf(err, errlen, "gnuplot failed: %s", got > 0 ? msg : "no message");
	return -1;
}

int nv_logs_plot_csv(const char *csv, size_t len, const char *fields,
    const char *png_path, char *err, size_t errlen)
{
	char data[64], *script = NULL;
	size_t script_len = 0;
	struct plot p;
	struct stat st;
	FILE *df, *sf;
	int fd, rc = -1;
	const char *tmp = getenv("TMPDIR");

	memset(&p, 0, sizeof(p));
	if (strpbrk(png_path, "'\n") != NULL || *png_path == '\0') {
		snprintf(err, errlen, "output file name must not be empty or hold a quote or newline");
		return -1;
	}
	snprintf(data, sizeof(data), "%s/nvplot.XXXXXX",
	    tmp != NULL && *tmp != '\0' && strlen(tmp) < 40 && strchr(tmp, '\'') == NULL ?
	    tmp : "/tmp");
	fd = mkstemp(data);
	if (fd < 0 || (df = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", data, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (write_data(csv, len, df, &p, fields, err, errlen) < 0) {
		fclose(df);
		goto out;
	}
	if (fclose(df) != 0) {
		snprintf(err, errlen, "%s: %s", data, strerror(errno));
		goto out;
	}
	if (p.rows == 0) {
		snprintf(err, errlen, "no history records in the chosen window");
		goto out;
	}
	sf = open_memstream(&script, &script_len);
	if (sf == NULL) {
		snprintf(err, errlen, "out of memory");
		goto out;
	}
	if (write_script(sf, &p, data, png_path) < 0) {
		fclose(sf);
		snprintf(err, errlen, "nothing to plot: the chosen measurements are all -1 "
		    "(not managed by the device)");
		goto out;
	}
	fclose(sf);
	if (run_gnuplot(script, script_len, err, errlen) < 0)
		goto out;
	if (stat(png_path, &st) < 0 || st.st_size == 0) {
		snprintf(err, errlen, "%s: gnuplot wrote no image", png_path);
		goto out;
	}
	rc = 0;
out:
	unlink(data);
	free(script);
	return rc;
}
