/*
 * config_devices.c — the device NAME { } sections of nvagent.conf (see
 * config_devices.h): the layout scan, each device's own sections, and the
 * checks across devices.  The keys inside are read and checked by the
 * same code as at the top level of a one-device file.
 */
#include <stdarg.h>
#include <string.h>

#include <confuse.h>

#include "config_devices.h"
#include "config_scan.h"
#include "confuse_file.h"
#include "notification.h"       /* NV_DEVICE_NAME_MAX */

#define NAME_RULE "a name is 1-31 characters of A-Z a-z 0-9 . _ -, starting with " \
	"a letter or digit"

bool nv_device_name_valid(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n >= NV_DEVICE_NAME_MAX || name[0] == '.' || name[0] == '_' ||
	    name[0] == '-')
		return false;
	return strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n;
}

cfg_opt_t nv_config_device_opt(cfg_opt_t *subopts)
{
	cfg_opt_t o = CFG_SEC("device", NULL, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);

	o.subopts = subopts;
	return o;
}

/* ---- the layout scan ---- */

struct layout {
	const char *path;
	char *err;
	size_t errlen;
	int problem;                    /* line of the problem in err, 0 = none */
	size_t ndev;                    /* device sections seen */
	char name[NV_DEVICES_MAX][NV_DEVICE_NAME_MAX];
	int *line;                      /* [NV_DEVICES_MAX]: where each opens */
	char scoped[128];               /* the first device's own item at top level */
	int scoped_line;
	bool scoped_key;
	char open[128];                 /* the top-level section being read */
	int open_line;                  /* where its '{' is */
};

/* Keep the first problem of the scan (the file is read in order). */
static void problem(struct layout *l, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct layout *l, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (l->problem > 0)
		return;
	l->problem = line;
	n = snprintf(l->err, l->errlen, "%s:%d: ", l->path, line);
	va_start(ap, fmt);
	if (n > 0 && (size_t)n < l->errlen)
		vsnprintf(l->err + n, l->errlen - (size_t)n, fmt, ap);
	va_end(ap);
}

static void device_seen(struct layout *l, const char *name, int line)
{
	if (!nv_device_name_valid(name)) {
		problem(l, line, "device %s: %s", name, NAME_RULE);
		return;
	}
	for (size_t i = 0; i < l->ndev && i < NV_DEVICES_MAX; i++)
		if (strcmp(l->name[i], name) == 0) {
			problem(l, line, "device %s: defined twice (first at line %d)",
			    name, l->line[i]);
			return;
		}
	if (l->ndev == NV_DEVICES_MAX) {
		problem(l, line, "device %s: " NV_DEVICES_TOO_MANY, name);
		return;
	}
	snprintf(l->name[l->ndev], sizeof(l->name[0]), "%.31s", name);
	l->line[l->ndev++] = line;
}

static void scoped_seen(struct layout *l, nv_device_scoped_fn *own, const char *name,
    int line, bool key)
{
	if (l->scoped_line > 0 || !own(name))
		return;
	snprintf(l->scoped, sizeof(l->scoped), "%s", name);
	l->scoped_line = line;
	l->scoped_key = key;
}

static void opened(struct layout *l, const char *name, int line, int *depth)
{
	*depth = 1;
	snprintf(l->open, sizeof(l->open), "%s", name);
	l->open_line = line;
}

/* One top-level statement whose name is in word; false: stop (libconfuse
 * will say what is wrong). */
static bool top_statement(struct nv_conf_scan *sc, struct layout *l, nv_device_scoped_fn *own,
    const char *word, int line, int *depth)
{
	char title[128], word_after[128];
	enum nv_conf_tok t;
	int at;

	t = nv_conf_next_token(sc, title, sizeof(title), &at);
	if (t == T_EQ) {
		scoped_seen(l, own, word, line, true);
		t = nv_conf_skip_value(sc, title, sizeof(title), &at);
		return t == T_WORD || t == T_STRING;
	}
	if (t == T_OPEN) {
		opened(l, word, at, depth);
		if (strcmp(word, "device") == 0)
			problem(l, line, "device: a device section needs a name: "
			    "device NAME { ... }");
		scoped_seen(l, own, word, line, false);
		return true;
	}
	if ((t != T_WORD && t != T_STRING) ||
	    nv_conf_next_token(sc, word_after, sizeof(word_after), &at) != T_OPEN)
		return false;
	opened(l, word, at, depth);
	if (strcmp(word, "device") == 0)
		device_seen(l, title, line);
	else
		scoped_seen(l, own, word, line, false);
	return true;
}

