/* history.c — history samples and extended min / avg / max; see history.h. */
#include <string.h>

#include "history.h"

#define U(m) offsetof(struct nv_unit, ups.m), false
#define S(m) offsetof(struct nv_unit, sts.m), false
#define E(m) offsetof(struct nv_env, m), true

/* The EMD's columns, after either device's list. */
#define ROOM_FIELDS \
	{ "emd_temp",  "EMD temperature (C)",     10, "room",   E(temp) }, \
	{ "emd_hum",   "EMD humidity (%)",        10, "room",   E(hum) }

/* The manual's UPS list (history and extended history logs). */
static const struct nv_hist_field ups_fields[] = {
	{ "in_v1",     "Input voltage L1 (V)",    10, "input",  U(in_voltage[0]) },
	{ "in_v2",     "Input voltage L2 (V)",    10, "input",  U(in_voltage[1]) },
	{ "in_v3",     "Input voltage L3 (V)",    10, "input",  U(in_voltage[2]) },
	{ "in_freq",   "Input frequency (Hz)",    10, "input",  U(in_freq) },
	{ "out_v1",    "Output voltage L1 (V)",   10, "output", U(out_voltage[0]) },
	{ "out_v2",    "Output voltage L2 (V)",   10, "output", U(out_voltage[1]) },
	{ "out_v3",    "Output voltage L3 (V)",   10, "output", U(out_voltage[2]) },
	{ "out_i1",    "Output current L1 (A)",   10, "output", U(out_current[0]) },
	{ "out_i2",    "Output current L2 (A)",   10, "output", U(out_current[1]) },
	{ "out_i3",    "Output current L3 (A)",   10, "output", U(out_current[2]) },
	{ "load1",     "Output load L1 (%)",       1, "output", U(out_load[0]) },
	{ "load2",     "Output load L2 (%)",       1, "output", U(out_load[1]) },
	{ "load3",     "Output load L3 (%)",       1, "output", U(out_load[2]) },
	{ "batt_cap",  "Battery capacity (%)",     1, "ups",    U(batt_charge) },
	{ "ups_temp",  "UPS temperature (C)",     10, "ups",    U(ambient_temp) },
	ROOM_FIELDS,
};

/* The manual's STS list. */
static const struct nv_hist_field sts_fields[] = {
	{ "s1_v1",     "Source 1 voltage L1 (V)", 10, "input",  S(src_voltage[0][0]) },
	{ "s1_v2",     "Source 1 voltage L2 (V)", 10, "input",  S(src_voltage[0][1]) },
	{ "s1_v3",     "Source 1 voltage L3 (V)", 10, "input",  S(src_voltage[0][2]) },
	{ "s2_v1",     "Source 2 voltage L1 (V)", 10, "input",  S(src_voltage[1][0]) },
	{ "s2_v2",     "Source 2 voltage L2 (V)", 10, "input",  S(src_voltage[1][1]) },
	{ "s2_v3",     "Source 2 voltage L3 (V)", 10, "input",  S(src_voltage[1][2]) },
	{ "out_i1",    "Output current L1 (A)",   10, "output", S(out_current[0]) },
	{ "out_i2",    "Output current L2 (A)",   10, "output", S(out_current[1]) },
	{ "out_i3",    "Output current L3 (A)",   10, "output", S(out_current[2]) },
	{ "out_freq",  "Output frequency (Hz)",   10, "output", S(out_freq) },
	{ "sw1_temp",  "SW1 temperature (C)",     10, "ups",    S(switch_temp[0]) },
	{ "sw2_temp",  "SW2 temperature (C)",     10, "ups",    S(switch_temp[1]) },
	ROOM_FIELDS,
};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
_Static_assert(NELEM(ups_fields) <= NV_HIST_MAX_FIELDS, "UPS history list too long");
_Static_assert(NELEM(sts_fields) <= NV_HIST_MAX_FIELDS, "STS history list too long");

const struct nv_hist_field *nv_hist_fields(enum nv_kind kind, int *n_fields)
{
	if (kind == NV_KIND_STS) {
		*n_fields = NELEM(sts_fields);
		return sts_fields;
	}
	*n_fields = NELEM(ups_fields);
	return ups_fields;
}

