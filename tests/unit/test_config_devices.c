/* test_config_devices.c — device NAME { } sections of nvagent.conf
 * (agent/config/config_devices.c, nvconfig.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "config_devices.h"
#include "config_fixture.h"
#include "model.h"        /* NV_PROTO_STS */

/* One of each device's own sections and keys, at the top level. */
#define ONE_DEVICE_BODY \
	"serial { device = \"/dev/ttyUSB0\" baud = 9600 slave = 2 timeout = 300 }\n" \
	"poll { interval = 5 status-interval = 200 comm-loss-after = 4 }\n" \
	"data-unit = 2\n" \
	"controls { shutoff-register = 0x1590 }\n" \
	"controls sts { remote-bit = 3 }\n" \
	"schedule { weekly { off = \"fri 22:00\" restart = \"mon 06:00\" } }\n" \
	"environment { profile = env-sensor serial { device = \"/dev/ttyUSB0\" slave = 5 } }\n"

#define TWO_DEVICES \
	"state-dir = \"/srv/nv\"\n" \
	"agentx { socket = \"tcp:127.0.0.1:705\" }\n" \
	"device ups-a {\n" \
	"  serial { device = \"/dev/ttyUSB0\" slave = 1 baud = 9600 }\n" \
	"  poll { interval = 3 }\n" \
	"  data-unit = 1\n" \
	"  controls { shutoff-register = 0x1590 }\n" \
	"  schedule { weekly { off = \"fri 22:00\" restart = \"mon 06:00\" } }\n" \
	"  environment { profile = env-sensor serial { device = \"/dev/ttyUSB0\" slave = 5 } }\n" \
	"}\n" \
	"device \"ups-b\" {\n" \
	"  serial { device = \"/dev/ttyUSB1\" }\n" \
	"}\n"

/* A file without device sections: one device "ups", whose settings are
 * the one-device fields, the state directory state-dir itself. */
START_TEST(no_device_sections_is_one_device_named_ups)
{
	struct fixture f;
	struct nv_config one;
	const struct nv_device_cfg *d = &f.cfg.devices[0];

	ck_assert_int_eq(load(&f, "state-dir = \"/srv/nv\"\n" ONE_DEVICE_BODY), 0);
	ck_assert_uint_eq(f.cfg.ndevices, 1);
	ck_assert(!f.cfg.device_sections);
	ck_assert_str_eq(d->name, "ups");
	ck_assert_str_eq(f.cfg.serial.device, "/dev/ttyUSB0");
	ck_assert_int_eq(f.cfg.serial.baud, 9600);
	ck_assert_int_eq(f.cfg.serial.slave, 2);
	ck_assert_int_eq(f.cfg.serial.timeout_ms, 300);
	ck_assert_int_eq(f.cfg.poll.interval_s, 5);
	ck_assert_int_eq(f.cfg.poll.status_interval_ms, 200);
	ck_assert_int_eq(f.cfg.poll.comm_loss_after, 4);
	ck_assert_int_eq(f.cfg.data_unit, 2);
	ck_assert_int_eq(f.cfg.gateways.bacnet.data_unit, 2);
	ck_assert_int_eq(f.cfg.gateways.nut.data_unit, 2);
	ck_assert_int_eq(f.cfg.controls.ovr[NV_CONTROLS_ANY].shutoff_addr, 0x1590);
	ck_assert_int_eq(f.cfg.controls.ovr[NV_PROTO_STS].perm_remote_bit, 3);
	ck_assert_uint_eq(f.cfg.schedule.n_weekly, 1);
	ck_assert(f.cfg.env.enabled && f.cfg.env.shared);
	ck_assert_int_eq(f.cfg.env.serial.slave, 5);
	ck_assert_str_eq(f.cfg.state_dir, "/srv/nv");
	ck_assert_str_eq(f.cfg.agent_state_dir, "/srv/nv");
	ck_assert_mem_eq(&d->serial, &f.cfg.serial, sizeof(d->serial));
	ck_assert_mem_eq(&d->poll, &f.cfg.poll, sizeof(d->poll));
	ck_assert_int_eq(d->data_unit, f.cfg.data_unit);
	ck_assert_mem_eq(&d->controls, &f.cfg.controls, sizeof(d->controls));
	ck_assert_mem_eq(&d->schedule, &f.cfg.schedule, sizeof(d->schedule));
	ck_assert_mem_eq(&d->env, &f.cfg.env, sizeof(d->env));
	nv_config_for_device(&f.cfg, 0, &one);
	ck_assert_mem_eq(&one, &f.cfg, sizeof(one));
}
END_TEST

