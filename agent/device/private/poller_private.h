/*
 * poller_private.h — the poller thread's state and the functions its
 * files share (poller.c: thread and hand-off; poller_read.c: block reads
 * and decoding; poller_detect.c: detection and layout; poller_schedule.c:
 * the poll passes (poll_plan.c decides what they read); poller_commands.c: the command FIFO).  Private
 * to the device layer: everything else uses device.h.
 */
#ifndef NV_POLLER_PRIVATE_H
#define NV_POLLER_PRIVATE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "config_ups_control.h"
#include "device.h"
#include "diag_log.h"
#include "env_read.h"
#include "modbus_link.h"
#include "poll_plan.h"
#include "profile.h"
#include "reg_image.h"
#include "trace.h"

#define BACKOFF_FIRST_MS  1000
#define BACKOFF_MAX_MS    30000
/* An unchanged status read is published at most this often (a pty with
 * no wire timing answers in 0.1 ms: the main thread need not wake 10k
 * times a second to learn nothing).  Any change is published at once. */
#define QUIET_PUBLISH_S   0.1

enum state { ST_DETECT, ST_POLL };

struct nv_poller {
	/* shared with the main thread, under lock */
	pthread_mutex_t lock;
	bool stop, reconf;
	struct nv_serial_cfg new_serial;
	struct nv_poll_cfg new_poll;
	struct nv_controls_cfg new_controls;
	bool redetect;          /* the new settings change the line or polling */
	/* the main thread's copies of the settings */
	struct nv_serial_cfg main_serial;
	struct nv_poll_cfg main_poll;
	struct nv_controls_cfg main_controls;
	struct nv_snapshot pub;
	struct nv_reg_image pub_image;  /* the registers pub was decoded from */
	double full_read_ms;
	int pub_fd;             /* eventfd: a snapshot was published */
	int wake_fd;            /* eventfd: stop or reconfigure */
	pthread_t thread;
	/* control commands (see device.h): a FIFO in, a FIFO of results out */
	struct nv_command cmd[NV_POLLER_MAX_COMMANDS];
	unsigned cmd_id[NV_POLLER_MAX_COMMANDS];
	int n_cmd;
	unsigned next_cmd_id;
	struct nv_command_result res[NV_POLLER_MAX_COMMANDS];
	int n_res;
	const struct nv_profile *pub_prof;      /* profile of the published snapshot */
	int pub_remote;         /* permission read: 1, 0, -1 unknown */
	double clock_read_at;   /* monotonic s of the last UPS clock read, 0: due */
	struct nv_env_cfg new_env;      /* nv_poller_share_env */
	bool env_reconf;

	/* the thread's own */
	struct nv_serial_cfg serial;
	struct nv_poll_cfg poll;
	struct nv_controls_cfg controls;
	struct nv_link link;
	struct nv_trace trace;  /* own lock: filled by the thread while on */
	enum state state;
	const struct nv_profile *prof;
	int last_baud;
	int backoff_ms;
	bool retry_wait;        /* wait backoff_ms before the next detection */
	int failed_cycles;
	int unit_failed[NV_MAX_UNITS];
	struct nv_regs regs[NV_MAX_UNITS];
	/* modular system: unit k's module positions (T003) and first module[] index */
	uint32_t mod_mask[NV_MAX_UNITS];
	int mod_first[NV_MAX_UNITS];
	struct timespec batt_since[NV_MAX_UNITS];
	bool on_batt[NV_MAX_UNITS];
	bool dev_gives_seconds;
	struct nv_sched sched;  /* what to read next (poll_plan.h) */
	bool fast_split;        /* the device refuses status + alarms in one read */
	bool skip[NV_PROFILE_MAX_BLOCKS];      /* blocks this device refuses */
	struct nv_ratelimit rl_err;
	struct nv_env_cfg env_cfg;      /* the sensor on this line, if enabled && shared */
	struct nv_env_reader env;
	struct nv_snapshot work;
	uint64_t seq;
	bool dirty;             /* work differs from what was published */
	double published_at;
};

/* poller.c */
double pl_mono_s(void);
bool pl_stopping(struct nv_poller *p);
bool pl_detect_cancelled(void *arg);
void pl_wait_ms(struct nv_poller *p, int ms);
void pl_publish(struct nv_poller *p);
void pl_publish_if_news(struct nv_poller *p);
void pl_set_comm(struct nv_poller *p, enum nv_comm c);
void pl_warn_limited(struct nv_poller *p, const char *what, const char *why);
void pl_wake(struct nv_poller *p);

/* poller_read.c */
enum nv_link_err pl_read_block(struct nv_poller *p, int unit, int b);
/* Blocks a and b (adjacent, a first) in one request. */
enum nv_link_err pl_read_span(struct nv_poller *p, int unit, int a, int b);
enum nv_link_err pl_read_piece(struct nv_poller *p, int unit, int b,
    int first, int count);
bool pl_profile_gives_seconds(const struct nv_profile *prof);
void pl_clear_system_modules(struct nv_poller *p, int k);
void pl_decode_status(struct nv_poller *p, int k);
void pl_decode_block(struct nv_poller *p, int k, int b);
void pl_clear_identity(struct nv_identity *id);

/*
 * Every block of one unit, back to back.  0, or the first error.  A block
 * unit 1 refuses with an exception (a model without it) is left out from
 * then on; its values stay NV_NA.
 */
enum nv_link_err pl_read_all_blocks(struct nv_poller *p, int k);
void pl_decode_all(struct nv_poller *p, int k);

/* poller_detect.c */
void pl_system_nominal(struct nv_poller *p);
void pl_detect_step(struct nv_poller *p);

/* poller_schedule.c */
void pl_sched_start(struct nv_poller *p);       /* after detection */
void pl_poll_once(struct nv_poller *p);

/* poller.c: the environment sensor on this line, when one is due */
void pl_env_between_passes(struct nv_poller *p);

/* poller_commands.c */
void pl_refresh_remote(struct nv_poller *p);
void pl_refresh_permissions(struct nv_poller *p);
void pl_run_commands(struct nv_poller *p);

#endif
