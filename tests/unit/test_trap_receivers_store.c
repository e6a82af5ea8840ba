/*
 * test_trap_receivers_store.c — the trap receivers table set over SNMP survives
 * a restart: saved and read back exactly (odd communities included), laid
 * over the config file's receivers by name, and a bad saved file is
 * refused without touching the running receivers; the temp file of the
 * atomic write never follows a planted link, always gets its own mode,
 * and a stale one left by a SIGKILL is replaced.
 */
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_main.h"
#include "trap_receivers_store.h"

static char dir[PATH_MAX];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_trap_receivers_store.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char p[PATH_MAX + 64];

	snprintf(p, sizeof(p), "%s/%s", dir, NV_RECEIVERS_FILE);
	unlink(p);
	rmdir(dir);
}

static struct nv_receiver *add(struct nv_traps_cfg *t, const char *name, const char *addr)
{
	struct nv_receiver *r = &t->rcv[t->n++];

	nv_receiver_defaults(r);
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->address, sizeof(r->address), "%s", addr);
	return r;
}

START_TEST(nothing_saved_keeps_the_config)
{
	struct nv_traps_cfg t;
	char err[256];

	nv_traps_cfg_defaults(&t);
	add(&t, "nms1", "127.0.0.1:1162");
	ck_assert_int_eq(nv_receivers_overlay(dir, &t, err, sizeof(err)), 0);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_str_eq(t.rcv[0].address, "127.0.0.1:1162");
}
END_TEST

START_TEST(saved_table_reads_back_exactly)
{
	struct nv_traps_cfg t, back;
	char err[256], path[PATH_MAX + 64];
	struct stat st;

	nv_traps_cfg_defaults(&t);
	snprintf(add(&t, "a", "192.0.2.1")->community, 32, "it's \\ \"odd\" ${HOME}");
	add(&t, "b", "[::1]:1162")->mib = NV_RCV_MIB_RFC1628;
	ck_assert_msg(nv_receivers_save(dir, &t, err, sizeof(err)) == 0, "%s", err);
	snprintf(path, sizeof(path), "%s/%s", dir, NV_RECEIVERS_FILE);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);

	nv_traps_cfg_defaults(&back);
	ck_assert_int_eq(nv_receivers_overlay(dir, &back, err, sizeof(err)), 1);
	ck_assert_uint_eq(back.n, 2);
	ck_assert_str_eq(back.rcv[0].name, "a");
	ck_assert_str_eq(back.rcv[0].community, "it's \\ \"odd\" ${HOME}");
	ck_assert_str_eq(back.rcv[1].address, "[::1]:1162");
	ck_assert_int_eq(back.rcv[1].mib, NV_RCV_MIB_RFC1628);
}
END_TEST

START_TEST(saved_columns_merge_with_config_keys_by_name)
{
	struct nv_traps_cfg saved, conf;
	struct nv_receiver *r;
	char err[256];

	nv_traps_cfg_defaults(&saved);
	add(&saved, "new", "10.0.0.9");
	snprintf(add(&saved, "nms1", "10.0.0.1:2162")->community, 32, "secret");
	ck_assert(nv_receivers_save(dir, &saved, err, sizeof(err)) == 0);

	nv_traps_cfg_defaults(&conf);
	r = add(&conf, "nms1", "127.0.0.1");
	r->inform = true;
	r->filter = NV_RCV_BY_SEVERITY;
	r->severity = 2;
	add(&conf, "gone", "127.0.0.2");
	ck_assert_int_eq(nv_receivers_overlay(dir, &conf, err, sizeof(err)), 1);
	ck_assert_uint_eq(conf.n, 2);           /* "gone" was not in the table */
	ck_assert_str_eq(conf.rcv[0].name, "new");
	ck_assert(!conf.rcv[0].inform);
	ck_assert_str_eq(conf.rcv[1].name, "nms1");
	ck_assert_str_eq(conf.rcv[1].address, "10.0.0.1:2162");
	ck_assert_str_eq(conf.rcv[1].community, "secret");
	ck_assert(conf.rcv[1].inform);          /* kept from the config file */
	ck_assert_int_eq(conf.rcv[1].severity, 2);
}
END_TEST