/* An empty file: the defaults, one device "ups" on them. */
START_TEST(empty_file_is_one_device_on_the_defaults)
{
	struct fixture f;
	struct nv_config defaults, one;

	ck_assert_int_eq(load(&f, "# nothing\n"), 0);
	nv_config_defaults(&defaults);
	memcpy(defaults.path, f.cfg.path, sizeof(defaults.path));
	ck_assert_mem_eq(&defaults, &f.cfg, sizeof(defaults));
	ck_assert_uint_eq(f.cfg.ndevices, 1);
	ck_assert_str_eq(f.cfg.devices[0].name, "ups");
	ck_assert_str_eq(f.cfg.devices[0].serial.device, "/dev/ttyS0");
	nv_config_for_device(&f.cfg, 0, &one);
	ck_assert_str_eq(one.state_dir, "/var/lib/nvagent");
}
END_TEST

START_TEST(two_devices_have_their_own_values)
{
	struct fixture f;
	const struct nv_device_cfg *a = &f.cfg.devices[0], *b = &f.cfg.devices[1];

	ck_assert_int_eq(load(&f, TWO_DEVICES), 0);
	ck_assert_uint_eq(f.cfg.ndevices, 2);
	ck_assert(f.cfg.device_sections);
	ck_assert_str_eq(a->name, "ups-a");
	ck_assert_int_eq(a->line, 3);
	ck_assert_str_eq(a->serial.device, "/dev/ttyUSB0");
	ck_assert_int_eq(a->serial.baud, 9600);
	ck_assert_int_eq(a->poll.interval_s, 3);
	ck_assert_int_eq(a->data_unit, 1);
	ck_assert_int_eq(a->controls.ovr[NV_CONTROLS_ANY].shutoff_addr, 0x1590);
	ck_assert_uint_eq(a->schedule.n_weekly, 1);
	ck_assert(a->env.enabled && a->env.shared);
	ck_assert_str_eq(b->name, "ups-b");
	ck_assert_int_eq(b->line, 11);
	ck_assert_str_eq(b->serial.device, "/dev/ttyUSB1");
	ck_assert_int_eq(b->serial.slave, 1);          /* the defaults */
	ck_assert_int_eq(b->serial.baud, 0);
	ck_assert_int_eq(b->serial.timeout_ms, 500);
	ck_assert_int_eq(b->poll.interval_s, 2);
	ck_assert_int_eq(b->data_unit, 0);
	ck_assert_int_eq(b->controls.ovr[NV_CONTROLS_ANY].shutoff_addr, -1);
	ck_assert_uint_eq(b->schedule.n_weekly, 0);
	ck_assert(!b->env.enabled);
	/* the one-device fields: the first device's */
	ck_assert_str_eq(f.cfg.serial.device, "/dev/ttyUSB0");
	ck_assert_int_eq(f.cfg.poll.interval_s, 3);
	ck_assert_int_eq(f.cfg.data_unit, 1);
	ck_assert_int_eq(f.cfg.gateways.nut.data_unit, 1);
	ck_assert_uint_eq(f.cfg.schedule.n_weekly, 1);
	ck_assert(f.cfg.env.enabled);
	ck_assert_str_eq(f.cfg.agentx.socket, "tcp:127.0.0.1:705");
	ck_assert_str_eq(f.cfg.agent_state_dir, "/srv/nv");
}
END_TEST

