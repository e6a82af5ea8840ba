/*
 * env_levels.c — the environment sensor's conditions from its values:
 * four set points per measurement with hysteresis, the two contacts
 * (see env_sensor.h).  A pure function of the reading, the settings and
 * the conditions held so far.
 */
#include "env_sensor.h"

/* Past a high set point: set above it, cleared below it less hysteresis. */
static bool above(int32_t v, int set_point, int hysteresis, bool was)
{
	return was ? v > set_point - hysteresis : v > set_point;
}

static bool below(int32_t v, int set_point, int hysteresis, bool was)
{
	return was ? v < set_point + hysteresis : v < set_point;
}

/* first: the measurement's NV_C_EMD_*_CRIT_LOW (then WARN_LOW, WARN_HIGH,
 * CRIT_HIGH in enum order) */
static void one(struct nv_env *e, int32_t v, const struct nv_env_limits *l,
    enum nv_cond first)
{
	const int set_point[4] = { l->crit_low, l->warn_low, l->warn_high, l->crit_high };

	if (v == NV_NA)
		return;
	for (unsigned k = 0; k < 4; k++) {
		unsigned c = first + k;
		bool was = nv_bit_get(e->cond, c);

		nv_bit_put(e->cond, c, k < 2 ? below(v, set_point[k], l->hysteresis, was) :
		    above(v, set_point[k], l->hysteresis, was));
	}
}

void nv_env_levels(const struct nv_env_cfg *cfg, struct nv_env *e)
{
	one(e, e->temp, &cfg->temp, NV_C_EMD_TEMP_CRIT_LOW);
	one(e, e->hum, &cfg->hum, NV_C_EMD_HUM_CRIT_LOW);
	for (int i = 0; i < 2; i++) {
		if (cfg->input[i].mode == NV_ENV_IN_OFF)
			nv_bit_put(e->cond, NV_C_EMD_INPUT1 + i, false);
		else if (e->input[i] != NV_NA)
			nv_bit_put(e->cond, NV_C_EMD_INPUT1 + i, e->input[i] == NV_ENV_IN_ACTIVE);
	}
	nv_bit_put(e->cond, NV_C_EMD_COMM_LOST, e->comm == NV_COMM_LOST);
}
