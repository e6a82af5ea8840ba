/*
 * config_environment.h — the `environment { ... }` section of nvagent.conf:
 * the environment sensor (the card's EMD) — its line, its register map
 * (a shipped profile or `custom`), the poll rhythm, the temperature and
 * humidity offsets and set points, the two dry-contact inputs.  Off
 * unless the section is present.  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_ENVIRONMENT_H
#define NV_CONFIG_ENVIRONMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "config_serial.h"

typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

/* Where one value sits in the sensor: Modbus function 1 (coil), 2
 * (discrete input), 3 (holding) or 4 (input register), its 0-based
 * address, the size of one count in 0.01 units (10: x0.1) and whether
 * the word is signed.  function 0: the sensor has no such value. */
struct nv_env_point {
	int function;
	int address;
	int scale_centi;
	bool is_signed;
};

enum nv_env_pt { NV_ENV_PT_TEMP = 0, NV_ENV_PT_HUM, NV_ENV_PT_IN1, NV_ENV_PT_IN2,
	NV_ENV_PT_COUNT };

/* One measurement's thresholds, in 0.1 degC or 0.1 %RH. */
struct nv_env_limits {
	int offset;             /* calibration offset, added to the reading */
	int crit_high, warn_high, warn_low, crit_low;
	int hysteresis;         /* a set point clears this far back inside */
};

enum nv_env_in_mode { NV_ENV_IN_NORMALLY_OPEN = 0, NV_ENV_IN_NORMALLY_CLOSED,
	NV_ENV_IN_OFF };

struct nv_env_input_cfg {
	enum nv_env_in_mode mode;       /* contact closed = alarm when normally open */
	char name[32];
	/* profile sysfs: a GPIO line (libgpiod) instead of a file; "" = none */
	char gpio_chip[64];             /* gpiochip0, /dev/gpiochip0, a label or a number */
	int gpio_offset;                /* the line's offset on that chip */
	bool active_low;                /* the contact is closed when the line is low */
};

struct nv_env_cfg {
	bool enabled;                   /* the section is present */
	bool shared;                    /* on the UPS's line (same device) */
	struct nv_serial_cfg serial;    /* device, baud (0: 9600), slave, timeout */
	char profile[32];
	struct nv_env_point map[NV_ENV_PT_COUNT];   /* the profile's, or custom */
	/* profile sysfs: files instead of a Modbus line ("" = no such value) */
	bool from_files;
	char file[NV_ENV_PT_COUNT][256];
	int poll_interval_s;
	int comm_loss_after;            /* failed reads before "not answering" */
	char name[64];                  /* location name of the sensor */
	struct nv_env_limits temp, hum;
	struct nv_env_input_cfg input[2];
};

void nv_env_cfg_defaults(struct nv_env_cfg *c);

/* The sensor has point pt (a register, a bit or a file). */
bool nv_env_has_point(const struct nv_env_cfg *c, enum nv_env_pt pt);

#define NV_CONFIG_ENV_NOPTS 1
cfg_opt_t *nv_config_env_opts(void);
bool nv_config_env_section(const char *name);
/* Check each value as it is parsed, with its line; at is the section's
 * path: "environment", or "device|environment" in a device section. */
void nv_config_env_validators(cfg_t *cfg, const char *at);

/* Read and check the parsed section into *c; ups_line is the UPS's
 * serial device (the same device: the sensor shares that line).
 * -1 with "FILE:LINE: ..." in err. */
int nv_config_env_store(cfg_t *cfg, const char *path, const struct nv_serial_cfg *ups_line,
    struct nv_env_cfg *c, char *err, size_t errlen);

#endif