START_TEST(config_for_a_device_is_its_own_with_state_dir_name)
{
	struct fixture f;
	struct nv_config one;

	ck_assert_int_eq(load(&f, TWO_DEVICES), 0);
	nv_config_for_device(&f.cfg, 1, &one);
	ck_assert_str_eq(one.state_dir, "/srv/nv/ups-b");
	ck_assert_str_eq(one.agent_state_dir, "/srv/nv");
	ck_assert_str_eq(one.serial.device, "/dev/ttyUSB1");
	ck_assert_int_eq(one.poll.interval_s, 2);
	ck_assert_int_eq(one.data_unit, 0);
	ck_assert_int_eq(one.gateways.bacnet.data_unit, 0);
	ck_assert_int_eq(one.gateways.nut.data_unit, 0);
	ck_assert_int_eq(one.controls.ovr[NV_CONTROLS_ANY].shutoff_addr, -1);
	ck_assert_uint_eq(one.schedule.n_weekly, 0);
	ck_assert(!one.env.enabled);
	ck_assert_str_eq(one.agentx.socket, "tcp:127.0.0.1:705");  /* the agent's */
	nv_config_for_device(&f.cfg, 0, &one);
	ck_assert_str_eq(one.state_dir, "/srv/nv/ups-a");
	ck_assert_str_eq(one.serial.device, "/dev/ttyUSB0");
	ck_assert_int_eq(one.data_unit, 1);
	ck_assert_int_eq(one.gateways.bacnet.data_unit, 1);
}
END_TEST

/* Two UPSs (slave 2 on its own line) and an STS; untitled and
 * per-profile controls, keys written as at the top level. */
START_TEST(three_devices_on_two_lines)
{
	struct fixture f;

	ck_assert_int_eq(load(&f,
	    "device ups-a { serial { device = \"/dev/ttyUSB0\" slave = 1 } }\n"
	    "device ups-b { serial { device = \"/dev/ttyUSB2\" slave = 2 } }\n"
	    "device sts.1 {\n"
	    "  serial { device = \"/dev/ttyS1\" baud = 19200 }\n"
	    "  controls sts { permission-register = 0x1000 }\n"
	    "  data-unit = 0\n"
	    "}\n"), 0);
	ck_assert_uint_eq(f.cfg.ndevices, 3);
	ck_assert_int_eq(f.cfg.devices[1].serial.slave, 2);
	ck_assert_str_eq(f.cfg.devices[2].name, "sts.1");
	ck_assert_int_eq(f.cfg.devices[2].line, 3);
	ck_assert_int_eq(f.cfg.devices[2].serial.baud, 19200);
	ck_assert_int_eq(f.cfg.devices[2].controls.ovr[NV_PROTO_STS].perm_addr, 0x1000);
	ck_assert_int_eq(f.cfg.devices[0].controls.ovr[NV_PROTO_STS].perm_addr, -1);
}
END_TEST

START_TEST(eight_devices_are_accepted)
{
	struct fixture f;
	char text[2048] = "";

	for (int i = 0; i < NV_DEVICES_MAX; i++) {
		size_t n = strlen(text);

		snprintf(text + n, sizeof(text) - n,
		    "device d%d { serial { device = \"/dev/ttyUSB%d\" } }\n", i, i);
	}
	ck_assert_int_eq(load(&f, text), 0);
	ck_assert_uint_eq(f.cfg.ndevices, NV_DEVICES_MAX);
	ck_assert_str_eq(f.cfg.devices[7].name, "d7");
}
END_TEST

/* nvagentd --check-config lists them so. */
START_TEST(devices_are_described_one_a_line)
{
	struct fixture f;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	ck_assert_int_eq(load(&f, TWO_DEVICES), 0);
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	nv_config_devices_describe(&f.cfg, out);
	fclose(out);
	ck_assert_str_eq(text, "device ups-a: /dev/ttyUSB0 slave 1, state /srv/nv/ups-a\n"
	    "device ups-b: /dev/ttyUSB1 slave 1, state /srv/nv/ups-b\n");
	free(text);
	ck_assert_int_eq(load(&f, "state-dir = \"/srv/nv\"\n"), 0);
	out = open_memstream(&text, &len);
	ck_assert_ptr_nonnull(out);
	nv_config_devices_describe(&f.cfg, out);
	fclose(out);
	ck_assert_str_eq(text, "device ups: /dev/ttyS0 slave 1, state /srv/nv\n");
	free(text);
}
END_TEST

#define DEV_A "device a {\n  serial { device = \"/dev/ttyUSB0\" }\n}\n"

