/*
 * test_notify_devices.c — the plug-ins that speak to people name the
 * device an event is about when the agent serves several (mail subject and
 * body, syslog lines, the exec environment) and say what they said before
 * when it serves one; the event log plug-in writes each device's records
 * to that device's logs.
 */
#define _GNU_SOURCE     /* open_memstream */
#include <check.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "check_main.h"
#include "handler.h"
#include "handler_eventlog.h"
#include "handler_exec.h"
#include "handler_mail.h"
#include "handler_syslog.h"
#include "human_text.h"
#include "logs.h"
#include "ring.h"

static struct nv_snapshot snap_a, snap_b;
static struct nv_system_cfg sys = { .name = "nvagent-host" };

/* Devices "ups-a" and "ups-b" (NDEV of them in env). */
static void make_env(struct nv_handler_env *env, struct nv_handler_device *dev, size_t ndev)
{
	nv_snapshot_init(&snap_a);
	nv_snapshot_init(&snap_b);
	snprintf(snap_a.id.model, sizeof(snap_a.id.model), "MODEL-A");
	snprintf(snap_b.id.model, sizeof(snap_b.id.model), "MODEL-B");
	dev[0] = (struct nv_handler_device){ .name = "ups-a", .snap = &snap_a };
	dev[1] = (struct nv_handler_device){ .name = "ups-b", .snap = &snap_b };
	*env = (struct nv_handler_env){ .system = &sys, .snap = &snap_a, .devices = dev,
		.ndevices = ndev };
}

static void on_battery(struct nv_notification *n, unsigned device_no, const char *name)
{
	memset(n, 0, sizeof(*n));
	n->kind = NV_NOTE_TRAP;
	n->family = NV_FAM_SOCOMEC;
	n->number = 1;
	n->severity = NV_SEV_CRITICAL;
	n->event = "on-battery";
	n->wallclock = 1700000000;
	snprintf(n->text, sizeof(n->text), "UPS on battery");
	snprintf(n->device_name, sizeof(n->device_name), "%s", name);
	n->device_no = device_no;
}

static char *body_of(const struct nv_handler_env *env, const struct nv_notification *n)
{
	const struct nv_handler_device *d = nv_handler_device_of(env, n);
	struct nv_notice_dev dev = { env->system, d != NULL ? d->snap : env->snap,
		nv_handler_device_named(env, n) };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	nv_notice_body(f, n, &dev);
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

static const char *env_var(char store[][NV_EXEC_VAR_MAX], int k, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; i < k; i++)
		if (strncmp(store[i], name, len) == 0 && store[i][len] == '=')
			return store[i] + len + 1;
	return NULL;
}

/* What the mail, syslog and exec plug-ins make of N. */
struct said {
	char subject[256], local[1024], remote[2048], device_var[NV_EXEC_VAR_MAX];
	char *body;
};

static void say(const struct nv_handler_env *env, const struct nv_notification *n,
    struct said *out)
{
	const char *device = nv_handler_device_named(env, n);
	struct nv_syslog_cfg scfg = { .facility = LOG_DAEMON };
	char store[NV_EXEC_ENV_MAX][NV_EXEC_VAR_MAX], *envp[NV_EXEC_ENV_MAX];
	const char *var;
	int k;

	nv_notice_subject(out->subject, sizeof(out->subject), "[nvagent]", n, device);
	out->body = body_of(env, n);
	nv_syslog_local_line(out->local, sizeof(out->local), sys.name, n, device);
	nv_syslog_event_message(out->remote, sizeof(out->remote), &scfg, "nvagentd", sys.name,
	    n, device);
	k = nv_exec_env(n, &sys, store, envp);
	ck_assert_ptr_null(envp[k]);
	var = env_var(store, k, "NV_DEVICE");
	ck_assert_ptr_nonnull(var);
	snprintf(out->device_var, sizeof(out->device_var), "%s", var);
}

/* One device: subject, body and syslog lines are as they always were;
 * the exec command still learns the device's name. */
