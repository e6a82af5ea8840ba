/*
 * config_ups_control.c — parse and check the controls and wol sections of
 * nvagent.conf (see config_ups_control.h).  Register addresses are checked for
 * range only: what they mean is the device profile's business.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <confuse.h>

#include "config_ups_control.h"
#include "model.h"
#include "wol.h"

static cfg_opt_t controls_opts[] = {
	CFG_INT("permission-register", -1, CFGF_NONE),
	CFG_INT("permission-words", -1, CFGF_NONE),
	CFG_INT("remote-bit", -1, CFGF_NONE),
	CFG_INT("shutoff-register", -1, CFGF_NONE),
	CFG_INT("shutoff-type-restart", -1, CFGF_NONE),
	CFG_INT("shutoff-type-stay-off", -1, CFGF_NONE),
	CFG_INT("shutoff-type-cancel", -1, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t target_opts[] = {
	CFG_STR("mac", NULL, CFGF_NODEFAULT),
	CFG_BOOL("enabled", cfg_true, CFGF_NONE),
	CFG_STR("description", "", CFGF_NONE),
	CFG_END()
};

static cfg_opt_t wol_opts[] = {
	CFG_STR("address", NV_WOL_DEFAULT_ADDRESS, CFGF_NONE),
	CFG_END()
};

/* controls { } is a device's (top level, or in a device section); wol is
 * the agent's. */