START_TEST(top_level_device_items_are_refused_with_their_line)
{
	expect_error("serial { device = \"/dev/ttyS1\" }\n" DEV_A, 1,
	    "serial: a file with device sections has no top-level serial { }: "
	    "move it into a device section");
	expect_error(DEV_A "\npoll { interval = 3 }\n", 5,
	    "poll: a file with device sections has no top-level poll { }: "
	    "move it into a device section");
	expect_error(DEV_A "data-unit = 2\n", 4,
	    "data-unit: a file with device sections has no top-level data-unit: "
	    "move it into a device section");
	expect_error("system { name = \"x\" }\ncontrols { remote-bit = 2 }\n" DEV_A, 2,
	    "controls: a file with device sections has no top-level controls { }: "
	    "move it into a device section");
	expect_error(DEV_A "controls sts { remote-bit = 2 }\n", 4,
	    "controls: a file with device sections has no top-level controls { }: "
	    "move it into a device section");
	expect_error(DEV_A "schedule {\n weekly { off = \"fri 22:00\" }\n}\n", 4,
	    "schedule: a file with device sections has no top-level schedule { }: "
	    "move it into a device section");
	expect_error(DEV_A "environment {\n profile = sysfs\n}\n", 4,
	    "environment: a file with device sections has no top-level environment { }: "
	    "move it into a device section");
}
END_TEST

START_TEST(bad_device_names_are_refused_with_their_line)
{
	static const char *const bad[] = { "-a", ".a", "a/b", "a b", "",
	    "abcdefghijklmnopqrstuvwxyz012345" };     /* 32 characters */
	char text[256], rest[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(text, sizeof(text), "# devices\n\ndevice \"%s\" {\n"
		    "  serial { device = \"/dev/ttyUSB0\" }\n}\n", bad[i]);
		snprintf(rest, sizeof(rest), "device %s: a name is 1-31 characters of "
		    "A-Z a-z 0-9 . _ -, starting with a letter or digit", bad[i]);
		expect_error(text, 3, rest);
	}
	expect_error("device {\n  serial { device = \"/dev/ttyUSB0\" }\n}\n", 1,
	    "device: a device section needs a name: device NAME { ... }");
}
END_TEST

START_TEST(duplicate_and_too_many_devices_are_refused)
{
	char text[2048] = "";

	expect_error(DEV_A "\ndevice a {\n  serial { device = \"/dev/ttyUSB1\" }\n}\n", 5,
	    "device a: defined twice (first at line 1)");
	for (int i = 0; i <= NV_DEVICES_MAX; i++) {
		size_t n = strlen(text);

		snprintf(text + n, sizeof(text) - n,
		    "device d%d {\n serial { device = \"/dev/ttyUSB%d\" }\n}\n", i, i);
	}
	expect_error(text, 3 * NV_DEVICES_MAX + 1,
	    "device d8: more than 8 devices in one agent");
}
END_TEST

START_TEST(section_left_open_is_refused_at_its_line)
{
	expect_error(DEV_A "\ndevice b {\n  serial { device = \"/dev/ttyUSB1\" }\n", 5,
	    "section 'device' is not closed (missing '}')");
	/* in a one-device file too */
	expect_error("system { name = \"x\" }\ncontrols sts\n{\n  remote-bit = 2\n", 3,
	    "section 'controls' is not closed (missing '}')");
}
END_TEST

START_TEST(device_without_serial_device_is_refused)
{
	expect_error(DEV_A "device b {\n  poll { interval = 4 }\n  serial { slave = 2 }\n}\n",
	    4, "device b: serial { device = ... } is missing");
	expect_error(DEV_A "device b {\n}\n", 4, "device b: serial { device = ... } is missing");
}
END_TEST

START_TEST(devices_sharing_a_line_are_refused)
{
	expect_error(DEV_A "device b {\n  serial {\n    device = \"/dev/ttyUSB0\"\n  }\n}\n", 4,
	    "device b: serial: /dev/ttyUSB0 is device a's line (each device has a line "
	    "of its own)");
	/* another slave id on the same line: still one poller per line */
	expect_error(DEV_A "device b {\n  serial {\n    device = \"/dev/ttyUSB0\"  slave = 2\n"
	    "  }\n}\n", 4,
	    "device b: serial: /dev/ttyUSB0 is device a's line (each device has a line "
	    "of its own)");
	/* a sensor on another device's line, either order: the later one is refused */
	expect_error(DEV_A "device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  environment { serial { device = \"/dev/ttyUSB0\" slave = 1 } }\n}\n", 4,
	    "device b: environment: serial: /dev/ttyUSB0 is device a's line (a sensor "
	    "shares its own device's line only)");
	expect_error("device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  environment { serial { device = \"/dev/ttyUSB0\" slave = 1 } }\n}\n" DEV_A, 5,
	    "device a: serial: /dev/ttyUSB0 is the line of device b's environment sensor");
	/* two sensors on one line and slave */
	expect_error("device a {\n  serial { device = \"/dev/ttyUSB0\" }\n"
	    "  environment { serial { device = \"/dev/ttyS4\" slave = 7 } }\n}\n"
	    "device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  environment { serial { device = \"/dev/ttyS4\" slave = 7 } }\n}\n", 5,
	    "device b: environment: serial: /dev/ttyS4 is the line of device a's "
	    "environment sensor");
	/* the one-device check, inside a device section */
	expect_error("device a {\n  serial { device = \"/dev/ttyUSB0\" slave = 3 }\n"
	    "  environment {\n    serial { device = \"/dev/ttyUSB0\" slave = 3 }\n  }\n}\n", 4,
	    "environment: serial: slave 3 is the UPS's on the shared line /dev/ttyUSB0");
}
END_TEST

