/*
 * env_profile.c — the environment sensors nvagent knows, as data: where
 * each keeps its temperature, humidity and contacts (see env_sensor.h).
 */
#include <string.h>

#include "env_sensor.h"

struct env_profile {
	const char *name;
	struct nv_env_point map[NV_ENV_PT_COUNT];
};

static const struct env_profile profiles[] = {
	/* nvsim's env-sensor and the common generic transmitter: input
	 * registers 0 / 1 (x0.1, temperature signed), contacts as discrete
	 * inputs 0 / 1 */
	{ "env-sensor", {
		[NV_ENV_PT_TEMP] = { 4, 0x0000, 10, true },
		[NV_ENV_PT_HUM] = { 4, 0x0001, 10, false },
		[NV_ENV_PT_IN1] = { 2, 0x0000, 100, false },
		[NV_ENV_PT_IN2] = { 2, 0x0001, 100, false } } },
	/* XY-MD02 / SHT20 style transmitters: input registers 1 / 2 (x0.1),
	 * no contacts */
	{ "xy-md02", {
		[NV_ENV_PT_TEMP] = { 4, 0x0001, 10, true },
		[NV_ENV_PT_HUM] = { 4, 0x0002, 10, false } } },
};

const struct nv_env_point *nv_env_profile_map(const char *name)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (strcmp(profiles[i].name, name) == 0)
			return profiles[i].map;
	return NULL;
}

const char *nv_env_profile_names(void)
{
	return "env-sensor, xy-md02";
}

int32_t nv_env_scaled(const struct nv_env_point *p, uint16_t raw)
{
	int32_t v = p->is_signed ? (int32_t)(int16_t)raw : (int32_t)raw;

	/* 0.1 units: counts of scale_centi hundredths, divided by 10 */
	return v * p->scale_centi / 10;
}
