/*
 * nvconfig.c — read nvagent.conf with libconfuse and validate every value
 * before anything uses it.  See nvagent.conf(5).
 *
 * Keys are rows of one table (section, key, kind, range, where it goes in
 * struct nv_config); the libconfuse option arrays are built from it, so a
 * new key is one row and a new section is one row in `sections` plus its
 * keys.  A key marked per_device is a device's own: at the top level of a
 * one-device file, or in each device NAME { } section (config_devices.c).
 * Only keys present in the file are copied: the defaults live in
 * nv_config_defaults() and device_defaults() and nowhere else.
 */
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <confuse.h>

#include "config_devices.h"
#include "config_scan.h"
#include "confuse_file.h"
#include "logs.h"
#include "nvconfig.h"

enum key_kind {
	K_INT,          /* int, within [min, max] */
	K_STR,          /* char[size], not longer than max (0: size - 1) */
	K_BOOL,         /* bool */
	K_BAUD,         /* int: "auto" (0) or one of the line speeds */
	K_AGENTX,       /* char[size]: unix:PATH, tcp:HOST:PORT or /PATH */
	K_GROUP,        /* char[size]: "" or an existing group name */
	K_SOCKPATH,     /* char[size]: a path that fits sockaddr_un */
};

struct key_rule {
	const char *section;    /* NULL: top level (or a device section's) */
	const char *key;
	enum key_kind kind;
	long min, max;          /* K_INT range; K_STR: max length (0 = fits) */
	bool per_device;        /* a device's own: in a device section, or at
	                         * the top level of a one-device file */
	size_t offset, size;    /* destination in struct nv_config, or in
	                         * struct nv_device_cfg when per_device */
};

#define AT(member) false, offsetof(struct nv_config, member), \
	sizeof(((struct nv_config *)0)->member)
#define DEV(member) true, offsetof(struct nv_device_cfg, member), \
	sizeof(((struct nv_device_cfg *)0)->member)

static const struct key_rule rules[] = {
	{ "serial", "device",          K_STR,    0, 0,     DEV(serial.device) },
	{ "serial", "baud",            K_BAUD,   0, 0,     DEV(serial.baud) },
	{ "serial", "slave",           K_INT,    1, 247,   DEV(serial.slave) },
	{ "serial", "timeout",         K_INT,    50, 10000, DEV(serial.timeout_ms) },
	{ "poll",   "interval",        K_INT,    1, 3600,  DEV(poll.interval_s) },
	{ "poll",   "status-interval", K_INT,    0, 60000, DEV(poll.status_interval_ms) },
	{ "poll",   "comm-loss-after", K_INT,    1, 100,   DEV(poll.comm_loss_after) },
	{ "agentx", "socket",          K_AGENTX, 0, 0,     AT(agentx.socket) },
	{ "agentx", "ping-interval",   K_INT,    1, 3600,  AT(agentx.ping_interval) },
	{ NULL,     "state-dir",       K_STR,    0, 0,     AT(state_dir) },
	{ NULL,     "control-socket",  K_SOCKPATH, 0, 0,   AT(control_socket) },
	{ NULL,     "control-group",   K_GROUP,  0, 0,     AT(control_group) },
	{ "system", "name",            K_STR,    0, 0,     AT(system.name) },
	{ "system", "contact",         K_STR,    0, 0,     AT(system.contact) },
	{ "system", "location",        K_STR,    0, 0,     AT(system.location) },
	/* upsIdentUserRef / upsIdentUserLocation are DisplayString (SIZE(0..11)) */
	{ "system", "user-ref",        K_STR,    0, 11,    AT(system.user_ref) },
	{ "system", "user-location",   K_STR,    0, 11,    AT(system.user_location) },
	{ "mibs",   "socomec",         K_BOOL,   0, 0,     AT(mibs.socomec) },
	{ "mibs",   "rfc1628",         K_BOOL,   0, 0,     AT(mibs.rfc1628) },
	{ "mibs",   "netvision5",      K_BOOL,   0, 0,     AT(mibs.netvision5) },
	{ NULL,     "data-unit",       K_INT,    0, 10,    DEV(data_unit) },
	{ NULL,     "admin-group",     K_GROUP,  0, 0,     AT(admin_group) },
	{ "logs",   "history-interval", K_INT,   NV_LOGS_HIST_MIN, NV_LOGS_HIST_MAX, AT(logs.history_interval) },
	{ "logs",   "extended-interval", K_INT,  NV_LOGS_EXT_MIN, NV_LOGS_EXT_MAX, AT(logs.extended_interval) },
	{ "logs",   "records",         K_INT,    NV_LOGS_RECORDS_MIN, NV_LOGS_RECORDS_MAX, AT(logs.records) },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* Sections known today; anything else in the file is an error. */
static const char *const sections[] = {
	"serial", "poll", "agentx", "system", "mibs", "logs",
};
#define NSECTIONS (sizeof(sections) / sizeof(sections[0]))
#define MAX_KEYS 24

static const int bauds[] = { 2400, 9600, 19200, 57600 };

/*
 * libconfuse's error callback has no user pointer, so the caller's error
 * buffer is reached through this per-thread slot, set only for the
 * duration of one nv_config_load().
 */
struct parse_err {
	const char *path;
	char *buf;
	size_t len;
	bool set;
	int line;               /* of the error kept, 0 = none */
};
static _Thread_local struct parse_err *cur_err;

/* A device before its section is read. */
static void device_defaults(struct nv_device_cfg *d, const char *name, int line)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->line = line;
	snprintf(d->serial.device, sizeof(d->serial.device), "/dev/ttyS0");
	d->serial.baud = 0;
	d->serial.slave = 1;
	d->serial.timeout_ms = 500;
	d->poll.interval_s = 2;
	d->poll.status_interval_ms = 0;
	d->poll.comm_loss_after = 3;
	d->data_unit = 0;
	nv_controls_cfg_defaults(&d->controls);
	nv_env_cfg_defaults(&d->env);
}