int nv_config_devices_scan(FILE *fp, const char *path, nv_device_scoped_fn *own,
    int *lines, char *err, size_t errlen)
{
	struct nv_conf_scan sc = { fp, 1 };
	struct layout l = { .path = path, .err = err, .errlen = errlen, .line = lines };
	char word[128];
	enum nv_conf_tok t;
	int depth = 0, at;

	rewind(fp);
	while ((t = nv_conf_next_token(&sc, word, sizeof(word), &at)) != T_EOF) {
		if (t == T_OPEN)
			depth++;
		else if (t == T_CLOSE && depth > 0)
			depth--;
		else if (t == T_WORD && depth == 0 &&
		    !top_statement(&sc, &l, own, word, at, &depth))
			break;
	}
	/* libconfuse accepts a section left open at the end of the file */
	if (t == T_EOF && depth > 0)
		problem(&l, l.open_line, "section '%s' is not closed (missing '}')", l.open);
	if (l.ndev > 0 && l.scoped_line > 0 &&
	    (l.problem == 0 || l.scoped_line < l.problem)) {
		l.problem = 0;
		problem(&l, l.scoped_line, "%s: a file with device sections has no top-level "
		    "%s%s: move it into a device section", l.scoped, l.scoped,
		    l.scoped_key ? "" : " { }");
	}
	return l.problem;
}

/* ---- one device ---- */

int nv_config_device_store(cfg_t *scope, const char *path, struct nv_device_cfg *d,
    char *err, size_t errlen)
{
	const char *title = cfg_title(scope);
	char section[16 + NV_DEVICE_NAME_MAX];
	struct nv_conf_where w = { path, d->line, section, err, errlen };

	if (title != NULL) {            /* a device section */
		snprintf(section, sizeof(section), "device %s", title);
		if (!nv_device_name_valid(title))
			return nv_conf_fail(&w, NAME_RULE);
		if (cfg_size(cfg_getsec(scope, "serial"), "device") == 0)
			return nv_conf_fail(&w, "serial { device = ... } is missing");
	}
	if (nv_config_controls_store(scope, path, &d->controls, err, errlen) != 0 ||
	    nv_config_schedule_store(scope, path, &d->schedule, err, errlen) != 0 ||
	    nv_config_env_store(scope, path, &d->serial, &d->env, err, errlen) != 0)
		return -1;
	return 0;
}

/* ---- across devices ---- */

/* One poller thread owns a line: two devices (or a device and another
 * device's sensor) never share one, whatever their slave ids. */
static bool same_line(const struct nv_serial_cfg *a, const struct nv_serial_cfg *b)
{
	return strcmp(a->device, b->device) == 0;
}

/* Device i's UPS and sensor lines against those of devices 0..i-1: the
 * later device is the one refused. */
static int check_lines(const struct nv_config *c, size_t i, struct nv_conf_where *w)
{
	const struct nv_device_cfg *d = &c->devices[i];
	bool sensor = d->env.enabled && !d->env.from_files;

	for (size_t j = 0; j < i; j++) {
		const struct nv_device_cfg *o = &c->devices[j];
		bool o_sensor = o->env.enabled && !o->env.from_files;

		if (same_line(&d->serial, &o->serial))
			return nv_conf_fail(w, "serial: %s is device %s's line (each device "
			    "has a line of its own)", d->serial.device, o->name);
		if (o_sensor && same_line(&d->serial, &o->env.serial))
			return nv_conf_fail(w, "serial: %s is the line of device %s's "
			    "environment sensor", d->serial.device, o->name);
		if (sensor && same_line(&d->env.serial, &o->serial))
			return nv_conf_fail(w, "environment: serial: %s is device %s's line "
			    "(a sensor shares its own device's line only)", d->env.serial.device,
			    o->name);
		if (sensor && o_sensor && same_line(&d->env.serial, &o->env.serial))
			return nv_conf_fail(w, "environment: serial: %s is the line of device "
			    "%s's environment sensor", d->env.serial.device, o->name);
	}
	return 0;
}

int nv_config_devices_check(const struct nv_config *c, char *err, size_t errlen)
{
	char section[16 + NV_DEVICE_NAME_MAX], dir[PATH_MAX];
	struct nv_conf_where w = { c->path, 0, section, err, errlen };

	for (size_t i = 0; i < c->ndevices; i++) {
		const struct nv_device_cfg *d = &c->devices[i];

		snprintf(section, sizeof(section), "device %s", d->name);
		w.line = d->line;
		if (nv_device_state_dir(c->agent_state_dir, d->name, dir, sizeof(dir)) != 0)
			return nv_conf_fail(&w, "state-dir/%s is longer than %zu characters",
			    d->name, sizeof(dir) - 1);
		if (check_lines(c, i, &w) != 0)
			return -1;
	}
	return 0;
}

int nv_device_state_dir(const char *state_dir, const char *name, char *out, size_t len)
{
	int n = snprintf(out, len, "%s/%s", state_dir, name);

	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			out[0] = '\0';
		return -1;
	}
	return 0;
}

void nv_config_devices_describe(const struct nv_config *c, FILE *out)
{
	char dir[PATH_MAX];

	for (size_t i = 0; i < c->ndevices; i++) {
		const struct nv_device_cfg *d = &c->devices[i];

		if (!c->device_sections)
			snprintf(dir, sizeof(dir), "%s", c->agent_state_dir);
		else
			nv_device_state_dir(c->agent_state_dir, d->name, dir, sizeof(dir));
		fprintf(out, "device %s: %s slave %d, state %s\n", d->name,
		    d->serial.device, d->serial.slave, dir);
	}
}
