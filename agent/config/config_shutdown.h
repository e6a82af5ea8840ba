/*
 * config_shutdown.h — the `shutdown { ... event NAME { ... } }` section of
 * nvagent.conf (libconfuse): the nvshutdown listener, the shared secret,
 * the UPS shut-off, and per shutdown event its action, warning period,
 * first warning and warning interval.  See nvagent.conf(5).
 */
#ifndef NV_CONFIG_SHUTDOWN_H
#define NV_CONFIG_SHUTDOWN_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct cfg_t cfg_t;
typedef struct cfg_opt_t cfg_opt_t;

/* The manual's shutdown events, in its order. */
enum nv_sd_event {
	NV_SDE_ON_BATTERY = 0,
	NV_SDE_BATTERY_LOW,
	NV_SDE_BATTERY_LEVEL,
	NV_SDE_IMMINENT_STOP,
	NV_SDE_OVERLOAD,
	NV_SDE_TEMPERATURE,
	NV_SDE_ON_BYPASS,
	NV_SDE_WEEKLY_SCHEDULE,
	NV_SDE_SPECIAL_DAY,
	/* the environment sensor's, when one is configured */
	NV_SDE_EMD_TEMPERATURE,         /* over the critical high set point */
	NV_SDE_EMD_HUMIDITY,
	NV_SDE_EMD_INPUT1,              /* contact in alarm */
	NV_SDE_EMD_INPUT2,
	NV_SDE_COUNT
};

enum nv_sd_action { NV_SDA_DISABLED = 0, NV_SDA_WARNING, NV_SDA_SHUTDOWN };

/* Several devices: an event holds when ANY of its devices meets the
 * condition, or only when ALL of them do (dual-corded servers). */
enum nv_sd_when { NV_SDW_ANY = 0, NV_SDW_ALL };

#define NV_SD_DEVICES_MAX 8             /* = NV_DEVICES_MAX (nvconfig.h) */
#define NV_SD_DEVICE_NAME_LEN 32        /* = NV_DEVICE_NAME_MAX */

struct nv_sd_event_cfg {
	enum nv_sd_action action;
	int warning_period_s;   /* "warning-period": minutes, or with s / m suffix */
	int first_warning_s;
	int warning_interval_s;
	int level;              /* battery-level: below this % */
	enum nv_sd_when when;
	/* "devices": the names as written (0 = every device), where they
	 * were written, and once the device list is known, the devices they
	 * name as bits of the agent's device indexes (0 = every device) */
	size_t ndevices;
	char devices[NV_SD_DEVICES_MAX][NV_SD_DEVICE_NAME_LEN];
	int devices_line;
	unsigned device_mask;
};

struct nv_shutdown_cfg {
	bool enabled;                   /* a shutdown section is present */
	char listen[64];                /* "0.0.0.0:4200" */
	char secret_file[PATH_MAX];
	bool ups_shutoff;
	int ups_shutoff_delay_s;
	int ups_restart_delay_min;      /* 0 = no restart */
	int max_client_duration_s;      /* the longest client shutdown-duration */
	int client_timeout_s;           /* no heartbeat for this long: lost */
	int test_cancel_after_s;        /* shutdown test: cancel after this */
	int max_clients;
	struct nv_sd_event_cfg ev[NV_SDE_COUNT];
};

const char *nv_sd_event_name(enum nv_sd_event e);
int nv_sd_event_parse(const char *name);        /* -1 when unknown */

/* "90" (in unit_s), "45s", "5m", "1h" into seconds; -1 when malformed. */
long nv_sd_parse_duration(const char *s, long unit_s);

void nv_shutdown_cfg_defaults(struct nv_shutdown_cfg *c);

#define NV_CONFIG_SHUTDOWN_NOPTS 1
cfg_opt_t *nv_config_shutdown_opts(void);
bool nv_config_shutdown_section(const char *name);

/* Read and check the parsed section into *c; -1 with "FILE:LINE: ..." */
int nv_config_shutdown_store(cfg_t *cfg, const char *path, struct nv_shutdown_cfg *c,
    char *err, size_t errlen);

/* Once the agent's devices are known (names[0..n-1], in their order):
 * every event's "devices" into device_mask; -1 with "FILE:LINE: ..." for
 * a name that is not one of them. */
int nv_config_shutdown_devices(struct nv_shutdown_cfg *c, const char *const *names,
    size_t n, const char *path, char *err, size_t errlen);

#endif