/* The one-device fields from d, and every copy of one of them. */
static void device_fields(struct nv_config *c, const struct nv_device_cfg *d)
{
	c->serial = d->serial;
	c->poll = d->poll;
	c->data_unit = d->data_unit;
	c->gateways.bacnet.data_unit = c->gateways.nut.data_unit = d->data_unit;
	c->controls = d->controls;
	c->schedule = d->schedule;
	c->env = d->env;
}

void nv_config_first_device_fields(struct nv_config *c)
{
	device_fields(c, &c->devices[0]);
}

void nv_config_for_device(const struct nv_config *all, size_t i, struct nv_config *out)
{
	*out = *all;
	device_fields(out, &all->devices[i]);
	if (all->device_sections)       /* refused by the loader when too long */
		nv_device_state_dir(all->agent_state_dir, all->devices[i].name,
		    out->state_dir, sizeof(out->state_dir));
}

void nv_config_defaults(struct nv_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->agentx.socket, sizeof(c->agentx.socket), "unix:/var/agentx/master");
	c->agentx.ping_interval = 5;
	snprintf(c->state_dir, sizeof(c->state_dir), "/var/lib/nvagent");
	snprintf(c->control_socket, sizeof(c->control_socket), "/run/nvagent/nvagent.sock");
	snprintf(c->system.name, sizeof(c->system.name), "nvagent");
	c->mibs.socomec = c->mibs.rfc1628 = c->mibs.netvision5 = true;
	nv_traps_cfg_defaults(&c->traps);
	nv_notify_cfg_defaults(&c->notify);
	nv_logs_cfg_defaults(&c->logs);
	nv_wol_cfg_defaults(&c->wol);
	nv_shutdown_cfg_defaults(&c->shutdown);
	nv_gateways_cfg_defaults(&c->gateways);
	/* a file without device sections: one device, named "ups" */
	device_defaults(&c->devices[0], "ups", 0);
	c->ndevices = 1;
	memcpy(c->agent_state_dir, c->state_dir, sizeof(c->agent_state_dir));
	device_fields(c, &c->devices[0]);
}

static void set_err(struct parse_err *e, int line, const char *fmt, va_list ap)
{
	int n;

	if (e->set)
		return;         /* the first error is the one that matters */
	e->set = true;
	e->line = line;
	if (line > 0)
		n = snprintf(e->buf, e->len, "%s:%d: ", e->path, line);
	else
		n = snprintf(e->buf, e->len, "%s: ", e->path);
	if (n < 0 || (size_t)n >= e->len)
		return;
	vsnprintf(e->buf + n, e->len - n, fmt, ap);
	nv_confuse_one_line(e->buf);
}

