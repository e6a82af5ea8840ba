/* check_main.c — runs the suites a Check program exports (check_main.h). */
#include <stdlib.h>

#include "check_main.h"

#define NV_EXIT_SKIPPED 77      /* automake's test driver: skipped */

int main(void)
{
	SRunner *sr = NULL;
	int failed;

	for (size_t i = 0; nv_test_suites[i] != NULL; i++) {
		Suite *s = nv_test_suites[i]();

		if (s == NULL)
			continue;
		if (sr == NULL)
			sr = srunner_create(s);
		else
			srunner_add_suite(sr, s);
	}
	if (sr == NULL)
		return NV_EXIT_SKIPPED;
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
