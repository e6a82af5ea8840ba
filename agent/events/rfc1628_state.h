/*
 * rfc1628_state.h — RFC 1628's input line bad counter and last battery
 * test, derived from successive snapshots by the event engine (see
 * rfc1628_state.c).
 */
#ifndef NV_RFC1628_STATE_H
#define NV_RFC1628_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

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

/* Fold snapshot S, seen through data unit DATA_UNIT, into the state at
 * NOW (TimeTicks); does nothing if it already saw s->seq. */
void rfc1628_state_update(struct rfc1628_state *st, const struct nv_snapshot *s,
    int data_unit, uint32_t now);

/* upsTestResultsDetail of a result. */
const char *rfc1628_test_detail(enum rfc1628_test_result r);

#endif
