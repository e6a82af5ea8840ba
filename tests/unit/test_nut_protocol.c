/*
 * test_nut_protocol.c — the NUT protocol's lines and requests without a
 * socket: line assembly under the length bound, words and quoting (both
 * ways), and the requests' answers and error words against a snapshot
 * and a fake server (nut_session.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "config_nut.h"
#include "model.h"
#include "nut_line.h"
#include "nut_session.h"

/* ---- lines and words ---- */

static void feed(struct nv_nut_lines *l, const char *s)
{
	size_t room;
	char *p = nv_nut_lines_space(l, &room);

	ck_assert_uint_ge(room, strlen(s));
	memcpy(p, s, strlen(s));
	nv_nut_lines_added(l, strlen(s));
}

START_TEST(lines_are_assembled_and_bounded)
{
	struct nv_nut_lines l = { .len = 0 };
	char out[NV_NUT_LINE_MAX], big[NV_NUT_LINE_MAX + 1];

	feed(&l, "GET VAR ");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_NONE);
	feed(&l, "ups x\r\nNETVER\n");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_OK);
	ck_assert_str_eq(out, "GET VAR ups x");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_OK);
	ck_assert_str_eq(out, "NETVER");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_NONE);
	/* a line over the bound: dropped, said once when it ends */
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	feed(&l, big);          /* exactly the buffer */
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_NONE);
	feed(&l, "AAAA");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_NONE);
	feed(&l, "AA\nHELP\n");
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_TOO_LONG);
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_OK);
	ck_assert_str_eq(out, "HELP");
}
END_TEST

START_TEST(a_nul_in_a_line_is_refused_not_cut)
{
	struct nv_nut_lines l = { .len = 0 };
	char out[NV_NUT_LINE_MAX], *w[NV_NUT_WORDS_MAX];
	size_t room;
	char *p = nv_nut_lines_space(&l, &room);

	memcpy(p, "GET\0VAR\n", 8);
	nv_nut_lines_added(&l, 8);
	ck_assert_int_eq(nv_nut_lines_next(&l, out), NV_NUT_LINE_OK);
	ck_assert_int_eq(nv_nut_split(out, w), -1);
}
END_TEST

START_TEST(words_follow_the_quoting_rules)
{
	char line[128], *w[NV_NUT_WORDS_MAX];

	strcpy(line, "  SET VAR ups  \"a b\" \"\"  x\\\"y \"q\\\\\\\"\" ");
	ck_assert_int_eq(nv_nut_split(line, w), 7);
	ck_assert_str_eq(w[0], "SET");
	ck_assert_str_eq(w[3], "a b");
	ck_assert_str_eq(w[4], "");
	ck_assert_str_eq(w[5], "x\"y");
	ck_assert_str_eq(w[6], "q\\\"");
	strcpy(line, "");
	ck_assert_int_eq(nv_nut_split(line, w), 0);
	strcpy(line, "GET \"open");
	ck_assert_int_eq(nv_nut_split(line, w), -1);
	strcpy(line, "GET end\\");
	ck_assert_int_eq(nv_nut_split(line, w), -1);
	strcpy(line, "GET \x1b[2J");
	ck_assert_int_eq(nv_nut_split(line, w), -1);
	strcpy(line, "a b c d e f g h i");
	ck_assert_int_eq(nv_nut_split(line, w), -1);
	strcpy(line, "a b c d e f g h");
	ck_assert_int_eq(nv_nut_split(line, w), 8);
}
END_TEST

START_TEST(a_quoted_value_splits_back_to_itself)
{
	static const char *const v[] = { "plain", "two words", "a \"quote\"", "back\\slash",
		"", "\\\"\\", "tab\there" };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct nv_text t;
		char *w[NV_NUT_WORDS_MAX];

		nv_text_init(&t);
		nv_text_printf(&t, "VAR ups x ");
		nv_nut_quote(&t, v[i]);
		ck_assert_int_eq(nv_nut_split(t.buf, w), 4);
		ck_assert_str_eq(w[3], v[i]);
		nv_text_free(&t);
	}
}
END_TEST

/* ---- requests ---- */

struct fake {
	int instcmds, sets, fsds, denials;
	int last_set;
	unsigned last_ups;              /* the UPS the last command was for */
	bool has_cmds;
};