START_TEST(over_long_state_dir_name_is_refused)
{
	char text[PATH_MAX + 256], dir[PATH_MAX];

	/* state-dir itself fits; state-dir/NAME does not */
	memset(dir, 'x', PATH_MAX - 8);
	dir[0] = '/';
	dir[PATH_MAX - 8] = '\0';
	snprintf(text, sizeof(text), "state-dir = \"%s\"\n" DEV_A
	    "device longer-name {\n  serial { device = \"/dev/ttyUSB1\" }\n}\n", dir);
	expect_error(text, 5, "device longer-name: state-dir/longer-name is longer than "
	    "4095 characters");
}
END_TEST

/* Inside a device section a key is checked as at the top level. */
START_TEST(values_in_a_device_are_checked_as_at_top_level)
{
	expect_error(DEV_A "device b {\n  serial {\n    device = \"/dev/ttyUSB1\"\n"
	    "    slave = 300\n  }\n}\n", 7, "slave: 300 is out of range 1..247");
	expect_error(DEV_A "device b {\n  serial { device = \"dev/ttyUSB1\" }\n}\n", 5,
	    "device: 'dev/ttyUSB1' is not an absolute path");
	expect_error(DEV_A "device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  data-unit = 11\n}\n", 6, "data-unit: 11 is out of range 0..10");
	expect_error(DEV_A "device b {\n  serial { device = \"/dev/ttyUSB1\" baud = 1200 }\n}\n",
	    5, "baud: '1200' is not one of auto, 2400, 9600, 19200, 57600");
	expect_error(DEV_A "device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  environment {\n    serial { device = \"/dev/ttyS2\" baud = 1234 }\n  }\n}\n", 7,
	    "environment: serial: baud 1234 is not 2400, 4800, 9600, 19200, 38400, 57600 "
	    "or 115200");
	expect_error(DEV_A "device b {\n  serial { device = \"/dev/ttyUSB1\" }\n"
	    "  schedule {\n    weekly { off = \"fri 22:00\" restart = \"fri 21:00\" }\n"
	    "  }\n}\n", 7, "schedule: weekly: restart 10020 min after the shut-off, more "
	    "than the UPS can count (9999 min)");
}
END_TEST

static Suite *config_devices_suite(void)
{
	Suite *s = suite_create("config_devices");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, no_device_sections_is_one_device_named_ups);
	tcase_add_test(tc, empty_file_is_one_device_on_the_defaults);
	tcase_add_test(tc, two_devices_have_their_own_values);
	tcase_add_test(tc, config_for_a_device_is_its_own_with_state_dir_name);
	tcase_add_test(tc, three_devices_on_two_lines);
	tcase_add_test(tc, eight_devices_are_accepted);
	tcase_add_test(tc, devices_are_described_one_a_line);
	tcase_add_test(tc, top_level_device_items_are_refused_with_their_line);
	tcase_add_test(tc, bad_device_names_are_refused_with_their_line);
	tcase_add_test(tc, duplicate_and_too_many_devices_are_refused);
	tcase_add_test(tc, section_left_open_is_refused_at_its_line);
	tcase_add_test(tc, device_without_serial_device_is_refused);
	tcase_add_test(tc, devices_sharing_a_line_are_refused);
	tcase_add_test(tc, over_long_state_dir_name_is_refused);
	tcase_add_test(tc, values_in_a_device_are_checked_as_at_top_level);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { config_devices_suite, NULL };
