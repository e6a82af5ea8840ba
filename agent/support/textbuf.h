/*
 * textbuf.h — a growable text buffer for replies and rendered status.
 * An allocation failure is remembered (failed) instead of crashing; the
 * text so far stays valid and NUL-terminated.
 */
#ifndef NV_TEXTBUF_H
#define NV_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

struct nv_text {
	char *buf;
	size_t len, cap;
	bool failed;
};

void nv_text_init(struct nv_text *t);
void nv_text_free(struct nv_text *t);
void nv_text_clear(struct nv_text *t);
void nv_text_printf(struct nv_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void nv_text_append(struct nv_text *t, const char *s, size_t n);
/* Drop the first n bytes (already written to a socket). */
void nv_text_consume(struct nv_text *t, size_t n);
/* A JSON string literal, quotes included. */
void nv_text_json_string(struct nv_text *t, const char *s);

#endif
