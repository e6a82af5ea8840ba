/*
 * config_shutdown.c — parse and check the shutdown section of
 * nvagent.conf.  Durations take a unit suffix (s, m, h) so that tests and
 * impatient sites can use seconds where the manual counts minutes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <confuse.h>

#include "config_shutdown.h"
#include "confuse_file.h"
#include "device.h"
#include "shutdown_proto.h"

static const char *const event_names[NV_SDE_COUNT] = {
	"on-battery", "battery-low", "battery-level", "imminent-stop",
	"overload", "temperature", "on-bypass", "weekly-schedule", "special-day",
	"emd-temperature-high", "emd-humidity-high", "emd-input-1", "emd-input-2",
};

static const char *const action_names[] = { "disabled", "warning", "shutdown", NULL };

static cfg_opt_t event_opts[] = {
	CFG_STR("action", NULL, CFGF_NODEFAULT),
	CFG_STR("warning-period", NULL, CFGF_NODEFAULT),
	CFG_STR("first-warning", NULL, CFGF_NODEFAULT),
	CFG_STR("warning-interval", NULL, CFGF_NODEFAULT),
	CFG_INT("level", 30, CFGF_NONE),
	CFG_STR_LIST("devices", NULL, CFGF_NODEFAULT),
	CFG_STR("when", NULL, CFGF_NODEFAULT),
	CFG_STR_LIST("at", NULL, CFGF_NODEFAULT),      /* moved: refused with where to */
	CFG_END()
};

static cfg_opt_t shutdown_opts[] = {
	CFG_STR("listen", "0.0.0.0:4200", CFGF_NONE),
	CFG_STR("secret-file", "/etc/nvagent/shutdown.key", CFGF_NONE),
	CFG_BOOL("ups-shutoff", cfg_false, CFGF_NONE),
	CFG_STR("ups-shutoff-delay", "120", CFGF_NONE),
	CFG_STR("ups-restart-delay", "2", CFGF_NONE),
	CFG_STR("max-client-duration", "0", CFGF_NONE),
	CFG_STR("client-timeout", "30", CFGF_NONE),
	CFG_STR("test-cancel-after", "120", CFGF_NONE),
	CFG_INT("max-clients", 250, CFGF_NONE),
	CFG_SEC("event", event_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_SEC("shutdown", shutdown_opts, CFGF_NODEFAULT),
	CFG_END()
};

const char *nv_sd_event_name(enum nv_sd_event e)
{
	return (unsigned)e < NV_SDE_COUNT ? event_names[e] : "?";
}

int nv_sd_event_parse(const char *name)
{
	for (int i = 0; i < NV_SDE_COUNT; i++)
		if (strcmp(name, event_names[i]) == 0)
			return i;
	return -1;
}

bool nv_config_shutdown_section(const char *name)
{
	return strcmp(name, "shutdown") == 0;
}

cfg_opt_t *nv_config_shutdown_opts(void)
{
	return top_opts;
}

long nv_sd_parse_duration(const char *s, long unit_s)
{
	char *end;
	long v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || v > 10L * 24 * 3600)
		return -1;
	if (*end == '\0')
		return v * unit_s;
	if (end[1] != '\0')
		return -1;
	switch (*end) {
	case 's': return v;
	case 'm': return v * 60;
	case 'h': return v * 3600;
	}
	return -1;
}

void nv_shutdown_cfg_defaults(struct nv_shutdown_cfg *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->listen, sizeof(c->listen), "0.0.0.0:%d", NV_SD_PORT);
	snprintf(c->secret_file, sizeof(c->secret_file), "/etc/nvagent/shutdown.key");
	c->ups_shutoff_delay_s = 120;
	c->ups_restart_delay_min = 2;
	c->client_timeout_s = 30;
	c->test_cancel_after_s = 120;
	c->max_clients = 250;
	for (int i = 0; i < NV_SDE_COUNT; i++) {
		c->ev[i].action = NV_SDA_DISABLED;
		c->ev[i].warning_period_s = 5 * 60;
		c->ev[i].first_warning_s = 10;
		c->ev[i].warning_interval_s = 60;
		c->ev[i].level = 30;
	}
}

/* "a.b.c.d:port": the listen address binds without a name lookup. */
static bool ipv4_colon_port(const char *s)
{
	char host[INET_ADDRSTRLEN];
	const char *colon = strrchr(s, ':');
	struct in_addr a;
	size_t n = (size_t)(colon - s);

	if (n == 0 || n >= sizeof(host))
		return false;
	memcpy(host, s, n);
	host[n] = '\0';
	return inet_pton(AF_INET, host, &a) == 1;
}

