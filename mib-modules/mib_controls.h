/*
 * mib_controls.h — the writable objects that command the device: the
 * SOCOMEC MIB's upsControlStatusControl and RFC 1628's upsTestId with its
 * upsTestSpinLock.  A SET goes through ups_control.h (the same path as
 * `nvctl ups COMMAND`) and is answered once the device has answered.
 */
#ifndef NV_MIB_CONTROLS_H
#define NV_MIB_CONTROLS_H

#include "mib_walk.h"

extern const struct mib_setter nv_mib_ctl_status_setter;
extern const struct mib_setter nv_mib_test_setter;

/* Which upsTest object a descriptor's arg names. */
enum { NV_MTEST_ID = 1, NV_MTEST_SPINLOCK };

/* upsTestId (the quick battery test once one ran, else
 * upsTestNoTestsInitiated) and upsTestSpinLock. */
void nv_mib_test_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

#endif
