/*
 * shutdown_seq.h — the shutdown sequence as a pure state machine: given
 * the config, the newest snapshot's conditions and the time, it decides
 * which shutdown events hold, when to warn, when to request the shutdown,
 * when to cancel, when to shut the UPS off and when to wake the servers.
 * Every effect goes through a table of callbacks (struct nv_sd_seq_ops):
 * nvagentd's shutdown.c plugs in the client socket, the UPS controls,
 * the traps and the agent log; a unit test plugs in a recorder and a
 * clock of its own.
 */
#ifndef NV_SHUTDOWN_SEQ_H
#define NV_SHUTDOWN_SEQ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config_schedule.h"
#include "config_shutdown.h"
#include "event_records.h"
#include "events.h"
#include "model.h"
#include "shutdown_proto.h"

#define NV_SD_SEQ_NO_EVENT (-1)

/* One device as the sequence sees it. */
struct nv_sd_seq_device {
	const struct nv_unit *sys;      /* newest snapshot's system unit */
	bool comm_ok;                   /* the snapshot is fresh */
};

/* What the sequence sees on one turn. */
struct nv_sd_seq_input {
	const struct nv_shutdown_cfg *cfg;
	const struct nv_unit *sys;      /* one device: its system unit */
	bool comm_ok;                   /* one device: the snapshot is fresh */
	uint64_t now_ms;                /* monotonic clock */
	time_t wall;                    /* wall clock: schedules, deadlines */
	/* Several devices: dev[0..ndev-1] in the agent's order (sys and
	 * comm_ok are then not read); ndev 0 = the one device above. */
	const struct nv_sd_seq_device *dev;
	size_t ndev;
	/* The devices feeding this sequence's clients, bits of dev's
	 * indexes; 0 = every device.  An event holds when ANY / ALL (its
	 * "when") of the devices it watches AND that feed the clients meet
	 * its condition; it never holds when none of them do both. */
	unsigned feeds;
};

/* What the sequence does.  arg is the ops' own context. */
struct nv_sd_seq_ops {
	/* Send one message to every client; returns how many got it. */
	size_t (*send)(void *arg, enum nv_sd_type type, int32_t seconds,
	    const char *event, uint8_t flags);
	/* What heartbeats are answered with (deadline: wall clock, 0 = none). */
	void (*publish)(void *arg, enum nv_sd_state st, time_t deadline,
	    const char *event, uint8_t flags);
	/* The longest shutdown duration a connected client announced. */
	int (*longest_client)(void *arg, char *who, size_t wholen);
	/* The longest shut-off delay all the devices in the mask take;
	 * 0 = not known now. */
	int (*shutoff_max_delay)(void *arg, unsigned devices);
	/* UPS shut-off of the devices in the mask (bits of their indexes)
	 * after delay_s, restart restart_min after mains returns; 0, or -1
	 * when one refused it. */
	int (*ups_shutoff)(void *arg, unsigned devices, int delay_s, int restart_min);
	/* Wake-on-LAN to every enabled target; 0, or -1. */
	int (*wake)(void *arg);
	void (*notify)(void *arg, enum nv_agent_event ev);
	void (*log)(void *arg, enum nv_ev_level level, const char *text);
};

enum nv_sd_seq_phase { NV_SDQ_IDLE, NV_SDQ_WARNING, NV_SDQ_SHUTDOWN };

struct nv_sd_seq {
	const struct nv_sd_seq_ops *ops;
	void *arg;
	bool active[NV_SDE_COUNT];      /* the event holds now */
	unsigned held[NV_SDE_COUNT];    /* the devices meeting its condition */
	uint64_t since_ms[NV_SDE_COUNT];
	enum nv_sd_seq_phase phase;
	int lead;                       /* event whose settings rule the sequence */
	uint64_t deadline_ms;           /* shutdown request; 0 = warnings only */
	uint64_t next_warning_ms;
	unsigned warnings;
	bool test;                      /* the sequence is a shutdown test */
	uint64_t test_end_ms;           /* 0 = no test running */
	bool wol_pending;               /* shut down after an AC failure */
	unsigned wol_devices;           /* ... of these devices */
	/* weekly-schedule / special-day: started by a device's schedule
	 * (schedule.c), bits of the devices */
	unsigned sched_started[NV_SDE_COUNT];
	uint64_t sched_from_ms[NV_SDE_COUNT][NV_SD_DEVICES_MAX];
	time_t sched_restart;           /* the UPS's restart time, 0 = none */
};

void nv_sd_seq_init(struct nv_sd_seq *q, const struct nv_sd_seq_ops *ops, void *arg);
/* One turn: follow the inputs, do whatever is due. */
void nv_sd_seq_run(struct nv_sd_seq *q, const struct nv_sd_seq_input *in);
/* When the next step is due (monotonic ms); UINT64_MAX = nothing timed. */
uint64_t nv_sd_seq_next_due(const struct nv_sd_seq *q);
/* A sequence or a test is running. */
bool nv_sd_seq_busy(const struct nv_sd_seq *q);
/* Shutdown test: simulate an AC failure until now + cancel_after_s; the
 * caller checks nv_sd_seq_busy() first, then runs a turn. */
void nv_sd_seq_test_start(struct nv_sd_seq *q, uint64_t now_ms, int cancel_after_s);

/* The schedule says: shutdown event E (weekly-schedule or special-day)
 * holds from now for its warning period and two minutes; the UPS
 * shut-off that ends it restarts the UPS at RESTART (0: stays off). */
void nv_sd_seq_schedule(struct nv_sd_seq *q, enum nv_sd_event e, uint64_t now_ms,
    time_t restart);
/* The same for device DEV's schedule (nv_sd_seq_schedule: the first). */
void nv_sd_seq_schedule_device(struct nv_sd_seq *q, enum nv_sd_event e, size_t dev,
    uint64_t now_ms, time_t restart);

#endif