int nv_hist_sample(const struct nv_snapshot *s, int32_t *v)
{
	int n;
	const struct nv_hist_field *f = nv_hist_fields(s->kind, &n);

	for (int i = 0; i < NV_HIST_MAX_FIELDS; i++)
		v[i] = NV_NA;
	for (int i = 0; i < n; i++) {
		const char *base = f[i].room ? (const char *)&s->env : (const char *)&s->sys;

		memcpy(&v[i], base + f[i].offset, sizeof(int32_t));
	}
	return n;
}

void nv_ext_acc_reset(struct nv_ext_acc *a)
{
	memset(a, 0, sizeof(*a));
}

void nv_ext_acc_add(struct nv_ext_acc *a, enum nv_kind kind, const int32_t *v,
    int n, time_t when)
{
	if (a->samples > 0 && a->kind != (int32_t)kind)
		nv_ext_acc_reset(a);    /* another device: a new period */
	if (a->samples == 0) {
		a->start = when;
		a->kind = kind;
	}
	a->samples++;
	for (int i = 0; i < n && i < NV_HIST_MAX_FIELDS; i++) {
		if (v[i] == NV_NA)
			continue;
		if (a->valid[i] == 0 || v[i] < a->min[i])
			a->min[i] = v[i];
		if (a->valid[i] == 0 || v[i] > a->max[i])
			a->max[i] = v[i];
		a->sum[i] += v[i];
		a->valid[i]++;
	}
}

/* Integer division rounded to nearest, halves away from zero. */
static int32_t div_round(int64_t sum, int64_t n)
{
	return (int32_t)(sum >= 0 ? (sum + n / 2) / n : -((-sum + n / 2) / n));
}

bool nv_ext_acc_record(const struct nv_ext_acc *a, time_t end, struct nv_ext_rec *out)
{
	int n;

	if (a->samples == 0)
		return false;
	memset(out, 0, sizeof(*out));
	nv_hist_fields((enum nv_kind)a->kind, &n);
	out->start = a->start;
	out->end = end;
	out->kind = a->kind;
	out->n = n;
	out->samples = a->samples;
	for (int i = 0; i < NV_HIST_MAX_FIELDS; i++) {
		bool ok = i < n && a->valid[i] > 0;

		out->min[i] = ok ? a->min[i] : NV_NA;
		out->max[i] = ok ? a->max[i] : NV_NA;
		out->avg[i] = ok ? div_round(a->sum[i], a->valid[i]) : NV_NA;
	}
	return true;
}

void nv_history_init(struct nv_history *h, int hist_interval_s, int ext_interval_s)
{
	memset(h, 0, sizeof(*h));
	h->hist_interval = hist_interval_s;
	h->ext_interval = ext_interval_s;
	nv_ext_acc_reset(&h->acc);
}

void nv_history_feed(struct nv_history *h, const struct nv_snapshot *s, double now,
    bool *hist_due, struct nv_hist_rec *hr, bool *ext_due, struct nv_ext_rec *er)
{
	int32_t v[NV_HIST_MAX_FIELDS];
	int n;

	*hist_due = *ext_due = false;
	if (s->kind != NV_KIND_UPS && s->kind != NV_KIND_STS)
		return;
	n = nv_hist_sample(s, v);

	/* close the period first: this snapshot belongs to the next one */
	if (h->ext_end != 0 && now >= h->ext_end) {
		*ext_due = nv_ext_acc_record(&h->acc, s->wallclock, er);
		nv_ext_acc_reset(&h->acc);
		h->ext_end += h->ext_interval;
		if (h->ext_end <= now)  /* we were stopped for longer: realign */
			h->ext_end = now + h->ext_interval;
	}
	if (h->ext_end == 0)
		h->ext_end = now + h->ext_interval;
	nv_ext_acc_add(&h->acc, s->kind, v, n, s->wallclock);

	if (now >= h->next_hist) {
		memset(hr, 0, sizeof(*hr));
		hr->time = s->wallclock;
		hr->kind = s->kind;
		hr->n = n;
		memcpy(hr->v, v, sizeof(hr->v));
		*hist_due = true;
		h->next_hist = h->next_hist == 0 ? now + h->hist_interval :
		    h->next_hist + h->hist_interval;
		if (h->next_hist <= now)
			h->next_hist = now + h->hist_interval;
	}
}
