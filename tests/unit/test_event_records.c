/*
 * test_event_records.c — UPS / STS events from condition changes, as the event
 * engine notifies them (events_state.c) and the event log plug-in records
 * them (event_records.c); the agent log.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "event_records.h"
#include "events_state.h"
#include "logs.h"
#include "ring.h"

#define MAX_EV (NV_C_COUNT + 2)

static struct nv_event_rec ev[MAX_EV];
static int n_ev;

static void collect(const struct nv_notification *n, void *arg)
{
	(void)arg;
	ck_assert_int_le(n_ev + NV_EV_MAX_PER_NOTE, MAX_EV);
	n_ev += nv_eventlog_records(n, ev + n_ev);
}

/* The records a new snapshot makes. */
static int feed(struct nv_events_state *el, const struct nv_snapshot *s)
{
	n_ev = 0;
	nv_events_state_feed(el, s, 0, collect, NULL);
	return n_ev;
}

static void snap(struct nv_snapshot *s, enum nv_kind kind, enum nv_comm comm, time_t t)
{
	nv_snapshot_init(s);
	s->kind = kind;
	s->comm = comm;
	s->wallclock = t;
}

static const struct nv_event_rec *find(int n, const char *text)
{
	for (int i = 0; i < n; i++)
		if (strcmp(ev[i].text, text) == 0)
			return &ev[i];
	return NULL;
}

START_TEST(every_condition_has_a_description)
{
	char buf[NV_EV_TEXT];

	for (int c = 0; c < NV_C_COUNT; c++)
		ck_assert_msg(nv_cond_event_text(c, buf, sizeof(buf)) != NULL,
		    "condition %d has no event text", c);
	ck_assert_str_eq(nv_cond_event_text(NV_C_UNIT_ALARM1 + 11, buf, sizeof(buf)),
	    "Unit 12 general alarm");
	ck_assert_ptr_null(nv_cond_event_text(NV_C_COUNT, buf, sizeof(buf)));
}
END_TEST

START_TEST(on_battery_is_logged_when_set_and_when_cleared)
{
	struct nv_events_state el;
	struct nv_snapshot s;
	const struct nv_event_rec *e;
	int n;

	nv_events_state_init(&el);
	snap(&s, NV_KIND_UPS, NV_COMM_OK, 100);
	nv_cond_set(&s.sys, NV_C_ON_INVERTER, true);
	n = feed(&el, &s);
	ck_assert_int_eq(n, 3);         /* connected (UPS + agent), on inverter */
	ck_assert_ptr_nonnull(find(n, "UPS connected"));
	e = find(n, "UPS communication established");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->source, NV_EV_AGENT);

	nv_cond_set(&s.sys, NV_C_ON_BATTERY, true);
	s.wallclock = 160;
	n = feed(&el, &s);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(ev[0].text, "Operating on battery");
	ck_assert_int_eq(ev[0].state, NV_EV_SET);
	ck_assert_int_eq(ev[0].level, NV_EV_WARNING);
	ck_assert_int_eq(ev[0].source, NV_EV_UPS);
	ck_assert_int_eq(ev[0].time, 160);
	ck_assert_int_eq(ev[0].code, NV_C_ON_BATTERY);

	ck_assert_int_eq(feed(&el, &s), 0);     /* no change */

	nv_cond_set(&s.sys, NV_C_ON_BATTERY, false);
	n = feed(&el, &s);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ev[0].state, NV_EV_CLEARED);
	ck_assert_int_eq(ev[0].level, NV_EV_INFO);
}
END_TEST

/* Losing the link does not "clear" the alarms: they are unknown. */
START_TEST(communication_loss_logs_no_false_clears)
{
	struct nv_events_state el;
	struct nv_snapshot s;
	int n;

	nv_events_state_init(&el);
	snap(&s, NV_KIND_UPS, NV_COMM_OK, 100);
	nv_cond_set(&s.sys, NV_C_OVERLOAD, true);
	feed(&el, &s);

	snap(&s, NV_KIND_UPS, NV_COMM_LOST, 110);       /* invalidated: no conditions */
	n = feed(&el, &s);
	ck_assert_int_eq(n, 2);
	ck_assert_ptr_nonnull(find(n, "UPS not connected"));
	ck_assert_ptr_nonnull(find(n, "UPS communication lost"));
	ck_assert_int_eq(feed(&el, &s), 0);

	snap(&s, NV_KIND_UPS, NV_COMM_OK, 120);         /* back, overload gone */
	n = feed(&el, &s);
	ck_assert_int_eq(n, 3);
	ck_assert_ptr_nonnull(find(n, "UPS communication restored"));
	ck_assert_ptr_nonnull(find(n, "Overload alarm"));
	ck_assert_int_eq(find(n, "Overload alarm")->state, NV_EV_CLEARED);
}
END_TEST

