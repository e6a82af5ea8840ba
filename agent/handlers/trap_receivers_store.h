/*
 * trap_receivers_store.h — the trap receivers table as last set over SNMP,
 * saved in state-dir (STATE_DIR/trap-receivers.conf, nvagent.conf syntax)
 * so that it survives a restart.
 *
 * The rule (nvagent.conf(5)): once the table has been set over SNMP, the
 * saved file says which receivers exist, in which row, and their address,
 * community and MIB; every other key (version, v3 keys, type, filters)
 * comes from the config file's trap-receiver of the same name (defaults
 * for a receiver created over SNMP).  A config-file receiver missing from
 * the saved table is not used.  Removing the file returns to the config.
 */
#ifndef NV_TRAP_RECEIVERS_STORE_H
#define NV_TRAP_RECEIVERS_STORE_H

#include <stddef.h>

#include "config_traps.h"

#define NV_RECEIVERS_FILE "trap-receivers.conf"

/* Save T's table (write temp + fsync + rename); 0, or -1 with why in err. */
int nv_receivers_save(const char *state_dir, const struct nv_traps_cfg *t,
    char *err, size_t errlen);

/* Lay the saved table over T (the config file's receivers).  0: nothing
 * saved, T unchanged; 1: T is the saved table; -1: the saved file is
 * unreadable or bad, T unchanged and why in err. */
int nv_receivers_overlay(const char *state_dir, struct nv_traps_cfg *t,
    char *err, size_t errlen);

/* nv_receivers_overlay that logs what it did (start, reload). */
void nv_receivers_use_saved(const char *state_dir, struct nv_traps_cfg *t);

#endif
