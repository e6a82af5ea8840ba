/*
 * nut_session.c — the NUT protocol's commands (nut_session.h).  Rules as
 * upsd applies them: USERNAME and PASSWORD are taken as given and checked
 * when used (LOGIN, PRIMARY, FSD, SET, INSTCMD), a wrong one answers
 * ACCESS-DENIED; while the link to a UPS is lost every value of it is
 * DATA-STALE, never a stale value.  A request acts on the UPS it names
 * only; a name no device has is UNKNOWN-UPS.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "nut_line.h"
#include "nut_session.h"

typedef enum nv_nut_next cmd_fn(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out);

void nv_nut_err(struct nv_text *out, const char *word)
{
	nv_text_printf(out, "ERR %s\n", word);
}

static enum nv_nut_next err(struct nv_text *out, const char *word)
{
	nv_nut_err(out, word);
	return NV_NUT_ANSWERED;
}

/* ---- checks ---- */

static bool same_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned char d = la != lb;

	/* the same time whatever the first wrong byte */
	for (size_t i = 0; i < lb; i++)
		d |= (unsigned char)(a[i < la ? i : 0] ^ b[i]);
	return d == 0;
}

/* The session's user when its name and password match one, else NULL. */
static const struct nv_nut_user *user_of(const struct nv_nut_server_view *v,
    const struct nv_nut_session *s)
{
	const struct nv_nut_user *u;

	if (!s->have_username || !s->have_password)
		return NULL;
	u = nv_nut_user_find(v->cfg, s->username);
	if (u == NULL || !same_secret(s->password, u->password))
		return NULL;
	return u;
}

static enum nv_nut_next denied(const struct nv_nut_server_view *v,
    const struct nv_nut_session *s, const char *what, struct nv_text *out)
{
	if (v->ops->denied != NULL)
		v->ops->denied(v->ops->arg, s, what);
	return err(out, "ACCESS-DENIED");
}

/* The UPS a request names, its number in *no; NULL: ERR UNKNOWN-UPS. */
static const struct nv_nut_ups *ups_named(const struct nv_nut_server_view *v, const char *name,
    unsigned *no)
{
	for (size_t i = 0; i < v->nups; i++)
		if (strcmp(name, v->ups[i].name) == 0) {
			*no = (unsigned)i;
			return &v->ups[i];
		}
	return NULL;
}

static const char *desc_of(const struct nv_nut_ups *u)
{
	return u->desc != NULL && u->desc[0] != '\0' ? u->desc : "Unavailable";
}

static bool stale(const struct nv_nut_ups *u)
{
	const struct nv_snapshot *s = u->vars.snap;

	return s == NULL || s->comm != NV_COMM_OK || s->kind == NV_KIND_NONE;
}

static void who(const struct nv_nut_session *s, char *buf, size_t len)
{
	snprintf(buf, len, "NUT user %s from %s", s->username, s->peer);
}

/* ---- session and identity ---- */

