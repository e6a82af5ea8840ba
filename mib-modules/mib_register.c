/* mib_register.c — register / unregister the MIB modules (see mib.h). */
#include <errno.h>
#include <string.h>

#include "log.h"
#include "mib.h"
#include "mib_doors.h"
#include "mib_socomec.h"
#include "mib_state.h"
#include "mib_subtree.h"

static int add(struct nv_ctx *ctx, const struct mib_tree *t)
{
	void *reg;

	if (ctx->mib->n_reg == NV_MIB_MAX_REG) {
		nv_log(LOG_ERR, "MIB %s: too many MIB modules", t->name);
		return -1;
	}
	reg = mib_subtree_register(t, ctx);
	if (reg == NULL)
		return -1;
	ctx->mib->reg[ctx->mib->n_reg++] = reg;
	return 0;
}

int nv_mib_register_all(struct nv_ctx *ctx)
{
	if (nv_mib_state_init(ctx) != 0) {
		nv_log(LOG_ERR, "MIB state: %s", strerror(errno));
		return -1;
	}
	if (ctx->cfg.mibs.socomec && add(ctx, &nv_socomec_tree) != 0) {
		nv_mib_unregister_all(ctx);
		return -1;
	}
	/* RFC 1628 UPS-MIB, STS MIB, Net Vision 5/6 branch */
	if (nv_doors_register(ctx) != 0) {
		nv_mib_unregister_all(ctx);
		return -1;
	}
	nv_mib_state_update(ctx);
	return 0;
}

void nv_mib_snapshot_updated(struct nv_ctx *ctx)
{
	nv_doors_snapshot_updated(ctx);
	nv_mib_state_update(ctx);
}

void nv_mib_unregister_all(struct nv_ctx *ctx)
{
	nv_doors_unregister(ctx);
	if (ctx->mib == NULL)
		return;
	while (ctx->mib->n_reg > 0)
		mib_subtree_unregister(ctx->mib->reg[--ctx->mib->n_reg]);
	nv_mib_state_fini(ctx);
}
