/*
 * env_read.c — one reading of the environment sensor (see env_read.h).
 */
#include <string.h>

#include "private/env_read.h"

/* Beyond what any room sensor measures: a garbled or unset register. */
#define TEMP_MIN (-400)
#define TEMP_MAX 1250
#define HUM_MAX  1000

void nv_env_reader_init(struct nv_env_reader *r)
{
	memset(r, 0, sizeof(*r));
	nv_env_init(&r->env, true);
}

static enum nv_link_err read_point(struct nv_link *l, const struct nv_env_cfg *cfg,
    int pt, uint16_t *raw, struct nv_poll_stats *st)
{
	const struct nv_env_point *p = &cfg->map[pt];

	return nv_link_read_fn(l, cfg->serial.slave, p->function, (uint16_t)p->address,
	    1, raw, st);
}

static enum nv_link_err read_registers(struct nv_link *l, const struct nv_env_cfg *cfg,
    struct nv_env *v, struct nv_poll_stats *st)
{
	enum nv_link_err err;
	uint16_t raw;

	for (int pt = 0; pt < NV_ENV_PT_COUNT; pt++) {
		bool is_input = pt >= NV_ENV_PT_IN1;
		int k = pt - NV_ENV_PT_IN1;

		if (cfg->map[pt].function == 0 || (is_input && cfg->input[k].mode == NV_ENV_IN_OFF))
			continue;
		if ((err = read_point(l, cfg, pt, &raw, st)) != NV_LINK_OK)
			return err;
		if (is_input) {
			v->input[k] = nv_env_input_state(cfg->input[k].mode, raw != 0);
			continue;
		}
		if (pt == NV_ENV_PT_TEMP)
			v->temp = nv_env_scaled(&cfg->map[pt], raw);
		else
			v->hum = nv_env_scaled(&cfg->map[pt], raw);
	}
	return NV_LINK_OK;
}

/* The values of one reading into *v (NV_NA where the sensor has none);
 * a value no room has is a bad reply. */
static enum nv_link_err read_all(struct nv_link *l, const struct nv_env_cfg *cfg,
    struct nv_env_gpio *g, struct nv_env *v, struct nv_poll_stats *st)
{
	enum nv_link_err err;

	if (cfg->from_files) {
		st->requests++;
		if (nv_env_files_read(cfg, g, v) != 0) {
			st->errors++;
			return NV_LINK_CRC;     /* counted as a bad reply */
		}
	} else if ((err = read_registers(l, cfg, v, st)) != NV_LINK_OK) {
		return err;
	}
	if ((v->temp != NV_NA && (v->temp < TEMP_MIN || v->temp > TEMP_MAX)) ||
	    (v->hum != NV_NA && (v->hum < 0 || v->hum > HUM_MAX))) {
		st->errors++;
		st->crc_errors++;
		return NV_LINK_CRC;
	}
	return NV_LINK_OK;
}

static void offsets_and_inputs(const struct nv_env_cfg *cfg, struct nv_env *v)
{
	if (v->temp != NV_NA)
		v->temp += cfg->temp.offset;
	if (v->hum != NV_NA) {
		v->hum += cfg->hum.offset;
		v->hum = v->hum < 0 ? 0 : v->hum > HUM_MAX ? HUM_MAX : v->hum;
	}
	for (int k = 0; k < 2; k++)
		if (cfg->input[k].mode == NV_ENV_IN_OFF)
			v->input[k] = NV_ENV_IN_DISABLED;
}

/* One more failed reading; past comm-loss-after, nothing is known. */
static void count_failure(struct nv_env_reader *r, const struct nv_env_cfg *cfg)
{
	if (++r->failed < cfg->comm_loss_after)
		return;
	r->env.comm = NV_COMM_LOST;
	r->env.temp = r->env.hum = NV_NA;
	r->env.input[0] = r->env.input[1] = NV_NA;
}

bool nv_env_reader_missed(struct nv_env_reader *r, const struct nv_env_cfg *cfg)
{
	enum nv_comm before = r->env.comm;

	r->env.stats.errors++;
	count_failure(r, cfg);
	nv_env_levels(cfg, &r->env);
	return r->env.comm != before;
}

bool nv_env_reader_poll(struct nv_env_reader *r, struct nv_link *l,
    const struct nv_env_cfg *cfg, enum nv_link_err *err)
{
	struct nv_env before = r->env, v = r->env;

	v.temp = v.hum = NV_NA;
	v.input[0] = v.input[1] = NV_NA;
	*err = read_all(l, cfg, &r->gpio, &v, &r->env.stats);
	v.stats = r->env.stats;
	if (*err == NV_LINK_OK) {
		r->failed = 0;
		offsets_and_inputs(cfg, &v);
		v.comm = NV_COMM_OK;
		r->env = v;
	} else {
		count_failure(r, cfg);
	}
	r->env.configured = true;
	nv_env_levels(cfg, &r->env);
	before.stats = r->env.stats;
	before.seq = r->env.seq;
	return memcmp(&before, &r->env, sizeof(before)) != 0;
}
