/* config_scan.c — tokens of nvagent.conf for the pre-scan (see config_scan.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "config_scan.h"

static void skip_comment(struct nv_conf_scan *sc, bool block)
{
	int ch, prev = 0;

	while ((ch = getc(sc->fp)) != EOF) {
		if (ch == '\n')
			sc->line++;
		if (!block && ch == '\n')
			return;
		if (block && prev == '*' && ch == '/')
			return;
		prev = ch;
	}
}

/* A quoted string, its text (cut to fit) into word. */
static void read_string(struct nv_conf_scan *sc, int quote, char *word, size_t wlen)
{
	size_t n = 0;
	int ch;

	while ((ch = getc(sc->fp)) != EOF && ch != quote) {
		if (ch == '\\')
			ch = getc(sc->fp);
		if (ch == '\n')
			sc->line++;
		if (ch != EOF && n + 1 < wlen)
			word[n++] = (char)ch;
	}
	if (wlen > 0)
		word[n] = '\0';
}

static bool word_char(int ch)
{
	return ch != EOF && ch > ' ' && strchr("#=+,{}[]()\"'", ch) == NULL;
}

enum nv_conf_tok nv_conf_next_token(struct nv_conf_scan *sc, char *word, size_t wlen, int *at)
{
	int ch, nx;
	size_t n = 0;

	for (;;) {
		ch = getc(sc->fp);
		if (ch == '\n')
			sc->line++;
		if (ch == EOF || ch > ' ')
			break;
	}
	*at = sc->line;
	if (ch == '#' || ch == '/') {
		nx = ch == '/' ? getc(sc->fp) : '#';
		if (nx == '#' || nx == '/' || nx == '*') {
			skip_comment(sc, nx == '*');
			return nv_conf_next_token(sc, word, wlen, at);
		}
		ungetc(nx, sc->fp);
	}
	switch (ch) {
	case EOF:  return T_EOF;
	case '{':  return T_OPEN;
	case '}':  return T_CLOSE;
	case '[':  return T_LIST;
	case ']':  return T_LIST_END;
	case '=':  return T_EQ;
	case '"':
	case '\'':
		read_string(sc, ch, word, wlen);
		return T_STRING;
	case '+':
		if ((nx = getc(sc->fp)) == '=')
			return T_EQ;
		ungetc(nx, sc->fp);
		return T_OTHER;
	}
	if (!word_char(ch))
		return T_OTHER;
	do {
		if (n + 1 < wlen)
			word[n++] = (char)ch;
		ch = getc(sc->fp);
	} while (word_char(ch));
	ungetc(ch, sc->fp);
	word[n] = '\0';
	return T_WORD;
}

/* Skip one value after '=': a word, a string, or a [list]. */
enum nv_conf_tok nv_conf_skip_value(struct nv_conf_scan *sc, char *word, size_t wlen, int *at)
{
	enum nv_conf_tok t = nv_conf_next_token(sc, word, wlen, at);

	if (t != T_LIST)
		return t;
	while ((t = nv_conf_next_token(sc, word, wlen, at)) != T_EOF && t != T_LIST_END)
		;
	return t == T_LIST_END ? T_WORD : t;
}
