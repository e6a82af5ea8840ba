/*
 * rfc1628_values.h — the RFC 1628 UPS-MIB (.1.3.6.1.2.1.33) over the
 * normalized model: the descriptor tree (see mib_walk.h) and the state it
 * derives from successive snapshots (upsInputLineBads, the last battery
 * test), kept in ctx->mib.  Its upsAlarmTable is the event engine's
 * (ctx->rfc_alarms), the one its traps 3 / 4 describe.  Served for a UPS
 * only.
 */
#ifndef NV_RFC1628_VALUES_H
#define NV_RFC1628_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#include "mib_walk.h"
#include "model.h"

struct nv_ctx;


/* upsTestResultsSummary */
enum rfc1628_test_result {
	RFC1628_TEST_PASS = 1,
	RFC1628_TEST_WARNING,
	RFC1628_TEST_ERROR,
	RFC1628_TEST_ABORTED,
	RFC1628_TEST_IN_PROGRESS,
	RFC1628_TEST_NONE,
};

struct rfc1628_state {
	uint64_t seq;                           /* snapshot last folded in */
	bool have_seq;
	uint32_t line_bads;                     /* upsInputLineBads */
	bool input_was_bad;
	enum rfc1628_test_result test_result;
	bool test_was_running;
	uint32_t test_start, test_elapsed;      /* 0.01 s */
};

void rfc1628_state_init(struct rfc1628_state *st);

/* Fold a snapshot into the derived state (line bad counter, test
 * result); does nothing if it already saw s->seq. */
void rfc1628_state_update(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now);


/* UPS-MIB enumerations, for the unit tests and the NV5 tree. */
int rfc1628_battery_status(const struct nv_snapshot *s, const struct nv_unit *u);
int rfc1628_output_source(const struct nv_snapshot *s, const struct nv_unit *u);

bool rfc1628_served(const struct nv_ctx *ctx);

/* upsObjects (.1.3.6.1.2.1.33.1); its state is ctx->mib->rfc. */
extern const struct mib_tree nv_rfc1628_tree;

#endif
