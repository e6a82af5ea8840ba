/*
 * bench_blocks.c — print the register blocks each device profile reads,
 * one "PROFILE ADDR COUNT CLASS" line per block, so that bench_agent.sh
 * computes the wire-time lower bound from the poller's own tables rather
 * than from a copy that could drift.  Built by bench_agent.sh.
 */
#include <stdio.h>

#include "device/private/profile.h"

static const char *class_name(enum nv_block_class c)
{
	switch (c) {
	case NV_BLK_IDENTITY:	return "identity";
	case NV_BLK_CONFIG:	return "config";
	case NV_BLK_STATUS:	return "status";
	case NV_BLK_ALARM:	return "alarm";
	case NV_BLK_MEAS:	return "measurements";
	}
	return "?";
}

int main(void)
{
	for (int i = 0; i < nv_n_profiles; i++) {
		const struct nv_profile *p = nv_profiles[i];

		for (int b = 0; b < p->n_blocks; b++)
			if (printf("%s 0x%04X %u %s\n", p->name, p->blocks[b].addr,
			    p->blocks[b].count, class_name(p->blocks[b].cls)) < 0)
				return 1;
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
