/*
 * config_nut.c — parse and check the `nut { ... }` section (config_nut.h,
 * nvagent.conf(5)).  Password files are read when the configuration is
 * loaded (start, SIGHUP), so that a refused file is reported with its
 * FILE:LINE and the old settings stay in use.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <confuse.h>

#include "config_nut.h"
#include "config_shutdown.h"
#include "nut_dict.h"
#include "nut_tls.h"
#include "secret_file.h"

static cfg_opt_t user_opts[] = {
	CFG_STR("password-file", NULL, CFGF_NODEFAULT),
	CFG_STR("upsmon", "", CFGF_NONE),
	CFG_STR_LIST("actions", "{}", CFGF_NONE),
	CFG_STR_LIST("instcmds", "{}", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t nut_opts[] = {
	CFG_STR_LIST("listen", "{\"127.0.0.1:3493\"}", CFGF_NONE),
	CFG_STR_LIST("allow", "{}", CFGF_NONE),
	CFG_INT("max-connections", 256, CFGF_NONE),
	CFG_STR("idle-timeout", "60", CFGF_NONE),
	CFG_STR("client-duration", "0", CFGF_NONE),
	CFG_STR("ups-name", "ups", CFGF_NONE),
	CFG_STR("description", "", CFGF_NONE),
	CFG_STR("certificate", "", CFGF_NONE),
	CFG_STR("key", "", CFGF_NONE),
	CFG_SEC("user", user_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

cfg_opt_t *nv_config_nut_opts(void)
{
	return nut_opts;
}

void nv_nut_cfg_defaults(struct nv_nut_cfg *c)
{
	memset(c, 0, sizeof(*c));
	c->n_listen = 1;
	snprintf(c->listen[0], sizeof(c->listen[0]), "127.0.0.1:%d", NV_NUT_PORT);
	c->max_connections = 256;
	c->idle_timeout_s = 60;
	snprintf(c->ups_name, sizeof(c->ups_name), "ups");
}

const struct nv_nut_user *nv_nut_user_find(const struct nv_nut_cfg *c, const char *name)
{
	for (int i = 0; i < c->n_users; i++)
		if (strcmp(c->user[i].name, name) == 0)
			return &c->user[i];
	return NULL;
}

/* A UPS or user name as NUT's clients write it: no blank, quote or '@'. */
static bool name_ok(const char *s, size_t max)
{
	size_t n = strlen(s);

	return n > 0 && n < max && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789._-") == n;
}

static int check_word(cfg_t *sec, const char *key, const char *s)
{
	if (strcmp(key, "ups-name") == 0 && !name_ok(s, sizeof(((struct nv_nut_cfg *)0)->ups_name))) {
		cfg_error(sec, "nut: ups-name: '%s' is not 1..31 letters, digits, '.', '_' or '-'", s);
		return -1;
	}
	if (strcmp(key, "description") == 0 &&
	    (strlen(s) >= sizeof(((struct nv_nut_cfg *)0)->description) || strpbrk(s, "\r\n"))) {
		cfg_error(sec, "nut: description: at most 63 characters on one line");
		return -1;
	}
	if (strcmp(key, "upsmon") == 0 && s[0] != '\0' && strcmp(s, "primary") != 0 &&
	    strcmp(s, "secondary") != 0 && strcmp(s, "master") != 0 && strcmp(s, "slave") != 0) {
		cfg_error(sec, "nut: user: upsmon '%s' is not primary or secondary", s);
		return -1;
	}
	if (strcmp(key, "actions") == 0 && strcasecmp(s, "SET") != 0 && strcasecmp(s, "FSD") != 0) {
		cfg_error(sec, "nut: user: action '%s' is not SET or FSD", s);
		return -1;
	}
	if (strcmp(key, "instcmds") == 0 && strcasecmp(s, "ALL") != 0 &&
	    nv_nut_cmd_find(s) == NULL) {
		cfg_error(sec, "nut: user: instcmd '%s' is not ALL or a command nvagentd "
		    "serves (see nvagent.conf(5))", s);
		return -1;
	}
	return 0;
}

/*
 * libconfuse calls this right after it parsed a value, so cfg->line is the
 * value's line: cfg_error() gives "FILE:LINE: ...".  listen, allow and the
 * limits are checked as the other gateways' (config_gateways.c).
 */
static int check_value(cfg_t *sec, cfg_opt_t *opt)
{
	unsigned n = cfg_opt_size(opt);

	return n == 0 ? 0 : check_word(sec, opt->name, cfg_opt_getnstr(opt, n - 1));
}

void nv_config_nut_validators(cfg_t *cfg)
{
	static const char *const keys[] = { "nut|ups-name", "nut|description",
		"nut|user|upsmon", "nut|user|actions", "nut|user|instcmds" };

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		cfg_set_validate_func(cfg, keys[i], check_value);
}

static void store_rights(cfg_t *us, struct nv_nut_user *u)
{
	const char *mon = cfg_getstr(us, "upsmon");

	if (strcmp(mon, "primary") == 0 || strcmp(mon, "master") == 0)
		u->upsmon = NV_NUT_UPSMON_PRIMARY;
	else if (strcmp(mon, "secondary") == 0 || strcmp(mon, "slave") == 0)
		u->upsmon = NV_NUT_UPSMON_SECONDARY;
	/* as upsd.users: an upsmon primary may set FSD */
	u->may_fsd = u->upsmon == NV_NUT_UPSMON_PRIMARY;
	for (unsigned i = 0; i < cfg_size(us, "actions"); i++) {
		const char *a = cfg_getnstr(us, "actions", i);

		if (strcasecmp(a, "SET") == 0)
			u->may_set = true;
		else
			u->may_fsd = true;
	}
	for (unsigned i = 0; i < cfg_size(us, "instcmds"); i++) {
		const char *s = cfg_getnstr(us, "instcmds", i);
		const struct nv_nut_cmd *cmd = nv_nut_cmd_find(s);

		if (strcasecmp(s, "ALL") == 0)
			u->all_instcmds = true;
		else if (cmd != NULL)
			u->instcmds |= 1u << (cmd - nv_nut_cmds);
	}
}

