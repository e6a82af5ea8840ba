/*
 * test_nut_devices.c — the NUT server with several devices, built by
 * hand as the agent hands them to the plug-in (nut_devices.c feeding
 * nut_session.c): each device is a UPS under its own name, a request
 * reads and acts on the UPS it names only, and a shutdown flags FSD for
 * the clients of that device's UPS only.  A file without device sections
 * serves its one device as before (ups-name, description).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "model.h"
#include "nut_devices.h"
#include "nut_line.h"
#include "nut_session.h"

#define NDEV 3

/* What the server was asked, and of which UPS. */
struct fake {
	int instcmds, sets, fsds;
	unsigned last_ups;
	int last_set;
	int logins[NDEV];
};

static int f_numlogins(void *arg, unsigned ups)
{
	struct fake *f = arg;

	return f->logins[ups];
}

static void f_clients(void *arg, unsigned ups, const char *name, struct nv_text *out)
{
	(void)arg;
	nv_text_printf(out, "CLIENT %s 127.0.0.%u\n", name, ups + 1);
}

/* the third device (an STS) takes no battery test */
static bool f_available(void *arg, unsigned ups, const struct nv_nut_cmd *c)
{
	(void)arg;
	return ups != 2 || strcmp(c->name, "test.battery.start") != 0;
}

static const char *f_instcmd(void *arg, unsigned ups, struct nv_nut_session *s,
    const struct nv_nut_cmd *c, const char *who)
{
	struct fake *f = arg;

	(void)s, (void)c, (void)who;
	f->instcmds++;
	f->last_ups = ups;
	return NULL;
}

static void f_set(void *arg, unsigned ups, const char *name, int value, const char *who)
{
	struct fake *f = arg;

	(void)name, (void)who;
	f->sets++;
	f->last_ups = ups;
	f->last_set = value;
}

static void f_fsd(void *arg, unsigned ups, const char *who)
{
	struct fake *f = arg;

	(void)who;
	f->fsds++;
	f->last_ups = ups;
}

static struct fake fk;
static const struct nv_nut_server_ops ops = { .arg = &fk, .numlogins = f_numlogins,
	.list_clients = f_clients, .cmd_available = f_available, .instcmd = f_instcmd,
	.set_var = f_set, .fsd = f_fsd };
static struct nv_config cfg;
static struct nv_snapshot snap[NDEV];
static struct nv_handler_device dev[NDEV];
static struct nv_nut_devices ds;
static struct nv_nut_ups ups[NV_DEVICES_MAX];
static struct nv_nut_server_view view;
static struct nv_text out;

static const char *const names[NDEV] = { "ups-a", "ups-b", "sts-c" };

static void ups_snapshot(struct nv_snapshot *s, const char *model, int charge)
{
	nv_snapshot_init(s);
	s->comm = NV_COMM_OK;
	s->kind = NV_KIND_UPS;
	snprintf(s->id.model, sizeof(s->id.model), "%s", model);
	s->sys.ups.batt_charge = charge;
}

/* A file with device sections for ups-a, ups-b and sts-c. */
static void setup(void)
{
	struct nv_nut_user *u;

	memset(&fk, 0, sizeof(fk));
	memset(&ds, 0, sizeof(ds));
	nv_config_defaults(&cfg);
	cfg.gateways.nut.enabled = true;
	u = &cfg.gateways.nut.user[cfg.gateways.nut.n_users++];
	snprintf(u->name, sizeof(u->name), "boss");
	snprintf(u->password, sizeof(u->password), "pw");
	u->upsmon = NV_NUT_UPSMON_PRIMARY;
	u->may_fsd = u->may_set = u->all_instcmds = true;
	cfg.device_sections = true;
	cfg.ndevices = NDEV;
	for (int i = 0; i < NDEV; i++) {
		snprintf(cfg.devices[i].name, sizeof(cfg.devices[i].name), "%s", names[i]);
		dev[i] = (struct nv_handler_device){ .name = names[i], .snap = &snap[i] };
	}
	cfg.devices[1].data_unit = 2;
	ups_snapshot(&snap[0], "MASTERYS 3/M", 81);
	ups_snapshot(&snap[1], "ITYS", 82);
	ups_snapshot(&snap[2], "", 83);
	nv_nut_devices_update(&ds, &cfg, dev, NDEV);
	view = (struct nv_nut_server_view){ .cfg = &cfg.gateways.nut, .ops = &ops, .ups = ups,
	    .nups = ds.n };
	nv_text_init(&out);
}

