/*
 * ups_countdown.h — the UPS's one delayed off / restart order seen as the
 * countdowns of RFC 1628's upsControl group (upsShutdownAfterDelay,
 * upsStartupAfterDelay, upsRebootWithDuration, upsAutoRestart), and what
 * a SET of that group asks the UPS for.  Pure: the clock (monotonic
 * seconds) is handed in, nothing is sent from here (ups_control.c sends,
 * mib_controls.c answers the manager).  See nvagentd(8) for where the
 * RFC's semantics and the UPS's order differ.
 */
#ifndef NV_UPS_COUNTDOWN_H
#define NV_UPS_COUNTDOWN_H

#include <stdbool.h>
#include <stdint.h>

/* The order the UPS took last (an order not yet run out) and the
 * agent-side intents of the group. */
struct nv_countdown {
	bool order;             /* the UPS took an order that has not run out */
	double taken_at;        /* monotonic s when it answered */
	int delay_s;            /* output off this long after taken_at */
	int restart_min;        /* back on this long after the off, 0: stays off */
	bool reboot;            /* ordered by upsRebootWithDuration */
	bool startup;           /* upsStartupAfterDelay set while no order */
	double startup_at;      /* monotonic s it runs out */
	bool auto_restart;      /* upsAutoRestart: on (default) */
};

void nv_cd_init(struct nv_countdown *c);
/* The UPS took an order / a cancel. */
void nv_cd_taken(struct nv_countdown *c, double now, int delay_s, int restart_min,
    bool reboot);
void nv_cd_cancelled(struct nv_countdown *c);

/* Whole seconds to the output's off, its restart, the end of a reboot
 * (upsShutdownAfterDelay, upsStartupAfterDelay, upsRebootWithDuration as
 * read); -1 when no such countdown runs. */
int32_t nv_cd_off_in(const struct nv_countdown *c, double now);
int32_t nv_cd_start_in(const struct nv_countdown *c, double now);
int32_t nv_cd_reboot_in(const struct nv_countdown *c, double now);

/* The device's limits for an order (device.h caps). */
struct nv_cd_limits {
	int min_delay_s, max_delay_s, max_restart_min;
};

/* A SET of the group: each field NV_CD_UNSET when not in the request. */
#define NV_CD_UNSET INT64_MIN
struct nv_cd_set {
	int64_t type, shutdown, startup, reboot, auto_restart;
};

/* What the device is in now, as the plan needs it. */
struct nv_cd_device {
	bool output_off;        /* the load is not supplied */
	bool on_battery;        /* mains absent */
};

enum nv_cd_what { NV_CD_NOTHING, NV_CD_ORDER, NV_CD_CANCEL };
enum nv_cd_err { NV_CD_OK, NV_CD_WRONG_VALUE, NV_CD_INCONSISTENT };

struct nv_cd_plan {
	enum nv_cd_what what;           /* to send to the UPS */
	int delay_s, restart_min;       /* NV_CD_ORDER */
	bool reboot;
	int startup;                    /* 1 set startup_at, -1 clear, 0 keep */
	double startup_at;
	int auto_restart;               /* 1 on, 0 off, -1 keep */
};

void nv_cd_set_init(struct nv_cd_set *s);

/* What a SET asks for, or why it cannot be: NV_CD_WRONG_VALUE (the value
 * can never be taken) or NV_CD_INCONSISTENT (not now), reason in *why. */
enum nv_cd_err nv_cd_plan(const struct nv_countdown *c, double now,
    const struct nv_cd_limits *lim, const struct nv_cd_device *dev,
    const struct nv_cd_set *s, struct nv_cd_plan *p, const char **why);

/* The agent-side part of a plan (intents, upsAutoRestart), at commit. */
void nv_cd_apply(struct nv_countdown *c, const struct nv_cd_plan *p);

#endif
