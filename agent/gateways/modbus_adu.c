/*
 * modbus_adu.c — Modbus TCP framing and request checks (modbus_adu.h).
 */
#include <string.h>

#include "modbus_adu.h"
#include "reg_image.h"

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

size_t nv_mb_frame_want(const struct nv_mb_frame *f)
{
	if (f->len < NV_MBAP_LEN)
		return NV_MBAP_LEN - f->len;
	/* the header was checked by nv_mb_frame_feed: 6 + length <= 260 */
	return 6 + be16(f->buf + 4) - f->len;
}

enum nv_mb_feed nv_mb_frame_feed(struct nv_mb_frame *f, size_t n)
{
	unsigned length;

	f->len += n;
	if (f->len < NV_MBAP_LEN)
		return NV_MBF_MORE;
	length = be16(f->buf + 4);
	if (be16(f->buf + 2) != 0 || length < 2 || length > NV_MB_ADU_MAX - 6)
		return NV_MBF_BAD;
	return f->len == 6 + length ? NV_MBF_ADU : NV_MBF_MORE;
}

void nv_mb_frame_reset(struct nv_mb_frame *f)
{
	f->len = 0;
}

static int block_of(const struct nv_reg_image *im, unsigned addr)
{
	for (int b = 0; b < im->n_blocks && b < NV_IMAGE_MAX_BLOCKS; b++)
		if (addr >= im->block[b].addr &&
		    addr < (unsigned)im->block[b].addr + im->block[b].count)
			return b;
	return -1;
}

bool nv_mb_image_word(const struct nv_reg_image *im, int k, unsigned addr, uint16_t *w)
{
	int b = block_of(im, addr);

	if (b < 0 || k < 0 || k >= NV_MAX_UNITS || !im->have[k][b])
		return false;
	*w = im->w[k][b][addr - im->block[b].addr];
	return true;
}

/* The image's unit for a unit id, or -1 when the system has no such unit. */
static int unit_index(const struct nv_reg_image *im, unsigned id)
{
	int k = id == 0 || id == 255 ? 0 : (int)id - 1;

	return k < im->n_units && k < NV_MAX_UNITS ? k : -1;
}

int nv_mb_decide(const uint8_t *adu, size_t len, const struct nv_reg_image *im,
    bool link_ok, struct nv_mb_request *req, int *k)
{
	if (len < NV_MBAP_LEN + 1)
		return NV_MBX_ILLEGAL_VALUE;
	req->unit = adu[6];
	req->function = adu[7];
	if (req->function != 0x03 && req->function != 0x04)
		return NV_MBX_ILLEGAL_FUNCTION;
	if (len != NV_MBAP_LEN + 5)
		return NV_MBX_ILLEGAL_VALUE;
	req->addr = (uint16_t)be16(adu + 8);
	req->count = (uint16_t)be16(adu + 10);
	if (req->count < 1 || req->count > NV_MB_READ_MAX)
		return NV_MBX_ILLEGAL_VALUE;
	if (!link_ok || im->n_blocks == 0)
		return NV_MBX_TARGET_FAILED;
	*k = unit_index(im, req->unit);
	if (*k < 0)
		return NV_MBX_PATH_UNAVAILABLE;
	for (unsigned a = req->addr; a < (unsigned)req->addr + req->count; a++) {
		int b = block_of(im, a);

		if (b < 0)
			return NV_MBX_ILLEGAL_ADDRESS;
		if (!im->have[*k][b])
			return NV_MBX_TARGET_FAILED;
	}
	return 0;
}
