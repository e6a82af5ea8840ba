/* test_control_access.c — who may run which control command: readers in
 * the control group read, only root or the admin group change. */
#include <stdio.h>
#include <unistd.h>

#include "check_main.h"
#include "control_access.h"
#include "nvconfig.h"

START_TEST(readers_read_admins_change)
{
	struct nv_config cfg;
	struct nv_peer root = { true, 1, 0, 0 };
	struct nv_peer nobody = { true, 2, 65534, 65534 };
	struct nv_peer unknown = { false, 0, 0, 0 };
	char why[256];

	nv_config_defaults(&cfg);
	snprintf(cfg.control_group, sizeof(cfg.control_group), "nogroup");
	ck_assert_int_eq(nv_peer_allowed(&root, &cfg, true, why, sizeof(why)), 0);
	ck_assert_int_eq(nv_peer_allowed(&unknown, &cfg, false, why, sizeof(why)), -1);
	if (geteuid() == 65534)
		return;         /* the peer would be the daemon's own user */
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, false, why, sizeof(why)), 0);
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, true, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "this command changes the agent: it needs root (no admin-group "
	    "is configured)");
	snprintf(cfg.admin_group, sizeof(cfg.admin_group), "nogroup");
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, true, why, sizeof(why)), 0);
	cfg.admin_group[0] = '\0';
	snprintf(cfg.control_group, sizeof(cfg.control_group), "root");
	ck_assert_int_eq(nv_peer_allowed(&nobody, &cfg, false, why, sizeof(why)), -1);
	ck_assert_str_eq(why, "the caller is not in the control group 'root'");
}
END_TEST

static Suite *control_access_suite(void)
{
	Suite *s = suite_create("control_access");
	TCase *tc = tcase_create("peers");

	tcase_add_test(tc, readers_read_admins_change);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { control_access_suite, NULL };
