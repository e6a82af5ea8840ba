/*
 * trap_receivers_store.c — save and restore the trap receivers table set over
 * SNMP (see trap_receivers_store.h for the rule).  The file is written in
 * nvagent.conf syntax, so config_traps.c reads it back with every check.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "atomic_file.h"
#include "diag_log.h"
#include "trap_receivers_store.h"

static const char *mib_word(enum nv_rcv_mib m)
{
	switch (m) {
	case NV_RCV_MIB_NONE:    return "none";
	case NV_RCV_MIB_RFC1628: return "rfc1628";
	case NV_RCV_MIB_SOCOMEC: return "socomec";
	}
	return "socomec";
}

/* S as a libconfuse single-quoted string: only \ and ' are escaped. */
static void put_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '\\' || *s == '\'')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

static void write_table(FILE *f, const void *arg)
{
	const struct nv_traps_cfg *t = arg;

	fputs("# nvagentd: trap receivers table as set over SNMP; rewritten at each SET.\n"
	    "# Other keys of each receiver come from nvagent.conf (same name).\n"
	    "# Remove this file to use nvagent.conf's receivers again.\n", f);
	for (size_t i = 0; i < t->n; i++) {
		const struct nv_receiver *r = &t->rcv[i];

		fputs("trap-receiver ", f);
		put_quoted(f, r->name);
		fputs(" {\n  address = ", f);
		put_quoted(f, r->address);
		fputs("\n  community = ", f);
		put_quoted(f, r->community);
		fprintf(f, "\n  mib = %s\n}\n", mib_word(r->mib));
	}
}

int nv_receivers_save(const char *state_dir, const struct nv_traps_cfg *t,
    char *err, size_t errlen)
{
	/* 0600: the file names managers and their communities */
	return nv_atomic_write(state_dir, NV_RECEIVERS_FILE, 0600, write_table, t,
	    err, errlen);
}

static const struct nv_receiver *by_name(const struct nv_traps_cfg *t, const char *name)
{
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->rcv[i].name, name) == 0)
			return &t->rcv[i];
	return NULL;
}

/* The config receiver of the same name with the saved columns, if that
 * makes a usable receiver; else the saved one with defaults. */
static struct nv_receiver merged(const struct nv_traps_cfg *conf, const struct nv_receiver *saved)
{
	const struct nv_receiver *c = by_name(conf, saved->name);
	struct nv_receiver r;

	if (c == NULL)
		return *saved;
	r = *c;
	memcpy(r.address, saved->address, sizeof(r.address));
	memcpy(r.community, saved->community, sizeof(r.community));
	r.mib = saved->mib;
	if (nv_receiver_check(&r) != NULL)
		return *saved;
	return r;
}

int nv_receivers_overlay(const char *state_dir, struct nv_traps_cfg *t,
    char *err, size_t errlen)
{
	char path[PATH_MAX];
	struct nv_traps_cfg saved;

	if (snprintf(path, sizeof(path), "%s/%s", state_dir, NV_RECEIVERS_FILE) >= (int)sizeof(path)) {
		snprintf(err, errlen, "%s: path too long", state_dir);
		return -1;
	}
	nv_atomic_discard_stale(state_dir, NV_RECEIVERS_FILE);
	if (access(path, F_OK) != 0)
		return 0;
	if (nv_config_traps_load(path, &saved, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < t->n; i++)
		if (by_name(&saved, t->rcv[i].name) == NULL)
			nv_log(LOG_NOTICE, "trap receiver %s of the config file is not in the "
			    "table set over SNMP (%s): not used", t->rcv[i].name, path);
	for (size_t i = 0; i < saved.n; i++)
		saved.rcv[i] = merged(t, &saved.rcv[i]);
	t->n = saved.n;
	memcpy(t->rcv, saved.rcv, sizeof(t->rcv));
	return 1;
}

void nv_receivers_use_saved(const char *state_dir, struct nv_traps_cfg *t)
{
	char err[512];

	switch (nv_receivers_overlay(state_dir, t, err, sizeof(err))) {
	case 1:
		nv_log(LOG_NOTICE, "trap receivers: using the table set over SNMP (%s/%s)",
		    state_dir, NV_RECEIVERS_FILE);
		break;
	case -1:
		nv_log(LOG_ERR, "trap receivers: saved table ignored, using the config file's: %s",
		    err);
		break;
	}
}
