/*
 * sim.h — nvsim, the UPS / STS Modbus RTU simulator: shared types.
 *
 * A profile (sim_profiles.c) says which registers exist and what the
 * device is; the physics (sim_physics.c) turns a small device state into
 * register values every tick; the wire (sim_wire.c) answers Modbus RTU
 * frames on the pty; the control socket (sim_control.c) lets tests read,
 * pin and fault everything.  All state lives in struct sim_ctx.
 */
#ifndef NV_SIM_H
#define NV_SIM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define SIM_MAX_UNITS     10
#define SIM_NREGS         65536
#define SIM_MAX_CLIENTS   32
#define SIM_LINE_MAX      512
#define SIM_MAX_COUNTERS  128
#define SIM_MAX_WRITES    256
#define SIM_FRAME_MAX     256
#define SIM_NA            0xFFFF    /* "not managed" word */

enum sim_proto { SIM_JBUSP, SIM_VUMAP, SIM_STS, SIM_ENV };

struct sim_block {
	uint16_t addr;
	uint16_t words;
};

struct sim_profile {
	const char *name;
	const char *descr;
	enum sim_proto proto;
	int units;              /* default number of units (consecutive slave ids) */
	int max_units;
	int modules;            /* VU-MAP modular: modules inside the unit */
	int phases_in;
	int phases_out;
	uint16_t type_code;     /* JBUSP 0x1000, VU-MAP T015 */
	uint16_t install_code;  /* VU-MAP T001 */
	int kva;                /* nominal kVA of one unit */
	double pf;              /* output power factor */
	int t014;               /* VU-MAP measurement factor: 1 = values x10 */
	const char *serial;     /* serial number prefix; the unit number follows */
	const char *reference;  /* VU-MAP / STS reference text */
	int firmware;           /* x100 */
	int battery_ah;         /* nominal battery capacity, Ah */
	int battery_v;          /* nominal battery voltage of one string, V */
	uint64_t managed;       /* JBUSP: bit n = measurement Mn is managed */
};

/* A register name resolved: a word, or one bit of a word. */
struct sim_reg {
	uint16_t addr;
	int bit;                /* -1: whole word */
};

struct sim_unit {
	uint16_t val[SIM_NREGS];
	uint16_t pin[SIM_NREGS];    /* bits pinned by `set` */
};

/* battery near end of backup time, % (the low-battery alarm) */
#define SIM_LOW_CHARGE 20.0

/* The device as the physics sees it (system wide). */
struct sim_phys {
	bool mains_ok;          /* rectifier input / STS source 1 */
	bool bypass_ok;         /* bypass input / STS source 2 */
	bool on_bypass;         /* UPS: load on automatic bypass; STS: on alternate */
	bool overload;
	bool general_alarm;
	bool load_off;          /* battery exhausted: output off */
	bool discharged;
	double charge;          /* battery charge, % */
	double on_batt_s;       /* seconds on battery (simulated time) */
	/* delayed output off / restart ordered over the wire (sim_upsctl.c) */
	bool off_pending;       /* output goes off when off_in_s reaches 0 */
	double off_in_s;
	bool ctl_off;           /* output off by order */
	int restart_min;        /* 0: stay off */
	double mains_back_s;    /* mains present for this long since the off */
	/* one-word controls (sim_upsctl.c) */
	bool eco;               /* eco mode on */
	bool standby;           /* UPS on stand-by: output off */
	bool test_running;      /* battery test: runs test_left_s more */
	double test_left_s;
	bool test_failed;       /* the last battery test failed */
	bool sts_prefer_s2;     /* STS: S2 is the preferred source */
};

enum sim_fault {
	SIM_F_NO_RESPONSE = 0,
	SIM_F_BAD_CRC,
	SIM_F_GARBAGE,
	SIM_F_WRONG_SLAVE,
	SIM_F_EXCEPTION,
	SIM_F_COUNT
};

struct sim_counter {
	uint8_t fc;
	uint16_t addr;
	unsigned long n;
};

struct sim_client {
	int fd;
	size_t len;
	bool discarding;        /* an over-long line: skip to its end */
	char buf[SIM_LINE_MAX];
};

struct sim_wire {
	int master;             /* pty master fd */
	int slave_keep;         /* our own slave fd: keeps the master from HUP */
	uint8_t rx[SIM_FRAME_MAX * 2];
	size_t rxlen;
	struct timespec rx_start;   /* first byte of the current request */
	struct timespec rx_last;
	bool pending;           /* a reply waits for its deadline */
	struct timespec due;
	uint8_t tx[SIM_FRAME_MAX + 8];
	size_t txlen;
};

/* The environment sensor (profile env-sensor): the room as it is and
 * where a scenario takes it. */
struct sim_env {
	double temp, hum;       /* degC, %RH */
	double target;          /* the temperature ramps towards this */
	double rate;            /* degC per simulated second */
	double noise;           /* +/- this, drawn every tick */
	int noise_sign;
	bool in[2];             /* contact closed */
};