START_TEST(one_device_messages_stay_as_they_were)
{
	struct nv_handler_device dev[2];
	struct nv_handler_env env;
	struct nv_notification n;
	struct said o;

	make_env(&env, dev, 1);
	dev[0].name = "ups";
	on_battery(&n, 0, "ups");
	ck_assert_ptr_null(nv_handler_device_named(&env, &n));
	say(&env, &n, &o);
	ck_assert_str_eq(o.subject, "[nvagent] critical: on-battery - UPS on battery");
	ck_assert_msg(strstr(o.body, "\nAgent:     nvagent-host\nDevice:    MODEL-A\n") != NULL,
	    "%s", o.body);
	ck_assert_ptr_null(strstr(o.body, "ups"));
	free(o.body);
	ck_assert_str_eq(o.local, "nvagent-host: on-battery: UPS on battery (critical)");
	ck_assert_msg(strstr(o.remote, " agent=\"nvagent-host\"] nvagent-host: UPS on battery "
	    "(critical)") != NULL, "%s", o.remote);
	ck_assert_str_eq(o.device_var, "ups");
}
END_TEST

/* Two devices: B's event names B everywhere, with B's measurements. */
START_TEST(two_devices_messages_name_the_device)
{
	struct nv_handler_device dev[2];
	struct nv_handler_env env;
	struct nv_notification n;
	struct said o;

	make_env(&env, dev, 2);
	on_battery(&n, 1, "ups-b");
	ck_assert_str_eq(nv_handler_device_named(&env, &n), "ups-b");
	ck_assert_ptr_eq(nv_handler_device_of(&env, &n), &dev[1]);
	say(&env, &n, &o);
	ck_assert_str_eq(o.subject, "[nvagent] critical: [ups-b] on-battery - UPS on battery");
	ck_assert_msg(strstr(o.body, "\nAgent:     nvagent-host\nDevice:    ups-b\n"
	    "Model:     MODEL-B\n") != NULL, "%s", o.body);
	ck_assert_ptr_null(strstr(o.body, "MODEL-A"));
	free(o.body);
	ck_assert_str_eq(o.local, "nvagent-host: [ups-b] on-battery: UPS on battery (critical)");
	ck_assert_msg(strstr(o.remote, " agent=\"nvagent-host\" device=\"ups-b\"] nvagent-host: "
	    "[ups-b] UPS on battery (critical)") != NULL, "%s", o.remote);
	ck_assert_str_eq(o.device_var, "ups-b");
}
END_TEST

/* Without a device list (nvtraphandle) the name a received trap carried
 * is said; a trap that carried none says nothing of a device. */
START_TEST(received_trap_names_its_device_when_it_carried_one)
{
	struct nv_handler_env env = { .system = &sys };
	struct nv_notification n;

	on_battery(&n, 0, "");
	ck_assert_ptr_null(nv_handler_device_named(&env, &n));
	ck_assert_ptr_null(nv_handler_device_of(&env, &n));
	snprintf(n.device_name, sizeof(n.device_name), "ups-b");
	ck_assert_str_eq(nv_handler_device_named(&env, &n), "ups-b");
}
END_TEST

/* The varbind traps carry: RFC 1628 upsIdentName.0, the name as text. */
START_TEST(device_varbind_is_ups_ident_name)
{
	struct nv_varbind vb;
	char buf[256];

	nv_device_varbind("ups-b", &vb);
	nv_notice_varbind(&vb, buf, sizeof(buf));
	ck_assert_str_eq(buf, ".1.3.6.1.2.1.33.1.1.5.0=ups-b");
	ck_assert_int_eq(vb.type, NV_VB_OCTETS);
	ck_assert_uint_eq(vb.str_len, 5);
}
END_TEST

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Each device's logs, in a directory of its own. */
struct two_logs {
	char dir[2][40];
	struct nv_logs *l[2];
};

