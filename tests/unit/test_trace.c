/* test_trace.c — the serial trace ring: off costs nothing, on it keeps
 * the newest 256 exchanges in order. */
#include <stdlib.h>
#include <string.h>

#include "check_main.h"
#include "textbuf.h"
#include "trace.h"

static struct nv_trace_entry entry(uint16_t addr)
{
	struct nv_trace_entry e;

	memset(&e, 0, sizeof(e));
	e.slave = 1;
	e.function = 3;
	e.addr = addr;
	e.count = 2;
	e.got = 2;
	e.words[0] = 0x1234;
	e.words[1] = addr;
	return e;
}

static int count_lines(const struct nv_text *t)
{
	int n = 0;

	for (size_t i = 0; i < t->len; i++)
		n += t->buf[i] == '\n';
	return n;
}

START_TEST(trace_off_records_nothing)
{
	struct nv_trace t;
	struct nv_trace_entry e = entry(0x1060);
	struct nv_text out;

	ck_assert_int_eq(nv_trace_init(&t), 0);
	nv_trace_add(&t, &e);
	nv_text_init(&out);
	nv_trace_render(&t, true, &out);
	ck_assert_int_eq(count_lines(&out), 1);         /* the header only */
	nv_text_free(&out);
	nv_trace_destroy(&t);
}
END_TEST

START_TEST(trace_keeps_the_newest_in_order)
{
	struct nv_trace t;
	struct nv_text out;
	char *last;

	ck_assert_int_eq(nv_trace_init(&t), 0);
	nv_trace_set(&t, true);
	for (int i = 0; i < NV_TRACE_MAX + 44; i++) {
		struct nv_trace_entry e = entry((uint16_t)i);

		nv_trace_add(&t, &e);
	}
	nv_text_init(&out);
	nv_trace_render(&t, true, &out);
	ck_assert_int_eq(count_lines(&out), NV_TRACE_MAX + 1);
	/* the oldest kept is number 45, the newest 300 */
	ck_assert_ptr_nonnull(strstr(out.buf, "\n45,"));
	ck_assert_ptr_null(strstr(out.buf, "\n44,"));
	out.buf[out.len - 1] = '\0';
	last = strrchr(out.buf, '\n');
	ck_assert_ptr_nonnull(last);
	ck_assert_int_eq(strncmp(last, "\n300,", 5), 0);
	ck_assert_ptr_nonnull(strstr(last, ",ok,2,1234 012B"));
	nv_text_free(&out);
	/* on again: a fresh trace */
	nv_trace_set(&t, false);
	nv_trace_set(&t, true);
	nv_text_init(&out);
	nv_trace_render(&t, false, &out);
	ck_assert_int_eq(count_lines(&out), 1);
	nv_text_free(&out);
	nv_trace_destroy(&t);
}
END_TEST

static Suite *trace_suite(void)
{
	Suite *s = suite_create("trace");
	TCase *tc = tcase_create("ring");

	tcase_add_test(tc, trace_off_records_nothing);
	tcase_add_test(tc, trace_keeps_the_newest_in_order);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { trace_suite, NULL };
