/*
 * config_scan.h — a small tokenizer of nvagent.conf: names, strings,
 * '=', braces and lists, with the line of each, for the scan nvconfig.c runs
 * ahead of libconfuse (which blames an unknown key on the wrong line).
 */
#ifndef NV_CONFIG_SCAN_H
#define NV_CONFIG_SCAN_H

#include <stddef.h>
#include <stdio.h>

enum nv_conf_tok { T_EOF, T_WORD, T_STRING, T_EQ, T_OPEN, T_CLOSE, T_LIST, T_LIST_END, T_OTHER };

struct nv_conf_scan {
	FILE *fp;
	int line;
};

/* The next token; a word or string into WORD, its line into *AT. */
enum nv_conf_tok nv_conf_next_token(struct nv_conf_scan *sc, char *word, size_t wlen, int *at);
/* Skip one value after '=': a word, a string, or a [list]. */
enum nv_conf_tok nv_conf_skip_value(struct nv_conf_scan *sc, char *word, size_t wlen, int *at);

#endif