START_TEST(empty_saved_table_means_no_receivers)
{
	struct nv_traps_cfg t;
	char err[256];

	nv_traps_cfg_defaults(&t);
	ck_assert(nv_receivers_save(dir, &t, err, sizeof(err)) == 0);
	add(&t, "nms1", "127.0.0.1");
	ck_assert_int_eq(nv_receivers_overlay(dir, &t, err, sizeof(err)), 1);
	ck_assert_uint_eq(t.n, 0);
}
END_TEST

START_TEST(bad_saved_file_is_refused_and_changes_nothing)
{
	struct nv_traps_cfg t;
	char err[256], path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, NV_RECEIVERS_FILE);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("trap-receiver x { address = \"a b\" }\n", f);
	fclose(f);
	nv_traps_cfg_defaults(&t);
	add(&t, "nms1", "127.0.0.1");
	ck_assert_int_eq(nv_receivers_overlay(dir, &t, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, NV_RECEIVERS_FILE) != NULL, "%s", err);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_str_eq(t.rcv[0].address, "127.0.0.1");
}
END_TEST

START_TEST(temp_file_is_fresh_private_and_follows_no_link)
{
	struct nv_traps_cfg t;
	char err[256], tmp[PATH_MAX + 80], target[PATH_MAX + 64], path[PATH_MAX + 64];
	struct stat st;
	FILE *f;

	nv_traps_cfg_defaults(&t);
	add(&t, "nms1", "127.0.0.1:1162");
	snprintf(path, sizeof(path), "%s/%s", dir, NV_RECEIVERS_FILE);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	snprintf(target, sizeof(target), "%s/victim", dir);
	/* a stale temp file (SIGKILL mid-write) with a loose mode */
	f = fopen(tmp, "w");
	ck_assert_ptr_nonnull(f);
	fputs("half a table", f);
	fclose(f);
	ck_assert_int_eq(chmod(tmp, 0666), 0);
	ck_assert_int_eq(nv_receivers_save(dir, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(access(tmp, F_OK), -1);
	/* a link planted where the temp file goes is never written through */
	f = fopen(target, "w");
	ck_assert_ptr_nonnull(f);
	fputs("precious", f);
	fclose(f);
	ck_assert_int_eq(symlink(target, tmp), 0);
	ck_assert_int_eq(nv_receivers_save(dir, &t, err, sizeof(err)), 0);
	ck_assert_int_eq(stat(target, &st), 0);
	ck_assert_int_eq(st.st_size, 8);
	ck_assert_int_eq(lstat(path, &st), 0);
	ck_assert(S_ISREG(st.st_mode));
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	unlink(target);
	/* read at start: a stale temp file is removed, the table kept */
	f = fopen(tmp, "w");
	ck_assert_ptr_nonnull(f);
	fputs("half a table", f);
	fclose(f);
	nv_traps_cfg_defaults(&t);
	ck_assert_int_eq(nv_receivers_overlay(dir, &t, err, sizeof(err)), 1);
	ck_assert_uint_eq(t.n, 1);
	ck_assert_int_eq(access(tmp, F_OK), -1);
}
END_TEST

START_TEST(save_into_missing_dir_fails_cleanly)
{
	struct nv_traps_cfg t;
	char err[256];

	nv_traps_cfg_defaults(&t);
	ck_assert_int_eq(nv_receivers_save("/nonexistent/nvagent", &t, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "/nonexistent/nvagent") != NULL, "%s", err);
}
END_TEST

static Suite *receivers_store_suite(void)
{
	Suite *s = suite_create("receivers_store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, nothing_saved_keeps_the_config);
	tcase_add_test(tc, saved_table_reads_back_exactly);
	tcase_add_test(tc, saved_columns_merge_with_config_keys_by_name);
	tcase_add_test(tc, empty_saved_table_means_no_receivers);
	tcase_add_test(tc, bad_saved_file_is_refused_and_changes_nothing);
	tcase_add_test(tc, save_into_missing_dir_fails_cleanly);
	tcase_add_test(tc, temp_file_is_fresh_private_and_follows_no_link);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { receivers_store_suite, NULL };
