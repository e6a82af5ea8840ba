/*
 * shutdown_seq_fixture.h — the shutdown sequence's unit tests share this:
 * a sequence on a clock of the test's own (no sockets, no sleeping), whose
 * operations record what it sends and does in F.rec.
 */
#ifndef NV_SHUTDOWN_SEQ_FIXTURE_H
#define NV_SHUTDOWN_SEQ_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "config_shutdown.h"
#include "shutdown_seq.h"

#define T0_MS 1000000ull
/* 2026-01-01 00:00:00 UTC, a Thursday */
#define WALL0 ((time_t)1767225600)
#define STEP_MS 100
#define MAX_REC 256

struct rec {
	char kind;              /* W warning, S shutdown, C cancel, U UPS off, L wake */
	uint64_t at;            /* ms since the test's t0 */
	int a, b;
	uint8_t flags;
	char event[32];
	unsigned devices;       /* U: the devices shut off */
};

struct fix {
	struct nv_shutdown_cfg cfg;
	struct nv_unit sys;
	bool comm_ok;
	uint64_t now;
	struct nv_sd_seq q;
	struct rec rec[MAX_REC];
	int n;
	int notified[8];
	int longest;            /* what the client table says */
	int device_max;         /* the device's longest shut-off delay */
	enum nv_sd_state state;
	time_t deadline;
	/* several devices (ndev > 0: dev[] instead of sys / comm_ok) */
	size_t ndev;
	struct nv_unit dev_sys[3];
	bool dev_comm[3];
	unsigned feeds;         /* the sequence's clients' feeds, 0 = all */
	unsigned max_delay_asked; /* the devices shutoff_max_delay was asked */
};


/* the fixture of the running test; setup() clears it */
extern struct fix F;

/* Check's checked fixture: a fresh sequence, mains present, clock at t0. */
void setup(void);
void event(enum nv_sd_event e, enum nv_sd_action act, int period_s,
    int first_s, int interval_s);
void turn(void);
/* Run the main loop's turns (every STEP_MS) up to t0 + ms. */
void run_until(uint64_t ms);
void mains(bool present);
/* N devices (2 or 3), all with mains present; the sequence reads them. */
void devices(size_t n);
void mains_dev(size_t d, bool present);
/* How many records of a kind; the nth (from 0) of a kind. */
int count(char kind);
const struct rec *nth(char kind, int n);

#endif
