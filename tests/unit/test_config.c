/* test_config.c — nvagent.conf parsing and validation (agent/config/nvconfig.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "config_fixture.h"

START_TEST(defaults_when_file_is_empty)
{
	struct fixture f;

	ck_assert_int_eq(load(&f, "# nothing\n"), 0);
	ck_assert_str_eq(f.cfg.serial.device, "/dev/ttyS0");
	ck_assert_int_eq(f.cfg.serial.baud, 0);
	ck_assert_int_eq(f.cfg.serial.slave, 1);
	ck_assert_int_eq(f.cfg.serial.timeout_ms, 500);
	ck_assert_int_eq(f.cfg.poll.interval_s, 2);
	ck_assert_int_eq(f.cfg.poll.status_interval_ms, 0);
	ck_assert_int_eq(f.cfg.poll.comm_loss_after, 3);
	ck_assert_str_eq(f.cfg.agentx.socket, "unix:/var/agentx/master");
	ck_assert_int_eq(f.cfg.agentx.ping_interval, 5);
	ck_assert_str_eq(f.cfg.state_dir, "/var/lib/nvagent");
	ck_assert_str_eq(f.cfg.control_socket, "/run/nvagent/nvagent.sock");
	ck_assert_str_eq(f.cfg.control_group, "");
	ck_assert_str_eq(f.cfg.system.name, "nvagent");
	ck_assert_str_eq(f.cfg.system.user_ref, "");
	ck_assert(f.cfg.mibs.socomec && f.cfg.mibs.rfc1628 && f.cfg.mibs.netvision5);
	ck_assert_int_eq(f.cfg.data_unit, 0);
	ck_assert_str_eq(f.cfg.path, f.path);
}
END_TEST

START_TEST(every_key_is_parsed)
{
	struct fixture f;
	const char *text =
	    "serial { device = \"/dev/ttyUSB1\"  baud = 19200  slave = 7  timeout = 800 }\n"
	    "poll { interval = 5  status-interval = 250  comm-loss-after = 9 }\n"
	    "agentx { socket = \"tcp:127.0.0.1:705\"  ping-interval = 20 }\n"
	    "state-dir = \"/srv/nv\"\n"
	    "control-socket = \"/tmp/nv.sock\"\n"
	    "control-group = \"root\"\n"
	    "system {\n"
	    "  name = \"ups-a\"  contact = \"ops@example.org\"  location = \"room 2\"\n"
	    "  user-ref = \"REF-0123456\"  user-location = \"rack 12\"\n"
	    "}\n"
	    "mibs { socomec = false  rfc1628 = true  netvision5 = false }\n"
	    "data-unit = 2\n";

	ck_assert_msg(load(&f, text) == 0, "%s", f.err);
	ck_assert_str_eq(f.cfg.serial.device, "/dev/ttyUSB1");
	ck_assert_int_eq(f.cfg.serial.baud, 19200);
	ck_assert_int_eq(f.cfg.serial.slave, 7);
	ck_assert_int_eq(f.cfg.serial.timeout_ms, 800);
	ck_assert_int_eq(f.cfg.poll.interval_s, 5);
	ck_assert_int_eq(f.cfg.poll.status_interval_ms, 250);
	ck_assert_int_eq(f.cfg.poll.comm_loss_after, 9);
	ck_assert_str_eq(f.cfg.agentx.socket, "tcp:127.0.0.1:705");
	ck_assert_int_eq(f.cfg.agentx.ping_interval, 20);
	ck_assert_str_eq(f.cfg.state_dir, "/srv/nv");
	ck_assert_str_eq(f.cfg.control_socket, "/tmp/nv.sock");
	ck_assert_str_eq(f.cfg.control_group, "root");
	ck_assert_str_eq(f.cfg.system.name, "ups-a");
	ck_assert_str_eq(f.cfg.system.contact, "ops@example.org");
	ck_assert_str_eq(f.cfg.system.location, "room 2");
	ck_assert_str_eq(f.cfg.system.user_ref, "REF-0123456");
	ck_assert_str_eq(f.cfg.system.user_location, "rack 12");
	ck_assert(!f.cfg.mibs.socomec && f.cfg.mibs.rfc1628 && !f.cfg.mibs.netvision5);
	ck_assert_int_eq(f.cfg.data_unit, 2);
}
END_TEST

START_TEST(baud_words_and_agentx_forms)
{
	struct fixture f;

	ck_assert_int_eq(load(&f, "serial { baud = auto }\nagentx { socket = \"/var/agentx/master\" }\n"), 0);
	ck_assert_int_eq(f.cfg.serial.baud, 0);
	ck_assert_int_eq(load(&f, "serial { baud = 2400 }\nagentx { socket = \"unix:/x/y\" }\n"), 0);
	ck_assert_int_eq(f.cfg.serial.baud, 2400);
	ck_assert_int_eq(load(&f, "serial { baud = \"57600\" }\n"), 0);
	ck_assert_int_eq(f.cfg.serial.baud, 57600);
}
END_TEST

START_TEST(unknown_key_names_its_line)
{
	expect_error("serial {\n  device = \"/dev/ttyS1\"\n  speed = 9600\n}\n", 3,
	    "unknown key 'speed' in section 'serial'");
}
END_TEST

START_TEST(unknown_section_is_refused)
{
	expect_error("# future\n\nsms {\n  server = \"x\"\n}\n", 3, "unknown section 'sms'");
	expect_error("serial { }\nsms\n{\n}\n", 2, "unknown section 'sms'");
	expect_error("# c\nfoo = 1\n\nserial { }\n", 2, "unknown key 'foo'");
}
END_TEST

START_TEST(bad_integer_names_its_line)
{
	expect_error("poll {\n  interval = two\n}\n", 2,
	    "invalid integer value for option 'interval'");
}
END_TEST

START_TEST(out_of_range_names_its_line)
{
	expect_error("\nserial { slave = 248 }\n", 2, "slave: 248 is out of range 1..247");
	expect_error("poll { interval = 0 }\n", 1, "interval: 0 is out of range 1..3600");
	expect_error("serial {\n timeout = 49 }\n", 2, "timeout: 49 is out of range 50..10000");
	expect_error("\n\n\ndata-unit = 11\n", 4, "data-unit: 11 is out of range 0..10");
	expect_error("agentx { ping-interval = 3601 }\n", 1,
	    "ping-interval: 3601 is out of range 1..3600");
}
END_TEST

START_TEST(bad_baud_word_names_its_line)
{
	expect_error("serial {\n  baud = 4800\n}\n", 2,
	    "baud: '4800' is not one of auto, 2400, 9600, 19200, 57600");
	expect_error("serial { baud = fast }\n", 1,
	    "baud: 'fast' is not one of auto, 2400, 9600, 19200, 57600");
}
END_TEST

START_TEST(bad_agentx_socket_names_its_line)
{
	expect_error("agentx {\n socket = \"udp:1.2.3.4\"\n}\n", 2,
	    "socket: 'udp:1.2.3.4' is not unix:/PATH, tcp:HOST:PORT or /PATH");
	expect_error("agentx { socket = \"tcp:localhost:99999\" }\n", 1,
	    "socket: 'tcp:localhost:99999' is not unix:/PATH, tcp:HOST:PORT or /PATH");
}
END_TEST

START_TEST(missing_closing_brace_names_the_opening_line)
{
	expect_error("serial { device = \"/dev/ttyS0\" }\n\npoll {\n  interval = 2\n", 3,
	    "section 'poll' is not closed (missing '}')");
	/* a brace inside a string or a comment does not count */
	expect_error("system { name = \"a{b\" } # {\n/* {\n */ mibs {\n", 3,
	    "section 'mibs' is not closed (missing '}')");
}
END_TEST

