/*
 * config_gateways.c — parse and check the gateway sections (see
 * config_gateways.h and nvagent.conf(5)).
 */
#include <stdio.h>
#include <string.h>

#include <confuse.h>

#include "config_gateways.h"
#include "config_nut.h"
#include "config_shutdown.h"
#include "hostport.h"

static cfg_opt_t modbus_opts[] = {
	CFG_STR("listen", "0.0.0.0:502", CFGF_NONE),
	CFG_STR_LIST("allow", "{}", CFGF_NONE),
	CFG_INT("max-connections", 1, CFGF_NONE),
	CFG_STR("idle-timeout", "60", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t bacnet_opts[] = {
	CFG_STR("listen", "0.0.0.0:47808", CFGF_NONE),
	CFG_INT("device-instance", 0, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_SEC("modbus-tcp", modbus_opts, CFGF_NODEFAULT),
	CFG_SEC("bacnet", bacnet_opts, CFGF_NODEFAULT),
	CFG_SEC("nut", NULL, CFGF_NODEFAULT),     /* its options: set below */
	CFG_END()
};

cfg_opt_t *nv_config_gateways_opts(void)
{
	top_opts[2].subopts = nv_config_nut_opts();
	return top_opts;
}

bool nv_config_gateways_section(const char *name)
{
	return strcmp(name, "modbus-tcp") == 0 || strcmp(name, "bacnet") == 0 ||
	    strcmp(name, "nut") == 0;
}

void nv_gateways_cfg_defaults(struct nv_gateways_cfg *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->modbus.listen, sizeof(c->modbus.listen), "0.0.0.0:%d", NV_MODBUS_TCP_PORT);
	c->modbus.max_connections = 1;
	c->modbus.idle_timeout_s = 60;
	snprintf(c->bacnet.listen, sizeof(c->bacnet.listen), "0.0.0.0:%d", NV_BACNET_PORT);
	nv_nut_cfg_defaults(&c->nut);
}

/* "ADDR:PORT" with a port of 1..65535 */
static bool listen_ok(const char *s)
{
	char host[64];
	int port = 0;

	return strlen(s) < sizeof(((struct nv_modbus_tcp_cfg *)0)->listen) &&
	    nv_hostport_parse(s, host, sizeof(host), &port, 0) == NULL && host[0] != '\0' &&
	    port >= 1 && port <= 65535;
}

/*
 * libconfuse calls this right after it parsed a value of the sections,
 * so cfg->line is the value's line: cfg_error() gives "FILE:LINE: ...".
 */
static int check_value(cfg_t *sec, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);
	const char *key = opt->name;
	long v;

	if (n == 0)
		return 0;
	if (strcmp(key, "listen") == 0) {
		const char *s = cfg_opt_getnstr(opt, n - 1);

		if (n > NV_NUT_MAX_LISTEN) {    /* nut takes a list */
			cfg_error(sec, "%s: listen: at most %d addresses", sec->name,
			    NV_NUT_MAX_LISTEN);
			return -1;
		}
		if (!listen_ok(s)) {
			cfg_error(sec, "%s: listen: '%s' is not ADDRESS:PORT", sec->name, s);
			return -1;
		}
	} else if (strcmp(key, "allow") == 0) {
		struct nv_allow scratch = { .n = 0 };
		const char *why = n > NV_ALLOW_MAX ? "too many entries (at most 16)" :
		    nv_allow_add(&scratch, cfg_opt_getnstr(opt, n - 1));

		if (why != NULL) {
			cfg_error(sec, "%s: allow: '%s': %s", sec->name, cfg_opt_getnstr(opt, n - 1), why);
			return -1;
		}
	} else if (strcmp(key, "max-connections") == 0) {
		int max = strcmp(sec->name, "nut") == 0 ? NV_NUT_MAX_CONN : NV_MODBUS_MAX_CONN;

		v = cfg_opt_getnint(opt, n - 1);
		if (v < 1 || v > max) {
			cfg_error(sec, "%s: max-connections %ld is out of range 1..%d", sec->name, v,
			    max);
			return -1;
		}
	} else if (strcmp(key, "idle-timeout") == 0) {
		v = nv_sd_parse_duration(cfg_opt_getnstr(opt, n - 1), 1);
		if (v < 1 || v > 24 * 3600) {
			cfg_error(sec, "%s: idle-timeout: '%s' is not a duration of 1..86400s "
			    "(a number of seconds, or with s, m or h)", sec->name,
			    cfg_opt_getnstr(opt, n - 1));
			return -1;
		}
	} else if (strcmp(key, "device-instance") == 0) {
		v = cfg_opt_getnint(opt, n - 1);
		/* 4194303 is the wildcard instance: no device may have it */
		if (v < 0 || v > 4194302) {
			cfg_error(sec, "%s: device-instance %ld is out of range 0..4194302",
			    sec->name, v);
			return -1;
		}
	}
	return 0;
}

void nv_config_gateways_validators(cfg_t *cfg)
{
	static const char *const keys[] = { "modbus-tcp|listen", "modbus-tcp|allow",
		"modbus-tcp|max-connections", "modbus-tcp|idle-timeout", "bacnet|listen",
		"bacnet|device-instance", "nut|listen", "nut|allow", "nut|max-connections",
		"nut|idle-timeout" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		cfg_set_validate_func(cfg, keys[i], check_value);
	nv_config_nut_validators(cfg);
}

/* The values were checked as they were parsed (check_value). */
static void store_modbus(cfg_t *sec, struct nv_modbus_tcp_cfg *c)
{
	c->enabled = true;
	snprintf(c->listen, sizeof(c->listen), "%s", cfg_getstr(sec, "listen"));
	for (unsigned i = 0; i < cfg_size(sec, "allow"); i++)
		(void)nv_allow_add(&c->allow, cfg_getnstr(sec, "allow", i));
	c->max_connections = (int)cfg_getint(sec, "max-connections");
	c->idle_timeout_s = (int)nv_sd_parse_duration(cfg_getstr(sec, "idle-timeout"), 1);
}

static void store_bacnet(cfg_t *sec, struct nv_bacnet_cfg *c)
{
	c->enabled = true;
	snprintf(c->listen, sizeof(c->listen), "%s", cfg_getstr(sec, "listen"));
	c->device_instance = (uint32_t)cfg_getint(sec, "device-instance");
}

int nv_config_gateways_store(cfg_t *cfg, const char *path, struct nv_gateways_cfg *c,
    char *err, size_t errlen)
{
	nv_gateways_cfg_defaults(c);
	if (cfg_size(cfg, "modbus-tcp") > 0)
		store_modbus(cfg_getsec(cfg, "modbus-tcp"), &c->modbus);
	if (cfg_size(cfg, "bacnet") > 0)
		store_bacnet(cfg_getsec(cfg, "bacnet"), &c->bacnet);
	return nv_config_nut_store(cfg, path, &c->nut, err, errlen);
}
