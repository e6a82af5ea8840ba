/*
 * rfc1628_state.c — what RFC 1628 derives from successive snapshots besides
 * its alarm table: upsInputLineBads and the last battery test.  Kept by
 * the event engine: upsTrapTestCompleted and the upsTest group served by
 * the MIB are the same data.
 */
#include <string.h>

#include "rfc1628_state.h"

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

/* Mains lost or out of tolerance; a battery test discharges on purpose. */
static bool input_bad(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return false;
	return has(u, NV_C_INPUT_BAD) ||
	    (has(u, NV_C_ON_BATTERY) && !has(u, NV_C_BATTERY_TEST_RUNNING));
}

void rfc1628_state_init(struct rfc1628_state *st)
{
	memset(st, 0, sizeof(*st));
	st->test_result = RFC1628_TEST_NONE;
}

static void update_test(struct rfc1628_state *st, const struct nv_snapshot *s,
    const struct nv_unit *u, uint32_t now)
{
	bool running = comm_ok(s) && has(u, NV_C_BATTERY_TEST_RUNNING);

	if (running && !st->test_was_running) {
		st->test_result = RFC1628_TEST_IN_PROGRESS;
		st->test_start = now;
		st->test_elapsed = 0;
	} else if (!running && st->test_was_running) {
		st->test_elapsed = now - st->test_start;
		if (!comm_ok(s))
			st->test_result = RFC1628_TEST_ABORTED;
		else if (has(u, NV_C_BATTERY_TEST_FAILED))
			st->test_result = RFC1628_TEST_ERROR;
		else
			st->test_result = RFC1628_TEST_PASS;
	} else if (!running && comm_ok(s) && has(u, NV_C_BATTERY_TEST_FAILED)) {
		/* a failed test the UPS still reports from before we started */
		st->test_result = RFC1628_TEST_ERROR;
	}
	st->test_was_running = running;
}

void rfc1628_state_update(struct rfc1628_state *st, const struct nv_snapshot *s,
    int data_unit, uint32_t now)
{
	const struct nv_unit *u = nv_snapshot_view(s, data_unit);
	bool bad;

	if (st->have_seq && st->seq == s->seq)
		return;
	st->seq = s->seq;
	st->have_seq = true;
	update_test(st, s, u, now);
	bad = input_bad(s, u);
	if (bad && !st->input_was_bad)
		st->line_bads++;
	st->input_was_bad = bad;
}

const char *rfc1628_test_detail(enum rfc1628_test_result r)
{
	switch (r) {
	case RFC1628_TEST_PASS:        return "battery test passed";
	case RFC1628_TEST_ERROR:       return "battery test failed";
	case RFC1628_TEST_ABORTED:     return "battery test outcome unknown: communication with the UPS lost";
	case RFC1628_TEST_IN_PROGRESS: return "battery test in progress";
	default:                       return "";
	}
}