static cfg_opt_t device_opts[] = {
	CFG_SEC("controls", controls_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

static cfg_opt_t agent_opts[] = {
	CFG_SEC("wol-target", target_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("wol", wol_opts, CFGF_NONE),
	CFG_END()
};

static const char *const profile_names[NV_CONTROLS_N] = {
	[NV_CONTROLS_ANY] = "any", [NV_PROTO_JBUSP] = "jbusp",
	[NV_PROTO_VUMAP] = "vumap", [NV_PROTO_STS] = "sts",
};

cfg_opt_t *nv_config_controls_opts(void)
{
	return device_opts;
}

cfg_opt_t *nv_config_wol_opts(void)
{
	return agent_opts;
}

bool nv_config_upsctl_section(const char *name)
{
	return strcmp(name, "controls") == 0 || strcmp(name, "wol") == 0 ||
	    strcmp(name, "wol-target") == 0;
}

void nv_wol_cfg_defaults(struct nv_wol_cfg *w)
{
	memset(w, 0, sizeof(*w));
	snprintf(w->address, sizeof(w->address), "%s", NV_WOL_DEFAULT_ADDRESS);
}

static void override_none(struct nv_control_override *o)
{
	o->perm_addr = o->perm_words = o->perm_remote_bit = -1;
	o->shutoff_addr = o->type_restart = o->type_stay_off = o->type_cancel = -1;
}

void nv_controls_cfg_defaults(struct nv_controls_cfg *c)
{
	for (int i = 0; i < NV_CONTROLS_N; i++)
		override_none(&c->ovr[i]);
}

static int first_set(int own, int any)
{
	return own >= 0 ? own : any;
}

void nv_controls_for(const struct nv_controls_cfg *c, int proto,
    struct nv_control_override *out)
{
	const struct nv_control_override *any = &c->ovr[NV_CONTROLS_ANY];
	struct nv_control_override own;

	override_none(&own);
	if (proto > 0 && proto < NV_CONTROLS_N)
		own = c->ovr[proto];
	out->perm_addr = first_set(own.perm_addr, any->perm_addr);
	out->perm_words = first_set(own.perm_words, any->perm_words);
	out->perm_remote_bit = first_set(own.perm_remote_bit, any->perm_remote_bit);
	out->shutoff_addr = first_set(own.shutoff_addr, any->shutoff_addr);
	out->type_restart = first_set(own.type_restart, any->type_restart);
	out->type_stay_off = first_set(own.type_stay_off, any->type_stay_off);
	out->type_cancel = first_set(own.type_cancel, any->type_cancel);
}

/* ---- the rewrite before libconfuse ---- */

static bool word_char(int ch)
{
	return isalnum(ch) || ch == '-' || ch == '_';
}

/* Length of a bare word at s, 0 if none. */
static size_t word_at(const char *s)
{
	size_t n = 0;

	while (word_char((unsigned char)s[n]))
		n++;
	return n;
}

/* Skip blanks on the same line. */
static const char *blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Blanks for a comment, its newlines kept: libconfuse 3.3 counts a
 * comment's line several times and would report later errors too far down. */
static void blank_out(const char *s, const char *end, FILE *out)
{
	for (; s < end; s++)
		fputc(*s == '\n' ? '\n' : ' ', out);
}

/* Copy a string literal, or blank a comment, starting at s; returns what
 * follows. */
static const char *skip_opaque(const char *s, FILE *out)
{
	const char *start = s;

	if (*s == '"' || *s == '\'') {
		char q = *s++;

		while (*s != '\0' && *s != q) {
			if (*s == '\\' && s[1] != '\0')
				s++;
			s++;
		}
		if (*s == q)
			s++;
	} else if (*s == '#' || (s[0] == '/' && s[1] == '/')) {
		while (*s != '\0' && *s != '\n')
			s++;
		blank_out(start, s, out);
		return s;
	} else if (s[0] == '/' && s[1] == '*') {
		const char *end = strstr(s + 2, "*/");

		if (end != NULL) {
			blank_out(start, end + 2, out);
			return end + 2;
		}
		s += strlen(s);         /* unterminated: libconfuse says so */
	}
	fwrite(start, 1, (size_t)(s - start), out);
	return s;
}

static void rewrite_text(const char *s, FILE *out)
{
	bool word_start = true;

	while (*s != '\0') {
		size_t n;

		if (*s == '"' || *s == '\'' || *s == '#' ||
		    (s[0] == '/' && (s[1] == '/' || s[1] == '*'))) {
			s = skip_opaque(s, out);
			word_start = true;
			continue;
		}
		n = word_start ? word_at(s) : 0;
		if (n == 3 && strncmp(s, "wol", 3) == 0) {
			const char *t = blanks(s + 3);

			if (t != s + 3 && word_at(t) == 6 && strncmp(t, "target", 6) == 0) {
				fputs("wol-target", out);
				s = t + 6;
				word_start = false;
				continue;
			}
		} else if (n == 8 && strncmp(s, "controls", 8) == 0 && *blanks(s + 8) == '{') {
			fputs("controls any", out);
			s += 8;
			word_start = false;
			continue;
		}
		if (n > 0) {
			fwrite(s, 1, n, out);
			s += n;
			word_start = false;
			continue;
		}
		word_start = !word_char((unsigned char)*s);
		fputc(*s++, out);
	}
}

FILE *nv_config_upsctl_rewrite(FILE *fp)
{
	char *text = NULL, *copy = NULL;
	size_t len = 0, cap = 0;
	FILE *in, *out;

	in = open_memstream(&text, &len);
	if (in == NULL)
		return NULL;
	rewind(fp);
	for (int ch; (ch = getc(fp)) != EOF;)
		if (ch != '\0')         /* a NUL would end the text early */
			putc(ch, in);
	if (ferror(fp) || fclose(in) != 0) {
		free(text);
		return NULL;
	}
	out = open_memstream(&copy, &cap);
	if (out == NULL) {
		free(text);
		return NULL;
	}
	rewrite_text(text, out);
	free(text);
	if (fclose(out) != 0) {
		free(copy);
		return NULL;
	}
	/* a "w+" fmemopen with a NULL buffer owns its memory: freed by fclose */
	in = fmemopen(NULL, cap + 1, "w+");
	if (in == NULL || fwrite(copy, 1, cap, in) != cap) {
		int e = errno;

		if (in != NULL)
			fclose(in);
		free(copy);
		errno = e;
		return NULL;
	}
	free(copy);
	rewind(in);
	fclose(fp);
	return in;
}

/* ---- storing and checking ---- */

static int profile_index(const char *title)
{
	for (int i = 0; i < NV_CONTROLS_N; i++)
		if (profile_names[i] != NULL && strcmp(title, profile_names[i]) == 0)
			return i;
	return -1;
}

static const char *store_int(cfg_t *sec, const char *key, long lo, long hi, int *dst)
{
	long v = cfg_getint(sec, key);

	if (v == -1)
		return NULL;            /* not set: the profile's value */
	if (v < lo || v > hi)
		return key;
	*dst = (int)v;
	return NULL;
}

static const char *store_controls(cfg_t *sec, struct nv_control_override *o)
{
	static const struct {
		const char *key;
		long lo, hi;
		size_t off;
	} keys[] = {
		{ "permission-register", 1, 0xFFFF, offsetof(struct nv_control_override, perm_addr) },
		{ "permission-words", 1, 4, offsetof(struct nv_control_override, perm_words) },
		{ "remote-bit", 0, 15, offsetof(struct nv_control_override, perm_remote_bit) },
		{ "shutoff-register", 0, 0xFFFB, offsetof(struct nv_control_override, shutoff_addr) },
		{ "shutoff-type-restart", 0, 0xFFFF, offsetof(struct nv_control_override, type_restart) },
		{ "shutoff-type-stay-off", 0, 0xFFFF, offsetof(struct nv_control_override, type_stay_off) },
		{ "shutoff-type-cancel", 0, 0xFFFF, offsetof(struct nv_control_override, type_cancel) },
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *bad = store_int(sec, keys[i].key, keys[i].lo, keys[i].hi,
		    (int *)(void *)((char *)o + keys[i].off));

		if (bad != NULL)
			return bad;
	}
	return NULL;
}

static const char *store_target(cfg_t *sec, struct nv_wol_target *t)
{
	const char *title = cfg_title(sec), *mac = cfg_getstr(sec, "mac");
	const char *descr = cfg_getstr(sec, "description");

	memset(t, 0, sizeof(*t));
	if (title == NULL || title[0] == '\0' || strlen(title) >= sizeof(t->name))
		return "name must be 1-31 characters";
	snprintf(t->name, sizeof(t->name), "%s", title);
	if (mac == NULL)
		return "mac is required";
	if (nv_wol_parse_mac(mac, t->mac) == -1)
		return "mac must be six hex bytes, e.g. \"00:11:22:33:44:55\"";
	if (strlen(descr) >= sizeof(t->description))
		return "description longer than 63 characters";
	snprintf(t->description, sizeof(t->description), "%s", descr);
	t->enabled = cfg_getbool(sec, "enabled");
	return NULL;
}

int nv_wol_parse_address(const char *s, uint32_t *ip_be, uint16_t *port)
{
	char host[64];
	const char *colon = strchr(s, ':');
	size_t hl = colon != NULL ? (size_t)(colon - s) : strlen(s);
	struct in_addr a;

	if (hl == 0 || hl >= sizeof(host))
		return -1;
	memcpy(host, s, hl);
	host[hl] = '\0';
	if (inet_pton(AF_INET, host, &a) != 1)
		return -1;
	*ip_be = a.s_addr;
	*port = 9;
	if (colon != NULL) {
		char *end;
		long p;

		errno = 0;
		p = strtol(colon + 1, &end, 10);
		if (colon[1] == '\0' || *end != '\0' || errno != 0 || p < 1 || p > 65535)
			return -1;
		*port = (uint16_t)p;
	}
	return 0;
}

static int fail(char *err, size_t errlen, const char *path, int line,
    const char *what, const char *title, const char *why)
{
	snprintf(err, errlen, "%s:%d: %s%s%s: %s", path, line, what,
	    title != NULL ? " " : "", title != NULL ? title : "", why);
	return -1;
}

int nv_config_controls_store(cfg_t *scope, const char *path, struct nv_controls_cfg *c,
    char *err, size_t errlen)
{
	nv_controls_cfg_defaults(c);
	for (unsigned i = 0; i < cfg_size(scope, "controls"); i++) {
		cfg_t *sec = cfg_getnsec(scope, "controls", i);
		const char *bad;
		int k;

		if ((k = profile_index(cfg_title(sec))) == -1)
			return fail(err, errlen, path, sec->line, "controls", cfg_title(sec),
			    "profile must be jbusp, vumap or sts (or none for all)");
		if ((bad = store_controls(sec, &c->ovr[k])) != NULL) {
			char why[96];

			snprintf(why, sizeof(why), "%s out of range (see nvagent.conf(5))", bad);
			return fail(err, errlen, path, sec->line, "controls",
			    cfg_title(sec), why);
		}
	}
	return 0;
}

int nv_config_wol_store(cfg_t *cfg, const char *path, struct nv_wol_cfg *w,
    char *err, size_t errlen)
{
	unsigned n = cfg_size(cfg, "wol-target");
	cfg_t *sec;

	nv_wol_cfg_defaults(w);
	if (n > NV_WOL_MAX_TARGETS) {
		sec = cfg_getnsec(cfg, "wol-target", NV_WOL_MAX_TARGETS);
		return fail(err, errlen, path, sec->line, "wol target", NULL,
		    "at most 32 targets");
	}
	for (unsigned i = 0; i < n; i++) {
		const char *why;

		sec = cfg_getnsec(cfg, "wol-target", i);
		if ((why = store_target(sec, &w->t[i])) != NULL)
			return fail(err, errlen, path, sec->line, "wol target",
			    cfg_title(sec), why);
	}
	w->n = n;
	if ((sec = cfg_getsec(cfg, "wol")) != NULL) {
		const char *a = cfg_getstr(sec, "address");
		uint32_t ip;
		uint16_t port;

		if (strlen(a) >= sizeof(w->address) ||
		    nv_wol_parse_address(a, &ip, &port) == -1)
			return fail(err, errlen, path, sec->line, "wol", NULL,
			    "address must be IPv4[:port], e.g. \"255.255.255.255:9\"");
		snprintf(w->address, sizeof(w->address), "%s", a);
	}
	return 0;
}