static int f_numlogins(void *arg, unsigned ups)
{
	(void)arg, (void)ups;
	return 2;
}

static void f_clients(void *arg, unsigned ups, const char *name, struct nv_text *out)
{
	(void)arg;
	(void)ups;
	nv_text_printf(out, "CLIENT %s 127.0.0.1\n", name);
}

static bool f_available(void *arg, unsigned ups, const struct nv_nut_cmd *c)
{
	struct fake *f = arg;

	(void)ups;
	return f->has_cmds && strcmp(c->name, "bypass.start") != 0;
}

static const char *f_instcmd(void *arg, unsigned ups, struct nv_nut_session *s,
    const struct nv_nut_cmd *c, const char *who)
{
	struct fake *f = arg;

	(void)s, (void)c;
	f->last_ups = ups;
	ck_assert_str_eq(who, "NUT user admin from 192.0.2.1");
	f->instcmds++;
	return NULL;
}

static void f_set(void *arg, unsigned ups, const char *name, int value, const char *who)
{
	struct fake *f = arg;

	(void)name, (void)who;
	f->last_ups = ups;
	f->sets++;
	f->last_set = value;
}

static void f_fsd(void *arg, unsigned ups, const char *who)
{
	struct fake *f = arg;

	(void)who;
	f->last_ups = ups;
	f->fsds++;
}

static void f_denied(void *arg, const struct nv_nut_session *s, const char *what)
{
	struct fake *f = arg;

	(void)s, (void)what;
	f->denials++;
}

static struct fake fk;
static struct nv_nut_server_ops ops = { &fk, f_numlogins, f_clients, f_available, f_instcmd,
	f_set, f_fsd, f_denied, NULL };
static struct nv_nut_cfg cfg;
static struct nv_snapshot snap;
static struct nv_nut_ups one_ups;
static struct nv_nut_server_view view;
static struct nv_text out;

static void add_user(const char *name, enum nv_nut_upsmon mon, bool set, bool all)
{
	struct nv_nut_user *u = &cfg.user[cfg.n_users++];

	snprintf(u->name, sizeof(u->name), "%s", name);
	snprintf(u->password, sizeof(u->password), "%s-pw", name);
	u->upsmon = mon;
	u->may_set = set;
	u->may_fsd = mon == NV_NUT_UPSMON_PRIMARY;
	u->all_instcmds = all;
}

static void setup(void)
{
	memset(&fk, 0, sizeof(fk));
	fk.has_cmds = true;
	nv_nut_cfg_defaults(&cfg);
	cfg.enabled = true;
	snprintf(cfg.description, sizeof(cfg.description), "Room \"A\"");
	add_user("mon", NV_NUT_UPSMON_SECONDARY, false, false);
	add_user("boss", NV_NUT_UPSMON_PRIMARY, false, false);
	add_user("admin", NV_NUT_UPSMON_NONE, true, true);
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_UPS;
	snprintf(snap.id.model, sizeof(snap.id.model), "MASTERYS");
	snap.sys.ups.batt_charge = 87;
	snap.sys.ups.batt_minutes = 12;
	snap.sys.ups.in_voltage[0] = 2301;
	nv_cond_set(&snap.sys, NV_C_ON_BATTERY, true);
	nv_cond_set(&snap.sys, NV_C_BATTERY_LOW, true);
	one_ups = (struct nv_nut_ups){ .name = "ups", .desc = cfg.description,
	    .vars = { .snap = &snap, .delay_shutdown_s = 120, .delay_start_s = 120 } };
	view = (struct nv_nut_server_view){ .cfg = &cfg, .ops = &ops, .ups = &one_ups,
	    .nups = 1 };
	nv_text_init(&out);
}

static void teardown(void)
{
	nv_text_free(&out);
}

/* The answer to LINE from session S. */
static const char *ask(struct nv_nut_session *s, const char *line)
{
	char buf[NV_NUT_LINE_MAX];

	snprintf(buf, sizeof(buf), "%s", line);
	nv_text_clear(&out);
	nv_nut_dispatch(&view, s, buf, &out);
	return out.buf != NULL ? out.buf : "";
}

