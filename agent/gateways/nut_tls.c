/*
 * nut_tls.c — STARTTLS for the NUT server (nut_tls.h).  TLS 1.2 at
 * least; no client certificate is asked for: users log in with their
 * password, which TLS then protects.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "nut_tls.h"

SSL_CTX *nv_nut_tls_context(const char *cert_file, const char *key_file, char *err,
    size_t errlen)
{
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	const char *what = NULL;

	if (ctx == NULL)
		what = "out of memory";
	else if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1)
		what = "TLS 1.2 not available";
	else if (SSL_CTX_use_certificate_chain_file(ctx, cert_file) != 1)
		what = "cannot use the certificate file";
	else if (SSL_CTX_use_PrivateKey_file(ctx, key_file, SSL_FILETYPE_PEM) != 1)
		what = "cannot use the key file";
	else if (SSL_CTX_check_private_key(ctx) != 1)
		what = "the key does not match the certificate";
	if (what == NULL) {
		SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE |
		    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
		return ctx;
	}
	snprintf(err, errlen, "nut: TLS: %s (%s, %s): %s", what, cert_file, key_file,
	    ERR_reason_error_string(ERR_peek_last_error()) != NULL ?
	    ERR_reason_error_string(ERR_peek_last_error()) : "no detail");
	ERR_clear_error();
	SSL_CTX_free(ctx);
	return NULL;
}

void nv_nut_tls_context_free(SSL_CTX *ctx)
{
	SSL_CTX_free(ctx);
}

SSL *nv_nut_tls_start(SSL_CTX *ctx, int fd)
{
	SSL *ssl = SSL_new(ctx);

	if (ssl != NULL && SSL_set_fd(ssl, fd) != 1) {
		SSL_free(ssl);
		return NULL;
	}
	if (ssl != NULL)
		SSL_set_accept_state(ssl);
	return ssl;
}

void nv_nut_tls_end(SSL *ssl)
{
	if (ssl == NULL)
		return;
	(void)SSL_shutdown(ssl);        /* one close_notify, not waited for */
	SSL_free(ssl);
	ERR_clear_error();
}

/* errno for an OpenSSL result that is not data */
static ssize_t fail(SSL *ssl, int rc)
{
	int e = SSL_get_error(ssl, rc);

	ERR_clear_error();
	if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
		errno = EAGAIN;
		return -1;
	}
	if (e == SSL_ERROR_ZERO_RETURN)
		return 0;
	errno = EPROTO;
	return -1;
}

int nv_nut_tls_handshake(SSL *ssl)
{
	int rc = SSL_do_handshake(ssl);

	if (rc == 1)
		return 1;
	return fail(ssl, rc) < 0 && errno == EAGAIN ? 0 : -1;
}

ssize_t nv_nut_tls_read(SSL *ssl, void *buf, size_t len)
{
	int n = SSL_read(ssl, buf, len > (size_t)INT_MAX ? INT_MAX : (int)len);

	return n > 0 ? n : fail(ssl, n);
}

ssize_t nv_nut_tls_write(SSL *ssl, const void *buf, size_t len)
{
	int n = SSL_write(ssl, buf, len > (size_t)INT_MAX ? INT_MAX : (int)len);

	if (n > 0)
		return n;
	n = (int)fail(ssl, n);
	if (n == 0)
		errno = EPIPE;
	return -1;
}
