/* test_history.c — history samples, extended min / avg / max, schedule. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_main.h"
#include "history.h"
#include "logs.h"
#include "nvconfig.h"
#include "ring.h"

static void ups_snapshot(struct nv_snapshot *s, int32_t in_v1, time_t when)
{
	nv_snapshot_init(s);
	s->comm = NV_COMM_OK;
	s->kind = NV_KIND_UPS;
	s->wallclock = when;
	s->sys.ups.in_voltage[0] = in_v1;
	s->sys.ups.in_freq = 500;
	s->sys.ups.out_load[0] = 42;
	s->sys.ups.batt_charge = 100;
	s->sys.ups.ambient_temp = 251;
}

START_TEST(sample_follows_the_manual_list_with_minus_one_for_unmanaged)
{
	struct nv_snapshot s;
	int32_t v[NV_HIST_MAX_FIELDS];
	int n, nf;
	const struct nv_hist_field *f = nv_hist_fields(NV_KIND_UPS, &nf);

	ups_snapshot(&s, 2301, 1000);
	s.env.temp = 234;
	n = nv_hist_sample(&s, v);
	ck_assert_int_eq(n, nf);
	ck_assert_str_eq(f[0].name, "in_v1");
	ck_assert_int_eq(v[0], 2301);
	ck_assert_int_eq(v[1], NV_NA);          /* single-phase input: L2 */
	ck_assert_int_eq(v[3], 500);
	ck_assert_str_eq(f[13].name, "batt_cap");
	ck_assert_int_eq(v[13], 100);
	ck_assert_int_eq(v[14], 251);
	ck_assert_str_eq(f[15].name, "emd_temp");       /* the room's columns */
	ck_assert_int_eq(v[15], 234);
	ck_assert_int_eq(v[16], NV_NA);                 /* no humidity read */
	f = nv_hist_fields(NV_KIND_STS, &nf);
	ck_assert_int_eq(nf, 14);
	ck_assert_str_eq(f[11].name, "sw2_temp");
	ck_assert_str_eq(f[13].name, "emd_hum");
}
END_TEST

START_TEST(extended_min_avg_max_ignore_unmanaged_values)
{
	struct nv_ext_acc a;
	struct nv_ext_rec r;
	int32_t v[NV_HIST_MAX_FIELDS];

	nv_ext_acc_reset(&a);
	ck_assert(!nv_ext_acc_record(&a, 0, &r));
	for (int i = 0; i < NV_HIST_MAX_FIELDS; i++)
		v[i] = NV_NA;
	v[0] = 2300; nv_ext_acc_add(&a, NV_KIND_UPS, v, 15, 100);
	v[0] = 2310; nv_ext_acc_add(&a, NV_KIND_UPS, v, 15, 101);
	v[0] = NV_NA; nv_ext_acc_add(&a, NV_KIND_UPS, v, 15, 102);  /* comm lost */
	v[0] = 2291; nv_ext_acc_add(&a, NV_KIND_UPS, v, 15, 103);
	ck_assert(nv_ext_acc_record(&a, 160, &r));
	ck_assert_int_eq(r.start, 100);
	ck_assert_int_eq(r.end, 160);
	ck_assert_int_eq(r.samples, 4);
	ck_assert_int_eq(r.min[0], 2291);
	ck_assert_int_eq(r.max[0], 2310);
	ck_assert_int_eq(r.avg[0], 2300);       /* 6901 / 3 = 2300.33 */
	ck_assert_int_eq(r.min[1], NV_NA);      /* never managed */
	ck_assert_int_eq(r.avg[1], NV_NA);
}
END_TEST

START_TEST(extended_average_rounds_to_nearest)
{
	struct nv_ext_acc a;
	struct nv_ext_rec r;
	int32_t v[NV_HIST_MAX_FIELDS] = { 1 };

	nv_ext_acc_reset(&a);
	nv_ext_acc_add(&a, NV_KIND_UPS, v, 1, 0);
	v[0] = 2;
	nv_ext_acc_add(&a, NV_KIND_UPS, v, 1, 1);
	ck_assert(nv_ext_acc_record(&a, 2, &r));
	ck_assert_int_eq(r.avg[0], 2);
}
END_TEST

/*
 * One snapshot a second for 125 s; input voltage L1 = second of the
 * minute.  History every 10 s gives samples 0, 10, ... ; the extended
 * period of 60 s must average ALL 60 polls (29.5 -> 30), which the history
 * samples alone (0..50: 25) would not give.
 */
START_TEST(extended_is_computed_from_every_poll_not_from_history_samples)
{
	struct nv_history h;
	struct nv_snapshot s;
	struct nv_hist_rec hr;
	struct nv_ext_rec er, ext[4];
	bool hd, ed;
	int nh = 0, ne = 0;

	nv_history_init(&h, 10, 60);
	for (int t = 0; t <= 125; t++) {
		ups_snapshot(&s, t % 60, 1000000 + t);
		nv_history_feed(&h, &s, 5000.0 + t, &hd, &hr, &ed, &er);
		if (hd) {
			ck_assert_int_eq(hr.v[0], (nh * 10) % 60);
			nh++;
		}
		if (ed)
			ext[ne++] = er;
	}
	ck_assert_int_eq(nh, 13);               /* t = 0, 10, ... 120 */
	ck_assert_int_eq(ne, 2);                /* periods ending at 60, 120 */
	ck_assert_int_eq(ext[0].samples, 60);
	ck_assert_int_eq(ext[0].min[0], 0);
	ck_assert_int_eq(ext[0].max[0], 59);
	ck_assert_int_eq(ext[0].avg[0], 30);
	ck_assert_int_eq(ext[0].start, 1000000);
	ck_assert_int_eq(ext[0].end, 1000060);
	ck_assert_int_eq(ext[1].start, 1000060);
}
END_TEST