START_TEST(values_come_from_the_snapshot_in_nut_units)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	ck_assert_str_eq(ask(&s, "GET VAR ups battery.charge"), "VAR ups battery.charge \"87\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups battery.runtime"), "VAR ups battery.runtime \"720\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups input.voltage"), "VAR ups input.voltage \"230.1\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups ups.status"), "VAR ups ups.status \"OB LB DISCHRG\"\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups battery.voltage"), "ERR VAR-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "GET VAR nas battery.charge"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "GET TYPE ups ups.status"), "TYPE ups ups.status STRING:13\n");
	ck_assert_str_eq(ask(&s, "GET TYPE ups battery.charge"), "TYPE ups battery.charge NUMBER\n");
	ck_assert_str_eq(ask(&s, "GET TYPE ups ups.delay.start"), "TYPE ups ups.delay.start RW RANGE\n");
	ck_assert_str_eq(ask(&s, "GET DESC ups input.L2-N.voltage"),
	    "DESC ups input.L2-N.voltage \"Input voltage (V), phase L2-N\"\n");
	ck_assert_str_eq(ask(&s, "GET UPSDESC ups"), "UPSDESC ups \"Room \\\"A\\\"\"\n");
	ck_assert_str_eq(ask(&s, "LIST UPS"), "BEGIN LIST UPS\nUPS ups \"Room \\\"A\\\"\"\nEND LIST UPS\n");
	ck_assert_str_eq(ask(&s, "LIST RANGE ups ups.delay.shutdown"), "BEGIN LIST RANGE ups "
	    "ups.delay.shutdown\nRANGE ups ups.delay.shutdown \"20\" \"600\"\nEND LIST RANGE ups "
	    "ups.delay.shutdown\n");
	ck_assert_str_eq(ask(&s, "LIST CMD ups"), "BEGIN LIST CMD ups\nCMD ups test.battery.start\n"
	    "CMD ups bypass.stop\nCMD ups shutdown.return\nCMD ups shutdown.stayoff\n"
	    "CMD ups shutdown.stop\nEND LIST CMD ups\n");
	ck_assert_ptr_nonnull(strstr(ask(&s, "LIST VAR ups"), "VAR ups device.model \"MASTERYS\"\n"));
	ck_assert_str_eq(ask(&s, "LIST RW ups"), "BEGIN LIST RW ups\nRW ups ups.delay.shutdown "
	    "\"120\"\nRW ups ups.delay.start \"120\"\nEND LIST RW ups\n");
	ck_assert_str_eq(ask(&s, "GET NUMLOGINS ups"), "NUMLOGINS ups 2\n");
	one_ups.vars.fsd = true;
	ck_assert_str_eq(ask(&s, "GET VAR ups ups.status"), "VAR ups ups.status \"OB LB DISCHRG FSD\"\n");
}
END_TEST

/* A three-phase UPS with every measurement and an alarm: every variable. */
static void three_phase_everything(void)
{
	struct nv_ups_meas *m = &snap.sys.ups;

	snap.id.phases_in = snap.id.phases_out = 3;
	snap.id.nominal_kva = 400;
	snap.id.nominal_kw = 360;
	snap.id.nominal_vin = snap.id.nominal_vout = 230;
	snap.id.nominal_fin = snap.id.nominal_fout = 50;
	snprintf(snap.id.serial, sizeof(snap.id.serial), "SN-1");
	m->in_freq = 500, m->byp_freq = 499, m->out_freq = 501;
	for (int p = 0; p < 3; p++) {
		m->in_voltage[p] = 2300 + p, m->in_current[p] = 100 + p;
		m->byp_voltage[p] = 2310 + p, m->byp_current[p] = 110 + p;
		m->out_voltage[p] = 2290 + p, m->out_current[p] = 120 + p;
		m->out_load[p] = 40 + p, m->out_kva[p] = 120 + p, m->out_kw[p] = 100 + p;
	}
	m->out_kva_total = 363, m->out_kw_total = 303, m->out_load_total = 41;
	m->batt_voltage = 4321, m->batt_current = -125, m->batt_temp = 215;
	m->ambient_temp = -15;
	nv_cond_set(&snap.sys, NV_C_GENERAL_ALARM, true);
	nv_cond_set(&snap.sys, NV_C_OVERLOAD, true);
}

