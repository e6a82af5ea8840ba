/*
 * profile.h — device profiles: what registers a protocol has and how they
 * decode into the normalized model.  A profile is data (register blocks,
 * a measurement table, a condition table) plus two small hooks (identity,
 * topology).  The poller walks the blocks and calls the decoders; it never
 * asks which protocol it is talking to.  Only the poller and the profiles
 * include this header.
 */
#ifndef NV_PROFILE_H
#define NV_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "model.h"

#define NV_PROFILE_MAX_BLOCKS   8
#define NV_PROFILE_MAX_WORDS    80      /* longest block: VU-MAP 0x0040 x 80 */

enum nv_block_class {
	NV_BLK_IDENTITY,        /* read at detection and every ~10 min */
	NV_BLK_CONFIG,          /* same, nominal values and settings */
	NV_BLK_STATUS,          /* fast lane */
	NV_BLK_ALARM,           /* fast lane */
	NV_BLK_MEAS,            /* every poll.interval_s */
};

struct nv_block {
	uint16_t addr;
	uint16_t count;
	enum nv_block_class cls;
};

/* Raw registers of one unit, one row per profile block. */
struct nv_regs {
	uint16_t w[NV_PROFILE_MAX_BLOCKS][NV_PROFILE_MAX_WORDS];
	bool have[NV_PROFILE_MAX_BLOCKS];
};

/*
 * One measurement: register word -> int32_t field of struct nv_unit.
 * The value read is multiplied by scale[d], d being the profile's
 * "decimals" flag (VU-MAP T014; always 0 elsewhere), to reach the model's
 * unit.  0xFFFF (also -1 for a signed word) means "not managed": NV_NA.
 */
struct nv_meas_map {
	uint16_t field;         /* offsetof(struct nv_unit, ...) of an int32_t */
	uint8_t block;          /* index in nv_profile.blocks */
	uint8_t word;
	uint8_t scale[2];
	bool is_signed;
};

#define NV_MEAS(fld, blk, wd, s0, s1) \
	{ offsetof(struct nv_unit, fld), (blk), (wd), { (s0), (s1) }, false }
#define NV_MEAS_SIGNED(fld, blk, wd, s0, s1) \
	{ offsetof(struct nv_unit, fld), (blk), (wd), { (s0), (s1) }, true }

/* A literal of a condition: status or alarm bit N (word N/16, bit N%16). */
enum nv_bit_src { NV_SRC_END = 0, NV_SRC_STATUS, NV_SRC_ALARM };

struct nv_lit {
	uint8_t src;            /* enum nv_bit_src */
	uint8_t neg;            /* 1: the bit must be clear */
	uint16_t bit;
};

#define NV_COND_MAX_LITS 3

/*
 * A condition rule: cond holds when every literal holds (AND).  Several
 * rules for the same condition are ORed, so "S16 or A49" is two rules and
 * "S04 and not S07" is one rule with two literals.
 */
struct nv_cond_rule {
	uint16_t cond;          /* enum nv_cond */
	struct nv_lit lit[NV_COND_MAX_LITS];
};

#define NV_S(n)  { NV_SRC_STATUS, 0, (n) }
#define NV_NS(n) { NV_SRC_STATUS, 1, (n) }
#define NV_A(n)  { NV_SRC_ALARM, 0, (n) }

/* What the topology hook finds in unit 1's registers. */
struct nv_topo_info {
	enum nv_topology topo;
	int n_units;            /* 1 .. NV_MAX_UNITS */
	uint32_t unit_mask;     /* bit k: unit k+1 present */
	int n_modules;          /* 0 when not modular */
	uint32_t module_mask;   /* bit k: module k+1 present */
};

/*
 * Where a device takes its controls (ups_control/ups_control.c, executed by the
 * poller).  Addresses are data, overridable by the config's controls
 * section; 0 means "this device has no such thing".  See nvagent.conf(5).
 */
/*
 * One one-word control: function 0x06 to the command word (index 0 or 1
 * from the command address), either the value itself (JBUSP: the control's
 * number) or one bit set (VU-MAP, STS).  Its permission bit counts across
 * the permission words (bit 16 = word 1, bit 0); the effect is the status
 * bit that should read effect_on once the device has done it (-1: none
 * documented).
 */
enum nv_ctl_write { NV_CTL_VALUE = 1, NV_CTL_BIT };

struct nv_ctl_action {
	uint8_t kind;                   /* enum nv_cmd_kind */
	uint8_t how;                    /* enum nv_ctl_write */
	uint8_t word;                   /* command word: command_addr + word */
	uint16_t value;                 /* NV_CTL_VALUE: the value; NV_CTL_BIT: the bit */
	int8_t perm_bit;                /* -1: no permission bit */
	uint16_t effect_addr;           /* status word read back */
	int8_t effect_bit;              /* -1: no documented effect */
	uint8_t effect_on;
};

