/*
 * test_env_sensor.c — the environment sensor: its shipped maps and their
 * scaling, and thresholds with hysteresis (env_levels.c).  The
 * `environment { }` section's parsing is test_config.c's.
 */
#include <check.h>

#include "check_main.h"
#include "env_sensor.h"
#include "nvconfig.h"

static bool has(const struct nv_env *e, enum nv_cond c)
{
	return nv_bit_get(e->cond, c);
}

/* The conditions after a reading of temp (0.1 degC). */
static void feed(const struct nv_env_cfg *cfg, struct nv_env *e, int32_t temp)
{
	e->comm = NV_COMM_OK;
	e->temp = temp;
	nv_env_levels(cfg, e);
}

START_TEST(shipped_maps_scale_and_sign)
{
	const struct nv_env_point *m = nv_env_profile_map("env-sensor");
	struct nv_env_point p = { 3, 0, 100, false };

	ck_assert_ptr_nonnull(m);
	ck_assert_ptr_nonnull(nv_env_profile_map("xy-md02"));
	ck_assert_ptr_null(nv_env_profile_map("custom"));
	ck_assert_ptr_null(nv_env_profile_map("nope"));
	ck_assert_int_eq(nv_env_scaled(&m[NV_ENV_PT_TEMP], 0xFFC9), -55);   /* -5.5 */
	ck_assert_int_eq(nv_env_scaled(&m[NV_ENV_PT_HUM], 415), 415);
	ck_assert_int_eq(nv_env_scaled(&p, 23), 230);                       /* x1 */
	p.scale_centi = 1;
	ck_assert_int_eq(nv_env_scaled(&p, 2345), 234);                     /* x0.01 */
	p.is_signed = false;
	ck_assert_int_eq(nv_env_scaled(&m[NV_ENV_PT_HUM], 0xFFFF), 65535);
}
END_TEST

/* A ramp through the four set points and back: each condition set past
 * its set point and cleared only a hysteresis back inside. */
START_TEST(set_points_hold_within_the_hysteresis)
{
	struct nv_config c;
	struct nv_env e;

	nv_config_defaults(&c);
	c.env.enabled = true;
	nv_env_init(&e, true);
	feed(&c.env, &e, 220);
	for (int k = NV_C_EMD_FIRST; k <= NV_C_EMD_LAST; k++)
		ck_assert_msg(!has(&e, k), "%s set at 22.0", nv_cond_name(k));
	feed(&c.env, &e, 500);                  /* on the set point: not past it */
	ck_assert(!has(&e, NV_C_EMD_TEMP_WARN_HIGH));
	feed(&c.env, &e, 501);
	ck_assert(has(&e, NV_C_EMD_TEMP_WARN_HIGH));
	feed(&c.env, &e, 492);                  /* noise inside the hysteresis */
	ck_assert(has(&e, NV_C_EMD_TEMP_WARN_HIGH));
	feed(&c.env, &e, 601);
	ck_assert(has(&e, NV_C_EMD_TEMP_CRIT_HIGH));
	feed(&c.env, &e, 591);
	ck_assert(has(&e, NV_C_EMD_TEMP_CRIT_HIGH));
	feed(&c.env, &e, 590);
	ck_assert(!has(&e, NV_C_EMD_TEMP_CRIT_HIGH));
	ck_assert(has(&e, NV_C_EMD_TEMP_WARN_HIGH));
	feed(&c.env, &e, 490);
	ck_assert(!has(&e, NV_C_EMD_TEMP_WARN_HIGH));
	feed(&c.env, &e, 49);
	ck_assert(has(&e, NV_C_EMD_TEMP_WARN_LOW) && has(&e, NV_C_EMD_TEMP_CRIT_LOW));
	feed(&c.env, &e, 59);
	ck_assert(has(&e, NV_C_EMD_TEMP_CRIT_LOW));
	feed(&c.env, &e, 60);
	ck_assert(!has(&e, NV_C_EMD_TEMP_CRIT_LOW) && has(&e, NV_C_EMD_TEMP_WARN_LOW));
	feed(&c.env, &e, 110);
	ck_assert(!has(&e, NV_C_EMD_TEMP_WARN_LOW));
}
END_TEST

/* Not answering: values unknown, conditions kept (not cleared), the
 * comm-lost condition set; inputs follow their modes. */
START_TEST(lost_sensor_keeps_its_conditions_and_inputs_follow_modes)
{
	struct nv_config c;
	struct nv_env e;

	nv_config_defaults(&c);
	c.env.input[0].mode = NV_ENV_IN_NORMALLY_OPEN;
	c.env.input[1].mode = NV_ENV_IN_OFF;
	nv_env_init(&e, true);
	e.input[0] = NV_ENV_IN_ACTIVE;
	e.input[1] = NV_ENV_IN_ACTIVE;
	feed(&c.env, &e, 650);
	ck_assert(has(&e, NV_C_EMD_TEMP_CRIT_HIGH) && has(&e, NV_C_EMD_INPUT1));
	ck_assert(!has(&e, NV_C_EMD_INPUT2));   /* disabled */
	e.comm = NV_COMM_LOST;
	e.temp = e.hum = NV_NA;
	e.input[0] = NV_NA;
	nv_env_levels(&c.env, &e);
	ck_assert(has(&e, NV_C_EMD_COMM_LOST));
	ck_assert(has(&e, NV_C_EMD_TEMP_CRIT_HIGH) && has(&e, NV_C_EMD_INPUT1));
}
END_TEST

/* hwmon, 1-Wire and GPIO value files as the kernel writes them. */
START_TEST(sysfs_texts_parse_and_garbage_is_refused)
{
	long m;
	int b;

	ck_assert_int_eq(nv_env_parse_milli("23125\n", &m), 0);
	ck_assert_int_eq(m, 23125);
	ck_assert_int_eq(nv_env_parse_milli("-5500\n", &m), 0);
	ck_assert_int_eq(m, -5500);
	ck_assert_int_eq(nv_env_parse_milli("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n"
	    "72 01 4b 46 7f ff 0e 10 57 t=23125\n", &m), 0);
	ck_assert_int_eq(m, 23125);
	ck_assert_int_eq(nv_env_parse_milli("72 01 4b 46 7f ff 0e 10 57 : crc=00 NO\n"
	    "72 01 4b 46 7f ff 0e 10 57 t=23125\n", &m), -1);
	ck_assert_int_eq(nv_env_parse_milli("ff ff ff : crc=ff YES\n", &m), -1);
	ck_assert_int_eq(nv_env_parse_milli("", &m), -1);
	ck_assert_int_eq(nv_env_parse_milli("23.1\n", &m), -1);
	ck_assert_int_eq(nv_env_parse_milli("99999999999999999999999\n", &m), -1);
	ck_assert_int_eq(nv_env_parse_bit("1\n", &b), 0);
	ck_assert_int_eq(b, 1);
	ck_assert_int_eq(nv_env_parse_bit("0", &b), 0);
	ck_assert_int_eq(b, 0);
	ck_assert_int_eq(nv_env_parse_bit("2\n", &b), -1);
	ck_assert_int_eq(nv_env_parse_bit("x", &b), -1);
}
END_TEST

static Suite *env_suite(void)
{
	Suite *s = suite_create("env_sensor");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, shipped_maps_scale_and_sign);
	tcase_add_test(tc, set_points_hold_within_the_hysteresis);
	tcase_add_test(tc, lost_sensor_keeps_its_conditions_and_inputs_follow_modes);
	tcase_add_test(tc, sysfs_texts_parse_and_garbage_is_refused);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { env_suite, NULL };
