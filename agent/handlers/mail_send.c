/*
 * mail_send.c — one SMTP session with libesmtp (mail_send.h).  The TLS
 * context is ours, loaded with the configured CA file, so that nothing
 * depends on libesmtp's per-user CA file under $HOME.
 */
#include <openssl/err.h>
#include <openssl/ssl.h>        /* before libesmtp.h: smtp_starttls_set_ctx */
#include <stdio.h>
#include <auth-client.h>
#include <libesmtp.h>

#include <errno.h>
#include <string.h>

#include "mail_send.h"

struct session_info {
	const struct nv_mail_cfg *cfg;
	char tls_why[128];              /* why TLS was refused, "" if not */
};

const char *nv_mail_result_name(enum nv_mail_result r)
{
	switch (r) {
	case NV_MAIL_SENT:
		return "sent";
	case NV_MAIL_NO_CONNECT:
		return "001 cannot connect to the mail server";
	case NV_MAIL_BAD_SERVER:
		return "101 the server is unable to connect (check its name and port)";
	case NV_MAIL_REFUSED:
		return "111 connection refused or no SMTP stream";
	case NV_MAIL_UNKNOWN:
		break;
	}
	return "002 unknown error";
}

static void on_event(smtp_session_t s, int event, void *arg, ...)
{
	struct session_info *si = smtp_get_application_data(s);
	va_list ap;
	int *ok;

	(void)arg;
	va_start(ap, arg);
	switch (event) {
	case SMTP_EV_INVALID_PEER_CERTIFICATE: {
		long result = va_arg(ap, long);

		ok = va_arg(ap, int *);
		*ok = 0;
		snprintf(si->tls_why, sizeof(si->tls_why), "server certificate not trusted: %s",
		    X509_verify_cert_error_string(result));
		break;
	}
	case SMTP_EV_NO_PEER_CERTIFICATE:
	case SMTP_EV_WRONG_PEER_CERTIFICATE:
		ok = va_arg(ap, int *);
		*ok = 0;
		snprintf(si->tls_why, sizeof(si->tls_why), "%s",
		    event == SMTP_EV_NO_PEER_CERTIFICATE ? "server sent no certificate" :
		    "server certificate does not name the server");
		break;
	case SMTP_EV_EXTNA_STARTTLS:
		if (si->cfg->tls == NV_TLS_REQUIRED)
			snprintf(si->tls_why, sizeof(si->tls_why),
			    "server does not offer STARTTLS (tls = required)");
		break;
	case SMTP_EV_WEAK_CIPHER:
		(void)va_arg(ap, int);
		ok = va_arg(ap, int *);
		*ok = 1;
		break;
	default:
		break;
	}
	va_end(ap);
}

/* AUTH: answer the mechanism's questions with user and password. */
static int on_auth(auth_client_request_t req, char **result, int fields, void *arg)
{
	const struct nv_mail_cfg *c = arg;

	for (int i = 0; i < fields; i++) {
		if (req[i].flags & AUTH_USER)
			result[i] = (char *)c->user;
		else if (req[i].flags & AUTH_PASS)
			result[i] = (char *)c->password;
		else
			return 0;
	}
	return 1;
}

static SSL_CTX *tls_context(const struct nv_mail_cfg *c, char *why, size_t whylen)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
	int ok;

	if (ctx == NULL) {
		snprintf(why, whylen, "cannot create a TLS context");
		return NULL;
	}
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	/*
	 * libesmtp 1.1.0 polls the socket and then trusts SSL_read() to
	 * return data: TLS 1.3 session tickets that arrive after the
	 * handshake make the poll fire with no application data, and about
	 * one session in five then fails as "server dropped connection".
	 * TLS 1.2 carries its tickets inside the handshake.
	 */
	SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
	if (c->ca_file[0] != '\0')
		ok = SSL_CTX_load_verify_locations(ctx, c->ca_file, NULL);
	else
		ok = SSL_CTX_set_default_verify_paths(ctx);
	if (ok != 1) {
		snprintf(why, whylen, "cannot load the CA file %s", c->ca_file);
		SSL_CTX_free(ctx);
		return NULL;
	}
	SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
	return ctx;
}

static enum nv_mail_result classify(int err, char *why, size_t whylen)
{
	char buf[128];

	smtp_strerror(err, buf, sizeof(buf));
	snprintf(why, whylen, "%s", buf);
	if (err < 0) {
		/* libesmtp hands system errors back negated */
		snprintf(why, whylen, "%s", strerror(-err));
		return NV_MAIL_NO_CONNECT;
	}
	switch (err) {
	case SMTP_ERR_EAI_ADDRFAMILY:
	case SMTP_ERR_EAI_NODATA:
	case SMTP_ERR_EAI_FAIL:
	case SMTP_ERR_EAI_AGAIN:
	case SMTP_ERR_EAI_NONAME:
	case SMTP_ERR_EAI_SERVICE:
		return NV_MAIL_BAD_SERVER;
	case SMTP_ERR_DROPPED_CONNECTION:
	case SMTP_ERR_INVALID_RESPONSE_STATUS:
	case SMTP_ERR_EXTENSION_NOT_AVAILABLE:
	case SMTP_ERR_CLIENT_ERROR:
		return NV_MAIL_REFUSED;
	default:
		return NV_MAIL_UNKNOWN;
	}
}

