/*
 * config_environment.c — parse and check the `environment { ... }` section
 * (see config_environment.h and nvagent.conf(5)).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <confuse.h>

#include "config_environment.h"
#include "confuse_file.h"
#include "env_sensor.h"

static cfg_opt_t serial_opts[] = {
	CFG_STR("device", "", CFGF_NONE),
	CFG_INT("baud", 9600, CFGF_NONE),
	CFG_INT("slave", 1, CFGF_NONE),
	CFG_INT("timeout", 500, CFGF_NONE),
	CFG_END()
};

/* The manual's EMD defaults: 60 / 50 / 10 / 5, offset 0. */
#define LIMIT_OPTS(hyst) { \
	CFG_FLOAT("offset", 0.0, CFGF_NONE), \
	CFG_FLOAT("critical-high", 60.0, CFGF_NONE), \
	CFG_FLOAT("warning-high", 50.0, CFGF_NONE), \
	CFG_FLOAT("warning-low", 10.0, CFGF_NONE), \
	CFG_FLOAT("critical-low", 5.0, CFGF_NONE), \
	CFG_FLOAT("hysteresis", hyst, CFGF_NONE), \
	CFG_END() }

static cfg_opt_t temp_opts[] = LIMIT_OPTS(1.0);
static cfg_opt_t hum_opts[] = LIMIT_OPTS(2.0);