static void errf(struct parse_err *e, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_err(e, line, fmt, ap);
	va_end(ap);
}

static void on_confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	if (cur_err != NULL)
		set_err(cur_err, cfg != NULL ? cfg->line : 0, fmt, ap);
}

static const struct key_rule *find_rule(const char *section, const char *key)
{
	for (size_t i = 0; i < NRULES; i++) {
		const struct key_rule *r = &rules[i];

		if (strcmp(r->key, key) != 0)
			continue;
		if (r->section == NULL ? strcmp(section, "root") == 0 ||
		    (r->per_device && strcmp(section, "device") == 0) :
		    strcmp(section, r->section) == 0)
			return r;
	}
	return NULL;
}

static int parse_baud(const char *s)
{
	char *end;
	long v;

	if (strcmp(s, "auto") == 0)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0')
		return -1;
	for (size_t i = 0; i < sizeof(bauds) / sizeof(bauds[0]); i++)
		if (v == bauds[i])
			return (int)v;
	return -1;
}

static bool valid_agentx(const char *s)
{
	const char *host, *colon;
	char *end;
	long port;

	if (s[0] == '/')
		return true;
	if (strncmp(s, "unix:", 5) == 0)
		return s[5] == '/';
	if (strncmp(s, "tcp:", 4) != 0)
		return false;
	host = s + 4;
	colon = strrchr(host, ':');
	if (colon == NULL || colon == host)
		return false;
	errno = 0;
	port = strtol(colon + 1, &end, 10);
	return errno == 0 && end != colon + 1 && *end == '\0' &&
	    port >= 1 && port <= 65535;
}

static int check_string(cfg_t *cfg, const struct key_rule *r, const char *s)
{
	size_t max = r->max > 0 ? (size_t)r->max : r->size - 1;

	if (r->kind == K_BAUD)
		max = 16;
	if (r->kind == K_SOCKPATH)
		max = sizeof(((struct sockaddr_un *)0)->sun_path) - 1;
	if (strlen(s) > max) {
		cfg_error(cfg, "%s: value is %zu characters long, at most %zu allowed",
		    r->key, strlen(s), max);
		return -1;
	}
	switch (r->kind) {
	case K_BAUD:
		if (parse_baud(s) < 0) {
			cfg_error(cfg, "baud: '%s' is not one of auto, 2400, 9600, 19200, 57600", s);
			return -1;
		}
		break;
	case K_AGENTX:
		if (!valid_agentx(s)) {
			cfg_error(cfg, "socket: '%s' is not unix:/PATH, tcp:HOST:PORT or /PATH", s);
			return -1;
		}
		break;
	case K_GROUP:
		if (*s != '\0' && getgrnam(s) == NULL) {
			cfg_error(cfg, "%s: no such group '%s'", r->key, s);
			return -1;
		}
		break;
	case K_SOCKPATH:
	case K_STR:
		if ((r->kind == K_SOCKPATH || strcmp(r->key, "device") == 0 ||
		    strcmp(r->key, "state-dir") == 0) && s[0] != '/') {
			cfg_error(cfg, "%s: '%s' is not an absolute path", r->key, s);
			return -1;
		}
		break;
	default:
		break;
	}
	return 0;
}

/* libconfuse calls this right after it parsed a value, so cfg->line is
 * the value's line. */
static int validate_key(cfg_t *cfg, cfg_opt_t *opt)
{
	const struct key_rule *r = find_rule(cfg->name, opt->name);
	unsigned n = cfg_opt_size(opt);
	long v;

	if (r == NULL || n == 0)
		return 0;
	switch (r->kind) {
	case K_INT:
		v = cfg_opt_getnint(opt, n - 1);
		if (v < r->min || v > r->max) {
			cfg_error(cfg, "%s: %ld is out of range %ld..%ld",
			    r->key, v, r->min, r->max);
			return -1;
		}
		return 0;
	case K_BOOL:
		return 0;
	default:
		return check_string(cfg, r, cfg_opt_getnstr(opt, n - 1));
	}
}