START_TEST(get_var_answers_what_list_var_lists)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	char *list, *line, *next, *w[NV_NUT_WORDS_MAX], want[NV_NUT_LINE_MAX];
	char get[NV_NUT_LINE_MAX];
	int n = 0;

	three_phase_everything();
	one_ups.vars.fsd = true;
	list = strdup(ask(&s, "LIST VAR ups"));
	ck_assert_ptr_nonnull(list);
	ck_assert_ptr_nonnull(strstr(list, "VAR ups input.bypass.L3-N.voltage \"231.2\"\n"));
	ck_assert_ptr_nonnull(strstr(list, "VAR ups ambient.temperature \"-1.5\"\n"));
	for (line = list; (next = strchr(line, '\n')) != NULL; line = next + 1) {
		*next = '\0';
		if (strncmp(line, "VAR ", 4) != 0)
			continue;
		snprintf(want, sizeof(want), "%s\n", line);
		ck_assert_int_eq(nv_nut_split(line, w), 4);
		snprintf(get, sizeof(get), "GET VAR ups %s", w[2]);
		ck_assert_str_eq(ask(&s, get), want);
		n++;
	}
	free(list);
	ck_assert_int_ge(n, 60);        /* the per-phase lines are in */
	/* a group's name is no variable */
	ck_assert_str_eq(ask(&s, "GET VAR ups input.bypass"), "ERR VAR-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups output.L1"), "ERR VAR-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups input.voltagex"), "ERR VAR-NOT-SUPPORTED\n");
}
END_TEST

START_TEST(a_lost_link_is_data_stale)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	snap.comm = NV_COMM_LOST;
	ck_assert_str_eq(ask(&s, "GET VAR ups battery.charge"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "LIST VAR ups"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "LIST RW ups"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "GET TYPE ups ups.status"), "ERR DATA-STALE\n");
	ck_assert_str_eq(ask(&s, "USERNAME admin"), "OK\n");
	ck_assert_str_eq(ask(&s, "PASSWORD admin-pw"), "OK\n");
	ck_assert_str_eq(ask(&s, "INSTCMD ups test.battery.start"), "ERR DATA-STALE\n");
	ck_assert_int_eq(fk.instcmds, 0);
}
END_TEST

START_TEST(logins_and_rights_as_upsd_has_them)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" }, b = { .peer = "192.0.2.2" };

	ck_assert_str_eq(ask(&s, "LOGIN ups"), "ERR USERNAME-REQUIRED\n");
	ck_assert_str_eq(ask(&s, "USERNAME mon"), "OK\n");
	ck_assert_str_eq(ask(&s, "USERNAME boss"), "ERR ALREADY-SET-USERNAME\n");
	ck_assert_str_eq(ask(&s, "LOGIN ups"), "ERR PASSWORD-REQUIRED\n");
	ck_assert_str_eq(ask(&s, "PASSWORD mon-pw"), "OK\n");
	ck_assert_str_eq(ask(&s, "PASSWORD x"), "ERR ALREADY-SET-PASSWORD\n");
	ck_assert_str_eq(ask(&s, "LOGIN nas"), "ERR UNKNOWN-UPS\n");
	ck_assert_str_eq(ask(&s, "LOGIN ups"), "OK\n");
	ck_assert(s.logged_in);
	ck_assert_str_eq(ask(&s, "LOGIN ups"), "ERR ALREADY-LOGGED-IN\n");
	ck_assert_str_eq(ask(&s, "PRIMARY ups"), "ERR ACCESS-DENIED\n");
	ck_assert_str_eq(ask(&s, "FSD ups"), "ERR ACCESS-DENIED\n");
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.delay.start 300"), "ERR ACCESS-DENIED\n");
	ck_assert_str_eq(ask(&s, "INSTCMD ups test.battery.start"), "ERR ACCESS-DENIED\n");
	ck_assert_int_eq(fk.denials, 4);
	ck_assert_int_eq(nv_nut_dispatch(&view, &s, (char[]){ "LOGOUT" }, &out), NV_NUT_CLOSE);
	ck_assert(!s.logged_in);

	ck_assert_str_eq(ask(&b, "USERNAME boss"), "OK\n");
	ck_assert_str_eq(ask(&b, "PASSWORD mon-pw"), "OK\n");
	ck_assert_str_eq(ask(&b, "LOGIN ups"), "ERR ACCESS-DENIED\n");      /* wrong password */
	ck_assert_str_eq(ask(&b, "MASTER ups"), "ERR ACCESS-DENIED\n");
	memset(&b, 0, sizeof(b));
	ask(&b, "USERNAME boss");
	ask(&b, "PASSWORD boss-pw");
	ck_assert_str_eq(ask(&b, "MASTER ups"), "OK MASTER-GRANTED\n");
	ck_assert_str_eq(ask(&b, "PRIMARY ups"), "OK PRIMARY-GRANTED\n");
	ck_assert_str_eq(ask(&b, "FSD ups"), "OK FSD-SET\n");
	ck_assert_int_eq(fk.fsds, 1);
}
END_TEST

