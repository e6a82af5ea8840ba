/*
 * nut_line.h — the NUT network protocol's lines (RFC 9271): assembling
 * lines from a byte stream with a bound, splitting one into words under
 * the protocol's quoting, and quoting a value for an answer.
 */
#ifndef NV_NUT_LINE_H
#define NV_NUT_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "textbuf.h"

#define NV_NUT_LINE_MAX 512     /* bytes of one request line, newline included */
#define NV_NUT_WORDS_MAX 8      /* the longest request (SET VAR) has 5 */

/* One connection's input: bytes received, not yet a whole line. */
struct nv_nut_lines {
	char buf[NV_NUT_LINE_MAX];
	size_t len;
	bool skipping;          /* dropping the rest of a line that was too long */
};

enum nv_nut_line_rc {
	NV_NUT_LINE_NONE = 0,   /* no whole line yet */
	NV_NUT_LINE_OK,         /* a line in out (no newline, NUL-terminated) */
	NV_NUT_LINE_TOO_LONG,   /* a line over the bound was dropped */
};

/* Where the next received bytes go, and how many fit (0: take a line first). */
char *nv_nut_lines_space(struct nv_nut_lines *l, size_t *room);
/* N bytes were received into the space. */
void nv_nut_lines_added(struct nv_nut_lines *l, size_t n);
/* Take the next line into out (NV_NUT_LINE_MAX bytes). */
enum nv_nut_line_rc nv_nut_lines_next(struct nv_nut_lines *l, char *out);

/* Split LINE in place into words: blanks separate words, "..." quotes
 * blanks, a backslash takes the next character as it is (in quotes or
 * out).  The number of words, or -1: an unclosed quote, a control
 * character, more than NV_NUT_WORDS_MAX words. */
int nv_nut_split(char *line, char **word);

/* Append S between double quotes, '"' and '\' escaped. */
void nv_nut_quote(struct nv_text *t, const char *s);

#endif
