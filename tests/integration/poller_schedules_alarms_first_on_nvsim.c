/*
 * poller_schedules_alarms_first_on_nvsim.c — the real poller thread against
 * nvsim on a pty, its requests as the trace kept them: status and alarm
 * reads are never held behind the slow lane.  Skipped (77) when nvsim is
 * not built.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "check_main.h"
#include "poller_nvsim_fixture.h"
#include "trace.h"

static double ts_ms(const struct timespec *t)
{
	return (double)t->tv_sec * 1e3 + (double)t->tv_nsec / 1e6;
}

/* The exchanges the trace kept, oldest first; their number. */
static int trace_copy(struct nv_trace *t, struct nv_trace_entry *out)
{
	int n = 0;

	pthread_mutex_lock(&t->lock);
	/* seq starts at 1 when tracing is turned on */
	for (uint64_t q = t->next > NV_TRACE_MAX ? t->next - NV_TRACE_MAX : 1; q < t->next; q++)
		out[n++] = t->ring[q % NV_TRACE_MAX];
	pthread_mutex_unlock(&t->lock);
	return n;
}

/*
 * An alarm must never wait behind the slow lane: between two status reads
 * of a single VU-MAP unit (whose measurement block is 80 words, ~200 ms at
 * 9600 baud) the poller makes at most one other request, no longer than
 * its status + alarm read (16 words).
 */
START_TEST(status_reads_are_never_behind_a_long_slow_read)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	const char *extra[] = { "--wire-timing", NULL };
	static struct nv_trace_entry e[NV_TRACE_MAX];
	int n, between = 0, pieces = 0, status_reads = 0;

	sim_start(&s, "vumap-single", extra);
	p = poller_on(&s, 9600, 500);
	ck_assert(wait_snap(p, snap, is_ok, 15));
	nv_trace_set(nv_poller_trace(p), true);
	/* charge lives in the last piece: a whole measurement set was read */
	simctl(&s, "set M022 95");
	ck_assert(wait_snap(p, snap, charge_95, 5));
	nv_trace_set(nv_poller_trace(p), false);
	n = trace_copy(nv_poller_trace(p), e);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(e[i].count <= 16, "read of 0x%04X x%d between status reads",
		    e[i].addr, e[i].count);
		/* `when` is the request's time: a short read after a long one
		 * still starts after the long one's reply (1 ms for rounding) */
		ck_assert_msg(i == 0 || ts_ms(&e[i].when) >= ts_ms(&e[i - 1].when) + e[i - 1].ms - 1,
		    "exchange %d stamped %.1f ms after the previous one, which took %.1f ms",
		    i, ts_ms(&e[i].when) - ts_ms(&e[i - 1].when), e[i - 1].ms);
		if (e[i].addr == 0x0030) {
			status_reads++;
			between = 0;
		} else if (e[i].addr != 0x0038) {
			ck_assert_msg(++between <= 1, "two slow reads (the second 0x%04X x%d) "
			    "between status reads", e[i].addr, e[i].count);
			pieces += e[i].addr >= 0x0040 && e[i].addr < 0x0040 + 80;
		}
	}
	ck_assert_int_ge(pieces, 4);
	ck_assert_int_gt(status_reads, pieces);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

static bool unit7_overload(const struct nv_snapshot *s)
{
	return s->n_units == 10 && nv_cond_get(&s->unit[6], NV_C_OVERLOAD);
}

/*
 * Ten units in parallel: unit 1's synthesis is read every pass, and a
 * unit whose alarm shows there has its alarm words read right after it,
 * without waiting for its turn.
 */
START_TEST(a_units_alarm_is_read_right_after_the_synthesis_shows_it)
{
	struct sim s;
	struct nv_snapshot *snap = new_snap();
	struct nv_poller *p;
	const char *extra[] = { "--units", "10", "--wire-timing", "--baud", "19200", NULL };
	static struct nv_trace_entry e[NV_TRACE_MAX];
	struct timespec before;
	int n, i;

	sim_start(&s, "vumap-parallel", extra);
	p = poller_on(&s, 19200, 500);
	ck_assert(wait_snap(p, snap, has_meas, 30));
	ck_assert_int_eq(snap->n_units, 10);
	nv_trace_set(nv_poller_trace(p), true);
	clock_gettime(CLOCK_REALTIME, &before);
	simctl(&s, "set 7:A001 1");
	ck_assert(wait_snap(p, snap, unit7_overload, 10));
	/* unit 7's own turn may come first; the synthesis read after the
	 * change still flags it.  Look for that read, with a deadline. */
	for (double end = now_s() + 10; ; usleep(50000)) {
		n = trace_copy(nv_poller_trace(p), e);
		for (i = 1; i < n; i++)
			if (e[i].slave == 7 && e[i].addr == 0x0038 && e[i].got > 0 &&
			    (e[i].words[0] & 0x0002) && ts_ms(&e[i].when) >= ts_ms(&before))
				break;
		if (i < n || now_s() > end)
			break;
	}
	nv_trace_set(nv_poller_trace(p), false);
	ck_assert_msg(i < n, "no read of unit 7's alarms alone after the alarm");
	ck_assert_msg(e[i - 1].slave == 1 && e[i - 1].addr == 0x0030,
	    "unit 7 read after slave %d 0x%04X, not after the synthesis",
	    e[i - 1].slave, e[i - 1].addr);
	/* every pass reads unit 1's status and alarms in one request */
	ck_assert_int_eq(e[i - 1].count, 16);
	nv_poller_stop(p);
	sim_stop(&s);
	free(snap);
}
END_TEST

/* Skipped (NULL) when nvsim is not built. */
static Suite *poller_schedule_suite(void)
{
	TCase *tc;
	Suite *su = nvsim_suite("poller_schedule", &tc);

	if (su == NULL)
		return NULL;
	tcase_add_test(tc, status_reads_are_never_behind_a_long_slow_read);
	tcase_add_test(tc, a_units_alarm_is_read_right_after_the_synthesis_shows_it);
	return su;
}

nv_suite_builder *const nv_test_suites[] = { poller_schedule_suite, NULL };