START_TEST(missing_file_has_no_line)
{
	char err[256];
	struct nv_config c;

	ck_assert_int_eq(nv_config_load("/nonexistent/nv.conf", &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/nv.conf: cannot open: No such file or directory");
	ck_assert_int_eq(nv_config_load("/tmp", &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/tmp: not a regular file");
}
END_TEST

START_TEST(over_long_user_ref_names_its_line)
{
	expect_error("system {\n  name = \"x\"\n  user-ref = \"ABCDEFGHIJKL\"\n}\n", 3,
	    "user-ref: value is 12 characters long, at most 11 allowed");
	expect_error("system { user-location = \"0123456789ab\" }\n", 1,
	    "user-location: value is 12 characters long, at most 11 allowed");
}
END_TEST

START_TEST(relative_paths_and_unknown_group_are_refused)
{
	expect_error("serial { device = \"ttyS0\" }\n", 1, "device: 'ttyS0' is not an absolute path");
	expect_error("control-socket = \"nv.sock\"\n", 1,
	    "control-socket: 'nv.sock' is not an absolute path");
	expect_error("control-group = \"no-such-group-nv\"\n", 1,
	    "control-group: no such group 'no-such-group-nv'");
}
END_TEST

START_TEST(over_long_control_socket_is_refused)
{
	char text[300];

	snprintf(text, sizeof(text), "control-socket = \"/%0150d\"\n", 0);
	expect_error(text, 1, "control-socket: value is 151 characters long, at most 107 allowed");
}
END_TEST

START_TEST(environment_defaults_are_the_manuals)
{
	struct fixture f;

	ck_assert_int_eq(load(&f, "serial { device = \"/dev/ttyS0\" }\n"), 0);
	ck_assert(!f.cfg.env.enabled);
	ck_assert_int_eq(load(&f, "environment {\n serial { device = \"/dev/ttyUSB0\" slave = 3 }\n}\n"), 0);
	ck_assert(f.cfg.env.enabled && !f.cfg.env.shared);
	ck_assert_str_eq(f.cfg.env.profile, "env-sensor");
	ck_assert_int_eq(f.cfg.env.serial.slave, 3);
	ck_assert_int_eq(f.cfg.env.serial.baud, 9600);
	ck_assert_int_eq(f.cfg.env.temp.crit_high, 600);
	ck_assert_int_eq(f.cfg.env.temp.warn_high, 500);
	ck_assert_int_eq(f.cfg.env.temp.warn_low, 100);
	ck_assert_int_eq(f.cfg.env.temp.crit_low, 50);
	ck_assert_int_eq(f.cfg.env.hum.crit_high, 600);
	ck_assert_int_eq(f.cfg.env.temp.offset, 0);
	ck_assert_int_eq(f.cfg.env.input[0].mode, NV_ENV_IN_OFF);
}
END_TEST

START_TEST(environment_every_key_is_parsed)
{
	struct fixture f;

	ck_assert_int_eq(load(&f,
	    "serial { device = \"/dev/ttyS1\" slave = 1 }\n"
	    "environment {\n"
	    " serial { device = \"/dev/ttyS1\" baud = 19200 slave = 5 timeout = 300 }\n"
	    " profile = custom\n poll-interval = 7\n comm-loss-after = 4\n name = \"Room B\"\n"
	    " temperature { offset = -1.5 critical-high = 40 warning-high = 35.5"
	    " warning-low = 15 critical-low = 12 hysteresis = 0.5 }\n"
	    " humidity { critical-high = 80 warning-high = 70 warning-low = 20 critical-low = 10 }\n"
	    " input-1 { name = \"Door\" mode = normally-closed }\n"
	    " input-2 { mode = normally-open }\n"
	    " custom { temperature { function = 3 address = 256 scale = 0.01 }\n"
	    "   input-1 { function = 1 address = 8 }\n   input-2 { function = 2 address = 9 } }\n"
	    "}\n"), 0);
	ck_assert(f.cfg.env.shared);
	ck_assert_int_eq(f.cfg.env.serial.baud, 19200);
	ck_assert_int_eq(f.cfg.env.serial.timeout_ms, 300);
	ck_assert_int_eq(f.cfg.env.poll_interval_s, 7);
	ck_assert_int_eq(f.cfg.env.comm_loss_after, 4);
	ck_assert_str_eq(f.cfg.env.name, "Room B");
	ck_assert_int_eq(f.cfg.env.temp.offset, -15);
	ck_assert_int_eq(f.cfg.env.temp.warn_high, 355);
	ck_assert_int_eq(f.cfg.env.temp.hysteresis, 5);
	ck_assert_int_eq(f.cfg.env.hum.warn_low, 200);
	ck_assert_int_eq(f.cfg.env.input[0].mode, NV_ENV_IN_NORMALLY_CLOSED);
	ck_assert_str_eq(f.cfg.env.input[0].name, "Door");
	ck_assert_int_eq(f.cfg.env.map[NV_ENV_PT_TEMP].function, 3);
	ck_assert_int_eq(f.cfg.env.map[NV_ENV_PT_TEMP].address, 256);
	ck_assert_int_eq(f.cfg.env.map[NV_ENV_PT_TEMP].scale_centi, 1);
	ck_assert_int_eq(f.cfg.env.map[NV_ENV_PT_HUM].function, 0);
	ck_assert_int_eq(f.cfg.env.map[NV_ENV_PT_IN1].function, 1);
}
END_TEST

START_TEST(environment_bad_values_name_their_line)
{
	expect_error("environment {\n  poll-interval = 5\n}\n", 3,
	    "environment: serial { device = ... } is missing");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n profile = \"nope\"\n}\n", 3,
	    "environment: unknown profile 'nope' (env-sensor, xy-md02, custom, sysfs)");
	expect_error("environment {\n profile = sysfs\n}\n", 3,
	    "environment: profile sysfs needs a sysfs { } section or an input's gpio line");
	expect_error("environment {\n profile = sysfs\n sysfs {\n  temperature = \"temp\"\n }\n}\n", 4,
	    "environment: sysfs: temperature 'temp' is not an absolute path");
	expect_error("environment {\n profile = sysfs\n sysfs { humidity = \"/h\" }\n"
	    " input-1 { mode = normally-open }\n}\n", 4,
	    "environment: input-1: profile sysfs has no input 1");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n"
	    " serial { slave = 0 }\n}\n", 3,
	    "environment: serial: slave 0 is out of range 1..247");
	expect_error("environment {\n serial { device = \"dev/tty\" }\n}\n", 2,
	    "environment: serial: device 'dev/tty' is not an absolute path");
	expect_error("serial { device = \"/dev/ttyS0\" }\n"
	    "environment {\n serial { device = \"/dev/ttyS0\" }\n}\n", 3,
	    "environment: serial: slave 1 is the UPS's on the shared line /dev/ttyS0");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" baud = 1234 }\n}\n", 2,
	    "environment: serial: baud 1234 is not 2400, 4800, 9600, 19200, 38400, 57600 or 115200");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n"
	    " temperature {\n  warning-high = 70\n }\n}\n", 5,
	    "environment: temperature: set points must be critical-low <= warning-low < "
	    "warning-high <= critical-high (5.0 10.0 70.0 60.0)");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n"
	    " humidity {\n  critical-high = 120 }\n}\n", 4,
	    "environment: humidity: critical-high 120 is out of range 0.0..100.0");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n"
	    " temperature { hysteresis = 30 }\n}\n", 3,
	    "environment: temperature: hysteresis 30 is out of range 0.0..20.0");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n"
	    " input-1 { mode = sometimes }\n}\n", 3,
	    "environment: input-1: mode 'sometimes' is not normally-open, normally-closed or disabled");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n profile = xy-md02\n"
	    " input-2 { mode = normally-open }\n}\n", 4,
	    "environment: input-2: profile xy-md02 has no input 2");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n profile = custom\n"
	    " custom {\n  humidity { function = 2 }\n }\n}\n", 5,
	    "environment: custom humidity: function 2 is not 3 (holding register) or 4 (input register)");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n profile = custom\n}\n", 4,
	    "environment: profile custom needs a custom { } section");
	expect_error("environment {\n serial { device = \"/dev/ttyS3\" }\n poll-interval = 0\n}\n", 3,
	    "environment: poll-interval 0 is out of range 1..3600");
}
END_TEST