static int store_user(cfg_t *us, const char *path, struct nv_nut_user *u, char *err,
    size_t errlen)
{
	const char *file = cfg_getstr(us, "password-file"), *why;

	if (!name_ok(cfg_title(us), sizeof(u->name))) {
		snprintf(err, errlen, "%s:%d: nut: user '%s': a name is 1..63 letters, digits, "
		    "'.', '_' or '-'", path, us->line, cfg_title(us));
		return -1;
	}
	snprintf(u->name, sizeof(u->name), "%s", cfg_title(us));
	if (file == NULL) {
		snprintf(err, errlen, "%s:%d: nut: user %s: password-file is required", path,
		    us->line, u->name);
		return -1;
	}
	why = nv_secret_file_read(file, S_IRWXG | S_IRWXO, u->password, sizeof(u->password));
	if (why != NULL) {
		snprintf(err, errlen, "%s:%d: nut: user %s: %s", path, us->line, u->name, why);
		return -1;
	}
	store_rights(us, u);
	return 0;
}

/* STARTTLS's files: both or none, the key private, the pair usable. */
static int store_tls(cfg_t *sec, const char *path, struct nv_nut_cfg *c, char *err,
    size_t errlen)
{
	const char *cert = cfg_getstr(sec, "certificate"), *key = cfg_getstr(sec, "key");
	struct stat st;
	SSL_CTX *ctx;
	char why[512];

	if (cert[0] == '\0' && key[0] == '\0')
		return 0;
	if (cert[0] == '\0' || key[0] == '\0' || strlen(cert) >= sizeof(c->certificate) ||
	    strlen(key) >= sizeof(c->key)) {
		snprintf(err, errlen, "%s:%d: nut: certificate and key go together", path,
		    sec->line);
		return -1;
	}
	if (stat(key, &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO))) {
		snprintf(err, errlen, "%s:%d: nut: key %s is readable by its group or others: "
		    "refused (chmod go-rwx it)", path, sec->line, key);
		return -1;
	}
	if ((ctx = nv_nut_tls_context(cert, key, why, sizeof(why))) == NULL) {
		snprintf(err, errlen, "%s:%d: %s", path, sec->line, why);
		return -1;
	}
	nv_nut_tls_context_free(ctx);
	snprintf(c->certificate, sizeof(c->certificate), "%s", cert);
	snprintf(c->key, sizeof(c->key), "%s", key);
	return 0;
}

/* The values were checked as they were parsed (check_value). */
int nv_config_nut_store(cfg_t *cfg, const char *path, struct nv_nut_cfg *c,
    char *err, size_t errlen)
{
	cfg_t *sec;

	nv_nut_cfg_defaults(c);
	if (cfg_size(cfg, "nut") == 0)
		return 0;
	sec = cfg_getsec(cfg, "nut");
	c->enabled = true;
	c->n_listen = (int)cfg_size(sec, "listen");
	if (c->n_listen == 0) {
		snprintf(err, errlen, "%s:%d: nut: listen is empty", path, sec->line);
		return -1;
	}
	for (int i = 0; i < c->n_listen; i++)
		snprintf(c->listen[i], sizeof(c->listen[i]), "%s", cfg_getnstr(sec, "listen", (unsigned)i));
	for (unsigned i = 0; i < cfg_size(sec, "allow"); i++)
		(void)nv_allow_add(&c->allow, cfg_getnstr(sec, "allow", i));
	c->max_connections = (int)cfg_getint(sec, "max-connections");
	c->idle_timeout_s = (int)nv_sd_parse_duration(cfg_getstr(sec, "idle-timeout"), 1);
	c->client_duration_s = (int)nv_sd_parse_duration(cfg_getstr(sec, "client-duration"), 1);
	if (c->client_duration_s < 0 || c->client_duration_s > 3600) {
		snprintf(err, errlen, "%s:%d: nut: client-duration: '%s' is not a duration of "
		    "0..3600s (a number of seconds, or with s, m or h)", path, sec->line,
		    cfg_getstr(sec, "client-duration"));
		return -1;
	}
	snprintf(c->ups_name, sizeof(c->ups_name), "%s", cfg_getstr(sec, "ups-name"));
	snprintf(c->description, sizeof(c->description), "%s", cfg_getstr(sec, "description"));
	if (store_tls(sec, path, c, err, errlen) != 0)
		return -1;
	if (cfg_size(sec, "user") > NV_NUT_MAX_USERS) {
		snprintf(err, errlen, "%s:%d: nut: at most %d users", path,
		    cfg_getnsec(sec, "user", NV_NUT_MAX_USERS)->line, NV_NUT_MAX_USERS);
		return -1;
	}
	for (unsigned i = 0; i < cfg_size(sec, "user"); i++)
		if (store_user(cfg_getnsec(sec, "user", i), path, &c->user[c->n_users++], err,
		    errlen) != 0)
			return -1;
	return 0;
}
