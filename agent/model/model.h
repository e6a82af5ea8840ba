/*
 * model.h — the normalized device model: the one dictionary of what nvagent
 * knows about the UPS / STS.  Device profiles fill it from registers; MIB
 * modules, the event engine, logs and nvctl read it and nothing else.
 *
 * Units are the SOCOMEC MIB's: 0.1 V, 0.1 A, 0.1 Hz, 0.1 kVA, 0.1 kW,
 * 0.1 degC, %, minutes, seconds.  Every measurement a device does not
 * manage, or that is not known now (communication lost), is NV_NA.
 */
#ifndef NV_MODEL_H
#define NV_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define NV_NA (-1)              /* not managed / not known: MIBs read -1 */

#define NV_MAX_PHASES   3
#define NV_MAX_UNITS    10      /* parallel: JBUSP 6, VU-MAP 10; modular system 4 */
#define NV_MAX_MODULES  24      /* modular unit 8; modular system 24 */
#define NV_RAW_WORDS    8       /* status / alarm words kept raw (VU-MAP: 8) */

enum nv_kind { NV_KIND_NONE = 0, NV_KIND_UPS, NV_KIND_STS };

enum nv_protocol {
	NV_PROTO_NONE = 0,
	NV_PROTO_JBUSP,         /* 0x1000 identity, 0x1020 status ... */
	NV_PROTO_VUMAP,         /* 0x0001 config, 0x0030 status ... */
	NV_PROTO_STS,           /* 0x0100 reference, 0x0140 status ... */
};

enum nv_topology {
	NV_TOPO_SINGLE = 0,
	NV_TOPO_MODULAR,        /* one unit made of modules (up to 8) */
	NV_TOPO_PARALLEL,       /* several units in parallel */
	NV_TOPO_MODULAR_SYSTEM, /* parallel modular units (4 units, 24 modules) */
};

enum nv_comm {
	NV_COMM_DETECTING = 0,  /* never talked to the device yet */
	NV_COMM_OK,
	NV_COMM_LOST,           /* comm-loss-after cycles failed; data is NV_NA */
};

/*
 * Normalized conditions.  A profile evaluates each from its status / alarm
 * bits (a table per protocol, e.g. JBUSP S04&!S07, VU-MAP S002&!S006); the
 * MIB modules and the event engine map them to well-known alarms and traps.
 * A condition a protocol does not provide is simply never set.
 */
