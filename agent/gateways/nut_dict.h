/*
 * nut_dict.h — the names NUT clients know (NUT's variable and command
 * dictionary) that nvagentd serves: the instant commands and what each
 * asks of the UPS, and one description per variable (GET DESC).
 */
#ifndef NV_NUT_DICT_H
#define NV_NUT_DICT_H

#include <stdbool.h>
#include <stddef.h>

struct nv_nut_cmd {
	const char *name;               /* "test.battery.start" */
	int kind;                       /* enum nv_cmd_kind (device.h) */
	bool restart;                   /* NV_CMD_SHUTOFF: restart on mains return */
	const char *desc;
};

extern const struct nv_nut_cmd nv_nut_cmds[];
extern const size_t nv_nut_n_cmds;

/* The command NAME (case as sent), or NULL. */
const struct nv_nut_cmd *nv_nut_cmd_find(const char *name);

/* The description of variable NAME ("input.L2-N.voltage" included);
 * NULL when it is none of the served names. */
const char *nv_nut_var_desc(const char *name, char *buf, size_t len);

/* The read-write variables: the delays of shutdown.return / stayoff. */
#define NV_NUT_VAR_DELAY_SHUTDOWN       "ups.delay.shutdown"
#define NV_NUT_VAR_DELAY_START          "ups.delay.start"

#endif
