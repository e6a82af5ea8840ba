/*
 * test_shutdown_feeds.c — redundant feeds: the shutdown sequence over two
 * or three devices (an event holding when any / all of its devices meet
 * its condition, per set of client feeds), the feed name lists, and the
 * heartbeat that carries them without troubling an agent that predates
 * them.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "shutdown_feeds.h"
#include "shutdown_seq_fixture.h"

#define A 1u
#define B 2u
#define C 4u

/* on-battery: shutdown after 60 s, first warning after 10 s, every 20 s */
static void on_battery(enum nv_sd_when when, unsigned watched)
{
	devices(watched & C ? 3 : 2);
	event(NV_SDE_ON_BATTERY, NV_SDA_SHUTDOWN, 60, 10, 20);
	F.cfg.ev[NV_SDE_ON_BATTERY].when = when;
	F.cfg.ev[NV_SDE_ON_BATTERY].device_mask = watched;
	F.cfg.ups_shutoff = true;
}

START_TEST(one_of_two_feeds_on_battery_neither_warns_nor_shuts_down_under_all)
{
	on_battery(NV_SDW_ALL, 0);
	run_until(5000);
	mains_dev(0, false);
	run_until(300000);
	ck_assert_int_eq(count('W'), 0);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(count('U'), 0);
	ck_assert_int_eq(F.state, NV_SD_IDLE);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_WARNING], 0);
}
END_TEST

START_TEST(one_of_two_feeds_on_battery_shuts_down_under_any_and_only_its_ups_off)
{
	on_battery(NV_SDW_ANY, 0);
	run_until(5000);
	mains_dev(1, false);
	run_until(70000);
	ck_assert_int_eq(count('W'), 3);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('S', 0)->at, 65000);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_uint_eq(nth('U', 0)->devices, B);     /* never the healthy feed */
	ck_assert_uint_eq(F.max_delay_asked, B);
}
END_TEST

