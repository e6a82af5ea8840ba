/*
 * test_addr_allow.c — the gateways' client allow lists: an empty list
 * accepts anyone; entries match by prefix, IPv4 and IPv6; an IPv4 peer on
 * an IPv6 socket matches IPv4 entries; bad entries are refused.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "check_main.h"
#include "addr_allow.h"

static socklen_t v4(struct sockaddr_storage *ss, const char *a)
{
	struct sockaddr_in *s = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin_family = AF_INET;
	inet_pton(AF_INET, a, &s->sin_addr);
	return sizeof(*s);
}

static socklen_t v6(struct sockaddr_storage *ss, const char *a)
{
	struct sockaddr_in6 *s = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	s->sin6_family = AF_INET6;
	inet_pton(AF_INET6, a, &s->sin6_addr);
	return sizeof(*s);
}

START_TEST(allow_list_matches_prefixes)
{
	struct nv_allow a = { .n = 0 };
	struct sockaddr_storage ss;
	socklen_t l;

	l = v4(&ss, "192.0.2.7");
	ck_assert(nv_allow_match(&a, (struct sockaddr *)&ss, l));       /* empty: anyone */
	ck_assert_ptr_null(nv_allow_add(&a, "10.1.0.0/16"));
	ck_assert_ptr_null(nv_allow_add(&a, "127.0.0.1"));
	ck_assert_ptr_null(nv_allow_add(&a, "2001:db8::/33"));
	ck_assert_ptr_nonnull(nv_allow_add(&a, "10.0.0.0/33"));
	ck_assert_ptr_nonnull(nv_allow_add(&a, "10.0.0.0/"));
	ck_assert_ptr_nonnull(nv_allow_add(&a, "bms.example.org"));
	ck_assert(!nv_allow_match(&a, (struct sockaddr *)&ss, l));
	l = v4(&ss, "10.1.255.3");
	ck_assert(nv_allow_match(&a, (struct sockaddr *)&ss, l));
	l = v4(&ss, "10.2.0.1");
	ck_assert(!nv_allow_match(&a, (struct sockaddr *)&ss, l));
	l = v6(&ss, "::ffff:127.0.0.1");
	ck_assert(nv_allow_match(&a, (struct sockaddr *)&ss, l));
	l = v6(&ss, "2001:db8:7fff::1");
	ck_assert(nv_allow_match(&a, (struct sockaddr *)&ss, l));
	l = v6(&ss, "2001:db8:8000::1");
	ck_assert(!nv_allow_match(&a, (struct sockaddr *)&ss, l));
}
END_TEST

static Suite *addr_allow_suite(void)
{
	Suite *s = suite_create("addr_allow");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, allow_list_matches_prefixes);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { addr_allow_suite, NULL };
