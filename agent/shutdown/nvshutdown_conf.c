/*
 * nvshutdown_conf.c — read and check nvshutdown.conf (libconfuse).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <confuse.h>
#include <netinet/in.h>

#include "config_shutdown.h"
#include "nvshutdown.h"
#include "shutdown_feeds.h"

static cfg_opt_t opts[] = {
	CFG_STR_LIST("server", NULL, CFGF_NODEFAULT),
	CFG_STR("secret-file", "/etc/nvagent/shutdown.key", CFGF_NONE),
	CFG_STR("name", "", CFGF_NONE),
	CFG_STR("shutdown-command", "/sbin/shutdown -h now", CFGF_NONE),
	CFG_STR("pre-shutdown-script", "", CFGF_NONE),
	CFG_STR("pre-shutdown-timeout", "60", CFGF_NONE),
	CFG_STR("shutdown-duration", "120", CFGF_NONE),
	CFG_STR("warning-command", "", CFGF_NONE),
	CFG_BOOL("wall", cfg_true, CFGF_NONE),
	CFG_BOOL("test-mode", cfg_false, CFGF_NONE),
	CFG_BOOL("shutdown-on-test", cfg_false, CFGF_NONE),
	CFG_BOOL("finish-countdown", cfg_true, CFGF_NONE),
	CFG_STR("heartbeat", "10", CFGF_NONE),
	CFG_STR("agent-lost-after", "30", CFGF_NONE),
	CFG_STR_LIST("feeds", NULL, CFGF_NODEFAULT),
	CFG_END()
};

struct perr {
	char *buf;
	size_t len;
	bool set;
};
static _Thread_local struct perr *cur;

static void on_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	int n;

	if (cur == NULL || cur->set)
		return;
	cur->set = true;
	n = snprintf(cur->buf, cur->len, "%s:%d: ", cfg != NULL && cfg->filename != NULL ?
	    cfg->filename : "?", cfg != NULL ? cfg->line : 0);
	if (n > 0 && (size_t)n < cur->len)
		vsnprintf(cur->buf + n, cur->len - (size_t)n, fmt, ap);
}

static int str(cfg_t *cfg, const char *key, char *dst, size_t len, char *err, size_t errlen,
    const char *path)
{
	const char *s = cfg_getstr(cfg, key);

	if (strlen(s) >= len) {
		snprintf(err, errlen, "%s: %s: longer than %zu characters", path, key, len - 1);
		return -1;
	}
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

static int dur(cfg_t *cfg, const char *key, long min, long max, int *out, char *err,
    size_t errlen, const char *path)
{
	const char *s = cfg_getstr(cfg, key);
	long v = nv_sd_parse_duration(s, 1);

	if (v < min || v > max) {
		snprintf(err, errlen, "%s: %s: '%s' is not a duration of %ld..%lds", path, key,
		    s, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* The devices feeding this server: sent in every heartbeat, where the
 * joined list has the room of the event field. */
static int store_feeds(cfg_t *cfg, const char *path, struct nvs_config *c, char *err,
    size_t errlen)
{
	cfg_opt_t *opt = cfg_getopt(cfg, "feeds");

	if (opt == NULL || !(opt->flags & CFGF_MODIFIED))
		return 0;
	if (cfg_size(cfg, "feeds") == 0) {
		snprintf(err, errlen, "%s: feeds: the list is empty (leave it out when every "
		    "device of the agent feeds this server)", path);
		return -1;
	}
	for (unsigned i = 0; i < cfg_size(cfg, "feeds"); i++) {
		const char *name = cfg_getnstr(cfg, "feeds", i);

		if (!nv_sd_device_name_ok(name)) {
			snprintf(err, errlen, "%s: feeds: '%s' is not a device name (1 to 31 "
			    "letters, digits, '.', '_' or '-', starting with a letter or digit)",
			    path, name);
			return -1;
		}
		if (nv_sd_feeds_add(c->feeds, sizeof(c->feeds), name) != 0) {
			snprintf(err, errlen, "%s: feeds: the names joined by commas are longer "
			    "than %d characters (they travel in every heartbeat): use shorter "
			    "device names", path, (int)sizeof(c->feeds) - 1);
			return -1;
		}
	}
	return 0;
}