static enum nv_nut_next c_help(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	(void)v, (void)s, (void)argc, (void)argv;
	nv_text_printf(out, "Commands: HELP VER GET LIST SET INSTCMD LOGIN LOGOUT USERNAME "
	    "PASSWORD STARTTLS\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_ver(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	(void)v, (void)s, (void)argc, (void)argv;
	nv_text_printf(out, "nvagentd - NUT network protocol 1.3 (RFC 9271)\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_netver(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	(void)v, (void)s, (void)argc, (void)argv;
	nv_text_printf(out, "1.3\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_starttls(const struct nv_nut_server_view *v,
    struct nv_nut_session *s, int argc, char **argv, struct nv_text *out)
{
	const char *why = v->ops->starttls != NULL ? v->ops->starttls(v->ops->arg, s) :
	    "FEATURE-NOT-CONFIGURED";

	(void)argc, (void)argv;
	if (why != NULL)
		return err(out, why);
	nv_text_printf(out, "OK STARTTLS\n");
	return NV_NUT_ANSWERED;
}

/* USERNAME / PASSWORD: kept as given, checked when used */
static enum nv_nut_next c_credential(const struct nv_nut_server_view *v,
    struct nv_nut_session *s, int argc, char **argv, struct nv_text *out)
{
	bool user = strcmp(argv[0], "USERNAME") == 0;
	bool *have = user ? &s->have_username : &s->have_password;
	char *dst = user ? s->username : s->password;
	size_t len = user ? sizeof(s->username) : sizeof(s->password);

	(void)v, (void)argc;
	if (*have)
		return err(out, user ? "ALREADY-SET-USERNAME" : "ALREADY-SET-PASSWORD");
	if (strlen(argv[1]) >= len)
		return err(out, "INVALID-ARGUMENT");
	snprintf(dst, len, "%s", argv[1]);
	*have = true;
	nv_text_printf(out, "OK\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_login(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	const struct nv_nut_user *u;
	unsigned no;

	(void)argc;
	if (s->logged_in)
		return err(out, "ALREADY-LOGGED-IN");
	if (!s->have_username)
		return err(out, "USERNAME-REQUIRED");
	if (!s->have_password)
		return err(out, "PASSWORD-REQUIRED");
	if (ups_named(v, argv[1], &no) == NULL)
		return err(out, "UNKNOWN-UPS");
	if ((u = user_of(v, s)) == NULL || u->upsmon == NV_NUT_UPSMON_NONE)
		return denied(v, s, "LOGIN", out);
	s->logged_in = true;
	s->ups = no;
	nv_text_printf(out, "OK\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_logout(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	(void)v, (void)argc, (void)argv;
	s->logged_in = false;
	nv_text_printf(out, "OK Goodbye\n");
	return NV_NUT_CLOSE;
}

static enum nv_nut_next c_primary(const struct nv_nut_server_view *v,
    struct nv_nut_session *s, int argc, char **argv, struct nv_text *out)
{
	const struct nv_nut_user *u = user_of(v, s);
	unsigned no;

	(void)argc;
	if (ups_named(v, argv[1], &no) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (u == NULL || u->upsmon != NV_NUT_UPSMON_PRIMARY)
		return denied(v, s, argv[0], out);
	s->primary = true;
	nv_text_printf(out, "OK %s-GRANTED\n", strcmp(argv[0], "MASTER") == 0 ? "MASTER" :
	    "PRIMARY");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_fsd(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	const struct nv_nut_user *u = user_of(v, s);
	char w[160];
	unsigned no;

	(void)argc;
	if (ups_named(v, argv[1], &no) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (u == NULL || !u->may_fsd)
		return denied(v, s, "FSD", out);
	who(s, w, sizeof(w));
	v->ops->fsd(v->ops->arg, no, w);
	nv_text_printf(out, "OK FSD-SET\n");
	return NV_NUT_ANSWERED;
}

/* ---- GET ---- */

/* VAR's value now into val; false with the error answered */
static bool value_of(const struct nv_nut_ups *u, const char *var, char *val, size_t len,
    struct nv_text *out)
{
	if (stale(u))
		nv_nut_err(out, "DATA-STALE");
	else if (!nv_nut_var_get(&u->vars, var, val, len))
		nv_nut_err(out, "VAR-NOT-SUPPORTED");
	else
		return true;
	return false;
}

static enum nv_nut_next get_var(const struct nv_nut_ups *u, const char *var,
    struct nv_text *out)
{
	char val[512];

	if (!value_of(u, var, val, sizeof(val), out))
		return NV_NUT_ANSWERED;
	nv_text_printf(out, "VAR %s %s ", u->name, var);
	nv_nut_quote(out, val);
	nv_text_printf(out, "\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next get_type(const struct nv_nut_ups *u, const char *var,
    struct nv_text *out)
{
	const char *ups = u->name;
	char val[512];

	if (!value_of(u, var, val, sizeof(val), out))
		return NV_NUT_ANSWERED;
	if (nv_nut_var_is_rw(var))
		nv_text_printf(out, "TYPE %s %s RW RANGE\n", ups, var);
	else if (strspn(val, "-.0123456789") == strlen(val))
		nv_text_printf(out, "TYPE %s %s NUMBER\n", ups, var);
	else
		nv_text_printf(out, "TYPE %s %s STRING:%zu\n", ups, var, strlen(val));
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_get(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	const char *what = argv[1], *ups = argv[2];
	char desc[160];
	const struct nv_nut_cmd *c;
	const struct nv_nut_ups *u;
	unsigned no;

	(void)s;
	if ((u = ups_named(v, ups, &no)) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (argc == 3 && strcmp(what, "NUMLOGINS") == 0) {
		nv_text_printf(out, "NUMLOGINS %s %d\n", ups, v->ops->numlogins(v->ops->arg, no));
		return NV_NUT_ANSWERED;
	}
	if (argc == 3 && strcmp(what, "UPSDESC") == 0) {
		nv_text_printf(out, "UPSDESC %s ", ups);
		nv_nut_quote(out, desc_of(u));
		nv_text_printf(out, "\n");
		return NV_NUT_ANSWERED;
	}
	if (argc != 4)
		return err(out, "INVALID-ARGUMENT");
	if (strcmp(what, "VAR") == 0)
		return get_var(u, argv[3], out);
	if (strcmp(what, "TYPE") == 0)
		return get_type(u, argv[3], out);
	if (strcmp(what, "DESC") == 0) {
		nv_text_printf(out, "DESC %s %s ", ups, argv[3]);
		nv_nut_quote(out, nv_nut_var_desc(argv[3], desc, sizeof(desc)) != NULL ? desc :
		    "Description unavailable");
		nv_text_printf(out, "\n");
		return NV_NUT_ANSWERED;
	}
	if (strcmp(what, "CMDDESC") == 0) {
		nv_text_printf(out, "CMDDESC %s %s ", ups, argv[3]);
		c = nv_nut_cmd_find(argv[3]);
		nv_nut_quote(out, c != NULL ? c->desc : "Description unavailable");
		nv_text_printf(out, "\n");
		return NV_NUT_ANSWERED;
	}
	return err(out, "INVALID-ARGUMENT");
}

/* ---- LIST ---- */

struct list_arg {
	struct nv_text *out;
	const char *ups;
	bool rw;
};

static void list_one(void *arg, const char *name, const char *value)
{
	struct list_arg *a = arg;

	if (a->rw && !nv_nut_var_is_rw(name))
		return;
	nv_text_printf(a->out, "%s %s %s ", a->rw ? "RW" : "VAR", a->ups, name);
	nv_nut_quote(a->out, value);
	nv_text_printf(a->out, "\n");
}

static enum nv_nut_next list_vars(const struct nv_nut_ups *u, bool rw, struct nv_text *out)
{
	const char *ups = u->name;
	struct list_arg a = { out, ups, rw };

	if (stale(u))
		return err(out, "DATA-STALE");
	nv_text_printf(out, "BEGIN LIST %s %s\n", rw ? "RW" : "VAR", ups);
	nv_nut_vars_each(&u->vars, list_one, &a);
	nv_text_printf(out, "END LIST %s %s\n", rw ? "RW" : "VAR", ups);
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next list_cmds(const struct nv_nut_server_view *v, unsigned no,
    struct nv_text *out)
{
	const char *ups = v->ups[no].name;

	nv_text_printf(out, "BEGIN LIST CMD %s\n", ups);
	for (size_t i = 0; i < nv_nut_n_cmds; i++)
		if (v->ops->cmd_available(v->ops->arg, no, &nv_nut_cmds[i]))
			nv_text_printf(out, "CMD %s %s\n", ups, nv_nut_cmds[i].name);
	nv_text_printf(out, "END LIST CMD %s\n", ups);
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next list_range(const struct nv_nut_ups *u, const char *var,
    struct nv_text *out)
{
	const char *ups = u->name;
	int lo, hi;
	char val[64];

	if (!value_of(u, var, val, sizeof(val), out))
		return NV_NUT_ANSWERED;
	nv_text_printf(out, "BEGIN LIST RANGE %s %s\n", ups, var);
	if (nv_nut_var_is_rw(var)) {
		nv_nut_var_range(var, &lo, &hi);
		nv_text_printf(out, "RANGE %s %s \"%d\" \"%d\"\n", ups, var, lo, hi);
	}
	nv_text_printf(out, "END LIST RANGE %s %s\n", ups, var);
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next list_ups(const struct nv_nut_server_view *v, struct nv_text *out)
{
	nv_text_printf(out, "BEGIN LIST UPS\n");
	for (size_t i = 0; i < v->nups; i++) {
		nv_text_printf(out, "UPS %s ", v->ups[i].name);
		nv_nut_quote(out, desc_of(&v->ups[i]));
		nv_text_printf(out, "\n");
	}
	nv_text_printf(out, "END LIST UPS\n");
	return NV_NUT_ANSWERED;
}

static enum nv_nut_next c_list(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	const char *what = argv[1], *ups = argc > 2 ? argv[2] : "";
	const struct nv_nut_ups *u;
	char val[64];
	unsigned no;

	(void)s;
	if (argc == 2 && strcmp(what, "UPS") == 0)
		return list_ups(v, out);
	if (argc < 3)
		return err(out, "INVALID-ARGUMENT");
	if ((u = ups_named(v, ups, &no)) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (argc == 3 && (strcmp(what, "VAR") == 0 || strcmp(what, "RW") == 0))
		return list_vars(u, what[0] == 'R', out);
	if (argc == 3 && strcmp(what, "CMD") == 0)
		return list_cmds(v, no, out);
	if (argc == 3 && strcmp(what, "CLIENT") == 0) {
		nv_text_printf(out, "BEGIN LIST CLIENT %s\n", ups);
		v->ops->list_clients(v->ops->arg, no, ups, out);
		nv_text_printf(out, "END LIST CLIENT %s\n", ups);
		return NV_NUT_ANSWERED;
	}
	if (argc == 4 && strcmp(what, "RANGE") == 0)
		return list_range(u, argv[3], out);
	if (argc == 4 && strcmp(what, "ENUM") == 0) {
		if (!value_of(u, argv[3], val, sizeof(val), out))
			return NV_NUT_ANSWERED;
		/* no variable served here is an enumeration */
		nv_text_printf(out, "BEGIN LIST ENUM %s %s\nEND LIST ENUM %s %s\n", ups, argv[3],
		    ups, argv[3]);
		return NV_NUT_ANSWERED;
	}
	return err(out, "INVALID-ARGUMENT");
}

/* ---- SET VAR, INSTCMD ---- */

static enum nv_nut_next c_set(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    int argc, char **argv, struct nv_text *out)
{
	const struct nv_nut_user *u;
	const struct nv_nut_ups *up;
	const char *ups = argv[2], *var = argv[3], *value = argv[4];
	char val[64], w[160], *end;
	long n;
	int lo, hi;
	unsigned no;

	if (argc != 5 || strcmp(argv[1], "VAR") != 0)
		return err(out, "INVALID-ARGUMENT");
	if ((up = ups_named(v, ups, &no)) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (!nv_nut_var_get(&up->vars, var, val, sizeof(val)) && !stale(up))
		return err(out, "VAR-NOT-SUPPORTED");
	if (!nv_nut_var_is_rw(var))
		return err(out, "READONLY");
	if ((u = user_of(v, s)) == NULL || !u->may_set)
		return denied(v, s, "SET", out);
	if (strlen(value) > 32)
		return err(out, "TOO-LONG");
	n = strtol(value, &end, 10);
	nv_nut_var_range(var, &lo, &hi);
	if (end == value || *end != '\0' || n < lo || n > hi)
		return err(out, "INVALID-VALUE");
	who(s, w, sizeof(w));
	v->ops->set_var(v->ops->arg, no, var, (int)n, w);
	nv_text_printf(out, "OK\n");
	return NV_NUT_ANSWERED;
}

static bool may_instcmd(const struct nv_nut_user *u, const struct nv_nut_cmd *c)
{
	return u != NULL && (u->all_instcmds || (u->instcmds >> (c - nv_nut_cmds) & 1u));
}

static enum nv_nut_next c_instcmd(const struct nv_nut_server_view *v,
    struct nv_nut_session *s, int argc, char **argv, struct nv_text *out)
{
	const struct nv_nut_cmd *c = nv_nut_cmd_find(argv[2]);
	const struct nv_nut_ups *u;
	const char *why;
	char w[160];
	unsigned no;

	if (argc != 3)          /* none of the commands served takes a value */
		return err(out, "INVALID-ARGUMENT");
	if ((u = ups_named(v, argv[1], &no)) == NULL)
		return err(out, "UNKNOWN-UPS");
	if (c == NULL)
		return err(out, "CMD-NOT-SUPPORTED");
	if (!may_instcmd(user_of(v, s), c))
		return denied(v, s, c->name, out);
	if (stale(u))
		return err(out, "DATA-STALE");
	if (!v->ops->cmd_available(v->ops->arg, no, c))
		return err(out, "CMD-NOT-SUPPORTED");
	who(s, w, sizeof(w));
	why = v->ops->instcmd(v->ops->arg, no, s, c, w);
	if (why != NULL)
		return err(out, why);
	return NV_NUT_WAIT;
}

/* ---- dispatch ---- */

static const struct {
	const char *name;
	int min, max;           /* words, the command included */
	cmd_fn *fn;
} commands[] = {
	{ "HELP", 1, 1, c_help },
	{ "VER", 1, 1, c_ver },
	{ "NETVER", 1, 1, c_netver },
	{ "STARTTLS", 1, 1, c_starttls },
	{ "USERNAME", 2, 2, c_credential },
	{ "PASSWORD", 2, 2, c_credential },
	{ "LOGIN", 2, 2, c_login },
	{ "LOGOUT", 1, 1, c_logout },
	{ "PRIMARY", 2, 2, c_primary },
	{ "MASTER", 2, 2, c_primary },
	{ "FSD", 2, 2, c_fsd },
	{ "GET", 3, 4, c_get },
	{ "LIST", 2, 4, c_list },
	{ "SET", 5, 5, c_set },
	{ "INSTCMD", 3, 4, c_instcmd },
};

enum nv_nut_next nv_nut_dispatch(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    char *line, struct nv_text *out)
{
	char *argv[NV_NUT_WORDS_MAX];
	int argc = nv_nut_split(line, argv);

	if (argc < 0)
		return err(out, "INVALID-ARGUMENT");
	if (argc == 0)
		return err(out, "UNKNOWN-COMMAND");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[0], commands[i].name) != 0)
			continue;
		if (argc < commands[i].min || argc > commands[i].max)
			return err(out, "INVALID-ARGUMENT");
		return commands[i].fn(v, s, argc, argv, out);
	}
	return err(out, "UNKNOWN-COMMAND");
}