static cfg_opt_t opt_for(const struct key_rule *r)
{
	cfg_opt_t i = CFG_INT(NULL, 0, CFGF_NODEFAULT);
	cfg_opt_t s = CFG_STR(NULL, NULL, CFGF_NODEFAULT);
	cfg_opt_t b = CFG_BOOL(NULL, cfg_false, CFGF_NODEFAULT);
	cfg_opt_t o = r->kind == K_INT ? i : r->kind == K_BOOL ? b : s;

	o.name = r->key;
	return o;
}

/* A section of the table is a device's when its keys are (serial, poll). */
static bool device_section(const char *name)
{
	for (size_t i = 0; i < NRULES; i++)
		if (rules[i].section != NULL && strcmp(rules[i].section, name) == 0)
			return rules[i].per_device;
	return false;
}

/* Is name, at the top level, a device's own section or key? */
static bool device_scoped(const char *name)
{
	const struct key_rule *r = find_rule("root", name);

	return (r != NULL && r->per_device) || device_section(name) ||
	    strcmp(name, "controls") == 0 || nv_config_schedule_section(name) ||
	    nv_config_env_section(name);
}

#define NDEVICE_OPTS (NSECTIONS + NRULES + NV_CONFIG_CONTROLS_NOPTS + \
	NV_CONFIG_SCHEDULE_NOPTS + NV_CONFIG_ENV_NOPTS + 1)
#define NTOP_OPTS (NRULES + NSECTIONS + NV_CONFIG_TRAPS_NOPTS + NV_CONFIG_NOTIFY_NOPTS + \
	NV_CONFIG_CONTROLS_NOPTS + NV_CONFIG_WOL_NOPTS + NV_CONFIG_SHUTDOWN_NOPTS + \
	NV_CONFIG_SCHEDULE_NOPTS + NV_CONFIG_GATEWAYS_NOPTS + NV_CONFIG_ENV_NOPTS + 1 + 1)

/* The option arrays built from the tables: the top level and a device
 * section's (its serial, poll, data-unit, controls, schedule, environment). */
struct parser_opts {
	cfg_opt_t sec[NSECTIONS][MAX_KEYS + 1];
	cfg_opt_t device[NDEVICE_OPTS];
	cfg_opt_t top[NTOP_OPTS];
	size_t ndevice, ntop;
};

static void append(cfg_opt_t *to, size_t *n, const cfg_opt_t *from)
{
	for (; from->name != NULL; from++)
		to[(*n)++] = *from;
}

static void build_table_opts(struct parser_opts *p)
{
	for (size_t s = 0; s < NSECTIONS; s++) {
		size_t n = 0;
		cfg_opt_t sec = CFG_SEC(NULL, NULL, CFGF_NONE), end = CFG_END();

		for (size_t i = 0; i < NRULES && n < MAX_KEYS; i++)
			if (rules[i].section != NULL &&
			    strcmp(rules[i].section, sections[s]) == 0)
				p->sec[s][n++] = opt_for(&rules[i]);
		p->sec[s][n] = end;
		sec.name = sections[s];
		sec.subopts = p->sec[s];
		p->top[p->ntop++] = sec;
		if (device_section(sections[s]))
			p->device[p->ndevice++] = sec;
	}
	for (size_t i = 0; i < NRULES; i++) {
		if (rules[i].section != NULL)
			continue;
		p->top[p->ntop++] = opt_for(&rules[i]);
		if (rules[i].per_device)
			p->device[p->ndevice++] = opt_for(&rules[i]);
	}
}

static void build_opts(struct parser_opts *p)
{
	cfg_opt_t end = CFG_END();

	p->ndevice = p->ntop = 0;
	build_table_opts(p);
	append(p->device, &p->ndevice, nv_config_controls_opts());
	append(p->device, &p->ndevice, nv_config_schedule_opts());
	append(p->device, &p->ndevice, nv_config_env_opts());
	p->device[p->ndevice] = end;
	append(p->top, &p->ntop, nv_config_traps_opts());
	append(p->top, &p->ntop, nv_config_controls_opts());
	append(p->top, &p->ntop, nv_config_wol_opts());
	append(p->top, &p->ntop, nv_config_notify_opts());
	append(p->top, &p->ntop, nv_config_shutdown_opts());
	append(p->top, &p->ntop, nv_config_schedule_opts());
	append(p->top, &p->ntop, nv_config_gateways_opts());
	append(p->top, &p->ntop, nv_config_env_opts());
	p->top[p->ntop++] = nv_config_device_opt(p->device);
	p->top[p->ntop] = end;
}

