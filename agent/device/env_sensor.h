/*
 * env_sensor.h — the environment sensor (the card's EMD role): a Modbus
 * RTU temperature / humidity transmitter with up to two dry contacts.
 *
 * Its register map is profile data (env_profile.c: a few shipped maps,
 * or the config's `custom` one).  On a line of its own it has a thread
 * of its own (env_poller.c) that publishes struct nv_env readings like
 * the UPS poller publishes snapshots; on the UPS's line the UPS poller
 * reads it between two passes (nv_poller_share_env, device.h).  Either
 * way a reading carries its NV_C_EMD_* conditions, set with hysteresis
 * (env_levels.c).
 */
#ifndef NV_ENV_SENSOR_H
#define NV_ENV_SENSOR_H

#include <stdbool.h>

#include "config_environment.h"
#include "model.h"

/* The shipped map named NAME (NV_ENV_PT_COUNT points), NULL when none. */
const struct nv_env_point *nv_env_profile_map(const char *name);
/* "env-sensor, xy-md02, ..." for error messages. */
const char *nv_env_profile_names(void);

/*
 * Set e's NV_C_EMD_* conditions from its values, the set points of cfg
 * and the conditions it had (hysteresis: a set point passed clears only
 * cfg's hysteresis back inside).  Values NV_NA (sensor not answering)
 * leave the conditions as they were.
 */
void nv_env_levels(const struct nv_env_cfg *cfg, struct nv_env *e);

/* A raw reading of one point into 0.1 units (the map's scale and sign). */
int32_t nv_env_scaled(const struct nv_env_point *p, uint16_t raw);

struct nv_env_poller;

/* Start the sensor's own thread on cfg's line.  0, or -1 with errno. */
int nv_env_poller_start(struct nv_env_poller **out, const struct nv_env_cfg *cfg);
/* Readable when a new reading was published. */
int nv_env_poller_fd(const struct nv_env_poller *p);
/* Copy the newest reading into *dst; true when newer than dst->seq. */
bool nv_env_poller_take(struct nv_env_poller *p, struct nv_env *dst);
/* New settings (SIGHUP): the thread reopens its line when it changed. */
void nv_env_poller_reconfigure(struct nv_env_poller *p, const struct nv_env_cfg *cfg);
void nv_env_poller_stop(struct nv_env_poller *p);

#endif
