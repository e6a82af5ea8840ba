/*
 * nut_session.h — one NUT client's requests (RFC 9271): the commands,
 * their access rules (as upsd and upsd.users have them) and their exact
 * answers and error words, for every UPS served (one per device, found by
 * the name the request gives).  Pure: the server around it (handler_nut.c)
 * owns sockets, the UPS commands and the FSD flags, reached through
 * struct nv_nut_server_ops with the UPS's number.
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
	bool logged_in;                 /* LOGIN done: counts in ups's NUMLOGINS */
	unsigned ups;                   /* the UPS logged in to (view.ups[]) */
	bool primary;                   /* PRIMARY / MASTER granted */
	char peer[64];                  /* the client's address */
};

/* UPS: the number of the UPS a request names (its place in view.ups). */
struct nv_nut_server_ops {
	void *arg;
	/* Sessions logged in to UPS. */
	int (*numlogins)(void *arg, unsigned ups);
	/* A "CLIENT NAME ADDR" line per session logged in to UPS into out. */
	void (*list_clients)(void *arg, unsigned ups, const char *name, struct nv_text *out);
	/* Has UPS a register for C's command (asked quietly)? */
	bool (*cmd_available)(void *arg, unsigned ups, const struct nv_nut_cmd *c);
	/* Start C on UPS for session S: NULL when the answer (OK, or ERR
	 * INSTCMD-FAILED) is to come; else the error word to answer now. */
	const char *(*instcmd)(void *arg, unsigned ups, struct nv_nut_session *s,
	    const struct nv_nut_cmd *c, const char *who);
	void (*set_var)(void *arg, unsigned ups, const char *name, int value, const char *who);
	void (*fsd)(void *arg, unsigned ups, const char *who);
	/* A refused login or right, for the agent log (rate-limited there). */
	void (*denied)(void *arg, const struct nv_nut_session *s, const char *what);
	/* STARTTLS on S's connection after the answer: NULL, or the error
	 * word (FEATURE-NOT-CONFIGURED, ALREADY-SSL-MODE); NULL member: no TLS */
	const char *(*starttls)(void *arg, struct nv_nut_session *s);
};

/* One UPS served: the name a client gives, LIST UPS's description,
 * what its variables are made of. */
struct nv_nut_ups {
	const char *name;
	const char *desc;               /* "": "Unavailable" */
	struct nv_nut_var_src vars;
};

struct nv_nut_server_view {
	const struct nv_nut_cfg *cfg;   /* users, rights */
	const struct nv_nut_ups *ups;   /* every UPS served, in device order */
	size_t nups;
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