static void teardown(void)
{
	nv_text_free(&out);
}

/* The answer to LINE from session S, the views made anew as the server
 * makes them for each line. */
static const char *ask(struct nv_nut_session *s, const char *line)
{
	char buf[NV_NUT_LINE_MAX];

	nv_nut_devices_view(&ds, dev, ups);
	snprintf(buf, sizeof(buf), "%s", line);
	nv_text_clear(&out);
	nv_nut_dispatch(&view, s, buf, &out);
	return out.buf != NULL ? out.buf : "";
}

static struct nv_notification note_event(const char *event, unsigned device_no)
{
	struct nv_notification n = { .kind = NV_NOTE_TRAP, .event = event,
		.device_no = device_no };

	snprintf(n.device_name, sizeof(n.device_name), "%s", names[device_no % NDEV]);
	return n;
}

static struct nv_notification note_mains_back(unsigned device_no)
{
	struct nv_notification n = { .kind = NV_NOTE_CONDITION, .cond = NV_C_ON_BATTERY,
		.set = 0, .device_no = device_no };

	return n;
}

START_TEST(every_device_is_a_ups_under_its_own_name)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	ck_assert_str_eq(ask(&s, "LIST UPS"), "BEGIN LIST UPS\n"
	    "UPS ups-a \"MASTERYS 3/M ups-a\"\nUPS ups-b \"ITYS ups-b\"\nUPS sts-c \"sts-c\"\n"
	    "END LIST UPS\n");
	ck_assert_str_eq(ask(&s, "GET UPSDESC ups-b"), "UPSDESC ups-b \"ITYS ups-b\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-a battery.charge"), "VAR ups-a battery.charge \"81\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-b battery.charge"), "VAR ups-b battery.charge \"82\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR sts-c battery.charge"), "VAR sts-c battery.charge \"83\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-b device.model"), "VAR ups-b device.model \"ITYS\"\n");
	ck_assert_ptr_nonnull(strstr(ask(&s, "LIST VAR ups-b"), "VAR ups-b battery.charge \"82\"\n"));
	ck_assert_ptr_null(strstr(out.buf, "ups-a"));
	ck_assert_str_eq(ask(&s, "GET TYPE sts-c battery.charge"), "TYPE sts-c battery.charge NUMBER\n");
	/* the one-device name is no device's now; nor is a near miss */
	ck_assert_str_eq(ask(&s, "GET VAR ups battery.charge"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "GET VAR UPS-A battery.charge"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "LIST VAR ups-d"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "LIST CMD ups-"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "GET NUMLOGINS nas"), "ERR UNKNOWN-UPS\n");
	/* the data unit each device serves is its own */
	ck_assert_int_eq(ups[0].vars.data_unit, 0);
	ck_assert_int_eq(ups[1].vars.data_unit, 2);
	/* the description follows the model once it is read */
	snprintf(snap[2].id.model, sizeof(snap[2].id.model), "STATYS");
	ck_assert_str_eq(ask(&s, "GET UPSDESC sts-c"), "UPSDESC sts-c \"STATYS sts-c\"\n");
}
END_TEST