enum nv_cond {
	/* UPS operating state */
	NV_C_INPUT_PRESENT = 0,     /* rectifier input supply present */
	NV_C_RECTIFIER_ON,
	NV_C_INVERTER_ON,
	NV_C_ON_INVERTER,           /* load protected by inverter */
	NV_C_ON_BYPASS,             /* load on automatic bypass (not eco) */
	NV_C_ON_MAINT_BYPASS,       /* load on maintenance bypass */
	NV_C_LOAD_OFF,              /* output off (load not supplied) */
	NV_C_SYSTEM_OFF,            /* rectifier and inverter off */
	NV_C_ECO_MODE,
	NV_C_STANDBY,
	NV_C_ON_BATTERY,
	NV_C_BATTERY_LOW,           /* near end of backup time */
	NV_C_BATTERY_DISCHARGED,
	NV_C_BATTERY_CHARGING,
	NV_C_BATTERY_OK,
	NV_C_BATTERY_TEST_RUNNING,
	NV_C_BATTERY_TEST_FAILED,
	NV_C_BYPASS_PRESENT,        /* bypass input supply present */
	NV_C_REMOTE_CONTROL_OFF,    /* remote controls disabled on the UPS */
	NV_C_AUTOTEST_RUNNING,
	NV_C_PARALLEL,              /* unit is part of a parallel system */
	/* UPS alarms */
	NV_C_IMMINENT_STOP,
	NV_C_OVERLOAD,
	NV_C_TEMPERATURE,
	NV_C_TRANSFER_LOCKED,
	NV_C_TRANSFER_IMPOSSIBLE,
	NV_C_INSUFFICIENT_RESOURCES,
	NV_C_REDUNDANCY_LOST,
	NV_C_OUTPUT_SHORT_CIRCUIT,
	NV_C_MAINTENANCE,
	NV_C_REMOTE_SERVICE,
	NV_C_GENERAL_ALARM,
	NV_C_BATTERY_CIRCUIT_OPEN,
	NV_C_BATTERY_TEMPERATURE,
	NV_C_BATTERY_ROOM,
	NV_C_BATTERY_FAULT,
	NV_C_RECTIFIER_FAULT,       /* critical */
	NV_C_RECTIFIER_ALARM,       /* preventive */
	NV_C_INPUT_BAD,             /* rectifier input out of tolerance */
	NV_C_GENSET_ALARM,
	NV_C_CHARGER_FAULT,
	NV_C_CHARGER_ALARM,
	NV_C_INVERTER_FAULT,
	NV_C_INVERTER_ALARM,
	NV_C_BYPASS_FAULT,
	NV_C_BYPASS_ALARM,
	NV_C_BYPASS_INPUT_BAD,
	NV_C_PHASE_ROTATION,
	NV_C_FAN_FAILURE,
	NV_C_MAINT_BYPASS_ALARM,
	NV_C_POWER_OFF_ACTIVE,      /* ESD / UPS power off */
	NV_C_WRONG_CONFIG,
	NV_C_INTERNAL_FAILURE,
	NV_C_OPTION_BOARD,
	NV_C_EXTERNAL_ALARM1,
	NV_C_EXTERNAL_ALARM2,
	NV_C_EXTERNAL_ALARM3,
	NV_C_EXTERNAL_ALARM4,
	NV_C_UNIT_ALARM1,           /* unit / module N general alarm, N = 1..12 */
	NV_C_UNIT_ALARM12 = NV_C_UNIT_ALARM1 + 11,
	/* STS state */
	NV_C_STS_S1_OK,
	NV_C_STS_S1_CRITICAL,
	NV_C_STS_S1_OUT_OF_TOL,
	NV_C_STS_S1_ABSENT,
	NV_C_STS_S2_OK,
	NV_C_STS_S2_CRITICAL,
	NV_C_STS_S2_OUT_OF_TOL,
	NV_C_STS_S2_ABSENT,
	NV_C_STS_S1_PREFERRED,
	NV_C_STS_SYNCHRO,           /* sources permanently synchronised */
	NV_C_STS_SLIDING,
	NV_C_STS_ASYNCHRO,          /* sources permanently not synchronised */
	NV_C_STS_ON_PREFERRED,
	NV_C_STS_ON_ALTERNATE,
	NV_C_STS_LOAD_OFF,          /* load not supplied */
	NV_C_STS_ON_MBP1,
	NV_C_STS_ON_MBP2,
	NV_C_STS_ON_S1,
	NV_C_STS_ON_S2,
	NV_C_STS_OUTPUT_OK,
	NV_C_STS_OUTPUT_OUT_OF_TOL,
	NV_C_STS_OUTPUT_ABSENT,
	NV_C_STS_REMOTE_ENABLED,
	/* STS alarms */
	NV_C_STS_IMMINENT_STOP,
	NV_C_STS_OUTPUT_SHORT,
	NV_C_STS_MANUAL_BYPASS,
	NV_C_STS_OVERLOAD,
	NV_C_STS_CONSECUTIVE_DETECTIONS,
	NV_C_STS_SWITCHBACK_IMPOSSIBLE,
	NV_C_STS_TRANSFER_IMPOSSIBLE,
	NV_C_STS_PATH1_ALARM,       /* power path 1 deteriorated / short / failure */
	NV_C_STS_PATH2_ALARM,
	NV_C_STS_BACKFEED,
	NV_C_STS_TEMPERATURE,
	NV_C_STS_PREVENTIVE,
	NV_C_STS_WRONG_CONFIG,
	NV_C_STS_CUSTOM_INPUT,
	NV_C_STS_MAINTENANCE,
	NV_C_STS_GENERAL_ALARM,
	/* environment sensor (the EMD): thresholds with hysteresis (each
	 * holds while the value is past its set point), inputs in alarm,
	 * the sensor not answering.  Read whatever the UPS does. */
	NV_C_EMD_TEMP_CRIT_LOW,
	NV_C_EMD_TEMP_WARN_LOW,
	NV_C_EMD_TEMP_WARN_HIGH,
	NV_C_EMD_TEMP_CRIT_HIGH,
	NV_C_EMD_HUM_CRIT_LOW,
	NV_C_EMD_HUM_WARN_LOW,
	NV_C_EMD_HUM_WARN_HIGH,
	NV_C_EMD_HUM_CRIT_HIGH,
	NV_C_EMD_INPUT1,
	NV_C_EMD_INPUT2,
	NV_C_EMD_COMM_LOST,
	NV_C_COUNT
};
#define NV_C_EMD_FIRST NV_C_EMD_TEMP_CRIT_LOW
#define NV_C_EMD_LAST  NV_C_EMD_COMM_LOST

#define NV_COND_WORDS ((NV_C_COUNT + 63) / 64)