static enum nv_mail_result run(smtp_session_t s, smtp_message_t m, smtp_recipient_t r,
    struct session_info *si, char *why, size_t whylen)
{
	const smtp_status_t *st;

	if (!smtp_start_session(s)) {
		int err = smtp_errno();

		if (si->tls_why[0] != '\0') {
			snprintf(why, whylen, "%s", si->tls_why);
			return NV_MAIL_REFUSED;
		}
		return classify(err, why, whylen);
	}
	if (si->tls_why[0] != '\0') {
		snprintf(why, whylen, "%s", si->tls_why);
		return NV_MAIL_REFUSED;
	}
	st = smtp_recipient_status(r);
	if ((st == NULL || st->code == 0) && si->cfg->tls != NV_TLS_NONE &&
	    ERR_peek_last_error() != 0) {
		/* the handshake failed inside libesmtp: OpenSSL says why */
		const char *reason = ERR_reason_error_string(ERR_peek_last_error());

		snprintf(why, whylen, "STARTTLS failed: %s", reason != NULL ? reason : "handshake error");
		ERR_clear_error();
		return NV_MAIL_REFUSED;
	}
	if ((st == NULL || st->code == 0) && smtp_errno() != 0)
		return classify(smtp_errno(), why, whylen);    /* no SMTP reply at all */
	if (st == NULL || st->code / 100 != 2) {
		snprintf(why, whylen, "recipient refused: %d %s", st != NULL ? st->code : 0,
		    st != NULL && st->text != NULL ? st->text : "");
		why[strcspn(why, "\r\n")] = '\0';
		return st == NULL || st->code == 0 ? NV_MAIL_UNKNOWN : NV_MAIL_REFUSED;
	}
	st = smtp_message_transfer_status(m);
	if (st == NULL || st->code / 100 != 2) {
		snprintf(why, whylen, "message refused: %d %s", st != NULL ? st->code : 0,
		    st != NULL && st->text != NULL ? st->text : "");
		why[strcspn(why, "\r\n")] = '\0';
		return NV_MAIL_REFUSED;
	}
	return NV_MAIL_SENT;
}

enum nv_mail_result nv_mail_send(const struct nv_mail_cfg *c, const char *to,
    const char *msg, char *why, size_t whylen)
{
	struct session_info si = { .cfg = c };
	char server[160];
	smtp_session_t s;
	smtp_message_t m;
	smtp_recipient_t r;
	auth_context_t auth = NULL;
	SSL_CTX *ctx = NULL;
	enum nv_mail_result res = NV_MAIL_UNKNOWN;

	why[0] = '\0';
	ERR_clear_error();
	if ((s = smtp_create_session()) == NULL) {
		snprintf(why, whylen, "cannot create an SMTP session");
		return NV_MAIL_UNKNOWN;
	}
	snprintf(server, sizeof(server), strchr(c->host, ':') != NULL ? "[%s]:%d" : "%s:%d",
	    c->host, c->port);
	smtp_set_application_data_release(s, &si, NULL);
	smtp_set_eventcb(s, on_event, NULL);
	for (int w = Timeout_GREETING; w <= Timeout_DATA2; w++)
		smtp_set_timeout(s, w | Timeout_OVERRIDE_RFC2822_MINIMUM, c->timeout_s);
	if (!smtp_set_server(s, server)) {
		snprintf(why, whylen, "bad server %s", server);
		res = NV_MAIL_BAD_SERVER;
		goto out;
	}
	if (c->tls != NV_TLS_NONE) {
		if ((ctx = tls_context(c, why, whylen)) == NULL)
			goto out;
		smtp_starttls_set_ctx(s, ctx);
		smtp_starttls_enable(s, c->tls == NV_TLS_REQUIRED ? Starttls_REQUIRED : Starttls_ENABLED);
	}
	if (c->user[0] != '\0') {
		if ((auth = auth_create_context()) == NULL) {
			snprintf(why, whylen, "cannot create an AUTH context");
			goto out;
		}
		auth_set_mechanism_flags(auth, AUTH_PLUGIN_PLAIN, 0);
		auth_set_interact_cb(auth, on_auth, (void *)c);
		smtp_auth_set_context(s, auth);
	}
	if ((m = smtp_add_message(s)) == NULL || !smtp_set_reverse_path(m, c->from) ||
	    (r = smtp_add_recipient(m, to)) == NULL || !smtp_set_message_str(m, (void *)msg)) {
		snprintf(why, whylen, "cannot build the message");
		goto out;
	}
	res = run(s, m, r, &si, why, whylen);
out:
	smtp_destroy_session(s);
	if (auth != NULL)
		auth_destroy_context(auth);
	if (ctx != NULL)
		SSL_CTX_free(ctx);
	return res;
}
