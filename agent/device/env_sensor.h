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
 * (env_levels.c).  Profile sysfs reads files instead (env_files.c: hwmon,
 * 1-Wire, GPIO value files) and GPIO lines (env_gpio.c, libgpiod), on
 * the sensor's own thread.
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

/* An input's state (emdStatusIn1Active) from its contact and its mode. */
static inline int32_t nv_env_input_state(enum nv_env_in_mode mode, bool closed)
{
	bool alarm = mode == NV_ENV_IN_NORMALLY_OPEN ? closed : !closed;

	return alarm ? NV_ENV_IN_ACTIVE : NV_ENV_IN_INACTIVE;
}

/* A raw reading of one point into 0.1 units (the map's scale and sign). */
int32_t nv_env_scaled(const struct nv_env_point *p, uint16_t raw);

/* env_files.c (profile sysfs): a hwmon or 1-Wire w1_slave file's value in
 * thousandths, a GPIO value file's 0 / 1; 0, or -1 when the text is no
 * reading (a 1-Wire CRC that is not YES too). */
int nv_env_parse_milli(const char *text, long *milli);
int nv_env_parse_bit(const char *text, int *bit);
/* The GPIO lines of the two inputs, requested on first read and held
 * until released (by the thread that reads them). */
struct gpiod_chip;
struct gpiod_line;
struct nv_env_gpio {
	struct gpiod_chip *chip[2];
	struct gpiod_line *line[2];
};
/* Input k's line (in's chip and offset) into *bit (1: the contact is
 * closed, after active-low); 0, or -1 with errno (the line released). */
int nv_env_gpio_read(struct nv_env_gpio *g, const struct nv_env_input_cfg *in, int k,
    int *bit);
/* Release both lines and close their chips. */
void nv_env_gpio_release(struct nv_env_gpio *g);

/* Every file and GPIO line of cfg into *v's values (inputs after their
 * modes); 0, or -1 when one cannot be read or parsed. */
int nv_env_files_read(const struct nv_env_cfg *cfg, struct nv_env_gpio *g, struct nv_env *v);

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