/* UPS measurements of one unit, or of the whole system. */
struct nv_ups_meas {
	int32_t in_freq;                        /* 0.1 Hz */
	int32_t in_voltage[NV_MAX_PHASES];      /* 0.1 V phase-neutral */
	int32_t in_current[NV_MAX_PHASES];      /* 0.1 A */
	int32_t byp_freq;                       /* 0.1 Hz */
	int32_t byp_voltage[NV_MAX_PHASES];     /* 0.1 V */
	int32_t byp_current[NV_MAX_PHASES];     /* 0.1 A */
	int32_t out_freq;                       /* 0.1 Hz */
	int32_t out_voltage[NV_MAX_PHASES];     /* 0.1 V */
	int32_t out_current[NV_MAX_PHASES];     /* 0.1 A */
	int32_t out_load[NV_MAX_PHASES];        /* % of the phase's capacity */
	int32_t out_kva[NV_MAX_PHASES];         /* 0.1 kVA */
	int32_t out_kw[NV_MAX_PHASES];          /* 0.1 kW */
	int32_t out_kva_total;                  /* 0.1 kVA */
	int32_t out_kw_total;                   /* 0.1 kW */
	int32_t out_load_total;                 /* % */
	int32_t batt_voltage;                   /* 0.1 V */
	int32_t batt_current;                   /* 0.1 A, signed (discharge < 0 or as the device says) */
	int32_t batt_charge;                    /* % */
	int32_t batt_ah;                        /* 0.1 Ah remaining capacity */
	int32_t batt_minutes;                   /* estimated minutes remaining */
	int32_t batt_seconds_on;                /* s on battery, 0 when not on battery */
	int32_t batt_temp;                      /* 0.1 degC */
	int32_t ambient_temp;                   /* 0.1 degC */
};

/* STS measurements (one device). */
struct nv_sts_meas {
	int32_t src_voltage[2][NV_MAX_PHASES];  /* 0.1 V, source 1 / 2, L-N */
	int32_t src_freq[2];                    /* 0.1 Hz */
	int32_t switch_temp[2];                 /* 0.1 degC, SS1 / SS2 */
	int32_t out_voltage[NV_MAX_PHASES];     /* 0.1 V */
	int32_t out_current[NV_MAX_PHASES];     /* 0.1 A */
	int32_t out_current_n;                  /* 0.1 A neutral */
	int32_t out_freq;                       /* 0.1 Hz */
	int32_t out_load[NV_MAX_PHASES];        /* % */
	int32_t out_load_total;                 /* % */
	int32_t out_kva[NV_MAX_PHASES];         /* 0.1 kVA */
	int32_t out_kw[NV_MAX_PHASES];          /* 0.1 kW */
	int32_t out_kw_total;                   /* 0.1 kW */
	int32_t out_pf[NV_MAX_PHASES];          /* 0.01 */
	int32_t out_crest[NV_MAX_PHASES];       /* 0.1 */
	int32_t phase_shift;                    /* degrees between S1 and S2 */
	int32_t ambient_temp;                   /* 0.1 degC */
};

/* Everything known of one unit (or of the system as a whole). */
struct nv_unit {
	bool present;
	uint64_t cond[NV_COND_WORDS];           /* bitset of enum nv_cond */
	struct nv_ups_meas ups;                 /* valid when kind == UPS */
	struct nv_sts_meas sts;                 /* valid when kind == STS */
	uint16_t status_raw[NV_RAW_WORDS];      /* as read, for event logs */
	uint16_t alarm_raw[NV_RAW_WORDS];
	uint8_t n_status_words, n_alarm_words;
};

struct nv_module {
	bool present, operating, available, general_alarm, imminent_stop;
};

struct nv_identity {
	char model[32];                         /* range name, e.g. "MASTERYS 3/3 UPS" */
	char serial[24];
	char reference[24];                     /* VU-MAP / STS reference text */
	char firmware[16];                      /* com. board firmware, "1.00" */
	int type_code;                          /* JBUSP 0x1000 or VU-MAP 0x000F code */
	int nominal_kva;                        /* 0.1 kVA, whole system */
	int nominal_kw;                         /* 0.1 kW or NV_NA */
	int unit_kva;                           /* 0.1 kVA of one unit */
	int phases_in, phases_out;              /* 1 or 3 */
	int nominal_vin, nominal_vout;          /* V or NV_NA */
	int nominal_fin, nominal_fout;          /* Hz or NV_NA */
	int battery_ah;                         /* 0.1 Ah nominal or NV_NA */
};

/* Serial-line statistics, for nvctl and benchmarks. */
struct nv_poll_stats {
	uint64_t requests, errors, timeouts, crc_errors, exceptions;
	uint64_t cycles;                        /* complete status+alarm reads */
	double last_cycle_ms;                   /* wall time of the last full read */
	double full_read_ms;                    /* every block of unit 1 once (nvctl fills it in) */
	double oldest_meas_s;                   /* CLOCK_MONOTONIC s of the oldest measurement read, 0: none */
};