static void logs_open(struct two_logs *t)
{
	struct nv_logs_cfg cfg = { 60, 60, 16 };
	char err[256];

	for (int i = 0; i < 2; i++) {
		snprintf(t->dir[i], sizeof(t->dir[i]), "/tmp/test_notify_devices.XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(t->dir[i]));
		t->l[i] = nv_logs_open(t->dir[i], &cfg, err, sizeof(err));
		ck_assert_msg(t->l[i] != NULL, "%s", err);
	}
}

static void logs_remove(struct two_logs *t)
{
	for (int i = 0; i < 2; i++) {
		nv_logs_close(t->l[i]);
		ck_assert_int_eq(nftw(t->dir[i], rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
	}
}

static uint32_t ups_records(struct nv_logs *l)
{
	return nv_ring_count(nv_logs_ring(l, NV_LOGID_UPS_EVENTS));
}

/* Each device's condition goes to its own UPS event log. */
START_TEST(eventlog_writes_each_device_to_its_logs)
{
	struct two_logs t;
	struct nv_handler_device dev[2];
	struct nv_handler_env env;
	struct nv_notification n;
	char err[256];
	void *st = NULL;
	uint32_t a0, b0;

	logs_open(&t);
	make_env(&env, dev, 2);
	dev[0].logs = &t.l[0];
	dev[1].logs = &t.l[1];
	env.logs = &t.l[0];
	ck_assert_int_eq(nv_handler_eventlog.init(&st, &env, err, sizeof(err)), 0);
	a0 = ups_records(t.l[0]);
	b0 = ups_records(t.l[1]);

	memset(&n, 0, sizeof(n));
	n.kind = NV_NOTE_CONDITION;
	n.device = NV_KIND_UPS;
	n.cond = NV_C_ON_BATTERY;
	n.set = 1;
	n.severity = NV_SEV_CRITICAL;
	snprintf(n.text, sizeof(n.text), "UPS on battery");
	snprintf(n.device_name, sizeof(n.device_name), "ups-b");
	n.device_no = 1;
	nv_handler_eventlog.handle(st, &n);
	ck_assert_uint_eq(ups_records(t.l[1]), b0 + 1);
	ck_assert_uint_eq(ups_records(t.l[0]), a0);

	snprintf(n.device_name, sizeof(n.device_name), "ups-a");
	n.device_no = 0;
	nv_handler_eventlog.handle(st, &n);
	ck_assert_uint_eq(ups_records(t.l[0]), a0 + 1);
	ck_assert_uint_eq(ups_records(t.l[1]), b0 + 1);

	nv_handler_eventlog.fini(st);
	logs_remove(&t);
}
END_TEST

/* The daily report's status: each device by name with its own history
 * attached; with one device as it always was (one history.csv). */
START_TEST(daily_report_gives_every_device_and_its_history)
{
	struct two_logs t;
	struct nv_handler_device dev[2];
	struct nv_handler_env env;
	struct nv_mail_part parts[NV_DEVICES_MAX];
	char *body = NULL, *old = NULL;
	size_t len = 0, n;
	FILE *f;

	logs_open(&t);
	make_env(&env, dev, 2);
	dev[0].logs = &t.l[0];
	dev[1].logs = &t.l[1];
	env.logs = &t.l[0];
	ck_assert_ptr_nonnull(f = open_memstream(&body, &len));
	n = nv_mail_report_status(&env, f, true, parts);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(parts[0].name, "history-ups-a.csv");
	ck_assert_str_eq(parts[1].name, "history-ups-b.csv");
	ck_assert_msg(strstr(body, "Agent:     nvagent-host\n\nDevice:    ups-a\nModel:     MODEL-A\n")
	    != NULL, "%s", body);
	ck_assert_msg(strstr(body, "\n\nDevice:    ups-b\nModel:     MODEL-B\n") != NULL, "%s", body);
	for (size_t i = 0; i < n; i++)
		free(parts[i].text);
	free(body);

	env.ndevices = 1;
	ck_assert_ptr_nonnull(f = open_memstream(&body, &len));
	n = nv_mail_report_status(&env, f, true, parts);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(parts[0].name, "history.csv");
	ck_assert_ptr_nonnull(f = open_memstream(&old, &len));
	nv_notice_status(f, &(struct nv_notice_dev){ &sys, &snap_a, NULL });
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_str_eq(body, old);
	free(parts[0].text);
	free(body);
	free(old);
	logs_remove(&t);
}
END_TEST

static Suite *devices_suite(void)
{
	Suite *s = suite_create("notify_devices");
	TCase *tc = tcase_create("devices");

	tcase_add_test(tc, one_device_messages_stay_as_they_were);
	tcase_add_test(tc, two_devices_messages_name_the_device);
	tcase_add_test(tc, received_trap_names_its_device_when_it_carried_one);
	tcase_add_test(tc, device_varbind_is_ups_ident_name);
	tcase_add_test(tc, eventlog_writes_each_device_to_its_logs);
	tcase_add_test(tc, daily_report_gives_every_device_and_its_history);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { devices_suite, NULL };