START_TEST(a_lost_line_is_stale_on_its_own_ups_only)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	snap[0].comm = NV_COMM_LOST;
	ck_assert_str_eq(ask(&s, "GET VAR ups-a battery.charge"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "LIST VAR ups-a"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-b battery.charge"), "VAR ups-b battery.charge \"82\"\n");
	ask(&s, "USERNAME boss");
	ask(&s, "PASSWORD pw");
	ck_assert_str_eq(ask(&s, "INSTCMD ups-a test.battery.start"), "ERR DATA-STALE\n");
	ck_assert_int_eq(fk.instcmds, 0);
}
END_TEST

START_TEST(commands_and_settings_reach_the_ups_named)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	char line[64];

	ask(&s, "USERNAME boss");
	ask(&s, "PASSWORD pw");
	snprintf(line, sizeof(line), "INSTCMD ups-b test.battery.start");
	ck_assert_int_eq(nv_nut_dispatch(&view, &s, line, &out), NV_NUT_WAIT);
	ck_assert_int_eq(fk.instcmds, 1);
	ck_assert_uint_eq(fk.last_ups, 1);
	/* what one device lacks the others may have */
	ck_assert_str_eq(ask(&s, "INSTCMD sts-c test.battery.start"), "ERR CMD-NOT-SUPPORTED\n");
	ck_assert_ptr_null(strstr(ask(&s, "LIST CMD sts-c"), "test.battery.start"));
	ck_assert_ptr_nonnull(strstr(ask(&s, "LIST CMD ups-a"), "CMD ups-a test.battery.start\n"));
	ck_assert_int_eq(fk.instcmds, 1);
	ck_assert_str_eq(ask(&s, "SET VAR sts-c ups.delay.shutdown 45"), "OK\n");
	ck_assert_uint_eq(fk.last_ups, 2);
	ck_assert_int_eq(fk.last_set, 45);
	ck_assert_str_eq(ask(&s, "FSD ups-a"), "OK FSD-SET\n");
	ck_assert_uint_eq(fk.last_ups, 0);
	ck_assert_str_eq(ask(&s, "FSD ups"), "ERR UNKNOWN-UPS\n");
	ck_assert_int_eq(fk.fsds, 1);
}
END_TEST

START_TEST(a_login_counts_on_the_ups_it_names)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	fk.logins[1] = 4;
	ask(&s, "USERNAME boss");
	ask(&s, "PASSWORD pw");
	ck_assert_str_eq(ask(&s, "LOGIN ups-x"), "ERR UNKNOWN-UPS\n");
	ck_assert(!s.logged_in);
	ck_assert_str_eq(ask(&s, "LOGIN ups-b"), "OK\n");
	ck_assert(s.logged_in);
	ck_assert_uint_eq(s.ups, 1);
	ck_assert_str_eq(ask(&s, "GET NUMLOGINS ups-b"), "NUMLOGINS ups-b 4\n");
	ck_assert_str_eq(ask(&s, "GET NUMLOGINS ups-a"), "NUMLOGINS ups-a 0\n");
	ck_assert_str_eq(ask(&s, "LIST CLIENT sts-c"), "BEGIN LIST CLIENT sts-c\n"
	    "CLIENT sts-c 127.0.0.3\nEND LIST CLIENT sts-c\n");
	ck_assert_str_eq(ask(&s, "PRIMARY ups-b"), "OK PRIMARY-GRANTED\n");
}
END_TEST

