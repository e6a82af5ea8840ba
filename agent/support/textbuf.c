/* textbuf.c — see textbuf.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textbuf.h"

void nv_text_init(struct nv_text *t)
{
	memset(t, 0, sizeof(*t));
}

void nv_text_free(struct nv_text *t)
{
	free(t->buf);
	nv_text_init(t);
}

void nv_text_clear(struct nv_text *t)
{
	t->len = 0;
	t->failed = false;
	if (t->buf != NULL)
		t->buf[0] = '\0';
}

static bool reserve(struct nv_text *t, size_t more)
{
	size_t cap;
	char *p;

	if (t->failed)
		return false;
	if (t->len + more + 1 <= t->cap)
		return true;
	cap = t->cap ? t->cap : 256;
	while (cap < t->len + more + 1)
		cap *= 2;
	p = realloc(t->buf, cap);
	if (p == NULL) {
		t->failed = true;
		return false;
	}
	t->buf = p;
	t->cap = cap;
	return true;
}

void nv_text_append(struct nv_text *t, const char *s, size_t n)
{
	if (!reserve(t, n))
		return;
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

void nv_text_printf(struct nv_text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !reserve(t, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

void nv_text_consume(struct nv_text *t, size_t n)
{
	if (n >= t->len) {
		nv_text_clear(t);
		return;
	}
	memmove(t->buf, t->buf + n, t->len - n + 1);
	t->len -= n;
}

void nv_text_json_string(struct nv_text *t, const char *s)
{
	nv_text_append(t, "\"", 1);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			nv_text_printf(t, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			nv_text_printf(t, "\\u%04x", c);  /* device text is ASCII; keep JSON valid whatever comes */
		else
			nv_text_append(t, s, 1);
	}
	nv_text_append(t, "\"", 1);
}