/* A duration key; absent keeps *out.  max in seconds. */
static int duration(cfg_t *sec, const char *key, long unit_s, long max,
    int *out, const struct nv_conf_where *w)
{
	const char *s;
	long v;

	if (cfg_size(sec, key) == 0)
		return 0;
	s = cfg_getstr(sec, key);
	v = nv_sd_parse_duration(s, unit_s);
	if (v < 0 || v > max)
		return nv_conf_fail(w, "%s: '%s' is not a duration of 0..%lds (a number of %s, "
		    "or with s, m or h)", key, s, max, unit_s == 60 ? "minutes" : "seconds");
	*out = (int)v;
	return 0;
}

/* "devices" and "when": which devices the event watches, checked by name
 * once the device list is known (nv_config_shutdown_devices). */
static int store_devices(cfg_t *es, const char *title, struct nv_sd_event_cfg *e,
    struct nv_conf_where *w)
{
	cfg_opt_t *opt = cfg_getopt(es, "devices");

	if (cfg_size(es, "when") > 0) {
		const char *when = cfg_getstr(es, "when");

		if (strcmp(when, "any") == 0)
			e->when = NV_SDW_ANY;
		else if (strcmp(when, "all") == 0)
			e->when = NV_SDW_ALL;
		else
			return nv_conf_fail(w, "event %s: when '%s' is not any or all", title, when);
	}
	e->devices_line = w->line;
	if (opt == NULL || !(opt->flags & CFGF_MODIFIED))
		return 0;
	e->ndevices = cfg_size(es, "devices");
	if (e->ndevices == 0)
		return nv_conf_fail(w, "event %s: devices is empty (leave it out for every "
		    "device)", title);
	if (e->ndevices > NV_SD_DEVICES_MAX)
		return nv_conf_fail(w, "event %s: devices names more than %d devices", title,
		    NV_SD_DEVICES_MAX);
	for (size_t i = 0; i < e->ndevices; i++) {
		const char *name = cfg_getnstr(es, "devices", (unsigned)i);

		if (strlen(name) >= sizeof(e->devices[i]))
			return nv_conf_fail(w, "event %s: devices: '%s' is not a device name",
			    title, name);
		snprintf(e->devices[i], sizeof(e->devices[i]), "%s", name);
	}
	return 0;
}

static int store_event(cfg_t *es, struct nv_shutdown_cfg *c, struct nv_conf_where *w)
{
	const char *title = cfg_title(es);
	int id = nv_sd_event_parse(title);
	struct nv_sd_event_cfg *e;
	const char *act;

	w->line = es->line;
	if (id < 0)
		return nv_conf_fail(w, "unknown event '%s' (on-battery, battery-low, battery-level, "
		    "imminent-stop, overload, temperature, on-bypass, weekly-schedule, "
		    "special-day, emd-temperature-high, emd-humidity-high, emd-input-1, "
		    "emd-input-2)", title);
	e = &c->ev[id];
	if (cfg_size(es, "at") > 0)
		return nv_conf_fail(w, "event %s: 'at' has moved to the schedule section "
		    "(schedule { %s { off = \"%s\" restart = ... } }), where the time is that of "
		    "the shutdown request and the warnings start one warning-period before it",
		    title, id == NV_SDE_SPECIAL_DAY ? "special-day" : "weekly",
		    cfg_getnstr(es, "at", 0));
	if (cfg_size(es, "action") > 0) {
		act = cfg_getstr(es, "action");
		for (e->action = NV_SDA_DISABLED; action_names[e->action] != NULL; e->action++)
			if (strcmp(act, action_names[e->action]) == 0)
				break;
		if (action_names[e->action] == NULL)
			return nv_conf_fail(w, "event %s: action '%s' is not disabled, warning or shutdown",
			    title, act);
	}
	if (duration(es, "warning-period", 60, 24 * 3600, &e->warning_period_s, w) ||
	    duration(es, "first-warning", 1, 24 * 3600, &e->first_warning_s, w) ||
	    duration(es, "warning-interval", 1, 24 * 3600, &e->warning_interval_s, w))
		return -1;
	if (e->warning_interval_s == 0 && e->action != NV_SDA_DISABLED)
		return nv_conf_fail(w, "event %s: warning-interval must be at least 1s", title);
	e->level = (int)cfg_getint(es, "level");
	if (e->level < 1 || e->level > 100)
		return nv_conf_fail(w, "event %s: level %d is not a battery charge of 1..100 %%",
		    title, e->level);
	return store_devices(es, title, e, w);
}

