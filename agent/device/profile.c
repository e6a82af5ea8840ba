/*
 * profile.c — the generic decoders that turn a profile's tables and the
 * raw registers of one unit into the normalized model.
 */
#include <string.h>

#include "private/profile.h"

const struct nv_profile *const nv_profiles[] = {
	&nv_profile_jbusp, &nv_profile_vumap, &nv_profile_sts,
};
const int nv_n_profiles = sizeof(nv_profiles) / sizeof(nv_profiles[0]);

int nv_profile_block_index(const struct nv_profile *p, enum nv_block_class cls)
{
	for (int i = 0; i < p->n_blocks; i++)
		if (p->blocks[i].cls == cls)
			return i;
	return -1;
}

int nv_word_or_na(uint16_t w, int scale)
{
	if (w == 0xFFFF)
		return NV_NA;
	return (int)w * scale;
}

int nv_profile_decimals(const struct nv_profile *p, const struct nv_regs *r)
{
	if (p->decimals_block < 0 || !r->have[p->decimals_block])
		return 0;
	return r->w[p->decimals_block][p->decimals_word] == 1;
}

static int32_t *field_of(struct nv_unit *u, uint16_t off)
{
	return (int32_t *)((char *)u + off);
}

static int32_t scale_word(const struct nv_meas_map *m, uint16_t raw, int dec)
{
	int32_t v;

	if (raw == 0xFFFF)      /* "not managed" as unsigned and as signed -1 */
		return NV_NA;
	v = m->is_signed ? (int32_t)(int16_t)raw : (int32_t)raw;
	return v * m->scale[dec];
}

static int32_t sum_managed(const int32_t *v, int n)
{
	int32_t sum = 0;
	int got = 0;

	for (int i = 0; i < n; i++) {
		if (v[i] == NV_NA)
			continue;
		sum += v[i];
		got++;
	}
	return got ? sum : NV_NA;
}

/* Totals a protocol does not give (JBUSP has no global kVA): sum of phases. */
static void derive_totals(struct nv_ups_meas *m)
{
	if (m->out_kva_total == NV_NA)
		m->out_kva_total = sum_managed(m->out_kva, NV_MAX_PHASES);
	if (m->out_kw_total == NV_NA)
		m->out_kw_total = sum_managed(m->out_kw, NV_MAX_PHASES);
}

void nv_profile_decode_meas(const struct nv_profile *p, const struct nv_regs *r,
    int block, struct nv_unit *u)
{
	int dec = nv_profile_decimals(p, r);

	if (block < 0 || block >= p->n_blocks || !r->have[block])
		return;
	for (int i = 0; i < p->n_meas; i++) {
		const struct nv_meas_map *m = &p->meas[i];

		if (m->block != block)
			continue;
		*field_of(u, m->field) = scale_word(m, r->w[block][m->word], dec);
	}
	if (p->kind == NV_KIND_UPS)
		derive_totals(&u->ups);
}

/* Bit N of the concatenated words of the first block of class cls. */
static bool bit_of(const struct nv_profile *p, const struct nv_regs *r,
    enum nv_block_class cls, int n)
{
	int b = nv_profile_block_index(p, cls);

	if (b < 0 || !r->have[b] || n < 0 || n / 16 >= p->blocks[b].count)
		return false;
	return (r->w[b][n / 16] >> (n % 16)) & 1u;
}

static bool lit_holds(const struct nv_profile *p, const struct nv_regs *r,
    const struct nv_lit *l)
{
	enum nv_block_class cls = l->src == NV_SRC_ALARM ? NV_BLK_ALARM : NV_BLK_STATUS;

	return bit_of(p, r, cls, l->bit) != (l->neg != 0);
}

static bool rule_holds(const struct nv_profile *p, const struct nv_regs *r,
    const struct nv_cond_rule *rule)
{
	for (int i = 0; i < NV_COND_MAX_LITS && rule->lit[i].src != NV_SRC_END; i++)
		if (!lit_holds(p, r, &rule->lit[i]))
			return false;
	return true;
}

static void copy_raw(const struct nv_profile *p, const struct nv_regs *r,
    enum nv_block_class cls, uint16_t *dst, uint8_t *n)
{
	int b = nv_profile_block_index(p, cls);
	int cnt;

	*n = 0;
	if (b < 0 || !r->have[b])
		return;
	cnt = p->blocks[b].count < NV_RAW_WORDS ? p->blocks[b].count : NV_RAW_WORDS;
	memcpy(dst, r->w[b], (size_t)cnt * sizeof(uint16_t));
	*n = (uint8_t)cnt;
}

void nv_profile_decode_status(const struct nv_profile *p, const struct nv_regs *r,
    struct nv_unit *u)
{
	memset(u->cond, 0, sizeof(u->cond));
	for (int i = 0; i < p->n_conds; i++)
		if (rule_holds(p, r, &p->conds[i]))
			nv_cond_set(u, p->conds[i].cond, true);
	copy_raw(p, r, NV_BLK_STATUS, u->status_raw, &u->n_status_words);
	copy_raw(p, r, NV_BLK_ALARM, u->alarm_raw, &u->n_alarm_words);
}

static bool mod_bit(const struct nv_profile *p, const struct nv_regs *r,
    enum nv_block_class cls, int first, int k)
{
	return first >= 0 && bit_of(p, r, cls, first + k);
}

void nv_profile_decode_modules(const struct nv_profile *p, const struct nv_regs *r,
    int n_modules, struct nv_module *mods)
{
	for (int k = 0; k < n_modules && k < NV_MAX_MODULES; k++) {
		mods[k].operating = mod_bit(p, r, NV_BLK_STATUS, p->mod_operating_bit, k);
		mods[k].available = mod_bit(p, r, NV_BLK_STATUS, p->mod_available_bit, k);
		mods[k].general_alarm = mod_bit(p, r, NV_BLK_ALARM, p->mod_alarm_bit, k);
		mods[k].imminent_stop = mod_bit(p, r, NV_BLK_ALARM, p->mod_stop_bit, k);
	}
}

void nv_regs_ascii(const uint16_t *w, int nwords, bool low_byte_first,
    char *dst, size_t dstlen)
{
	size_t n = 0;

	if (dstlen == 0)
		return;
	for (int i = 0; i < nwords; i++) {
		unsigned char c[2] = { w[i] >> 8, w[i] & 0xFF };

		if (low_byte_first) {
			c[0] = w[i] & 0xFF;
			c[1] = w[i] >> 8;
		}
		for (int j = 0; j < 2 && n + 1 < dstlen; j++) {
			if (c[j] == 0)
				goto done;
			/* keep printable text only: it reaches SNMP strings and logs */
			dst[n++] = (c[j] >= 0x20 && c[j] < 0x7F) ? (char)c[j] : '?';
		}
	}
done:
	while (n > 0 && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

const struct nv_range_name *nv_range_lookup(const struct nv_range_name *t,
    size_t n, int code)
{
	for (size_t i = 0; i < n; i++)
		if (code >= t[i].lo && code <= t[i].hi)
			return &t[i];
	return NULL;
}
