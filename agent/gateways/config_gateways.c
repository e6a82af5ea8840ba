/*
 * config_gateways.c — parse and check the gateway sections (see
 * config_gateways.h and nvagent.conf(5)).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <confuse.h>

#include "config_gateways.h"
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
	CFG_END()
};

cfg_opt_t *nv_config_gateways_opts(void)
{
	return top_opts;
}

bool nv_config_gateways_section(const char *name)
{
	return strcmp(name, "modbus-tcp") == 0 || strcmp(name, "bacnet") == 0;
}

void nv_gateways_cfg_defaults(struct nv_gateways_cfg *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->modbus.listen, sizeof(c->modbus.listen), "0.0.0.0:%d", NV_MODBUS_TCP_PORT);
	c->modbus.max_connections = 1;
	c->modbus.idle_timeout_s = 60;
	snprintf(c->bacnet.listen, sizeof(c->bacnet.listen), "0.0.0.0:%d", NV_BACNET_PORT);
}

struct where {
	const char *path, *section;
	int line;
	char *err;
	size_t errlen;
};

static int fail(const struct where *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int fail(const struct where *w, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(w->err, w->errlen, "%s:%d: %s: ", w->path, w->line, w->section);

	va_start(ap, fmt);
	if (n > 0 && (size_t)n < w->errlen)
		vsnprintf(w->err + n, w->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* "ADDR:PORT" with a port of 1..65535, kept as written. */
static int store_listen(cfg_t *sec, char *dst, size_t len, const struct where *w)
{
	const char *s = cfg_getstr(sec, "listen");
	char host[64];
	int port = 0;

	if (strlen(s) >= len || nv_hostport_parse(s, host, sizeof(host), &port, 0) != NULL ||
	    host[0] == '\0' || port < 1 || port > 65535)
		return fail(w, "listen: '%s' is not ADDRESS:PORT", s);
	snprintf(dst, len, "%s", s);
	return 0;
}

static int store_modbus(cfg_t *sec, struct nv_modbus_tcp_cfg *c, struct where *w)
{
	const char *s;
	long v;

	w->line = sec->line;
	w->section = "modbus-tcp";
	c->enabled = true;
	if (store_listen(sec, c->listen, sizeof(c->listen), w) != 0)
		return -1;
	for (unsigned i = 0; i < cfg_size(sec, "allow"); i++) {
		const char *why = nv_allow_add(&c->allow, cfg_getnstr(sec, "allow", i));

		if (why != NULL)
			return fail(w, "allow: '%s': %s", cfg_getnstr(sec, "allow", i), why);
	}
	v = cfg_getint(sec, "max-connections");
	if (v < 1 || v > NV_MODBUS_MAX_CONN)
		return fail(w, "max-connections %ld is out of range 1..%d", v, NV_MODBUS_MAX_CONN);
	c->max_connections = (int)v;
	s = cfg_getstr(sec, "idle-timeout");
	v = nv_sd_parse_duration(s, 1);
	if (v < 1 || v > 24 * 3600)
		return fail(w, "idle-timeout: '%s' is not a duration of 1..86400s "
		    "(a number of seconds, or with s, m or h)", s);
	c->idle_timeout_s = (int)v;
	return 0;
}

static int store_bacnet(cfg_t *sec, struct nv_bacnet_cfg *c, struct where *w)
{
	long v;

	w->line = sec->line;
	w->section = "bacnet";
	c->enabled = true;
	if (store_listen(sec, c->listen, sizeof(c->listen), w) != 0)
		return -1;
	v = cfg_getint(sec, "device-instance");
	/* 4194303 is the wildcard instance: no device may have it */
	if (v < 0 || v > 4194302)
		return fail(w, "device-instance %ld is out of range 0..4194302", v);
	c->device_instance = (uint32_t)v;
	return 0;
}

int nv_config_gateways_store(cfg_t *cfg, const char *path, struct nv_gateways_cfg *c,
    char *err, size_t errlen)
{
	struct where w = { path, "", 0, err, errlen };

	nv_gateways_cfg_defaults(c);
	if (cfg_size(cfg, "modbus-tcp") > 0 &&
	    store_modbus(cfg_getsec(cfg, "modbus-tcp"), &c->modbus, &w) != 0)
		return -1;
	if (cfg_size(cfg, "bacnet") > 0 &&
	    store_bacnet(cfg_getsec(cfg, "bacnet"), &c->bacnet, &w) != 0)
		return -1;
	return 0;
}