static int store(cfg_t *cfg, const char *path, struct nvs_config *c, char *err, size_t errlen)
{
	char host[64];
	struct sockaddr_in sa;

	c->n_servers = cfg_size(cfg, "server");
	if (c->n_servers == 0 || c->n_servers > NVS_MAX_SERVERS) {
		snprintf(err, errlen, "%s: server: give 1 to %d agents as \"host:port\"", path,
		    NVS_MAX_SERVERS);
		return -1;
	}
	for (size_t i = 0; i < c->n_servers; i++) {
		const char *s = cfg_getnstr(cfg, "server", (unsigned)i);
		char why[256];

		if (strlen(s) >= sizeof(c->servers[i])) {
			snprintf(err, errlen, "%s: server: '%s' is too long", path, s);
			return -1;
		}
		if (nv_sd_parse_addr(s, NV_SD_PORT, &sa, why, sizeof(why)) != 0) {
			snprintf(err, errlen, "%s: server: %s", path, why);
			return -1;
		}
		snprintf(c->servers[i], sizeof(c->servers[i]), "%s", s);
	}
	if (str(cfg, "secret-file", c->secret_file, sizeof(c->secret_file), err, errlen, path) ||
	    str(cfg, "name", c->name, sizeof(c->name), err, errlen, path) ||
	    str(cfg, "shutdown-command", c->shutdown_command, sizeof(c->shutdown_command),
	    err, errlen, path) ||
	    str(cfg, "pre-shutdown-script", c->pre_shutdown_script,
	    sizeof(c->pre_shutdown_script), err, errlen, path) ||
	    str(cfg, "warning-command", c->warning_command, sizeof(c->warning_command),
	    err, errlen, path) ||
	    dur(cfg, "pre-shutdown-timeout", 1, 3600, &c->pre_shutdown_timeout, err, errlen, path) ||
	    dur(cfg, "shutdown-duration", 0, 24 * 3600, &c->shutdown_duration, err, errlen, path) ||
	    dur(cfg, "heartbeat", 1, 300, &c->heartbeat, err, errlen, path) ||
	    dur(cfg, "agent-lost-after", 2, 3600, &c->lost_after, err, errlen, path))
		return -1;
	if (c->lost_after <= c->heartbeat) {
		snprintf(err, errlen, "%s: agent-lost-after (%ds) must be longer than heartbeat (%ds)",
		    path, c->lost_after, c->heartbeat);
		return -1;
	}
	if (c->name[0] == '\0') {
		if (gethostname(host, sizeof(host)) != 0)
			snprintf(host, sizeof(host), "nvshutdown");
		host[sizeof(host) - 1] = '\0';
		snprintf(c->name, sizeof(c->name), "%.31s", host);
	}
	for (const char *p = c->name; *p != '\0'; p++)
		if (*p < 0x21 || *p > 0x7e) {
			snprintf(err, errlen, "%s: name: only printable characters, no blanks", path);
			return -1;
		}
	if (c->shutdown_command[0] == '\0') {
		snprintf(err, errlen, "%s: shutdown-command is empty", path);
		return -1;
	}
	c->wall = cfg_getbool(cfg, "wall");
	c->test_mode = cfg_getbool(cfg, "test-mode");
	c->shutdown_on_test = cfg_getbool(cfg, "shutdown-on-test");
	c->finish_countdown = cfg_getbool(cfg, "finish-countdown");
	return store_feeds(cfg, path, c, err, errlen);
}

int nvs_config_load(const char *path, struct nvs_config *c, char *err, size_t errlen)
{
	struct perr e = { err, errlen, false };
	cfg_t *cfg = cfg_init(opts, CFGF_NONE);
	int rc;

	memset(c, 0, sizeof(*c));
	if (cfg == NULL) {
		snprintf(err, errlen, "%s: cannot set up the parser", path);
		return -1;
	}
	cfg_set_error_function(cfg, on_error);
	cur = &e;
	rc = cfg_parse(cfg, path);
	cur = NULL;
	if (rc == CFG_FILE_ERROR && !e.set)
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	else if (rc != CFG_SUCCESS && !e.set)
		snprintf(err, errlen, "%s: cannot parse", path);
	if (rc == CFG_SUCCESS)
		rc = store(cfg, path, c, err, errlen) == 0 ? CFG_SUCCESS : CFG_PARSE_ERROR;
	cfg_free(cfg);
	return rc == CFG_SUCCESS ? 0 : -1;
}
