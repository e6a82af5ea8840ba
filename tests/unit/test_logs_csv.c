/* test_logs_csv.c — log show: CSV (checked by python3's csv module),
 * table, --from / --to / --last, date errors, and the PNG plot. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check_main.h"
#include "event_records.h"
#include "events_state.h"
#include "logs.h"
#include "logs_csv.h"
#include "ring.h"

static char dir[64], err[512];
static struct nv_logs *logs;
static const time_t T0 = 1717200000;   /* 2024-06-01 00:00:00 UTC */

/* The event log plug-in's part: each device notification into its log. */
static void log_event(const struct nv_notification *n, void *arg)
{
	struct nv_event_rec rec[NV_EV_MAX_PER_NOTE];

	for (int i = 0, k = nv_eventlog_records(n, rec); i < k; i++)
		nv_logs_event(arg, &rec[i]);
}

static void setup(void)
{
	struct nv_logs_cfg cfg = { 60, 60, 2048 };
	struct nv_events_state state;
	struct nv_snapshot s;

	setenv("TZ", "UTC", 1);
	tzset();
	snprintf(dir, sizeof(dir), "/tmp/test_logs_csv.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	logs = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(logs != NULL, "%s", err);
	nv_events_state_init(&state);
	/* 3000 polls, one a minute: the history wraps (2048 kept) */
	for (int i = 0; i < 3000; i++) {
		nv_snapshot_init(&s);
		s.comm = NV_COMM_OK;
		s.kind = NV_KIND_UPS;
		s.wallclock = T0 + i * 60;
		for (int p = 0; p < 3; p++) {
			s.sys.ups.in_voltage[p] = 2300 + (i % 20) + p;
			s.sys.ups.out_voltage[p] = 2299;
			s.sys.ups.out_load[p] = 40 + (i % 30);
		}
		s.sys.ups.in_freq = 500;
		s.sys.ups.batt_charge = 100;
		s.sys.ups.ambient_temp = 245;
		nv_cond_set(&s.sys, NV_C_ON_BATTERY, i % 1000 == 500);
		nv_logs_sample(logs, &s, 10.0 + i * 60);
		nv_events_state_feed(&state, &s, 0, log_event, logs);
	}
	nv_agentlog(logs, NV_EV_WARNING, "Mail send error: \"smtp, 550\" refused");
}

static void teardown(void)
{
	char p[128];

	nv_logs_close(logs);
	for (int i = 0; i < NV_LOGID_COUNT; i++) {
		snprintf(p, sizeof(p), "%s/%s.ring", dir, nv_log_id_name(i));
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/out.csv", dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/plot.png", dir);
	unlink(p);
	rmdir(dir);
}

/* Run "log ..." as the control socket would; returns the output. */
static char *run(const char *line, int *rc)
{
	char buf[256], *argv[16], *out = NULL;
	size_t len = 0;
	int argc = 0;
	FILE *f = open_memstream(&out, &len);

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *w = strtok(buf, " "); w != NULL && argc < 16; w = strtok(NULL, " "))
		argv[argc++] = w;
	*rc = nv_logs_command(logs, argc, argv, "test", f, err, sizeof(err));
	fclose(f);
	return out;
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* Write text to dir/out.csv and run python3 on it; its exit status. */
static int python_check(const char *text, const char *script)
{
	char path[128], cmd[2048];
	FILE *f;
	int st;

	snprintf(path, sizeof(path), "%s/out.csv", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "python3 -c '%s' %s", script, path);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

START_TEST(csv_fields_are_quoted_as_rfc4180_says)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	nv_csv_field(f, "plain");
	fputc('|', f);
	nv_csv_field(f, "a,b");
	fputc('|', f);
	nv_csv_field(f, "say \"hi\"");
	fputc('|', f);
	nv_csv_field(f, "two\nlines");
	fclose(f);
	ck_assert_str_eq(out, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"");
	free(out);
}
END_TEST

START_TEST(values_print_in_volts_and_minus_one_when_not_managed)
{
	char b[16];

	nv_value_text(2298, 10, b, sizeof(b));
	ck_assert_str_eq(b, "229.8");
	nv_value_text(NV_NA, 10, b, sizeof(b));
	ck_assert_str_eq(b, "-1");
	nv_value_text(-5, 10, b, sizeof(b));
	ck_assert_str_eq(b, "-0.5");
	nv_value_text(42, 1, b, sizeof(b));
	ck_assert_str_eq(b, "42");
}
END_TEST

START_TEST(history_csv_parses_with_one_row_per_record)
{
	int rc;
	char *out = run("show history --csv", &rc);

	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(lines(out), 1 + 2048);
	ck_assert_ptr_nonnull(strstr(out, "Time,Input voltage L1 (V),"));
	ck_assert_int_eq(python_check(out,
	    "import csv,sys\n"
	    "r=list(csv.reader(open(sys.argv[1],newline=\"\")))\n"
	    "assert r[0][0]==\"Time\" and len(r[0])==18, r[0]\n"
	    "assert len(r)==2049, len(r)\n"
	    "assert all(len(x)==18 for x in r)\n"
	    "assert r[0][16]==\"EMD temperature (C)\" and r[-1][16]==\"-1\", r[0]\n"
	    "assert r[1][0]==\"2024-06-01 15:52:00\", r[1][0]\n"  /* record 953 */
	    "assert r[-1][0]==\"2024-06-03 01:59:00\", r[-1][0]\n"
	    "assert r[-1][1]==\"231.9\" and r[-1][2]==\"232.0\", r[-1]\n"
	    "assert r[-1][8]==\"-1\"\n"        /* output current: not managed */
	    ), 0);
	free(out);
}
END_TEST

START_TEST(event_csv_keeps_commas_and_quotes_in_descriptions)
{
	int rc;
	char *out = run("show agent-events --csv", &rc);

	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(python_check(out,
	    "import csv,sys\n"
	    "r=list(csv.reader(open(sys.argv[1],newline=\"\")))\n"
	    "assert r[0]==[\"Time\",\"Level\",\"State\",\"Description\"], r[0]\n"
	    "assert r[-1][3]==\"Mail send error: \\\"smtp, 550\\\" refused\", r[-1]\n"
	    "assert r[-1][1]==\"warning\"\n"
	    ), 0);
	free(out);
	out = run("show ups-events --csv", &rc);
	ck_assert_int_eq(python_check(out,
	    "import csv,sys\n"
	    "r=list(csv.reader(open(sys.argv[1],newline=\"\")))\n"
	    "s=[x[2] for x in r if x[3]==\"Operating on battery\"]\n"
	    "assert s==[\"set\",\"cleared\"]*3, s\n"
	    ), 0);
	free(out);
}
END_TEST

START_TEST(last_from_and_to_select_records)
{
	int rc;
	char *out = run("show history --last 5", &rc);

	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(lines(out), 1 + 5);
	ck_assert_ptr_nonnull(strstr(out, "2024-06-03 01:59:00"));
	ck_assert_ptr_null(strstr(out, "2024-06-03 01:54:00"));
	free(out);
	out = run("show history --from 2024-06-02T10:00 --to 2024-06-02T10:09:59", &rc);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(lines(out), 1 + 10);
	free(out);
	out = run("show history --from 2024-06-02 --to 2024-06-02 --csv", &rc);
	ck_assert_int_eq(lines(out), 1 + 1440);         /* the whole day */
	free(out);
	out = run("show history --from 2030-01-01 --csv", &rc);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(lines(out), 1);                /* header only */
	free(out);
	out = run("show extended --last 2 --csv", &rc);
	ck_assert_msg(rc == 0, "%s", err);
	ck_assert_int_eq(lines(out), 3);
	ck_assert_ptr_nonnull(strstr(out, "Input voltage L1 (V) min,"));
	free(out);
}
END_TEST

START_TEST(malformed_dates_and_options_give_one_clear_line)
{
	static const struct { const char *cmd, *msg; } bad[] = {
		{ "show history --from yesterday", "bad date 'yesterday': expected " },
		{ "show history --from 2024-02-30", "bad date '2024-02-30': no such day" },
		{ "show history --to 2024-06-01T25:00", "bad date '2024-06-01T25:00'" },
		{ "show history --from", "--from needs a value" },
		{ "show history --last 0", "bad --last '0'" },
		{ "show history --last -3", "bad --last '-3'" },
		{ "show history --last 5x", "bad --last '5x'" },
		{ "show history --verbose", "unknown option '--verbose'" },
		{ "show journal", "unknown log 'journal'" },
		{ "show history --from 2024-06-02 --to 2024-06-01", "--from is after --to" },
		{ "clear history nope", "unknown log 'nope'" },
		{ "frobnicate", "usage: log show NAME" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;
		char *out = run(bad[i].cmd, &rc);

		ck_assert_msg(rc == -1, "%s: accepted", bad[i].cmd);
		ck_assert_msg(strstr(err, bad[i].msg) == err, "%s: '%s'", bad[i].cmd, err);
		ck_assert_ptr_null(strchr(err, '\n'));
		free(out);
	}
	/* a bad name in a clear list clears nothing */
	int rc;
	free(run("show history --last 1", &rc));
	ck_assert_uint_eq(nv_ring_count(nv_logs_ring(logs, NV_LOGID_HISTORY)), 2048);
}
END_TEST

START_TEST(dates_parse_in_every_documented_form)
{
	time_t t;

	ck_assert_int_eq(nv_logs_parse_date("2024-06-01", false, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(nv_logs_parse_date("2024-06-01", true, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(t, T0 + 86399);
	ck_assert_int_eq(nv_logs_parse_date("2024-06-01T01:02:03", false, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(t, T0 + 3723);
	ck_assert_int_eq(nv_logs_parse_date("2024-06-01 01:02", false, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(t, T0 + 3720);
	ck_assert_int_eq(nv_logs_parse_date("@1717200000", false, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(t, T0);
	ck_assert_int_eq(nv_logs_parse_date("@", false, &t, err, sizeof(err)), -1);
	ck_assert_int_eq(nv_logs_parse_date("", false, &t, err, sizeof(err)), -1);
}
END_TEST

START_TEST(clear_empties_history_and_is_logged)
{
	int rc;
	char *out = run("clear history extended", &rc);

	ck_assert_msg(rc == 0, "%s", err);
	free(out);
	out = run("show history --csv", &rc);
	ck_assert_int_eq(lines(out), 1);
	free(out);
	out = run("show agent-events --last 2", &rc);
	ck_assert_ptr_nonnull(strstr(out, "History log cleared by test"));
	ck_assert_ptr_nonnull(strstr(out, "Extended history log cleared by test"));
	free(out);
}
END_TEST

START_TEST(plot_writes_a_valid_png)
{
	char png[128], cmd[256];
	unsigned char sig[8];
	int rc;
	char *csv = run("show history --csv --last 300", &rc);
	FILE *f;

	snprintf(png, sizeof(png), "%s/plot.png", dir);
	rc = nv_logs_plot_csv(csv, strlen(csv), NULL, png, err, sizeof(err));
	ck_assert_msg(rc == 0, "%s", err);
	f = fopen(png, "rb");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fread(sig, 1, 8, f), 8);
	fclose(f);
	ck_assert_mem_eq(sig, "\x89PNG\r\n\x1a\n", 8);
	snprintf(cmd, sizeof(cmd), "file %s | grep -q 'PNG image data, 1200 x'", png);
	ck_assert_int_eq(system(cmd), 0);
	/* chosen measurements only; unknown ones and empty data are errors */
	ck_assert_int_eq(nv_logs_plot_csv(csv, strlen(csv), "in_v1,load1", png,
	    err, sizeof(err)), 0);
	ck_assert_int_eq(nv_logs_plot_csv(csv, strlen(csv), "in_v9", png,
	    err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "unknown measurement 'in_v9'"));
	ck_assert_int_eq(nv_logs_plot_csv(csv, strlen(csv), "out_i1", png,
	    err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "nothing to plot"));
	free(csv);
	csv = run("show history --csv --from 2030-01-01", &rc);
	ck_assert_int_eq(nv_logs_plot_csv(csv, strlen(csv), NULL, png, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "no history records in the chosen window");
	free(csv);
	ck_assert_int_eq(nv_logs_plot_csv("junk\n", 5, NULL, png, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "not a history CSV (unexpected header)");
}
END_TEST

static Suite *logs_csv_suite(void)
{
	Suite *s = suite_create("logs_csv");
	TCase *tc = tcase_create("logs_csv");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, csv_fields_are_quoted_as_rfc4180_says);
	tcase_add_test(tc, values_print_in_volts_and_minus_one_when_not_managed);
	tcase_add_test(tc, history_csv_parses_with_one_row_per_record);
	tcase_add_test(tc, event_csv_keeps_commas_and_quotes_in_descriptions);
	tcase_add_test(tc, last_from_and_to_select_records);
	tcase_add_test(tc, malformed_dates_and_options_give_one_clear_line);
	tcase_add_test(tc, dates_parse_in_every_documented_form);
	tcase_add_test(tc, clear_empties_history_and_is_logged);
	tcase_add_test(tc, plot_writes_a_valid_png);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { logs_csv_suite, NULL };
