/*
 * nut_session.h — one NUT client's requests (RFC 9271): the commands,
 * their access rules (as upsd and upsd.users have them) and their exact
 * answers and error words.  Pure: the server around it (handler_nut.c)
 * owns sockets, the UPS commands and the FSD flag, reached through
 * struct nv_nut_server_ops.
 */
#ifndef NV_NUT_SESSION_H
#define NV_NUT_SESSION_H

#include <stdbool.h>

#include "config_nut.h"
#include "nut_dict.h"
#include "nut_vars.h"
#include "textbuf.h"

struct nv_nut_session {
	char username[64], password[128];
	bool have_username, have_password;
	bool logged_in;                 /* LOGIN done: counts in NUMLOGINS */
	bool primary;                   /* PRIMARY / MASTER granted */
	char peer[64];                  /* the client's address */
};

struct nv_nut_server_ops {
	void *arg;
	int (*numlogins)(void *arg);
	/* A "CLIENT UPS ADDR" line per logged-in session into out. */
	void (*list_clients)(void *arg, const char *ups, struct nv_text *out);
	/* Has the device a register for C's command (asked quietly)? */
	bool (*cmd_available)(void *arg, const struct nv_nut_cmd *c);
	/* Start C for session S: NULL when the answer (OK, or ERR
	 * INSTCMD-FAILED) is to come; else the error word to answer now. */
	const char *(*instcmd)(void *arg, struct nv_nut_session *s, const struct nv_nut_cmd *c,
	    const char *who);
	void (*set_var)(void *arg, const char *name, int value, const char *who);
	void (*fsd)(void *arg, const char *who);
	/* A refused login or right, for the agent log (rate-limited there). */
	void (*denied)(void *arg, const struct nv_nut_session *s, const char *what);
	/* STARTTLS on S's connection after the answer: NULL, or the error
	 * word (FEATURE-NOT-CONFIGURED, ALREADY-SSL-MODE); NULL member: no TLS */
	const char *(*starttls)(void *arg, struct nv_nut_session *s);
};

struct nv_nut_server_view {
	const struct nv_nut_cfg *cfg;
	struct nv_nut_var_src vars;
	const struct nv_nut_server_ops *ops;
};

enum nv_nut_next {
	NV_NUT_ANSWERED = 0,    /* the answer is in out: next line */
	NV_NUT_WAIT,            /* the answer comes later: hold further lines */
	NV_NUT_CLOSE,           /* answered; close after sending it */
};

/* Serve one request LINE (no newline; split in place), its answer into out. */
enum nv_nut_next nv_nut_dispatch(const struct nv_nut_server_view *v, struct nv_nut_session *s,
    char *line, struct nv_text *out);

/* "ERR WORD\n" */
void nv_nut_err(struct nv_text *out, const char *word);

#endif