START_TEST(fsd_is_told_to_the_clients_of_the_device_that_shuts_down)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	struct nv_notification n;

	for (int i = 0; i < NDEV; i++)
		nv_cond_set(&snap[i].sys, NV_C_ON_BATTERY, true);
	n = note_event("shutdown-request", 1);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_SET);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_NONE);   /* said once */
	ck_assert_str_eq(ask(&s, "GET VAR ups-b ups.status"), "VAR ups-b ups.status \"OB DISCHRG FSD\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-a ups.status"), "VAR ups-a ups.status \"OB DISCHRG\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR sts-c ups.status"), "VAR sts-c ups.status \"OB DISCHRG\"\n");
	/* another device's cancel or mains return leaves it */
	n = note_event("shutdown-cancelled", 0);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_NONE);
	n = note_mains_back(0);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_NONE);
	ck_assert(ds.d[1].fsd);
	n = note_event("shutdown-cancelled", 1);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_CANCELLED_LATE);
	ck_assert(ds.d[1].fsd);
	/* a device number the server does not know changes nothing */
	n = note_event("shutdown-request", NV_DEVICES_MAX + 1);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_NONE);
	ck_assert(!ds.d[0].fsd && !ds.d[2].fsd);
	n = note_mains_back(1);
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_CLEARED);
	ck_assert_str_eq(ask(&s, "GET VAR ups-b ups.status"), "VAR ups-b ups.status \"OB DISCHRG\"\n");
}
END_TEST

START_TEST(a_reload_keeps_each_ups_flags_and_delays)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	struct nv_notification n = note_event("shutdown-request", 2);

	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_SET);
	ds.d[0].delay_start_s = 300;
	nv_nut_devices_update(&ds, &cfg, dev, NDEV);
	ck_assert(ds.d[2].fsd && !ds.d[1].fsd);
	ck_assert_str_eq(ask(&s, "GET VAR ups-a ups.delay.start"), "VAR ups-a ups.delay.start \"300\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-b ups.delay.start"), "VAR ups-b ups.delay.start \"120\"\n");
}
END_TEST

START_TEST(a_file_without_device_sections_serves_as_before)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	struct nv_notification n = note_event("shutdown-request", 0);

	memset(&ds, 0, sizeof(ds));
	cfg.device_sections = false;
	cfg.ndevices = 1;
	snprintf(cfg.devices[0].name, sizeof(cfg.devices[0].name), "ups");
	dev[0].name = "ups";
	snprintf(cfg.gateways.nut.ups_name, sizeof(cfg.gateways.nut.ups_name), "room-1");
	snprintf(cfg.gateways.nut.description, sizeof(cfg.gateways.nut.description), "Room 1");
	nv_nut_devices_update(&ds, &cfg, dev, 1);
	view.nups = ds.n;
	ck_assert_str_eq(ask(&s, "LIST UPS"), "BEGIN LIST UPS\nUPS room-1 \"Room 1\"\nEND LIST UPS\n");
	ck_assert_str_eq(ask(&s, "GET VAR room-1 battery.charge"), "VAR room-1 battery.charge \"81\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups battery.charge"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups-a battery.charge"), "ERR UNKNOWN-UPS\n");
	ck_assert_int_eq(nv_nut_devices_note(&ds, &n), NV_NUT_FSD_SET);
	ck_assert_ptr_nonnull(strstr(ask(&s, "GET VAR room-1 ups.status"), "FSD"));
	/* no description: as upsd says it */
	cfg.gateways.nut.description[0] = '\0';
	nv_nut_devices_update(&ds, &cfg, dev, 1);
	ck_assert_str_eq(ask(&s, "GET UPSDESC room-1"), "UPSDESC room-1 \"Unavailable\"\n");
}
END_TEST

static Suite *nut_devices_suite(void)
{
	Suite *s = suite_create("nut_devices");
	TCase *tc = tcase_create("devices");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, every_device_is_a_ups_under_its_own_name);
	tcase_add_test(tc, a_lost_line_is_stale_on_its_own_ups_only);
	tcase_add_test(tc, commands_and_settings_reach_the_ups_named);
	tcase_add_test(tc, a_login_counts_on_the_ups_it_names);
	tcase_add_test(tc, fsd_is_told_to_the_clients_of_the_device_that_shuts_down);
	tcase_add_test(tc, a_reload_keeps_each_ups_flags_and_delays);
	tcase_add_test(tc, a_file_without_device_sections_serves_as_before);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { nut_devices_suite, NULL };
