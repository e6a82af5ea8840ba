/*
 * check_main.h — the one main() of every Check program (check_main.c).
 * A test file defines nv_test_suites, its suite builders ending in NULL;
 * a builder that returns NULL says its suite cannot run here (after
 * printing why), and the program exits 77, skipped, when none can.
 */
#ifndef NV_CHECK_MAIN_H
#define NV_CHECK_MAIN_H

#include <check.h>

typedef Suite *nv_suite_builder(void);

extern nv_suite_builder *const nv_test_suites[];

#endif
