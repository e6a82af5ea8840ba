/*
 * fuzz_modbus_tcp.c — what a Modbus TCP client sends to the gateway: the
 * byte stream cut into ADUs by the gateway's framing (nv_mb_frame_*, the
 * reads it asks for), each decided against a register image as the
 * gateway does (nv_mb_decide), and an accepted read served word by word.
 * libmodbus's reply writer is not part of the target.
 *
 * Input: byte 0 bit 0 says whether the serial link is up; the rest is
 * the stream.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "modbus_adu.h"
#include "reg_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* JBUSP-like image of two units, as the unit tests use. */
static void image(struct nv_reg_image *im)
{
	static const uint16_t addr[] = { 0x1000, 0x1020, 0x1060 };
	static const uint16_t count[] = { 12, 4, 48 };

	memset(im, 0, sizeof(*im));
	im->seq = 7;
	im->n_units = 2;
	im->n_blocks = 3;
	for (int b = 0; b < 3; b++) {
		im->block[b].addr = addr[b];
		im->block[b].count = count[b];
	}
	for (int k = 0; k < 2; k++)
		for (int b = 0; b < 3; b++) {
			im->have[k][b] = !(k == 1 && b == 2);   /* one block not read */
			for (int w = 0; w < count[b]; w++)
				im->w[k][b][w] = (uint16_t)(k * 1000 + b * 100 + w);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nv_reg_image im;
	struct nv_mb_frame f;
	bool link_ok;

	if (size < 1)
		return 0;
	nv_fuzz_setup();
	image(&im);
	link_ok = data[0] & 1;
	data++;
	size--;
	nv_mb_frame_reset(&f);
	while (size > 0) {
		size_t want = nv_mb_frame_want(&f), n = want < size ? want : size;
		struct nv_mb_request req;
		int k = -1;

		if (want == 0 || f.len + want > sizeof(f.buf))
			abort();        /* the framing must always ask for room it has */
		memcpy(f.buf + f.len, data, n);
		data += n;
		size -= n;
		switch (nv_mb_frame_feed(&f, n)) {
		case NV_MBF_MORE:
			continue;
		case NV_MBF_BAD:
			return 0;       /* the gateway drops the connection */
		case NV_MBF_ADU:
			break;
		}
		if (nv_mb_decide(f.buf, f.len, &im, link_ok, &req, &k) == 0) {
			uint16_t w;

			if (k < 0 || k >= im.n_units || req.count == 0 || req.count > NV_MB_READ_MAX)
				abort();
			for (unsigned i = 0; i < req.count; i++)
				if (!nv_mb_image_word(&im, k, req.addr + i, &w))
					abort();        /* an accepted read must be servable */
		}
		nv_mb_frame_reset(&f);
	}
	return 0;
}
