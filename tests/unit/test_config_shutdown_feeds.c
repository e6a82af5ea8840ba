/*
 * test_config_shutdown_feeds.c — the devices a shutdown event watches
 * (nvagent.conf "devices", "when") and the devices feeding an nvshutdown
 * client (nvshutdown.conf "feeds"): what is taken, what is refused.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "nvconfig.h"
#include "nvshutdown.h"

static char path[64];
static char err[512];

static void write_file(const char *text)
{
	FILE *fp;
	int fd;

	snprintf(path, sizeof(path), "/tmp/nvfeeds-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	fclose(fp);
}

static int load_agent(const char *text, struct nv_config *c)
{
	int rc;

	write_file(text);
	rc = nv_config_load(path, c, err, sizeof(err));
	unlink(path);
	return rc;
}

static void agent_refuses(const char *text, int line, const char *rest)
{
	static struct nv_config c;
	char want[512];

	ck_assert_int_eq(load_agent(text, &c), -1);
	snprintf(want, sizeof(want), "%s:%d: %s", path, line, rest);
	ck_assert_str_eq(err, want);
}

START_TEST(event_without_devices_watches_every_device_under_any)
{
	static struct nv_config c;

	ck_assert_int_eq(load_agent("shutdown {\n event on-battery {\n  action = shutdown\n"
	    " }\n}\n", &c), 0);
	ck_assert_uint_eq(c.shutdown.ev[NV_SDE_ON_BATTERY].device_mask, 0);
	ck_assert_int_eq(c.shutdown.ev[NV_SDE_ON_BATTERY].when, NV_SDW_ANY);
}
END_TEST

START_TEST(event_naming_the_one_device_ups_is_taken)
{
	static struct nv_config c;

	ck_assert_int_eq(load_agent("shutdown {\n event on-battery {\n  action = shutdown\n"
	    "  devices = {\"ups\"}\n  when = all\n }\n}\n", &c), 0);
	ck_assert_uint_eq(c.shutdown.ev[NV_SDE_ON_BATTERY].device_mask, 1);
	ck_assert_int_eq(c.shutdown.ev[NV_SDE_ON_BATTERY].when, NV_SDW_ALL);
}
END_TEST

START_TEST(unknown_device_empty_list_and_bad_when_are_refused)
{
	agent_refuses("shutdown {\n event on-battery {\n  action = shutdown\n"
	    "  devices = {\"ups\", \"ups-b\"}\n }\n}\n", 5,
	    "shutdown: event on-battery: devices: 'ups-b' is not a device of this agent "
	    "(ups)");
	agent_refuses("shutdown {\n event battery-low {\n  devices = {}\n }\n}\n", 4,
	    "shutdown: event battery-low: devices is empty (leave it out for every device)");
	agent_refuses("shutdown {\n event on-battery {\n  when = most\n }\n}\n", 4,
	    "shutdown: event on-battery: when 'most' is not any or all");
}
END_TEST

/* The names resolved against several devices (the loader's own device
 * list, for a file with device sections). */
START_TEST(devices_resolve_against_several_devices)
{
	const char *names[] = { "ups-a", "ups-b", "sts-1" };
	struct nv_shutdown_cfg c;

	nv_shutdown_cfg_defaults(&c);
	c.ev[NV_SDE_ON_BATTERY].ndevices = 2;
	snprintf(c.ev[NV_SDE_ON_BATTERY].devices[0], NV_SD_DEVICE_NAME_LEN, "sts-1");
	snprintf(c.ev[NV_SDE_ON_BATTERY].devices[1], NV_SD_DEVICE_NAME_LEN, "ups-a");
	ck_assert_int_eq(nv_config_shutdown_devices(&c, names, 3, "f.conf", err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(c.ev[NV_SDE_ON_BATTERY].device_mask, 5);
	c.ev[NV_SDE_OVERLOAD].ndevices = 1;
	c.ev[NV_SDE_OVERLOAD].devices_line = 12;
	snprintf(c.ev[NV_SDE_OVERLOAD].devices[0], NV_SD_DEVICE_NAME_LEN, "ups");
	ck_assert_int_eq(nv_config_shutdown_devices(&c, names, 3, "f.conf", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "f.conf:12: shutdown: event overload: devices: 'ups' is "
	    "not a device of this agent (ups-a, ups-b, sts-1)");
}
END_TEST

/* ---- nvshutdown.conf -------------------------------------------------------- */

static const char client_base[] = "server = \"127.0.0.1:4200\"\n"
    "secret-file = \"/tmp/k\"\nname = \"db1\"\n";

static int load_client(const char *feeds, struct nvs_config *c)
{
	char text[512];
	int rc;

	snprintf(text, sizeof(text), "%s%s", client_base, feeds);
	write_file(text);
	rc = nvs_config_load(path, c, err, sizeof(err));
	unlink(path);
	return rc;
}

START_TEST(client_feeds_are_joined_for_the_heartbeat)
{
	struct nvs_config c;

	ck_assert_int_eq(load_client("", &c), 0);
	ck_assert_str_eq(c.feeds, "");
	ck_assert_int_eq(load_client("feeds = {\"ups-a\", \"ups-b\"}\n", &c), 0);
	ck_assert_str_eq(c.feeds, "ups-a,ups-b");
}
END_TEST

START_TEST(client_feeds_refused_when_empty_bad_or_too_long)
{
	struct nvs_config c;
	char want[512];

	ck_assert_int_eq(load_client("feeds = {}\n", &c), -1);
	snprintf(want, sizeof(want), "%s: feeds: the list is empty (leave it out when every "
	    "device of the agent feeds this server)", path);
	ck_assert_str_eq(err, want);
	ck_assert_int_eq(load_client("feeds = {\"ups a\"}\n", &c), -1);
	ck_assert_ptr_nonnull(strstr(err, "feeds: 'ups a' is not a device name"));
	ck_assert_int_eq(load_client("feeds = {\"first-long-ups\", \"second-ups\"}\n", &c), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than 23 characters"));
}
END_TEST

static Suite *config_shutdown_feeds_suite(void)
{
	Suite *s = suite_create("config_shutdown_feeds");
	TCase *tc = tcase_create("feeds");

	tcase_add_test(tc, event_without_devices_watches_every_device_under_any);
	tcase_add_test(tc, event_naming_the_one_device_ups_is_taken);
	tcase_add_test(tc, unknown_device_empty_list_and_bad_when_are_refused);
	tcase_add_test(tc, devices_resolve_against_several_devices);
	tcase_add_test(tc, client_feeds_are_joined_for_the_heartbeat);
	tcase_add_test(tc, client_feeds_refused_when_empty_bad_or_too_long);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { config_shutdown_feeds_suite, NULL };