/* emdStatusIn1Active / In2Active values; NV_NA while nothing is known. */
enum nv_env_input { NV_ENV_IN_DISABLED = 1, NV_ENV_IN_INACTIVE, NV_ENV_IN_ACTIVE };

/*
 * The environment sensor (the card's EMD), as read: the sensor's own
 * poller (device/env_sensor.h) fills it, the main loop copies it into
 * every snapshot it hands on.  Values are after the calibration offset;
 * NV_NA when no sensor is configured or it does not answer.
 */
struct nv_env {
	bool configured;                        /* an environment { } section */
	enum nv_comm comm;
	int32_t temp;                           /* 0.1 degC */
	int32_t hum;                            /* 0.1 %RH */
	int32_t input[2];                       /* enum nv_env_input or NV_NA */
	uint64_t cond[NV_COND_WORDS];           /* NV_C_EMD_* only */
	uint64_t seq;                           /* bumps on every reading */
	struct nv_poll_stats stats;
};

/*
 * One snapshot: the device state after a poll cycle.  The poller builds
 * it; the main thread takes a copy and everything else reads that copy.
 */
struct nv_snapshot {
	uint64_t seq;                           /* bumps on every published snapshot */
	struct timespec taken;                  /* CLOCK_MONOTONIC when completed */
	time_t wallclock;                       /* time(NULL) when completed */
	struct timespec comm_since;             /* CLOCK_MONOTONIC of the last comm change */
	enum nv_comm comm;
	enum nv_kind kind;
	enum nv_protocol proto;
	int baud;                               /* line speed found (0 = none) */
	struct nv_identity id;
	enum nv_topology topo;
	int n_units;                            /* 1 for a single unit */
	int n_modules;                          /* 0 when not modular */
	struct nv_unit sys;                     /* system view (MIBs by default) */
	struct nv_unit unit[NV_MAX_UNITS];      /* unit N is unit[N-1] */
	struct nv_module module[NV_MAX_MODULES];
	struct nv_poll_stats stats;
	/* the UPS's clock minus the host's, in s (read at detection, every 10
	 * min and after a clock sync); clock_known false: no clock register
	 * or not readable */
	bool clock_known;
	int32_t clock_drift_s;
	struct nv_env env;                      /* the room, merged by the main loop */
};

/* Bit b of a bitset of 64-bit words (conditions and the like). */
static inline bool nv_bit_get(const uint64_t *w, unsigned b)
{
	return (w[b / 64] >> (b % 64)) & 1u;
}

static inline void nv_bit_put(uint64_t *w, unsigned b, bool on)
{
	uint64_t bit = (uint64_t)1 << (b % 64);

	if (on)
		w[b / 64] |= bit;
	else
		w[b / 64] &= ~bit;
}

static inline bool nv_cond_get(const struct nv_unit *u, enum nv_cond c)
{
	return nv_bit_get(u->cond, c);
}

static inline void nv_cond_set(struct nv_unit *u, enum nv_cond c, bool on)
{
	nv_bit_put(u->cond, c, on);
}

/* model.c */
void nv_unit_clear(struct nv_unit *u);           /* all NV_NA, no conditions */
void nv_snapshot_init(struct nv_snapshot *s);    /* nothing known yet */
void nv_snapshot_invalidate(struct nv_snapshot *s); /* comm lost: data to NV_NA */
void nv_env_init(struct nv_env *e, bool configured); /* nothing known yet */
/* Hand the sensor's reading on in s: s->env and its NV_C_EMD_* bits in s->sys. */
void nv_snapshot_merge_env(struct nv_snapshot *s, const struct nv_env *e);
static inline bool nv_cond_is_env(int c) { return c >= NV_C_EMD_FIRST && c <= NV_C_EMD_LAST; }
const struct nv_unit *nv_snapshot_view(const struct nv_snapshot *s, int data_unit);
const char *nv_cond_name(enum nv_cond c);        /* "on-battery" ... */

/* How serious an event is (event logs, agent log). */
enum nv_ev_level { NV_EV_INFO = 0, NV_EV_WARNING, NV_EV_CRITICAL };

/* The manual's description of a condition ("Operating on battery") and
 * its level when set; NULL text for a condition that is not logged. */
const char *nv_cond_event_text(enum nv_cond c, char *buf, size_t len);
enum nv_ev_level nv_cond_event_level(enum nv_cond c);
const char *nv_protocol_name(enum nv_protocol p);
const char *nv_topology_name(enum nv_topology t);
const char *nv_comm_name(enum nv_comm c);

#endif
