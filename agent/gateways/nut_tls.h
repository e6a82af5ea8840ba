/*
 * nut_tls.h — TLS for the NUT server's connections after STARTTLS
 * (OpenSSL): the server context from the certificate and key files, and
 * non-blocking handshake, reads and writes on one connection.
 */
#ifndef NV_NUT_TLS_H
#define NV_NUT_TLS_H

#include <stddef.h>
#include <sys/types.h>

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

/* The server context, or NULL with why in err. */
SSL_CTX *nv_nut_tls_context(const char *cert_file, const char *key_file, char *err,
    size_t errlen);
void nv_nut_tls_context_free(SSL_CTX *ctx);

/* A connection's TLS on socket FD, or NULL. */
SSL *nv_nut_tls_start(SSL_CTX *ctx, int fd);
void nv_nut_tls_end(SSL *ssl);

/* The next step of the handshake: 1 done, 0 to be continued when the
 * socket is ready, -1 failed. */
int nv_nut_tls_handshake(SSL *ssl);
/* As recv() / send() on a non-blocking socket: bytes, 0 for a closed
 * connection (read), or -1 with errno EAGAIN (try later) or EPROTO. */
ssize_t nv_nut_tls_read(SSL *ssl, void *buf, size_t len);
ssize_t nv_nut_tls_write(SSL *ssl, const void *buf, size_t len);

#endif