START_TEST(environment_sysfs_needs_no_line)
{
	struct fixture f;

	ck_assert_int_eq(load(&f, "environment {\n profile = sysfs\n"
	    " sysfs { temperature = \"/sys/bus/w1/devices/28-0000/w1_slave\"\n"
	    "   input-2 = \"/sys/class/gpio/gpio17/value\" }\n"
	    " input-2 { mode = normally-closed }\n}\n"), 0);
	ck_assert(f.cfg.env.enabled && f.cfg.env.from_files && !f.cfg.env.shared);
	ck_assert_str_eq(f.cfg.env.file[NV_ENV_PT_TEMP], "/sys/bus/w1/devices/28-0000/w1_slave");
	ck_assert_str_eq(f.cfg.env.file[NV_ENV_PT_HUM], "");
	ck_assert_str_eq(f.cfg.env.file[NV_ENV_PT_IN2], "/sys/class/gpio/gpio17/value");
}
END_TEST

static Suite *config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("load");

	tcase_add_test(tc, defaults_when_file_is_empty);
	tcase_add_test(tc, every_key_is_parsed);
	tcase_add_test(tc, baud_words_and_agentx_forms);
	tcase_add_test(tc, unknown_key_names_its_line);
	tcase_add_test(tc, unknown_section_is_refused);
	tcase_add_test(tc, bad_integer_names_its_line);
	tcase_add_test(tc, out_of_range_names_its_line);
	tcase_add_test(tc, bad_baud_word_names_its_line);
	tcase_add_test(tc, bad_agentx_socket_names_its_line);
	tcase_add_test(tc, missing_closing_brace_names_the_opening_line);
	tcase_add_test(tc, missing_file_has_no_line);
	tcase_add_test(tc, over_long_user_ref_names_its_line);
	tcase_add_test(tc, relative_paths_and_unknown_group_are_refused);
	tcase_add_test(tc, over_long_control_socket_is_refused);
	tcase_add_test(tc, environment_defaults_are_the_manuals);
	tcase_add_test(tc, environment_every_key_is_parsed);
	tcase_add_test(tc, environment_bad_values_name_their_line);
	tcase_add_test(tc, environment_sysfs_needs_no_line);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { config_suite, NULL };
