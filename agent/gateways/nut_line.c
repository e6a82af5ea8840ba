/*
 * nut_line.c — NUT protocol lines and words (nut_line.h).  Nothing here
 * trusts the peer: every line is bounded, every byte checked.
 */
#include <string.h>

#include "nut_line.h"

char *nv_nut_lines_space(struct nv_nut_lines *l, size_t *room)
{
	if (l->len == sizeof(l->buf) && memchr(l->buf, '\n', l->len) == NULL) {
		/* a full buffer without a newline: the line is too long */
		l->len = 0;
		l->skipping = true;
	}
	*room = sizeof(l->buf) - l->len;
	return l->buf + l->len;
}

void nv_nut_lines_added(struct nv_nut_lines *l, size_t n)
{
	l->len += n;
}

static void take(struct nv_nut_lines *l, size_t n)
{
	memmove(l->buf, l->buf + n, l->len - n);
	l->len -= n;
}

enum nv_nut_line_rc nv_nut_lines_next(struct nv_nut_lines *l, char *out)
{
	char *nl = memchr(l->buf, '\n', l->len);
	size_t n;

	if (nl == NULL) {
		if (l->len == sizeof(l->buf))
			l->skipping = true;
		if (l->skipping)
			l->len = 0;
		return NV_NUT_LINE_NONE;
	}
	n = (size_t)(nl - l->buf);
	if (l->skipping) {
		/* the end of the line that was too long: said once, when it ends */
		take(l, n + 1);
		l->skipping = false;
		return NV_NUT_LINE_TOO_LONG;
	}
	memcpy(out, l->buf, n);
	if (n > 0 && out[n - 1] == '\r')
		n--;
	out[n] = '\0';
	/* a NUL would cut the line short unseen: make it a control character,
	 * which nv_nut_split refuses */
	for (char *z = memchr(out, '\0', n); z != NULL; z = memchr(z, '\0', n - (size_t)(z - out)))
		*z = '\x01';
	take(l, (size_t)(nl - l->buf) + 1);
	return NV_NUT_LINE_OK;
}

int nv_nut_split(char *line, char **word)
{
	char *r = line, *w = line;
	int n = 0;

	for (;;) {
		bool quoted = false;

		while (*r == ' ' || *r == '\t')
			r++;
		if (*r == '\0')
			return n;
		if (n == NV_NUT_WORDS_MAX)
			return -1;
		word[n++] = w;
		for (; *r != '\0'; r++) {
			unsigned char c = (unsigned char)*r;

			if (c < 0x20 && c != '\t')
				return -1;
			if (c == '"') {
				quoted = !quoted;
				continue;
			}
			if (!quoted && (c == ' ' || c == '\t'))
				break;
			if (c == '\\') {
				if (r[1] == '\0' || (unsigned char)r[1] < 0x20)
					return -1;
				c = (unsigned char)*++r;
			}
			*w++ = (char)c;
		}
		if (quoted)
			return -1;
		if (*r != '\0')
			r++;
		*w++ = '\0';
	}
}

void nv_nut_quote(struct nv_text *t, const char *s)
{
	nv_text_append(t, "\"", 1);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			nv_text_append(t, "\\", 1);
		nv_text_append(t, p, 1);
	}
	nv_text_append(t, "\"", 1);
}