/* Every key of the table is checked as it is parsed, at the top level and,
 * for a device's keys, in a device section. */
static void set_validators(cfg_t *cfg)
{
	for (size_t i = 0; i < NRULES; i++) {
		const struct key_rule *r = &rules[i];
		char name[64];

		if (r->section != NULL)
			snprintf(name, sizeof(name), "%s|%s", r->section, r->key);
		else
			snprintf(name, sizeof(name), "%s", r->key);
		cfg_set_validate_func(cfg, name, validate_key);
		if (!r->per_device)
			continue;
		if (r->section != NULL)
			snprintf(name, sizeof(name), "device|%s|%s", r->section, r->key);
		else
			snprintf(name, sizeof(name), "device|%s", r->key);
		cfg_set_validate_func(cfg, name, validate_key);
	}
	nv_config_gateways_validators(cfg);
	nv_config_env_validators(cfg, "environment");
	nv_config_env_validators(cfg, "device|environment");
}

/* A parser for the whole file; the option arrays live on the heap only
 * until cfg_init() has copied them. */
static cfg_t *new_parser(void)
{
	struct parser_opts *p = malloc(sizeof(*p));
	cfg_t *cfg;

	if (p == NULL)
		return NULL;
	build_opts(p);
	cfg = cfg_init(p->top, CFGF_NONE);
	free(p);
	if (cfg == NULL)
		return NULL;
	cfg_set_error_function(cfg, on_confuse_error);
	set_validators(cfg);
	return cfg;
}

static void store_key(cfg_t *sec, const struct key_rule *r, void *base)
{
	char *dst = (char *)base + r->offset;
	unsigned n = cfg_size(sec, r->key);

	if (n == 0)
		return;         /* not in the file: keep the default */
	switch (r->kind) {
	case K_INT:
		*(int *)dst = (int)cfg_getnint(sec, r->key, n - 1);
		break;
	case K_BOOL:
		*(bool *)dst = cfg_getnbool(sec, r->key, n - 1);
		break;
	case K_BAUD:
		*(int *)dst = parse_baud(cfg_getnstr(sec, r->key, n - 1));
		break;
	default:
		snprintf(dst, r->size, "%s", cfg_getnstr(sec, r->key, n - 1));
		break;
	}
}

/* The table's keys read in scope (the top level, or a device section):
 * the agent's into c, a device's own into d (either may be NULL). */
static void store_keys(cfg_t *scope, struct nv_config *c, struct nv_device_cfg *d)
{
	for (size_t i = 0; i < NRULES; i++) {
		const struct key_rule *r = &rules[i];
		void *base = r->per_device ? (void *)d : (void *)c;
		cfg_t *sec;

		if (base == NULL)
			continue;
		sec = r->section != NULL ? cfg_getsec(scope, r->section) : scope;
		if (sec != NULL)
			store_key(sec, r, base);
	}
}

/* The device sections (lines: where each opens) into c->devices or, in a
 * file without them, the top level's controls, schedule and environment
 * into devices[0]. */
static int store_devices(cfg_t *cfg, struct nv_config *c, const int *lines,
    char *err, size_t errlen)
{
	unsigned n = cfg_size(cfg, "device");

	if (n == 0)
		return nv_config_device_store(cfg, c->path, &c->devices[0], err, errlen);
	for (unsigned i = 0; i < n; i++) {
		cfg_t *sec = cfg_getnsec(cfg, "device", i);
		struct nv_device_cfg *d = &c->devices[i];

		if (i == NV_DEVICES_MAX) {      /* the scan said so, unless it stopped */
			snprintf(err, errlen, "%s:%d: device %s: " NV_DEVICES_TOO_MANY,
			    c->path, sec->line, cfg_title(sec));
			return -1;
		}
		device_defaults(d, cfg_title(sec), lines[i] > 0 ? lines[i] : sec->line);
		store_keys(sec, NULL, d);
		if (nv_config_device_store(sec, c->path, d, err, errlen) != 0)
			return -1;
	}
	c->ndevices = n;
	c->device_sections = true;
	return nv_config_devices_check(c, err, errlen);
}