START_TEST(sts_events_go_to_the_sts_log)
{
	struct nv_events_state el;
	struct nv_snapshot s;
	const struct nv_event_rec *e;
	int n;

	nv_events_state_init(&el);
	snap(&s, NV_KIND_STS, NV_COMM_OK, 100);
	nv_cond_set(&s.sys, NV_C_STS_S1_CRITICAL, true);
	n = feed(&el, &s);
	e = find(n, "STS source 1 critical");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->source, NV_EV_STS);
	ck_assert_int_eq(e->level, NV_EV_CRITICAL);
	ck_assert_ptr_nonnull(find(n, "STS connected"));
}
END_TEST

struct grab {
	char text[8][NV_EV_TEXT];
	int n;
};

static int grab_text(uint64_t seq, const void *rec, void *arg)
{
	struct grab *g = arg;
	const struct nv_event_rec *r = rec;

	if (g->n < 8)
		snprintf(g->text[g->n++], NV_EV_TEXT, "%s", r->text);
	return 0;
}

/* Clearing a log empties it and says who did it in the agent log. */
START_TEST(clear_is_logged_with_who_did_it)
{
	char dir[] = "/tmp/test_event_records.XXXXXX", err[256];
	struct nv_logs_cfg cfg = { 60, 60, 16 };
	struct nv_snapshot s;
	struct nv_logs *l;
	struct grab g = { .n = 0 };
	struct nv_events_state el;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(l != NULL, "%s", err);
	snap(&s, NV_KIND_UPS, NV_COMM_OK, 100);
	nv_cond_set(&s.sys, NV_C_ON_BATTERY, true);
	nv_events_state_init(&el);
	for (int i = 0, n = feed(&el, &s); i < n; i++)
		nv_logs_event(l, &ev[i]);
	nv_agentlog(l, NV_EV_INFO, "Config changed by %s", "nvctl (uid 0)");
	ck_assert_uint_eq(nv_ring_count(nv_logs_ring(l, NV_LOGID_UPS_EVENTS)), 2);
	ck_assert_int_eq(nv_logs_clear(l, NV_LOGID_UPS_EVENTS, "nvctl (uid 0)",
	    err, sizeof(err)), 0);
	ck_assert_uint_eq(nv_ring_count(nv_logs_ring(l, NV_LOGID_UPS_EVENTS)), 0);
	ck_assert_int_eq(nv_logs_clear(l, NV_LOGID_AGENT_EVENTS, "snmp",
	    err, sizeof(err)), 0);
	nv_logs_close(l);

	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(l != NULL, "%s", err);
	nv_ring_foreach(nv_logs_ring(l, NV_LOGID_AGENT_EVENTS), grab_text, &g);
	ck_assert_int_eq(g.n, 1);       /* the agent log's own clear is its first record */
	ck_assert_str_eq(g.text[0], "Agent event log cleared by snmp");
	ck_assert_uint_eq(nv_ring_count(nv_logs_ring(l, NV_LOGID_UPS_EVENTS)), 0);
	nv_logs_close(l);
	for (int i = 0; i < NV_LOGID_COUNT; i++) {
		char p[128];

		snprintf(p, sizeof(p), "%s/%s.ring", dir, nv_log_id_name(i));
		unlink(p);
	}
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static Suite *eventlog_suite(void)
{
	Suite *s = suite_create("event_records");
	TCase *tc = tcase_create("eventlog");

	tcase_add_test(tc, every_condition_has_a_description);
	tcase_add_test(tc, on_battery_is_logged_when_set_and_when_cleared);
	tcase_add_test(tc, communication_loss_logs_no_false_clears);
	tcase_add_test(tc, sts_events_go_to_the_sts_log);
	tcase_add_test(tc, clear_is_logged_with_who_did_it);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { eventlog_suite, NULL };
