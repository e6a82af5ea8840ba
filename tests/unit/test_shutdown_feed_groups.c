/*
 * test_shutdown_feed_groups.c — the shutdown plug-in with two devices and
 * real clients on loopback UDP: each set of client feeds gets its own
 * sequence, the UPS shut-off reaches only the failed devices (once per
 * outage, whichever sequence asks first), the traps
 * are the agent's (one request), and the client list names the feeds.
 * The sequences run on the real clock with a warning period of 0, so the
 * request follows the failure within the same turn.
 */
#include <check.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "config_shutdown.h"
#include "events.h"
#include "handler.h"
#include "nvconfig.h"
#include "shutdown.h"
#include "shutdown_proto.h"

#define SECRET "feed-groups-test-secret-0123"
#define NCLIENTS 4

static const char *const client_name[NCLIENTS] = { "single-a", "dual", "legacy", "stray" };
static const char *const client_feeds[NCLIENTS] = { "ups-a", "ups-a,ups-b", NULL, "ups-x" };

static struct {
	char dir[64], key[96];
	struct nv_shutdown_cfg cfg;
	struct nv_system_cfg sys;
	struct nv_snapshot snap[2];
	struct nv_handler_actions act[2];
	struct nv_handler_device dev[2];
	struct nv_handler_env env;
	void *state;
	int fd[NCLIENTS];
	uint64_t seq;
	int shutoffs[2];
	int requests;
	bool got_shutdown[NCLIENTS];
} G;

static int shutoff_a(void *arg, int delay_s, int restart_min)
{
	(void)arg, (void)delay_s, (void)restart_min;
	G.shutoffs[0]++;
	return 0;
}

static int shutoff_b(void *arg, int delay_s, int restart_min)
{
	(void)arg, (void)delay_s, (void)restart_min;
	G.shutoffs[1]++;
	return 0;
}

static void agent_event(void *arg, int what)
{
	(void)arg;
	if (what == NV_AE_SHUTDOWN_REQUEST)
		G.requests++;
}

static int free_port(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

/* One turn of the main loop for the plug-in. */
static void turn(void)
{
	fd_set rd;
	int maxfd = 0;
	struct timeval tv = { 0, 20000 };

	FD_ZERO(&rd);
	nv_handler_shutdown.fill(G.state, &rd, &maxfd, &tv);
	ck_assert_int_ge(select(maxfd, &rd, NULL, NULL, &tv), 0);
	nv_handler_shutdown.process(G.state, &rd);
}

static void heartbeats(void)
{
	for (int i = 0; i < NCLIENTS; i++) {
		struct nv_sd_msg m;
		uint8_t pkt[NV_SD_PACKET_LEN];

		memset(&m, 0, sizeof(m));
		m.type = NV_SD_HEARTBEAT;
		m.seq = ++G.seq;
		m.time = time(NULL);
		snprintf(m.sender, sizeof(m.sender), "%s", client_name[i]);
		m.a = 30;
		m.b = 1;
		if (client_feeds[i] != NULL) {
			m.flags = NV_SD_FLAG_FEEDS;
			snprintf(m.event, sizeof(m.event), "%s", client_feeds[i]);
		}
		nv_sd_pack(&m, (const uint8_t *)SECRET, strlen(SECRET), pkt);
		ck_assert_int_eq(send(G.fd[i], pkt, sizeof(pkt), 0), (ssize_t)sizeof(pkt));
	}
}

/* What the clients got since the last call. */
static void receive(void)
{
	for (int i = 0; i < NCLIENTS; i++) {
		uint8_t pkt[NV_SD_PACKET_LEN];
		struct nv_sd_msg m;

		while (recv(G.fd[i], pkt, sizeof(pkt), MSG_DONTWAIT) == (ssize_t)sizeof(pkt))
			if (nv_sd_unpack(pkt, sizeof(pkt), (const uint8_t *)SECRET, strlen(SECRET),
			    &m) == NV_SD_OK && m.type == NV_SD_SHUTDOWN)
				G.got_shutdown[i] = true;
	}
}

/* Turns until client WHO got its request (deadline 5 s), then a few more
 * so that every group has had its turns. */
static void until_shutdown_of(int who)
{
	struct timespec t0, now;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		turn();
		receive();
		clock_gettime(CLOCK_MONOTONIC, &now);
		ck_assert_msg(now.tv_sec - t0.tv_sec < 5, "%s got no request", client_name[who]);
	} while (!G.got_shutdown[who]);
	for (int i = 0; i < 5; i++) {
		turn();
		receive();
	}
}