START_TEST(undetected_device_writes_no_history)
{
	struct nv_history h;
	struct nv_snapshot s;
	struct nv_hist_rec hr;
	struct nv_ext_rec er;
	bool hd, ed;

	nv_history_init(&h, 1, 60);
	nv_snapshot_init(&s);                   /* kind NONE */
	nv_history_feed(&h, &s, 1.0, &hd, &hr, &ed, &er);
	ck_assert(!hd && !ed);
}
END_TEST

static int count_rec(uint64_t seq, const void *rec, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

/* The logs as nvagentd runs them: fed snapshots land in the ring files,
 * the partial extended period is kept at close, all survive a reopen. */
START_TEST(logs_record_history_and_keep_them_across_restart)
{
	char dir[] = "/tmp/test_history.XXXXXX", err[256];
	struct nv_logs_cfg cfg = { 1, 1, 64 };
	struct nv_snapshot s;
	struct nv_logs *l;
	int n = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(l != NULL, "%s", err);
	for (int t = 0; t < 100; t++) {
		ups_snapshot(&s, 2300 + t, 2000000 + t);
		nv_logs_sample(l, &s, 100.0 + t);
	}
	nv_logs_close(l);
	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(l != NULL, "%s", err);
	nv_ring_foreach(nv_logs_ring(l, NV_LOGID_HISTORY), count_rec, &n);
	ck_assert_int_eq(n, 64);                /* 100 samples, ring of 64 */
	n = 0;
	nv_ring_foreach(nv_logs_ring(l, NV_LOGID_EXTENDED), count_rec, &n);
	ck_assert_int_eq(n, 2);                 /* 0-59 and the partial 60-99 */
	nv_logs_close(l);
	cfg.records = 16;                       /* a smaller log keeps the newest */
	l = nv_logs_open(dir, &cfg, err, sizeof(err));
	ck_assert_msg(l != NULL, "%s", err);
	n = 0;
	nv_ring_foreach(nv_logs_ring(l, NV_LOGID_HISTORY), count_rec, &n);
	ck_assert_int_eq(n, 16);
	nv_logs_close(l);
	for (int i = 0; i < NV_LOGID_COUNT; i++) {
		char p[128];

		snprintf(p, sizeof(p), "%s/%s.ring", dir, nv_log_id_name(i));
		ck_assert_int_eq(unlink(p), 0);
	}
	rmdir(dir);
}
END_TEST

START_TEST(config_section_is_range_checked)
{
	struct nv_logs_cfg c;
	char err[128];

	nv_logs_cfg_defaults(&c);
	ck_assert_int_eq(c.history_interval, 60);
	ck_assert_int_eq(c.extended_interval, 60);
	ck_assert_int_eq(c.records, 2048);
	ck_assert_int_eq(nv_logs_cfg_check(&c, err, sizeof(err)), 0);
	c.records = 3;
	ck_assert_int_eq(nv_logs_cfg_check(&c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "logs: records = 3 is out of range 16..65536");
	c.records = 2048;
	c.history_interval = 0;
	ck_assert_int_eq(nv_logs_cfg_check(&c, err, sizeof(err)), -1);
}
END_TEST

/* The logs section as nvagentd reads it (agent/config/nvconfig.c). */
static int load_logs(const char *text, struct nv_config *cfg, char *err, size_t len)
{
	char path[] = "/tmp/test_history.XXXXXX";
	int fd = mkstemp(path), rc;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = nv_config_load(path, cfg, err, len);
	unlink(path);
	return rc;
}

START_TEST(config_section_sets_the_intervals)
{
	static struct nv_config cfg;
	char err[512];

	ck_assert_int_eq(load_logs(
	    "logs { history-interval = 5  extended-interval = 2  records = 100 }\n",
	    &cfg, err, sizeof(err)), 0);
	ck_assert_int_eq(cfg.logs.history_interval, 5);
	ck_assert_int_eq(cfg.logs.extended_interval, 2);
	ck_assert_int_eq(cfg.logs.records, 100);
	ck_assert_int_eq(load_logs("logs { records = 1 }\n", &cfg, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ":1:"));
	ck_assert_ptr_nonnull(strstr(err, "records"));
}
END_TEST

static Suite *history_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");

	tcase_add_test(tc, sample_follows_the_manual_list_with_minus_one_for_unmanaged);
	tcase_add_test(tc, extended_min_avg_max_ignore_unmanaged_values);
	tcase_add_test(tc, extended_average_rounds_to_nearest);
	tcase_add_test(tc, extended_is_computed_from_every_poll_not_from_history_samples);
	tcase_add_test(tc, undetected_device_writes_no_history);
	tcase_add_test(tc, logs_record_history_and_keep_them_across_restart);
	tcase_add_test(tc, config_section_is_range_checked);
	tcase_add_test(tc, config_section_sets_the_intervals);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { history_suite, NULL };