/* The shutdown events' "devices" name devices of this file. */
static int shutdown_devices(struct nv_config *c, char *err, size_t errlen)
{
	const char *names[NV_DEVICES_MAX];

	_Static_assert(NV_SD_DEVICES_MAX == NV_DEVICES_MAX, "one device limit");
	for (size_t i = 0; i < c->ndevices; i++)
		names[i] = c->devices[i].name;
	return nv_config_shutdown_devices(&c->shutdown, names, c->ndevices, c->path, err,
	    errlen);
}

/* Everything parsed, checked section by section; -1 at the first error. */
static int store_all(cfg_t *cfg, struct nv_config *c, const int *lines,
    char *err, size_t errlen)
{
	const char *path = c->path;

	store_keys(cfg, c, &c->devices[0]);
	memcpy(c->agent_state_dir, c->state_dir, sizeof(c->agent_state_dir));
	if (nv_config_traps_store(cfg, path, &c->traps, err, errlen) != 0 ||
	    nv_config_notify_store(cfg, path, &c->notify, err, errlen) != 0 ||
	    nv_config_wol_store(cfg, path, &c->wol, err, errlen) != 0 ||
	    nv_config_shutdown_store(cfg, path, &c->shutdown, err, errlen) != 0 ||
	    store_devices(cfg, c, lines, err, errlen) != 0 ||
	    shutdown_devices(c, err, errlen) != 0 ||
	    nv_config_gateways_store(cfg, path, &c->gateways, err, errlen) != 0)
		return -1;
	device_fields(c, &c->devices[0]);
	return 0;
}

static bool known_section(const char *name)
{
	for (size_t i = 0; i < NSECTIONS; i++)
		if (strcmp(sections[i], name) == 0)
			return true;
	return false;
}

/*
 * A small scan of the file ahead of libconfuse, for what it reports badly:
 * an unknown key is blamed on the line of the token after it, and a section
 * left open at end of file is accepted silently.  Only names and braces
 * are checked here; values, and any syntax this scan does not follow, are
 * left to libconfuse.
 */
static int prescan(FILE *fp, struct parse_err *e)
{
	struct nv_conf_scan sc = { fp, 1 };
	char name[128], word[128], section[128] = "root";
	int depth = 0, open_line = 0, name_line, at;
	enum nv_conf_tok t;

	rewind(fp);
	while ((t = nv_conf_next_token(&sc, name, sizeof(name), &name_line)) != T_EOF) {
		if (t == T_CLOSE && depth > 0) {
			depth = 0;
			snprintf(section, sizeof(section), "root");
			continue;
		}
		if (t != T_WORD)
			return 0;       /* libconfuse will say what is wrong */
		t = nv_conf_next_token(&sc, word, sizeof(word), &at);
		if (t == T_EQ) {
			if (find_rule(section, name) == NULL) {
				if (depth > 0)
					errf(e, name_line, "unknown key '%s' in section '%s'",
					    name, section);
				else
					errf(e, name_line, "unknown key '%s'", name);
				return -1;
			}
			t = nv_conf_skip_value(&sc, word, sizeof(word), &at);
			if (t != T_WORD && t != T_STRING)
				return 0;
		} else if (t == T_OPEN && depth == 0) {
			if (nv_config_traps_section(name) || nv_config_notify_section(name) ||
			    nv_config_upsctl_section(name) || nv_config_shutdown_section(name) ||
			    nv_config_schedule_section(name) || nv_config_gateways_section(name) ||
			    nv_config_env_section(name))
				return 0;       /* checked by config_traps.c / config_handlers.c */
			if (!known_section(name)) {
				errf(e, name_line, "unknown section '%s'", name);
				return -1;
			}
			snprintf(section, sizeof(section), "%s", name);
			depth = 1;
			open_line = at;
		} else {
			return 0;
		}
	}
	if (depth > 0) {
		errf(e, open_line, "section '%s' is not closed (missing '}')", section);
		return -1;
	}
	return 0;
}

/*
 * A string must close on the line it opens: libconfuse would take the
 * lines after an unclosed quote into the string and report a later line
 * (or the end of the file).  fp holds the text with comments blanked.
 */