static cfg_opt_t input_opts[] = {
	CFG_STR("name", "", CFGF_NONE),
	CFG_STR("mode", "disabled", CFGF_NONE),
	CFG_STR("gpio", "", CFGF_NONE),
	CFG_BOOL("active-low", cfg_false, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t point_opts[] = {
	CFG_INT("function", 4, CFGF_NONE),
	CFG_INT("address", 0, CFGF_NONE),
	CFG_FLOAT("scale", 0.1, CFGF_NONE),
	CFG_BOOL("signed", cfg_true, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t custom_opts[] = {
	CFG_SEC("temperature", point_opts, CFGF_NODEFAULT),
	CFG_SEC("humidity", point_opts, CFGF_NODEFAULT),
	CFG_SEC("input-1", point_opts, CFGF_NODEFAULT),
	CFG_SEC("input-2", point_opts, CFGF_NODEFAULT),
	CFG_END()
};

static cfg_opt_t sysfs_opts[] = {
	CFG_STR("temperature", "", CFGF_NONE),
	CFG_STR("humidity", "", CFGF_NONE),
	CFG_STR("input-1", "", CFGF_NONE),
	CFG_STR("input-2", "", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t env_opts[] = {
	CFG_SEC("serial", serial_opts, CFGF_NONE),
	CFG_STR("profile", "env-sensor", CFGF_NONE),
	CFG_INT("poll-interval", 5, CFGF_NONE),
	CFG_INT("comm-loss-after", 3, CFGF_NONE),
	CFG_STR("name", "EMD 1", CFGF_NONE),
	CFG_SEC("temperature", temp_opts, CFGF_NONE),
	CFG_SEC("humidity", hum_opts, CFGF_NONE),
	CFG_SEC("input-1", input_opts, CFGF_NONE),
	CFG_SEC("input-2", input_opts, CFGF_NONE),
	CFG_SEC("custom", custom_opts, CFGF_NODEFAULT),
	CFG_SEC("sysfs", sysfs_opts, CFGF_NODEFAULT),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_SEC("environment", env_opts, CFGF_NODEFAULT),
	CFG_END()
};

cfg_opt_t *nv_config_env_opts(void)
{
	return top_opts;
}

bool nv_config_env_section(const char *name)
{
	return strcmp(name, "environment") == 0;
}

static void limits_defaults(struct nv_env_limits *l, int hysteresis)
{
	l->offset = 0;
	l->crit_high = 600;
	l->warn_high = 500;
	l->warn_low = 100;
	l->crit_low = 50;
	l->hysteresis = hysteresis;
}

void nv_env_cfg_defaults(struct nv_env_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->serial.baud = 9600;
	c->serial.slave = 1;
	c->serial.timeout_ms = 500;
	snprintf(c->profile, sizeof(c->profile), "env-sensor");
	c->poll_interval_s = 5;
	c->comm_loss_after = 3;
	snprintf(c->name, sizeof(c->name), "EMD 1");
	limits_defaults(&c->temp, 10);
	limits_defaults(&c->hum, 20);
	c->input[0].mode = c->input[1].mode = NV_ENV_IN_OFF;
}

static int input_mode(const char *s)
{
	return strcmp(s, "normally-open") == 0 ? NV_ENV_IN_NORMALLY_OPEN :
	    strcmp(s, "normally-closed") == 0 ? NV_ENV_IN_NORMALLY_CLOSED :
	    strcmp(s, "disabled") == 0 ? NV_ENV_IN_OFF : -1;
}

/* "CHIP:OFFSET" (the last colon splits) into chip and offset; -1 when
 * it is not that. */
static int split_gpio(const char *v, char *chip, size_t chiplen, int *offset)
{
	const char *colon = strrchr(v, ':');
	char *end;
	long off;

	if (colon == NULL || colon == v || (size_t)(colon - v) >= chiplen)
		return -1;
	errno = 0;
	off = strtol(colon + 1, &end, 10);
	if (errno != 0 || end == colon + 1 || *end != '\0' || off < 0 || off > 65535)
		return -1;
	snprintf(chip, chiplen, "%.*s", (int)(colon - v), v);
	*offset = (int)off;
	return 0;
}

/* An input's gpio value: the form, and a build that can read it. */
static int check_gpio(cfg_t *sec, const char *v)
{
	char chip[sizeof(((struct nv_env_input_cfg *)0)->gpio_chip)];
	int off;

	if (v[0] == '\0')
		return 0;
	if (split_gpio(v, chip, sizeof(chip), &off) != 0) {
		cfg_error(sec, "environment: %s: gpio '%s' is not CHIP:LINE (e.g. gpiochip0:17, "
		    "a line 0..65535)", sec->name, v);
		return -1;
	}
#ifndef HAVE_GPIOD
	cfg_error(sec, "environment: %s: gpio '%s': this nvagentd is built without libgpiod "
	    "(configure found no libgpiod-dev, or --without-gpiod)", sec->name, v);
	return -1;
#else
	return 0;
#endif
}

static bool baud_ok(long b)
{
	static const long ok[] = { 2400, 4800, 9600, 19200, 38400, 57600, 115200 };

	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (b == ok[i])
			return true;
	return false;
}

/* An integer key's range: section (NULL: any), key, min, max. */
static const struct int_range {
	const char *section, *key;
	long min, max;
} int_ranges[] = {
	{ "serial", "slave", 1, 247 },
	{ "serial", "timeout", 50, 10000 },
	{ "environment", "poll-interval", 1, 3600 },
	{ "environment", "comm-loss-after", 1, 100 },
	{ NULL, "function", 1, 4 },
	{ NULL, "address", 0, 65535 },
};

/* A measurement key's range in the unit of its section. */
static bool float_range(const char *section, const char *key, double *lo, double *hi)
{
	bool temp = strcmp(section, "temperature") == 0;

	if (strcmp(key, "offset") == 0 || strcmp(key, "hysteresis") == 0) {
		*lo = key[0] == 'o' ? -20.0 : 0.0;
		*hi = 20.0;
	} else {
		*lo = temp ? -40.0 : 0.0;
		*hi = temp ? 125.0 : 100.0;
	}
	return strcmp(key, "scale") != 0;
}

/* The subsection a value is in, "" at the section's top. */
static const char *sub(const cfg_t *sec)
{
	return strcmp(sec->name, "environment") == 0 ? "" : sec->name;
}

static int check_int(cfg_t *sec, const char *key, long v)
{
	if (strcmp(key, "baud") == 0 && !baud_ok(v)) {
		cfg_error(sec, "environment: serial: baud %ld is not 2400, 4800, 9600, "
		    "19200, 38400, 57600 or 115200", v);
		return -1;
	}
	for (size_t i = 0; i < sizeof(int_ranges) / sizeof(int_ranges[0]); i++) {
		const struct int_range *r = &int_ranges[i];

		if (strcmp(r->key, key) != 0 ||
		    (r->section != NULL && strcmp(r->section, sec->name) != 0))
			continue;
		if (v < r->min || v > r->max) {
			cfg_error(sec, "environment: %s%s%s %ld is out of range %ld..%ld",
			    sub(sec), *sub(sec) ? ": " : "", key, v, r->min, r->max);
			return -1;
		}
	}
	return 0;
}

static int check_float(cfg_t *sec, const char *key, double v)
{
	double lo, hi;

	if (!float_range(sec->name, key, &lo, &hi)) {
		if (v == 0.01 || v == 0.1 || v == 1.0)
			return 0;
		cfg_error(sec, "environment: custom %s: scale %g is not 0.01, 0.1 or 1",
		    sec->name, v);
		return -1;
	}
	if (!isfinite(v) || v < lo || v > hi) {
		cfg_error(sec, "environment: %s: %s %g is out of range %.1f..%.1f",
		    sec->name, key, v, lo, hi);
		return -1;
	}
	return 0;
}

static int check_str(cfg_t *sec, const char *key, const char *v)
{
	size_t max = strcmp(key, "device") == 0 || strcmp(sec->name, "sysfs") == 0 ?
	    sizeof(((struct nv_serial_cfg *)0)->device) :
	    strcmp(key, "name") == 0 && strcmp(sec->name, "environment") == 0 ?
	    sizeof(((struct nv_env_cfg *)0)->name) :
	    strcmp(key, "name") == 0 ? sizeof(((struct nv_env_input_cfg *)0)->name) : 32;

	if (strlen(v) >= max) {
		cfg_error(sec, "environment: %s%s%s is longer than %zu characters",
		    sub(sec), *sub(sec) ? ": " : "", key, max - 1);
		return -1;
	}
	if (strcmp(key, "device") == 0 && v[0] != '/') {
		cfg_error(sec, "environment: serial: device '%s' is not an absolute path", v);
		return -1;
	}
	if (strcmp(sec->name, "sysfs") == 0 && v[0] != '\0' && v[0] != '/') {
		cfg_error(sec, "environment: sysfs: %s '%s' is not an absolute path", key, v);
		return -1;
	}
	if (strcmp(key, "gpio") == 0)
		return check_gpio(sec, v);
	if (strcmp(key, "mode") == 0 && input_mode(v) < 0) {
		cfg_error(sec, "environment: %s: mode '%s' is not normally-open, "
		    "normally-closed or disabled", sec->name, v);
		return -1;
	}
	if (strcmp(key, "profile") == 0 && strcmp(v, "custom") != 0 &&
	    strcmp(v, "sysfs") != 0 && nv_env_profile_map(v) == NULL) {
		cfg_error(sec, "environment: unknown profile '%s' (%s, custom, sysfs)", v,
		    nv_env_profile_names());
		return -1;
	}
	return 0;
}

/*
 * libconfuse calls this right after it parsed a value of the section, so
 * cfg->line is the value's line: cfg_error() gives "FILE:LINE: ...".
 */
static int check_value(cfg_t *sec, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);

	if (n == 0)
		return 0;
	switch (opt->type) {
	case CFGT_INT:
		return check_int(sec, opt->name, cfg_opt_getnint(opt, n - 1));
	case CFGT_FLOAT:
		return check_float(sec, opt->name, cfg_opt_getnfloat(opt, n - 1));
	case CFGT_STR:
		return check_str(sec, opt->name, cfg_opt_getnstr(opt, n - 1));
	default:
		return 0;
	}
}

/* Every value of the section, by its path ("environment|serial|baud"
 * where at is "environment"). */
void nv_config_env_validators(cfg_t *cfg, const char *at)
{
	static const char *const points[] = { "temperature", "humidity", "input-1", "input-2" };
	char path[96];

	for (cfg_opt_t *o = env_opts; o->name != NULL; o++) {
		if (o->type != CFGT_SEC) {
			snprintf(path, sizeof(path), "%s|%s", at, o->name);
			cfg_set_validate_func(cfg, path, check_value);
			continue;
		}
		if (strcmp(o->name, "custom") == 0)
			continue;      /* its subsections: below */
		for (cfg_opt_t *k = o->subopts; k->name != NULL; k++) {
			snprintf(path, sizeof(path), "%s|%s|%s", at, o->name, k->name);
			cfg_set_validate_func(cfg, path, check_value);
		}
	}
	for (size_t i = 0; i < sizeof(points) / sizeof(points[0]); i++)
		for (cfg_opt_t *k = point_opts; k->name != NULL; k++) {
			snprintf(path, sizeof(path), "%s|custom|%s|%s", at, points[i],
			    k->name);
			cfg_set_validate_func(cfg, path, check_value);
		}
}


static int round_int(double v)
{
	return (int)(v >= 0 ? v + 0.5 : v - 0.5);
}

bool nv_env_has_point(const struct nv_env_cfg *c, enum nv_env_pt pt)
{
	if (c->from_files && pt >= NV_ENV_PT_IN1 && c->input[pt - NV_ENV_PT_IN1].gpio_chip[0])
		return true;
	return c->from_files ? c->file[pt][0] != '\0' : c->map[pt].function != 0;
}

/* A value in tenths (checked by check_value as it was parsed). */
static int tenths(cfg_t *sec, const char *key)
{
	return round_int(cfg_getfloat(sec, key) * 10.0);
}

static int store_limits(cfg_t *sec, struct nv_env_limits *l, struct nv_conf_where *w)
{
	w->line = sec->line;
	l->offset = tenths(sec, "offset");
	l->crit_high = tenths(sec, "critical-high");
	l->warn_high = tenths(sec, "warning-high");
	l->warn_low = tenths(sec, "warning-low");
	l->crit_low = tenths(sec, "critical-low");
	l->hysteresis = tenths(sec, "hysteresis");
	if (!(l->crit_low <= l->warn_low && l->warn_low < l->warn_high &&
	    l->warn_high <= l->crit_high))
		return nv_conf_fail(w, "%s: set points must be critical-low <= warning-low < "
		    "warning-high <= critical-high (%.1f %.1f %.1f %.1f)", sec->name,
		    l->crit_low / 10.0, l->warn_low / 10.0, l->warn_high / 10.0,
		    l->crit_high / 10.0);
	if (2 * l->hysteresis >= l->warn_high - l->warn_low)
		return nv_conf_fail(w, "%s: hysteresis %.1f is too wide for the warning set points "
		    "%.1f..%.1f", sec->name, l->hysteresis / 10.0, l->warn_low / 10.0,
		    l->warn_high / 10.0);
	return 0;
}

/* An input (its gpio value was checked as it was parsed). */
static int store_input(cfg_t *sec, struct nv_env_cfg *c, int k, struct nv_conf_where *w)
{
	struct nv_env_input_cfg *in = &c->input[k];
	const char *mode = cfg_getstr(sec, "mode"), *name = cfg_getstr(sec, "name"),
	    *gpio = cfg_getstr(sec, "gpio");

	w->line = sec->line;
	in->mode = (enum nv_env_in_mode)input_mode(mode);
	snprintf(in->name, sizeof(in->name), "%s", name);
	in->active_low = cfg_getbool(sec, "active-low");
	if (gpio[0] == '\0')
		return 0;
	if (!c->from_files)
		return nv_conf_fail(w, "%s: a gpio line needs profile = sysfs (profile %s reads "
		    "its inputs from the sensor)", sec->name, c->profile);
	if (c->file[NV_ENV_PT_IN1 + k][0] != '\0')
		return nv_conf_fail(w, "%s: gpio '%s' and sysfs %s '%s' both name its contact",
		    sec->name, gpio, sec->name, c->file[NV_ENV_PT_IN1 + k]);
	if (split_gpio(gpio, in->gpio_chip, sizeof(in->gpio_chip), &in->gpio_offset) != 0)
		return nv_conf_fail(w, "%s: gpio '%s' is not CHIP:LINE", sec->name, gpio);
	return 0;
}

/* The environment section names a GPIO line for an input. */
static bool names_gpio(cfg_t *env)
{
	return cfg_getstr(cfg_getsec(env, "input-1"), "gpio")[0] != '\0' ||
	    cfg_getstr(cfg_getsec(env, "input-2"), "gpio")[0] != '\0';
}

static int store_point(cfg_t *sec, bool bit, struct nv_env_point *p, struct nv_conf_where *w)
{
	long fn = cfg_getint(sec, "function"), addr = cfg_getint(sec, "address");
	double scale = cfg_getfloat(sec, "scale");

	w->line = sec->line;
	/* a contact's default function (4) is a register's: say which it needs */
	if (bit ? fn != 1 && fn != 2 : fn != 3 && fn != 4)
		return nv_conf_fail(w, "custom %s: function %ld is not %s", sec->name, fn,
		    bit ? "1 (coil) or 2 (discrete input)" :
		    "3 (holding register) or 4 (input register)");
	p->function = (int)fn;
	p->address = (int)addr;
	p->scale_centi = round_int(scale * 100.0);
	p->is_signed = cfg_getbool(sec, "signed");
	return 0;
}

static int store_custom(cfg_t *cu, struct nv_env_cfg *c, struct nv_conf_where *w)
{
	static const char *const names[NV_ENV_PT_COUNT] = {
		"temperature", "humidity", "input-1", "input-2" };

	memset(c->map, 0, sizeof(c->map));
	for (int i = 0; i < NV_ENV_PT_COUNT; i++)
		if (cfg_size(cu, names[i]) > 0 &&
		    store_point(cfg_getsec(cu, names[i]), i >= NV_ENV_PT_IN1, &c->map[i], w) != 0)
			return -1;
	w->line = cu->line;
	if (c->map[NV_ENV_PT_TEMP].function == 0 && c->map[NV_ENV_PT_HUM].function == 0 &&
	    c->map[NV_ENV_PT_IN1].function == 0 && c->map[NV_ENV_PT_IN2].function == 0)
		return nv_conf_fail(w, "custom: says where no value is (temperature, humidity, "
		    "input-1, input-2)");
	return 0;
}

static int store_line(cfg_t *se, const struct nv_serial_cfg *ups, struct nv_env_cfg *c,
    struct nv_conf_where *w)
{
	const char *dev = cfg_getstr(se, "device");
	long baud = cfg_getint(se, "baud"), slave = cfg_getint(se, "slave"),
	    timeout = cfg_getint(se, "timeout");

	w->line = se->line;
	snprintf(c->serial.device, sizeof(c->serial.device), "%s", dev);
	c->serial.baud = (int)baud;
	c->serial.slave = (int)slave;
	c->serial.timeout_ms = (int)timeout;
	c->shared = strcmp(dev, ups->device) == 0;
	if (c->shared && slave == ups->slave)
		return nv_conf_fail(w, "serial: slave %ld is the UPS's on the shared line %s",
		    slave, dev);
	return 0;
}

/* The sysfs { } files (sy NULL: none, the inputs are GPIO lines). */
static int store_files(cfg_t *sy, bool gpio, struct nv_env_cfg *c, struct nv_conf_where *w)
{
	static const char *const keys[NV_ENV_PT_COUNT] = {
		"temperature", "humidity", "input-1", "input-2" };
	bool any = gpio;

	memset(c->map, 0, sizeof(c->map));
	c->from_files = true;
	for (int i = 0; sy != NULL && i < NV_ENV_PT_COUNT; i++) {
		snprintf(c->file[i], sizeof(c->file[i]), "%s", cfg_getstr(sy, keys[i]));
		any = any || c->file[i][0] != '\0';
	}
	if (sy != NULL)
		w->line = sy->line;
	if (!any)
		return nv_conf_fail(w, "sysfs: names no file (temperature, humidity, input-1, "
		    "input-2) and no input names a gpio line");
	return 0;
}

static int store_profile(cfg_t *env, struct nv_env_cfg *c, struct nv_conf_where *w)
{
	const char *prof = cfg_getstr(env, "profile");
	const struct nv_env_point *map;

	w->line = env->line;
	if (strcmp(prof, "sysfs") == 0) {
		if (cfg_size(env, "sysfs") == 0 && !names_gpio(env))
			return nv_conf_fail(w, "profile sysfs needs a sysfs { } section or an input's "
			    "gpio line");
		snprintf(c->profile, sizeof(c->profile), "sysfs");
		return store_files(cfg_size(env, "sysfs") > 0 ? cfg_getsec(env, "sysfs") : NULL,
		    names_gpio(env), c, w);
	}
	if (cfg_size(env, "sysfs") > 0)
		return nv_conf_fail(w, "a sysfs { } section needs profile = sysfs");
	if (strcmp(prof, "custom") == 0) {
		if (cfg_size(env, "custom") == 0)
			return nv_conf_fail(w, "profile custom needs a custom { } section");
		snprintf(c->profile, sizeof(c->profile), "custom");
		return store_custom(cfg_getsec(env, "custom"), c, w);
	}
	map = nv_env_profile_map(prof);
	if (cfg_size(env, "custom") > 0)
		return nv_conf_fail(w, "a custom { } section needs profile = custom");
	snprintf(c->profile, sizeof(c->profile), "%s", prof);
	memcpy(c->map, map, sizeof(c->map));
	return 0;
}

int nv_config_env_store(cfg_t *cfg, const char *path, const struct nv_serial_cfg *ups_line,
    struct nv_env_cfg *c, char *err, size_t errlen)
{
	struct nv_conf_where w = { path, 0, "environment", err, errlen };
	cfg_t *env;

	nv_env_cfg_defaults(c);
	if (cfg_size(cfg, "environment") == 0)
		return 0;
	env = cfg_getsec(cfg, "environment");
	w.line = env->line;
	c->enabled = true;
	if (store_profile(env, c, &w) != 0)
		return -1;
	w.line = env->line;
	if (!c->from_files && cfg_getstr(cfg_getsec(env, "serial"), "device")[0] == '\0')
		return nv_conf_fail(&w, "serial { device = ... } is missing");
	if (!c->from_files && store_line(cfg_getsec(env, "serial"), ups_line, c, &w) != 0)
		return -1;
	c->poll_interval_s = (int)cfg_getint(env, "poll-interval");
	c->comm_loss_after = (int)cfg_getint(env, "comm-loss-after");
	snprintf(c->name, sizeof(c->name), "%s", cfg_getstr(env, "name"));
	if (store_limits(cfg_getsec(env, "temperature"), &c->temp, &w) != 0 ||
	    store_limits(cfg_getsec(env, "humidity"), &c->hum, &w) != 0)
		return -1;
	if (store_input(cfg_getsec(env, "input-1"), c, 0, &w) != 0 ||
	    store_input(cfg_getsec(env, "input-2"), c, 1, &w) != 0)
		return -1;
	for (int k = 0; k < 2; k++) {
		w.line = cfg_getsec(env, k == 0 ? "input-1" : "input-2")->line;
		if (c->input[k].mode != NV_ENV_IN_OFF && !nv_env_has_point(c, NV_ENV_PT_IN1 + k))
			return nv_conf_fail(&w, "input-%d: profile %s has no input %d", k + 1,
			    c->profile, k + 1);
	}
	return 0;
}
