/*
 * poller_nvsim_fixture.h — what the poller's Check programs share: nvsim
 * started on a pty in a temp dir and driven over its control socket, a
 * poller thread on that pty, and waits for a snapshot with a deadline.
 */
#ifndef NV_POLLER_NVSIM_FIXTURE_H
#define NV_POLLER_NVSIM_FIXTURE_H

#include <stdbool.h>
#include <sys/types.h>

#include <check.h>

#include "device.h"
#include "model.h"

struct sim {
	pid_t pid;
	char dir[64], pty[128], ctl[128];
};

typedef bool (*snap_pred)(const struct nv_snapshot *);

/* A suite NAME with one test case *tc ("live", 60 s) for tests against
 * nvsim; NULL (and a SKIP line) when nvsim is not built. */
Suite *nvsim_suite(const char *name, TCase **tc);

double now_s(void);

/* Start nvsim PROFILE [extra...] on a pty in a fresh temp dir (sim_start)
 * or in s->dir again (sim_start_in). */
void sim_start(struct sim *s, const char *profile, const char *const *extra);
void sim_start_in(struct sim *s, const char *profile, const char *const *extra);
void sim_kill(struct sim *s);
void sim_stop(struct sim *s);
/* nvsim ctl SOCK word word ... ; fails the test when the command fails. */
void simctl(struct sim *s, const char *cmd);
/* nvsim's count of requests it swallowed (fault no-response). */
unsigned long sim_dropped(const struct sim *s);

struct nv_poller *poller_on(struct sim *s, int baud, int timeout_ms);
struct nv_snapshot *new_snap(void);
/* Take snapshots until pred holds or the deadline passes. */
bool wait_snap(struct nv_poller *p, struct nv_snapshot *snap, snap_pred pred,
    double secs);

bool is_ok(const struct nv_snapshot *s);
bool is_lost(const struct nv_snapshot *s);
bool charge_95(const struct nv_snapshot *s);
bool has_meas(const struct nv_snapshot *s);

#endif