static int unclosed_string(FILE *fp, struct parse_err *e)
{
	int ch, quote = 0, line = 1;

	rewind(fp);
	while ((ch = getc(fp)) != EOF) {
		if (quote != 0 && ch == '\\') {
			ch = getc(fp);
		} else if (quote != 0 && ch == quote) {
			quote = 0;
		} else if (quote == 0 && (ch == '"' || ch == '\'')) {
			quote = ch;
			continue;
		}
		if (ch == '\n' && quote != 0) {
			errf(e, line, "string not closed on this line (missing %c)", quote);
			return -1;
		}
		if (ch == '\n')
			line++;
	}
	if (quote != 0) {
		errf(e, line, "string not closed on this line (missing %c)", quote);
		return -1;
	}
	return 0;
}

/* libconfuse and the scans may each have found something: report the one
 * earliest in the file, a scan's on a tie (found[] lists the scans first:
 * they say it better).  false: nothing found. */
static bool first_error(const struct parse_err *found, size_t n, char *err, size_t errlen)
{
	const struct parse_err *pick = NULL;

	for (size_t i = 0; i < n; i++)
		if (found[i].set && (pick == NULL || (found[i].line > 0 &&
		    (pick->line == 0 || found[i].line < pick->line))))
			pick = &found[i];
	if (pick != NULL)
		snprintf(err, errlen, "%s", pick->buf);
	return pick != NULL;
}

/* Parse fp (the rewritten text) into cfg and scan it (lines: where each
 * device section opens); false with the earliest error in err. */
static bool parse(cfg_t *cfg, FILE *fp, const char *path, int *lines,
    char *err, size_t errlen)
{
	char bufs[3][512];
	struct parse_err found[3] = {
		{ path, bufs[0], sizeof(bufs[0]), false, 0 },   /* device sections */
		{ path, bufs[1], sizeof(bufs[1]), false, 0 },   /* names and braces */
		{ path, bufs[2], sizeof(bufs[2]), false, 0 },   /* libconfuse */
	};
	int rc;

	cur_err = &found[2];
	rc = cfg_parse_fp(cfg, fp);
	cur_err = NULL;
	if (rc != CFG_SUCCESS && !found[2].set)
		errf(&found[2], 0, "cannot parse");
	/* the scans' tokens are only right when every string closes */
	if (unclosed_string(fp, &found[1]) == 0) {
		prescan(fp, &found[1]);
		found[0].line = nv_config_devices_scan(fp, path, device_scoped, lines,
		    bufs[0], sizeof(bufs[0]));
		found[0].set = found[0].line > 0;
	}
	return !first_error(found, 3, err, errlen);
}

int nv_config_load(const char *path, struct nv_config *c, char *err, size_t errlen)
{
	struct parse_err e = { path, err, errlen, false, 0 };
	int lines[NV_DEVICES_MAX] = { 0 };
	struct stat st;
	cfg_t *cfg;
	FILE *fp, *mem;
	int rc;

	if (errlen > 0)
		err[0] = '\0';
	nv_config_defaults(c);
	if (strlen(path) >= sizeof(c->path)) {
		errf(&e, 0, "path too long");
		return -1;
	}
	snprintf(c->path, sizeof(c->path), "%s", path);
	fp = fopen(path, "r");
	if (fp == NULL) {
		errf(&e, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
		errf(&e, 0, "not a regular file");
		fclose(fp);
		return -1;
	}
	cfg = new_parser();
	if (cfg == NULL) {
		errf(&e, 0, "cannot set up the parser: %s", strerror(errno));
		fclose(fp);
		return -1;
	}
	cfg->filename = strdup(path);   /* freed by cfg_free() */
	/* "wol target NAME {" is not libconfuse syntax: read a rewritten copy */
	if ((mem = nv_config_upsctl_rewrite(fp)) == NULL) {
		errf(&e, 0, "cannot read: %s", strerror(errno));
		cfg_free(cfg);
		fclose(fp);
		return -1;
	}
	rc = parse(cfg, mem, path, lines, err, errlen) ?
	    store_all(cfg, c, lines, err, errlen) : -1;
	cfg_free(cfg);
	fclose(mem);
	return rc;
}