static int store_top(cfg_t *sd, struct nv_shutdown_cfg *c, struct nv_conf_where *w)
{
	const char *s;

	w->line = sd->line;
	s = cfg_getstr(sd, "listen");
	if (strlen(s) >= sizeof(c->listen) || strchr(s, ':') == NULL || !ipv4_colon_port(s))
		return nv_conf_fail(w, "listen: '%s' is not IPV4-ADDRESS:PORT (a name would be looked "
		    "up by the main loop)", s);
	snprintf(c->listen, sizeof(c->listen), "%s", s);
	s = cfg_getstr(sd, "secret-file");
	if (s[0] != '/' || strlen(s) >= sizeof(c->secret_file))
		return nv_conf_fail(w, "secret-file: '%s' is not an absolute path", s);
	snprintf(c->secret_file, sizeof(c->secret_file), "%s", s);
	c->ups_shutoff = cfg_getbool(sd, "ups-shutoff");
	if (duration(sd, "ups-shutoff-delay", 1, 65535, &c->ups_shutoff_delay_s, w) ||
	    duration(sd, "ups-restart-delay", 60, 65535 * 60, &c->ups_restart_delay_min, w) ||
	    duration(sd, "max-client-duration", 1, 24 * 3600, &c->max_client_duration_s, w) ||
	    duration(sd, "client-timeout", 1, 3600, &c->client_timeout_s, w) ||
	    duration(sd, "test-cancel-after", 1, 24 * 3600, &c->test_cancel_after_s, w))
		return -1;
	c->ups_restart_delay_min /= 60;  /* kept in minutes, as the UPS takes it */
	if (c->client_timeout_s < 2)
		return nv_conf_fail(w, "client-timeout must be at least 2s");
	c->max_clients = (int)cfg_getint(sd, "max-clients");
	if (c->max_clients < 1 || c->max_clients > 1024)
		return nv_conf_fail(w, "max-clients %d is out of range 1..1024", c->max_clients);
	return 0;
}

int nv_config_shutdown_store(cfg_t *cfg, const char *path, struct nv_shutdown_cfg *c,
    char *err, size_t errlen)
{
	struct nv_conf_where w = { path, 0, "shutdown", err, errlen };
	cfg_t *sd;

	nv_shutdown_cfg_defaults(c);
	if (cfg_size(cfg, "shutdown") == 0)
		return 0;
	sd = cfg_getsec(cfg, "shutdown");
	c->enabled = true;
	if (store_top(sd, c, &w) != 0)
		return -1;
	for (unsigned i = 0; i < cfg_size(sd, "event"); i++)
		if (store_event(cfg_getnsec(sd, "event", i), c, &w) != 0)
			return -1;
	w.line = sd->line;
	/* The manual's rule: the UPS must not cut the power before the
	 * slowest server has finished shutting down. */
	if (c->ups_shutoff && (c->ups_shutoff_delay_s < NV_SHUTOFF_DELAY_MIN_S ||
	    c->ups_shutoff_delay_s > NV_SHUTOFF_DELAY_MAX_S))
		return nv_conf_fail(&w, "ups-shutoff-delay (%ds) is outside %d..%ds, the shut-off "
		    "delays the devices take: the UPS would refuse the shut-off",
		    c->ups_shutoff_delay_s, NV_SHUTOFF_DELAY_MIN_S, NV_SHUTOFF_DELAY_MAX_S);
	if (c->ups_shutoff && c->max_client_duration_s > NV_SHUTOFF_DELAY_MAX_S)
		return nv_conf_fail(&w, "max-client-duration (%ds) is longer than the longest "
		    "shut-off delay the devices take (%ds): the UPS cannot wait for it",
		    c->max_client_duration_s, NV_SHUTOFF_DELAY_MAX_S);
	if (c->ups_shutoff && c->ups_shutoff_delay_s < c->max_client_duration_s)
		return nv_conf_fail(&w, "ups-shutoff-delay (%ds) is shorter than max-client-duration "
		    "(%ds): the UPS would cut the power before the slowest server has shut "
		    "down", c->ups_shutoff_delay_s, c->max_client_duration_s);
	return 0;
}

static int device_index(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}

/* The refusal names the devices there are: a file without device
 * sections has one, "ups". */
static int unknown_device(const struct nv_conf_where *w, int id, const char *name,
    const char *const *names, size_t n)
{
	char known[NV_SD_DEVICES_MAX * (NV_SD_DEVICE_NAME_LEN + 2)] = "";
	size_t len = 0;

	for (size_t i = 0; i < n && len < sizeof(known); i++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s",
		    i > 0 ? ", " : "", names[i]);
	return nv_conf_fail(w, "event %s: devices: '%s' is not a device of this agent "
	    "(%s)", nv_sd_event_name((enum nv_sd_event)id), name, known);
}

int nv_config_shutdown_devices(struct nv_shutdown_cfg *c, const char *const *names,
    size_t n, const char *path, char *err, size_t errlen)
{
	struct nv_conf_where w = { path, 0, "shutdown", err, errlen };

	for (int id = 0; id < NV_SDE_COUNT; id++) {
		struct nv_sd_event_cfg *e = &c->ev[id];

		e->device_mask = 0;
		for (size_t i = 0; i < e->ndevices; i++) {
			int d = device_index(e->devices[i], names, n);

			w.line = e->devices_line;
			if (d < 0)
				return unknown_device(&w, id, e->devices[i], names, n);
			e->device_mask |= 1u << d;
		}
	}
	return 0;
}
