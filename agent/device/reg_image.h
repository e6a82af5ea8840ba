/*
 * reg_image.h — the raw register words of every block the poller read,
 * published together with each snapshot.  Only the gateways that serve
 * registers as the UPS gives them (Modbus TCP) read it; MIB modules and
 * the event engine read the model (model.h) and never include this.
 */
#ifndef NV_REG_IMAGE_H
#define NV_REG_IMAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"

#define NV_IMAGE_MAX_BLOCKS     8
#define NV_IMAGE_MAX_WORDS      80

struct nv_reg_image {
	uint64_t seq;                   /* the seq of the snapshot it came with */
	int n_units;                    /* units read (unit k at serial slave + k) */
	int n_blocks;                   /* 0 while the device is unknown or lost */
	struct {
		uint16_t addr, count;
	} block[NV_IMAGE_MAX_BLOCKS];
	/* have[k][b]: block b of unit k was read completely at least once
	 * since the link came up */
	bool have[NV_MAX_UNITS][NV_IMAGE_MAX_BLOCKS];
	uint16_t w[NV_MAX_UNITS][NV_IMAGE_MAX_BLOCKS][NV_IMAGE_MAX_WORDS];
};

#endif