static void setup(void)
{
	FILE *fp;
	char err[256] = "";

	memset(&G, 0, sizeof(G));
	snprintf(G.dir, sizeof(G.dir), "/tmp/nvgroups-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(G.dir));
	snprintf(G.key, sizeof(G.key), "%s/shutdown.key", G.dir);
	fp = fopen(G.key, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(SECRET "\n", fp);
	fclose(fp);
	chmod(G.key, 0600);

	nv_shutdown_cfg_defaults(&G.cfg);
	G.cfg.enabled = true;
	snprintf(G.cfg.listen, sizeof(G.cfg.listen), "127.0.0.1:%d", free_port());
	snprintf(G.cfg.secret_file, sizeof(G.cfg.secret_file), "%s", G.key);
	G.cfg.ups_shutoff = true;
	G.cfg.ev[NV_SDE_ON_BATTERY].action = NV_SDA_SHUTDOWN;
	G.cfg.ev[NV_SDE_ON_BATTERY].warning_period_s = 0;
	G.cfg.ev[NV_SDE_ON_BATTERY].when = NV_SDW_ALL;
	snprintf(G.sys.name, sizeof(G.sys.name), "nvtest");
	for (int d = 0; d < 2; d++) {
		G.snap[d].comm = NV_COMM_OK;
		nv_cond_set(&G.snap[d].sys, NV_C_INPUT_PRESENT, true);
		G.act[d].agent_event = agent_event;
		G.act[d].ups_shutoff = d == 0 ? shutoff_a : shutoff_b;
		G.dev[d].name = d == 0 ? "ups-a" : "ups-b";
		G.dev[d].snap = &G.snap[d];
		G.dev[d].act = &G.act[d];
	}
	G.env.section = &G.cfg;
	G.env.system = &G.sys;
	G.env.snap = &G.snap[0];
	G.env.act = &G.act[0];
	G.env.devices = G.dev;
	G.env.ndevices = 2;
	ck_assert_msg(nv_handler_shutdown.init(&G.state, &G.env, err, sizeof(err)) == 0, "%s", err);

	for (int i = 0; i < NCLIENTS; i++) {
		struct sockaddr_in to = { .sin_family = AF_INET,
		    .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
		    .sin_port = htons((uint16_t)atoi(strchr(G.cfg.listen, ':') + 1)) };

		G.fd[i] = socket(AF_INET, SOCK_DGRAM, 0);
		ck_assert_int_ge(G.fd[i], 0);
		ck_assert_int_eq(connect(G.fd[i], (struct sockaddr *)&to, sizeof(to)), 0);
	}
	G.seq = nv_sd_seq_start();
}

static void teardown(void)
{
	nv_handler_shutdown.fini(G.state);
	for (int i = 0; i < NCLIENTS; i++)
		close(G.fd[i]);
	unlink(G.key);
	rmdir(G.dir);
}

static void on_battery(int d)
{
	nv_cond_set(&G.snap[d].sys, NV_C_INPUT_PRESENT, false);
	nv_cond_set(&G.snap[d].sys, NV_C_ON_BATTERY, true);
}

static void row_feeds(const struct nv_shutdown_client_row *r, void *arg)
{
	char (*feeds)[256] = arg;

	for (int i = 0; i < NCLIENTS; i++)
		if (strcmp(r->name, client_name[i]) == 0)
			snprintf(feeds[i], sizeof(feeds[i]), "%s", r->feeds);
}

START_TEST(each_set_of_feeds_is_shut_down_by_its_own_devices)
{
	char feeds[NCLIENTS][256] = { "" };

	heartbeats();
	for (int i = 0; i < 5; i++)
		turn();
	ck_assert_uint_eq(nv_shutdown_clients(G.state, row_feeds, feeds), NCLIENTS);
	ck_assert_str_eq(feeds[0], "ups-a");
	ck_assert_str_eq(feeds[1], "ups-a,ups-b");
	ck_assert_str_eq(feeds[2], "ups-a,ups-b");      /* declared none: every device */
	ck_assert_str_eq(feeds[3], "ups-a,ups-b");      /* unknown name: ignored */

	on_battery(0);                  /* feed A fails: only the server on A alone */
	until_shutdown_of(0);
	ck_assert(!G.got_shutdown[1] && !G.got_shutdown[2] && !G.got_shutdown[3]);
	ck_assert_int_eq(G.shutoffs[0], 1);
	ck_assert_int_eq(G.shutoffs[1], 0);             /* never the healthy feed */
	ck_assert_int_eq(G.requests, 1);

	on_battery(1);                  /* both fail: everyone */
	until_shutdown_of(1);
	ck_assert(G.got_shutdown[2] && G.got_shutdown[3]);
	ck_assert_int_eq(G.shutoffs[0], 1);             /* already sent: not again */
	ck_assert_int_eq(G.shutoffs[1], 1);
	ck_assert_int_eq(G.requests, 1);                /* the agent's first request only */
}
END_TEST

static Suite *feed_groups_suite(void)
{
	Suite *s = suite_create("shutdown_feed_groups");
	TCase *tc = tcase_create("groups");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, each_set_of_feeds_is_shut_down_by_its_own_devices);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { feed_groups_suite, NULL };