struct sim_ctx {
	const struct sim_profile *prof;
	int units;
	int slave;
	int baud;
	bool wire_timing;
	int turnaround_ms;
	double time_scale;
	double clock_s;         /* simulated seconds since start */
	struct sim_unit *unit[SIM_MAX_UNITS];
	struct sim_phys phys;
	struct sim_env env;
	int env_slave;          /* --env-slave: a sensor on the UPS's line, 0 none */
	struct sim_unit *env_unit;      /* its registers (env-sensor: unit[0]) */
	bool fault[SIM_F_COUNT];
	int slow_ms;
	uint32_t rng;
	struct sim_counter counters[SIM_MAX_COUNTERS];
	int ncounters;
	unsigned long bad_baud, bad_crc, other_slave, dropped;
	double test_s;          /* a battery test lasts this long (simulated s) */
	bool test_fails;        /* and ends failed */
	bool vumap_swapped;     /* VU-MAP: permissions at 0x00C9, commands 0x00C7 */
	bool refuse_commands;   /* answer command writes with an exception */
	long clock_skew_s;      /* the UPS clock minus the host's (--clock-skew) */
	char *writes[SIM_MAX_WRITES];
	int nwrites;
	struct sim_wire wire;
	int listen_fd;
	struct sim_client clients[SIM_MAX_CLIENTS];
	int nclients;
	const char *pty_link;
	const char *control_path;
};

/* sim_profiles.c: profiles and register maps, as data */
const struct sim_profile *sim_profile_find(const char *name);
const struct sim_profile *sim_profile_at(size_t i);
bool sim_readable(enum sim_proto, unsigned addr, unsigned count);
bool sim_writable(enum sim_proto, unsigned addr, unsigned count);
int sim_name_lookup(enum sim_proto, const char *name, struct sim_reg *out);
uint16_t sim_bit_word(uint16_t base, int n);
uint16_t sim_bit_mask(int n);
void sim_ascii_put(uint16_t *regs, size_t words, const char *s, bool lsb_first);
int sim_serial(const struct sim_profile *, int unit, char *buf, size_t len);

/* sim_regs.c: register store with pins */
struct sim_unit *sim_unit_new(void);
void sim_put(struct sim_unit *, uint16_t addr, uint16_t v);
void sim_put_bit(struct sim_unit *, uint16_t base, int n, bool on);
void sim_pin(struct sim_unit *, const struct sim_reg *, uint16_t v);
void sim_release(struct sim_unit *, const struct sim_reg *);
uint16_t sim_get(const struct sim_unit *, const struct sim_reg *);

/* sim_physics.c */
void sim_phys_init(struct sim_ctx *);
void sim_phys_step(struct sim_ctx *, double dt_s);
void sim_render(struct sim_ctx *);
/* the state of a healthy device: mains and bypass present, battery full */
void sim_phys_normal(struct sim_phys *);
double sim_runtime_min(double load_pct);

/* sim_scenario.c: 0, or -1 for a scenario the profile does not know */
int sim_scenario(struct sim_ctx *, const char *name);

/* sim_env.c: the environment sensor (SIM_ENV) */
void sim_env_init(struct sim_ctx *);
void sim_env_step(struct sim_ctx *, double dt_s);
void sim_env_render(struct sim_ctx *);
/* `set` / `get` of temperature, humidity, input1, input2, noise,
 * ramp-rate: 1 done (reply filled), 0 not one of these names */
int sim_env_set(struct sim_ctx *, const char *name, const char *value, char *reply, size_t cap);
int sim_env_get(struct sim_ctx *, const char *name, char *reply, size_t cap);
int sim_env_scenario(struct sim_ctx *, const char *name);
/* a sensor here: the env-sensor profile, or --env-slave beside a UPS */
bool sim_has_env(const struct sim_ctx *);

/* sim_synthesis.c: the units' synthesis a parallel system serves */
bool sim_is_parallel(const struct sim_ctx *);
void sim_synthesis(struct sim_ctx *);

/* sim_upsctl.c: the delayed off / restart block */
/* The UPS clock's words now (host local time + clock_skew_s); a write of
 * all four (VU-MAP 0x00CB, function 0x10) sets the skew. */
void sim_clock_words(const struct sim_ctx *, uint16_t out[4]);
const char *sim_clock_written(struct sim_ctx *, struct sim_unit *, unsigned addr,
    unsigned qty);
const char *sim_ctl_written(struct sim_ctx *, struct sim_unit *, unsigned addr,
    unsigned qty);
void sim_ctl_step(struct sim_ctx *, double dt_s);
/* a one-word write (function 0x06): what the device made of it, or NULL
 * when the register is no command word; *refuse set: answer exception 6 */
const char *sim_cmd_written(struct sim_ctx *, struct sim_unit *, unsigned addr,
    uint16_t value, bool *refuse);
void sim_test_step(struct sim_ctx *, double dt_s);

/* sim_wire.c */
int sim_wire_open(struct sim_ctx *, const char *link);
void sim_wire_close(struct sim_ctx *);
void sim_wire_input(struct sim_ctx *);
void sim_wire_flush_due(struct sim_ctx *);
int sim_wire_timeout_ms(const struct sim_ctx *);
size_t sim_handle_frame(struct sim_ctx *, const uint8_t *req, size_t len,
    uint8_t *reply, size_t cap);
uint16_t sim_crc16(const uint8_t *p, size_t n);
double sim_exchange_ms(int baud, size_t req, size_t reply, int turnaround_ms);
void sim_count(struct sim_ctx *, uint8_t fc, uint16_t addr);

/* sim_control.c */
int sim_control_open(struct sim_ctx *, const char *path);
void sim_control_close(struct sim_ctx *);
void sim_control_accept(struct sim_ctx *);
void sim_control_input(struct sim_ctx *, int idx);
void sim_command(struct sim_ctx *, char *line, char *reply, size_t cap);
int sim_ctl_main(int argc, char **argv);

#endif
