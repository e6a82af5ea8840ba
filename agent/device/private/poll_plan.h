/*
 * poll_plan.h — the poll schedule: what a protocol offers to watch a
 * whole system cheaply (struct nv_poll_plan, data beside the profile's
 * blocks) and the scheduler that decides the next read from it (pure:
 * the clock and the reads' outcomes are given to it, so that unit tests
 * drive it with a fake clock and a fake link).
 *
 * A pass is a head, then at most one tail read:
 *   head  with a synthesis (a parallel system whose unit 1 tells, in its
 *         status / alarm words, which unit is in alarm, stopped,
 *         operating): unit 1's status and alarm words only.  Without
 *         one (single unit, modular system, STS): every unit's.
 *   tail  a unit whose synthesis bits changed, at once; else, in turn,
 *         the next read of the slow lane (measurements every poll
 *         interval, identity every IDENT_REFRESH_S, the permission words
 *         and, with a synthesis, every other unit's status and alarms);
 *         else the next unit of a round robin (synthesis only).
 * So an alarm anywhere waits at most one tail read, one head and one unit
 * read, whatever the number of units.
 */
#ifndef NV_POLL_PLAN_H
#define NV_POLL_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "profile.h"

/* "unit k" in the synthesis: bit first + k of unit 1's status or alarm words */
struct nv_synth_row {
	uint8_t src;            /* enum nv_bit_src; NV_SRC_END ends the list */
	uint16_t first;         /* bit of unit 1 */
};

#define NV_SYNTH_MAX_ROWS 4

/* Systems of up to max_units units read the slow lane in pieces of at most words. */
struct nv_piece_rule {
	uint8_t max_units;      /* 0 ends the list */
	uint8_t words;
};

#define NV_PIECE_MAX_RULES 4

struct nv_poll_plan {
	struct nv_synth_row synth[NV_SYNTH_MAX_ROWS];
	int synth_units;        /* units the synthesis covers */
	/* status and alarm blocks are adjacent: one request reads both */
	bool status_alarm_together;
	/* longest slow-lane read by number of units: a block is cut into
	 * equal pieces no longer than this.  Short pieces keep an alarm's
	 * wait short, long ones save a request each; the profiles give the
	 * arithmetic that makes both alarm latency and freshness hold. */
	struct nv_piece_rule pieces[NV_PIECE_MAX_RULES];
};

enum nv_step_kind {
	NV_STEP_HEAD,           /* unit's status + alarm, part of the head */
	NV_STEP_UNIT,           /* unit's status + alarm, as the tail */
	NV_STEP_UNIT_ALARMS,    /* unit's alarm block alone: only its alarm synthesis changed */
	NV_STEP_PIECE,          /* words first .. first + count - 1 of block */
	NV_STEP_REMOTE,         /* the permission words */
	NV_STEP_WAIT,           /* nothing due: the pass is over */
};

struct nv_step {
	enum nv_step_kind kind;
	int unit;               /* 0-based */
	int block, first, count;
};

struct nv_sched_job {
	uint8_t unit, block;
	uint16_t first, count;  /* block == NV_SCHED_REMOTE: permission words */
};

#define NV_SCHED_REMOTE 0xFF
#define NV_SCHED_UNIT   0xFE    /* a unit's status + alarm, in the slow set */
#define NV_SCHED_MAX_JOBS (NV_MAX_UNITS * NV_PROFILE_MAX_BLOCKS * 8 + 1)

struct nv_sched {
	const struct nv_profile *prof;
	int n_units;
	uint32_t present;       /* bit k: unit k is polled */
	bool use_synth;         /* head = unit 1 only */
	double interval_s, ident_s;
	/* the pass under way */
	int head_next;          /* next unit of the head, n_units: head done */
	bool tail_done;
	uint32_t urgent;        /* units whose synthesis bits changed */
	uint32_t urgent_status; /* ... among them, in the status synthesis */
	int piece_words;        /* from the plan's rules for n_units */
	int rr;                 /* next unit of the round robin */
	uint16_t synth_seen[NV_SYNTH_MAX_ROWS]; /* per row, bit k: unit k */
	bool synth_known;
	/* the slow lane */
	struct nv_sched_job jobs[NV_SCHED_MAX_JOBS];
	int n_jobs, job;
	double set_started, meas_due, ident_due;
	double piece_at;        /* when the first piece of the current block was read */
	bool piece_failed;
	bool skip[NV_PROFILE_MAX_BLOCKS];
	/* freshness: when each unit's measurement block was last read whole
	 * (the time of its first piece, the oldest word in it) */
	double meas_at[NV_MAX_UNITS][NV_PROFILE_MAX_BLOCKS];
};

/* A fresh schedule after detection: every block was read at `now`. */
void nv_sched_init(struct nv_sched *s, const struct nv_profile *prof, int n_units,
    uint32_t present, bool parallel, double interval_s, double now);

/* Blocks the device refuses: left out of the slow lane. */
void nv_sched_skip(struct nv_sched *s, int block);

/* The next read, or NV_STEP_WAIT when the pass is over. */
struct nv_step nv_sched_next(struct nv_sched *s, double now);

/*
 * The outcome of the step nv_sched_next gave, `started` being when it was
 * asked.  Returns true when a slow block was completed (decode it).
 */
bool nv_sched_done(struct nv_sched *s, const struct nv_step *st, bool ok,
    double started, double now);

/* Starts the next pass (after NV_STEP_WAIT). */
void nv_sched_new_pass(struct nv_sched *s);

/* Unit 1 did not answer: every unit's words in the head from now on
 * (until the next detection), so that the others keep the system seen. */
void nv_sched_without_synthesis(struct nv_sched *s);

/* Unit 1's status / alarm words were read: units whose synthesis bits changed become urgent. */
void nv_sched_synthesis(struct nv_sched *s, const struct nv_regs *unit1);

/* The time of the oldest measurement of the polled units. */
double nv_sched_oldest_meas(const struct nv_sched *s);

/* The length of the pieces block b is cut into in a system of n_units, and their number. */
int nv_sched_piece_words(const struct nv_profile *prof, int n_units, int block,
    int *n_pieces);

#endif