START_TEST(set_and_instcmd_checked_then_handed_over)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };
	char line[64];

	ask(&s, "USERNAME admin");
	ask(&s, "PASSWORD admin-pw");
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.status OL"), "ERR READONLY\n");
	ck_assert_str_eq(ask(&s, "SET VAR ups no.such 5"), "ERR VAR-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.delay.shutdown 19"), "ERR INVALID-VALUE\n");
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.delay.shutdown 2x"), "ERR INVALID-VALUE\n");
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.delay.shutdown \"45\""), "OK\n");
	ck_assert_int_eq(fk.last_set, 45);
	ck_assert_str_eq(ask(&s, "SET VAR ups ups.delay.shutdown"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "INSTCMD ups load.off"), "ERR CMD-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "INSTCMD ups bypass.start"), "ERR CMD-NOT-SUPPORTED\n");
	ck_assert_str_eq(ask(&s, "INSTCMD ups test.battery.start 5"), "ERR INVALID-ARGUMENT\n");
	snprintf(line, sizeof(line), "INSTCMD ups test.battery.start");
	nv_text_clear(&out);
	ck_assert_int_eq(nv_nut_dispatch(&view, &s, line, &out), NV_NUT_WAIT);
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(fk.instcmds, 1);
	ck_assert_int_eq(fk.sets, 1);
}
END_TEST

START_TEST(garbage_gets_an_error_word)
{
	struct nv_nut_session s = { .peer = "192.0.2.1" };

	ck_assert_str_eq(ask(&s, ""), "ERR UNKNOWN-COMMAND\n");
	ck_assert_str_eq(ask(&s, "HELLO"), "ERR UNKNOWN-COMMAND\n");
	ck_assert_str_eq(ask(&s, "list ups"), "ERR UNKNOWN-COMMAND\n");
	ck_assert_str_eq(ask(&s, "LIST"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "LIST FOO ups"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "GET VAR ups"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "GET \"VAR"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "VER extra"), "ERR INVALID-ARGUMENT\n");
	ck_assert_str_eq(ask(&s, "STARTTLS"), "ERR FEATURE-NOT-CONFIGURED\n");
	ck_assert_str_eq(ask(&s, "NETVER"), "1.3\n");
}
END_TEST

static Suite *nut_protocol_suite(void)
{
	Suite *s = suite_create("nut_protocol");
	TCase *lines = tcase_create("lines"), *req = tcase_create("requests");

	tcase_add_test(lines, lines_are_assembled_and_bounded);
	tcase_add_test(lines, a_nul_in_a_line_is_refused_not_cut);
	tcase_add_test(lines, words_follow_the_quoting_rules);
	tcase_add_test(lines, a_quoted_value_splits_back_to_itself);
	tcase_add_checked_fixture(req, setup, teardown);
	tcase_add_test(req, values_come_from_the_snapshot_in_nut_units);
	tcase_add_test(req, get_var_answers_what_list_var_lists);
	tcase_add_test(req, a_lost_link_is_data_stale);
	tcase_add_test(req, logins_and_rights_as_upsd_has_them);
	tcase_add_test(req, set_and_instcmd_checked_then_handed_over);
	tcase_add_test(req, garbage_gets_an_error_word);
	suite_add_tcase(s, lines);
	suite_add_tcase(s, req);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { nut_protocol_suite, NULL };
