/*
 * env_read.h — one reading of the environment sensor over a Modbus link,
 * for whichever thread owns the line (env_poller.c on a line of its own,
 * the UPS poller on a shared one).  Private to the device layer.
 */
#ifndef NV_ENV_READ_H
#define NV_ENV_READ_H

#include <stdbool.h>

#include "env_sensor.h"
#include "modbus_link.h"

/* What the reader keeps between two readings. */
struct nv_env_reader {
	struct nv_env env;      /* the newest reading, conditions included */
	int failed;             /* failed readings in a row */
	double next_s;          /* CLOCK_MONOTONIC s of the next reading */
	struct nv_env_gpio gpio;        /* profile sysfs: the inputs' GPIO lines */
};

void nv_env_reader_init(struct nv_env_reader *r);

/*
 * Read every point of cfg's map once on l and update r->env: values and
 * conditions on success; after cfg->comm_loss_after failures in a row,
 * communication lost and every value NV_NA (nothing stale is served).
 * A value out of the sensor's physical range counts as a bad reply.
 * Returns true when r->env changed.
 */
bool nv_env_reader_poll(struct nv_env_reader *r, struct nv_link *l,
    const struct nv_env_cfg *cfg, enum nv_link_err *err);

/*
 * A reading that could not even be tried (the line does not open, or the
 * UPS it shares is not being polled): counted as failed, as above.
 * Returns true when r->env changed (the sensor is now not answering).
 */
bool nv_env_reader_missed(struct nv_env_reader *r, const struct nv_env_cfg *cfg);

#endif
