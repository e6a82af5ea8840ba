/* mib_model.c — getters over the model shared by the trees (see mib_model.h). */
#include <config.h>

#include <string.h>

#include "mib_model.h"

const struct nv_unit *mm_view(const struct nv_mib_view *view)
{
	return nv_snapshot_view(view->snap, view->cfg->data_unit);
}

bool mm_comm_ok(const struct nv_mib_view *view)
{
	return view->snap->comm == NV_COMM_OK;
}

bool mm_has(const struct nv_mib_view *view, enum nv_cond c)
{
	return nv_cond_get(mm_view(view), c);
}

int mm_phases(int n)
{
	return n >= 1 && n <= NV_MAX_PHASES ? n : 0;
}

long mm_div_round(long n, long d)
{
	if (n >= 0)
		return (n + d / 2) / d;
	return -((-n + d / 2) / d);
}

static int rows_upto(int n, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= n ? next : -1;
}

int mm_rows_in(const struct nv_mib_view *view, int after)
{
	return rows_upto(mm_phases(view->snap->id.phases_in), after);
}

int mm_rows_out(const struct nv_mib_view *view, int after)
{
	return rows_upto(mm_phases(view->snap->id.phases_out), after);
}

static void convert(struct mib_value *v, int32_t x, enum mm_conv conv)
{
	bool na = x == NV_NA;

	switch (conv) {
	case MM_RAW:
		mib_set_int(v, x);
		break;
	case MM_KNOWN:
		if (!na)
			mib_set_int(v, x);
		break;
	case MM_NONNEG:
		if (!na && x >= 0)
			mib_set_int(v, x);
		break;
	case MM_POSITIVE:
		if (!na)
			mib_set_int(v, x < 1 ? 1 : x);
		break;
	case MM_TENTHS:
	case MM_TENTHS_NONNEG:
	case MM_TENTHS_NA:
		if (!na && !(conv == MM_TENTHS_NONNEG && x < 0))
			mib_set_int(v, (int32_t)mm_div_round(x, 10));
		else if (conv == MM_TENTHS_NA)
			mib_set_int(v, NV_NA);
		break;
	case MM_HUNDREDS_NONNEG:
	case MM_HUNDREDS_NA:
		if (!na && !(conv == MM_HUNDREDS_NONNEG && x < 0))
			mib_set_int(v, (int32_t)((int64_t)x * 100));
		else if (conv == MM_HUNDREDS_NA)
			mib_set_int(v, NV_NA);
		break;
	}
}

void mm_get_meas(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const char *base = (const char *)mm_view(view) + o->arg / 32;
	bool per_line = (o->arg / 16) % 2;
	int32_t x;

	if (per_line && row > 0)
		base += (size_t)(row - 1) * sizeof(int32_t);
	memcpy(&x, base, sizeof(x));
	convert(v, x, (enum mm_conv)(o->arg % 16));
}

void mm_get_id_str(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_str(v, (const char *)&view->snap->id + o->arg, MIB_STR_MAX);
}

void mm_get_cfg_str(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_str(v, (const char *)view->cfg + o->arg, MIB_STR_MAX);
}

void mm_get_const(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, (int32_t)o->arg);
}

void mm_get_row(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, row);
}

void mm_get_lines_in(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, mm_phases(view->snap->id.phases_in));
}

void mm_get_lines_out(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, mm_phases(view->snap->id.phases_out));
}

void mm_get_agent_sw(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_str(v, "nvagent " PACKAGE_VERSION, MIB_STR_MAX);
}
