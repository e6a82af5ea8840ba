/*
 * config_traps.c — parse and check the trap-receiver and events sections
 * of nvagent.conf (libconfuse).  Every value is checked here, so that the
 * trap sender never meets a receiver it cannot use.
 */
#include <stdio.h>
#include <string.h>

#include <confuse.h>

#include "config_traps.h"
#include "confuse_file.h"
#include "events.h"
#include "filter.h"
#include "hostport.h"

static cfg_opt_t receiver_opts[] = {
	CFG_STR("address", NULL, CFGF_NODEFAULT),
	CFG_STR("version", "v2c", CFGF_NONE),
	CFG_STR("community", "public", CFGF_NONE),
	CFG_STR("user", "", CFGF_NONE),
	CFG_STR("auth-pass", "", CFGF_NONE),
	CFG_STR("priv-pass", "", CFGF_NONE),
	CFG_STR("mib", "socomec", CFGF_NONE),
	CFG_STR("type", "trap", CFGF_NONE),
	CFG_INT("retries", 5, CFGF_NONE),
	CFG_INT("timeout", 1000, CFGF_NONE),
	NV_FILTER_OPTS,
	CFG_BOOL("alarm-entry-filter", cfg_false, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t events_opts[] = {
	CFG_INT("debounce", NV_EVENTS_DEBOUNCE_DEFAULT_MS, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_SEC("trap-receiver", receiver_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("events", events_opts, CFGF_NONE),
	CFG_END()
};

bool nv_config_traps_section(const char *name)
{
	return strcmp(name, "trap-receiver") == 0 || strcmp(name, "events") == 0;
}

cfg_opt_t *nv_config_traps_opts(void)
{
	return top_opts;
}

void nv_receiver_defaults(struct nv_receiver *r)
{
	memset(r, 0, sizeof(*r));
	r->version = NV_RCV_V2C;
	snprintf(r->community, sizeof(r->community), "public");
	r->mib = NV_RCV_MIB_SOCOMEC;
	r->retries = 5;
	r->timeout_ms = 1000;
	r->filter = NV_RCV_BY_SEVERITY;
	r->severity = NV_SEV_INFORMATION;
}

void nv_traps_cfg_defaults(struct nv_traps_cfg *t)
{
	memset(t, 0, sizeof(*t));
	t->debounce_ms = NV_EVENTS_DEBOUNCE_DEFAULT_MS;
}

static int word(const char *s, const char *const *words, int first)
{
	for (int i = 0; words[i] != NULL; i++)
		if (strcmp(s, words[i]) == 0)
			return first + i;
	return -1;
}

static int copy(char *dst, size_t len, const char *s)
{
	if (strlen(s) >= len)
		return -1;
	memcpy(dst, s, strlen(s) + 1);
	return 0;
}

/* host or host:port; IPv6 in brackets ("[::1]:162") */
static bool valid_address(const char *a)
{
	char host[sizeof(((struct nv_receiver *)0)->address)];
	int port;

	return nv_hostport_parse(a, host, sizeof(host), &port, 162) == NULL;
}

const char *nv_receiver_check(const struct nv_receiver *r)
{
	if (!valid_address(r->address))
		return "address must be host or host:port (port 1-65535)";
	if (r->version == NV_RCV_V3) {
		if (r->user[0] == '\0')
			return "version v3 needs user";
		if (r->priv_pass[0] != '\0' && r->auth_pass[0] == '\0')
			return "priv-pass needs auth-pass";
		if ((r->auth_pass[0] != '\0' && strlen(r->auth_pass) < 8) ||
		    (r->priv_pass[0] != '\0' && strlen(r->priv_pass) < 8))
			return "auth-pass and priv-pass need at least 8 characters";
	}
	if (r->inform && r->version == NV_RCV_V1)
		return "type inform needs version v2c or v3";
	if (r->retries < 0 || r->retries > 20)
		return "retries must be 0-20";
	if (r->timeout_ms < 100 || r->timeout_ms > 60000)
		return "timeout must be 100-60000 (ms)";
	return nv_filter_check(r->filter, r->n_events);
}

static const char *store_receiver(cfg_t *sec, struct nv_receiver *r)
{
	static const char *const versions[] = { "v1", "v2c", "v3", NULL };
	static const char *const mibs[] = { "none", "rfc1628", "socomec", NULL };
	static const char *const types[] = { "trap", "inform", NULL };
	const char *s;
	int v;

	nv_receiver_defaults(r);
	if (copy(r->name, sizeof(r->name), cfg_title(sec)) == -1 || r->name[0] == '\0')
		return "receiver name must be 1-31 characters";
	if ((s = cfg_getstr(sec, "address")) == NULL)
		return "address is required";
	if (copy(r->address, sizeof(r->address), s) == -1)
		return "address too long";
	if ((v = word(cfg_getstr(sec, "version"), versions, NV_RCV_V1)) == -1)
		return "version must be v1, v2c or v3";
	r->version = v;
	if (copy(r->community, sizeof(r->community), cfg_getstr(sec, "community")) == -1)
		return "community longer than 31 characters";
	if (copy(r->user, sizeof(r->user), cfg_getstr(sec, "user")) == -1)
		return "user longer than 31 characters";
	if (copy(r->auth_pass, sizeof(r->auth_pass), cfg_getstr(sec, "auth-pass")) == -1 ||
	    copy(r->priv_pass, sizeof(r->priv_pass), cfg_getstr(sec, "priv-pass")) == -1)
		return "auth-pass / priv-pass longer than 63 characters";
	if ((v = word(cfg_getstr(sec, "mib"), mibs, NV_RCV_MIB_NONE)) == -1)
		return "mib must be socomec, rfc1628 or none";
	r->mib = v;
	if ((v = word(cfg_getstr(sec, "type"), types, 0)) == -1)
		return "type must be trap or inform";
	r->inform = v == 1;
	r->retries = (int)cfg_getint(sec, "retries");
	r->timeout_ms = (int)cfg_getint(sec, "timeout");
	r->alarm_entry_filter = cfg_getbool(sec, "alarm-entry-filter");
	if ((s = nv_filter_parse(sec, &r->filter, &r->severity, r->events,
	    &r->n_events)) != NULL)
		return s;
	return nv_receiver_check(r);
}

int nv_config_traps_store(cfg_t *cfg, const char *path, struct nv_traps_cfg *t,
    char *err, size_t errlen)
{
	unsigned n = cfg_size(cfg, "trap-receiver");
	cfg_t *ev;

	nv_traps_cfg_defaults(t);
	if (n > NV_MAX_RECEIVERS) {
		cfg_t *sec = cfg_getnsec(cfg, "trap-receiver", NV_MAX_RECEIVERS);

		snprintf(err, errlen, "%s:%d: at most %d trap receivers", path,
		    sec->line, NV_MAX_RECEIVERS);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		cfg_t *sec = cfg_getnsec(cfg, "trap-receiver", i);
		const char *why = store_receiver(sec, &t->rcv[i]);

		if (why != NULL) {
			snprintf(err, errlen, "%s:%d: trap-receiver %s: %s", path,
			    sec->line, cfg_title(sec), why);
			return -1;
		}
	}
	t->n = n;
	if ((ev = cfg_getsec(cfg, "events")) != NULL) {
		long d = cfg_getint(ev, "debounce");

		if (d < 0 || d > 600000) {
			snprintf(err, errlen, "%s:%d: events: debounce must be 0-600000 (ms)",
			    path, ev->line);
			return -1;
		}
		t->debounce_ms = (int)d;
	}
	return 0;
}

int nv_config_traps_load(const char *path, struct nv_traps_cfg *t,
    char *err, size_t errlen)
{
	cfg_t *cfg = nv_confuse_parse(top_opts, path, err, errlen);
	int rc;

	if (cfg == NULL)
		return -1;
	rc = nv_config_traps_store(cfg, path, t, err, errlen);
	cfg_free(cfg);
	return rc;
}