START_TEST(both_feeds_on_battery_shut_down_under_all_and_both_upss_off)
{
	on_battery(NV_SDW_ALL, 0);
	run_until(5000);
	mains_dev(0, false);
	run_until(20000);
	mains_dev(1, false);                    /* the period starts now */
	run_until(79900);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(count('W'), 3);
	ck_assert_uint_eq(nth('W', 0)->at, 30000);
	run_until(80000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_int_eq(count('U'), 1);
	ck_assert_uint_eq(nth('U', 0)->devices, A | B);
	ck_assert_int_eq(F.state, NV_SD_SHUTDOWN_ON);
}
END_TEST

START_TEST(one_feed_back_in_the_period_cancels_under_all)
{
	on_battery(NV_SDW_ALL, 0);
	mains_dev(0, false);
	mains_dev(1, false);
	run_until(30000);
	ck_assert_int_eq(count('W'), 2);
	mains_dev(0, true);
	run_until(200000);
	ck_assert_int_eq(count('C'), 1);
	ck_assert_uint_eq(nth('C', 0)->at, 30000);
	ck_assert_int_eq(count('S'), 0);
	ck_assert_int_eq(F.state, NV_SD_IDLE);
	ck_assert_int_eq(F.notified[NV_AE_SHUTDOWN_CANCELLED], 1);
}
END_TEST

START_TEST(client_fed_by_one_feed_shuts_down_when_that_feed_fails)
{
	on_battery(NV_SDW_ALL, 0);
	F.feeds = A;                            /* a single-corded server on A */
	mains_dev(0, false);
	run_until(70000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('U', 0)->devices, A);
}
END_TEST

START_TEST(client_fed_by_the_other_feed_is_left_alone)
{
	on_battery(NV_SDW_ANY, 0);
	F.feeds = B;
	mains_dev(0, false);
	run_until(300000);
	ck_assert_int_eq(count('W'), 0);
	ck_assert_int_eq(count('S'), 0);
}
END_TEST

START_TEST(event_watches_only_its_devices)
{
	on_battery(NV_SDW_ANY, B | C);          /* three devices, A not watched */
	mains_dev(0, false);
	run_until(100000);
	ck_assert_int_eq(count('W'), 0);
	mains_dev(2, false);
	run_until(200000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('U', 0)->devices, C);
}
END_TEST

START_TEST(client_fed_outside_the_watched_devices_never_sees_the_event)
{
	on_battery(NV_SDW_ANY, A | B);
	F.feeds = C;
	mains_dev(0, false);
	mains_dev(1, false);
	mains_dev(2, false);
	run_until(200000);
	ck_assert_int_eq(count('W'), 0);
}
END_TEST

START_TEST(lost_line_of_one_feed_keeps_its_last_state)
{
	on_battery(NV_SDW_ALL, 0);
	mains_dev(0, false);
	mains_dev(1, false);
	run_until(20000);
	ck_assert_int_eq(count('W'), 1);
	F.dev_comm[1] = false;                  /* its state is not known: kept */
	mains_dev(1, true);
	run_until(70000);
	ck_assert_int_eq(count('C'), 0);
	ck_assert_int_eq(count('S'), 1);
}
END_TEST

START_TEST(wol_once_every_feed_shut_off_is_back)
{
	on_battery(NV_SDW_ALL, 0);
	mains_dev(0, false);
	mains_dev(1, false);
	run_until(70000);
	ck_assert_int_eq(count('S'), 1);
	mains_dev(0, true);
	run_until(80000);
	ck_assert_int_eq(count('L'), 0);
	mains_dev(1, true);
	run_until(90000);
	ck_assert_int_eq(count('L'), 1);
}
END_TEST

START_TEST(schedule_of_one_device_under_all_waits_for_the_other)
{
	devices(2);
	event(NV_SDE_WEEKLY_SCHEDULE, NV_SDA_SHUTDOWN, 30, 5, 10);
	F.cfg.ev[NV_SDE_WEEKLY_SCHEDULE].when = NV_SDW_ALL;
	nv_sd_seq_schedule_device(&F.q, NV_SDE_WEEKLY_SCHEDULE, 1, F.now, 0);
	run_until(60000);
	ck_assert_int_eq(count('W'), 0);
	nv_sd_seq_schedule_device(&F.q, NV_SDE_WEEKLY_SCHEDULE, 0, F.now, 0);
	run_until(100000);
	ck_assert_int_eq(count('S'), 1);
	ck_assert_uint_eq(nth('U', 0)->devices, A | B);
}
END_TEST

/* ---- the names ------------------------------------------------------------ */

START_TEST(feeds_resolve_known_names_and_report_the_others)
{
	const char *names[] = { "ups-a", "ups-b", "sts-1" };
	char unknown[NV_SD_FEEDS_LEN], text[64];

	ck_assert_uint_eq(nv_sd_feeds_resolve("ups-b,sts-1", names, 3, unknown,
	    sizeof(unknown)), B | C);
	ck_assert_str_eq(unknown, "");
	ck_assert_uint_eq(nv_sd_feeds_resolve("ups-x,ups-a,ups", names, 3, unknown,
	    sizeof(unknown)), A);
	ck_assert_str_eq(unknown, "ups-x,ups");
	ck_assert_uint_eq(nv_sd_feeds_resolve("", names, 3, unknown, sizeof(unknown)), 0);
	nv_sd_feeds_format(A | C, names, 3, text, sizeof(text));
	ck_assert_str_eq(text, "ups-a,sts-1");
	nv_sd_feeds_format(0, names, 3, text, sizeof(text));
	ck_assert_str_eq(text, "-");
}
END_TEST

START_TEST(feeds_list_keeps_to_the_heartbeat_field)
{
	char list[NV_SD_FEEDS_LEN] = "";

	ck_assert_int_eq(nv_sd_feeds_add(list, sizeof(list), "ups-a"), 0);
	ck_assert_int_eq(nv_sd_feeds_add(list, sizeof(list), "ups-b"), 0);
	ck_assert_str_eq(list, "ups-a,ups-b");
	ck_assert_int_eq(nv_sd_feeds_add(list, sizeof(list), "another-ups"), 0);
	ck_assert_int_eq(nv_sd_feeds_add(list, sizeof(list), "x"), -1);  /* 23 + 2 */
	ck_assert_str_eq(list, "ups-a,ups-b,another-ups");
	ck_assert(nv_sd_device_name_ok("ups-a"));
	ck_assert(nv_sd_device_name_ok("9.x_y"));
	ck_assert(!nv_sd_device_name_ok(""));
	ck_assert(!nv_sd_device_name_ok("-ups"));
	ck_assert(!nv_sd_device_name_ok("ups,b"));
	ck_assert(!nv_sd_device_name_ok("a-name-longer-than-thirty-one-ch"));
}
END_TEST

/* ---- the heartbeat -------------------------------------------------------- */

static const uint8_t key[] = "feeds-test-secret-0123456789";

static void heartbeat(struct nv_sd_msg *m, const char *feeds)
{
	memset(m, 0, sizeof(*m));
	m->type = NV_SD_HEARTBEAT;
	m->seq = 42;
	m->time = 1767225600;
	snprintf(m->sender, sizeof(m->sender), "db1");
	m->a = 120;
	m->b = 10;
	if (feeds != NULL) {
		m->flags = NV_SD_FLAG_FEEDS;
		snprintf(m->event, sizeof(m->event), "%s", feeds);
	}
}

START_TEST(heartbeat_carries_the_feeds_and_round_trips)
{
	struct nv_sd_msg m, got;
	uint8_t pkt[NV_SD_PACKET_LEN];

	heartbeat(&m, "ups-a,ups-b,another-ups");
	nv_sd_pack(&m, key, sizeof(key) - 1, pkt);
	ck_assert_int_eq(nv_sd_unpack(pkt, sizeof(pkt), key, sizeof(key) - 1, &got), NV_SD_OK);
	ck_assert_int_eq(got.flags, NV_SD_FLAG_FEEDS);
	ck_assert_str_eq(got.event, "ups-a,ups-b,another-ups");
	ck_assert_int_eq(got.a, 120);
	ck_assert_int_eq(got.b, 10);
}
END_TEST

/* An agent that predates the feeds reads a heartbeat's type, seq, time,
 * sender, a and b, and checks the rest is well-formed: the new heartbeat
 * differs from an old one only in the flags and event bytes (and the
 * MAC), which it accepts and ignores.  An old client's heartbeat has no
 * feeds flag: fed by every device. */
START_TEST(old_and_new_heartbeats_differ_only_in_what_old_agents_ignore)
{
	struct nv_sd_msg old, new, got;
	uint8_t po[NV_SD_PACKET_LEN], pn[NV_SD_PACKET_LEN];

	heartbeat(&old, NULL);
	heartbeat(&new, "ups-a");
	nv_sd_pack(&old, key, sizeof(key) - 1, po);
	nv_sd_pack(&new, key, sizeof(key) - 1, pn);
	for (size_t i = 0; i < NV_SD_PACKET_LEN - NV_SD_MAC_LEN; i++)
		if (i != 6 && (i < 64 || i >= 64 + NV_SD_EVENT_LEN))
			ck_assert_msg(po[i] == pn[i], "byte %zu differs", i);
	ck_assert_int_eq(pn[7], 0);             /* the byte old agents want zero */
	ck_assert_int_eq(nv_sd_unpack(po, sizeof(po), key, sizeof(key) - 1, &got), NV_SD_OK);
	ck_assert_int_eq(got.flags & NV_SD_FLAG_FEEDS, 0);
	ck_assert_str_eq(got.event, "");
}
END_TEST

static Suite *shutdown_feeds_suite(void)
{
	Suite *s = suite_create("shutdown_feeds");
	TCase *tc = tcase_create("sequence");
	TCase *names = tcase_create("names");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, one_of_two_feeds_on_battery_neither_warns_nor_shuts_down_under_all);
	tcase_add_test(tc, one_of_two_feeds_on_battery_shuts_down_under_any_and_only_its_ups_off);
	tcase_add_test(tc, both_feeds_on_battery_shut_down_under_all_and_both_upss_off);
	tcase_add_test(tc, one_feed_back_in_the_period_cancels_under_all);
	tcase_add_test(tc, client_fed_by_one_feed_shuts_down_when_that_feed_fails);
	tcase_add_test(tc, client_fed_by_the_other_feed_is_left_alone);
	tcase_add_test(tc, event_watches_only_its_devices);
	tcase_add_test(tc, client_fed_outside_the_watched_devices_never_sees_the_event);
	tcase_add_test(tc, lost_line_of_one_feed_keeps_its_last_state);
	tcase_add_test(tc, wol_once_every_feed_shut_off_is_back);
	tcase_add_test(tc, schedule_of_one_device_under_all_waits_for_the_other);
	suite_add_tcase(s, tc);
	tcase_add_test(names, feeds_resolve_known_names_and_report_the_others);
	tcase_add_test(names, feeds_list_keeps_to_the_heartbeat_field);
	tcase_add_test(names, heartbeat_carries_the_feeds_and_round_trips);
	tcase_add_test(names, old_and_new_heartbeats_differ_only_in_what_old_agents_ignore);
	suite_add_tcase(s, names);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { shutdown_feeds_suite, NULL };