struct nv_control_map {
	uint16_t perm_addr;             /* permission words, read with 0x03 */
	uint8_t perm_words;             /* 1 .. NV_CTL_MAX_PERM_WORDS */
	uint8_t perm_remote_words;      /* bit k: word k may hold the remote bit */
	int8_t perm_remote_bit;         /* "remote control enabled", -1: none */
	uint16_t command_addr;          /* command word (0x06), for reference */
	uint16_t shutoff_addr;          /* delayed off / restart block (0x10) */
	uint16_t type_restart;          /* schedule type: off, then restart */
	uint16_t type_stay_off;         /* schedule type: off, no restart */
	uint16_t type_cancel;           /* schedule type: cancel a pending one */
	uint16_t min_delay_s, max_delay_s, max_restart_min;
	/* Status bit of "remote control": the UPS refuses every control while
	 * it reads remote_refused (JBUSP S06 = 1, STS S45 = 0); addr 0 none. */
	uint16_t remote_status_addr;
	int8_t remote_status_bit;
	uint8_t remote_refused;
	/* VU-MAP: permissions and commands share 0x00C7..0x00CA and the
	 * manual's chapters swap them; true = the pair without the remote
	 * bit takes the commands (see poller_control.c). */
	bool command_pair_follows_perm;
	/* The UPS clock's four words (private/ups_clock.h), 0: none; written
	 * with one function-0x10 request when clock_writable. */
	uint16_t clock_addr;
	bool clock_writable;
	const struct nv_ctl_action *actions;
	int n_actions;
};

#define NV_CTL_MAX_PERM_WORDS   4
#define NV_SHUTOFF_WORDS        5       /* delay hi, lo, restart hi, lo, type */

/* A name for a numeric type code, for codes lo..hi. */
struct nv_range_name {
	int lo, hi;
	const char *name;
	int phases_in, phases_out;      /* 0: not told by the name */
};

struct nv_poll_plan;     /* poll_plan.h: the schedule, data beside the blocks */

struct nv_profile {
	const char *name;
	enum nv_kind kind;
	enum nv_protocol proto;
	const struct nv_block *blocks;
	int n_blocks;
	int probe_block;        /* block read to recognise the protocol */
	int decimals_block;     /* block and word of the "x10" flag, -1: none */
	int decimals_word;
	const struct nv_meas_map *meas;
	int n_meas;
	const struct nv_cond_rule *conds;
	int n_conds;
	/* per-module status / alarm bits of a modular unit (first module), -1 none */
	int mod_operating_bit, mod_available_bit, mod_alarm_bit, mod_stop_bit;
	/* Fill identity fields from unit 1's registers (blocks read so far). */
	void (*identity)(const struct nv_regs *r, struct nv_identity *id);
	/* Topology from unit 1's registers. */
	void (*topology)(const struct nv_regs *r, struct nv_topo_info *t);
	/* Control registers (ups_control.c); NULL: no controls at all. */
	const struct nv_control_map *controls;
	/* The poll schedule's data; NULL: every unit each pass, whole blocks. */
	const struct nv_poll_plan *plan;
};

extern const struct nv_profile nv_profile_jbusp;
extern const struct nv_profile nv_profile_vumap;
extern const struct nv_profile nv_profile_sts;

/* Detection order. */
extern const struct nv_profile *const nv_profiles[];
extern const int nv_n_profiles;

/* profile.c — generic decoders over the tables */
int nv_profile_decimals(const struct nv_profile *p, const struct nv_regs *r);
void nv_profile_decode_meas(const struct nv_profile *p, const struct nv_regs *r,
    int block, struct nv_unit *u);
void nv_profile_decode_status(const struct nv_profile *p, const struct nv_regs *r,
    struct nv_unit *u);
void nv_profile_decode_modules(const struct nv_profile *p, const struct nv_regs *r,
    int n_modules, struct nv_module *mods);
int nv_profile_block_index(const struct nv_profile *p, enum nv_block_class cls);

/* Helpers for the identity hooks. */
void nv_regs_ascii(const uint16_t *w, int nwords, bool low_byte_first,
    char *dst, size_t dstlen);
const struct nv_range_name *nv_range_lookup(const struct nv_range_name *t,
    size_t n, int code);
int nv_word_or_na(uint16_t w, int scale);

/* aggregate.c — the system view from the units; see the rules there. */
void nv_aggregate(struct nv_snapshot *s);

#endif
