/*
 * mib_controls.h — the writable objects that command the device: the
 * SOCOMEC MIB's upsControlStatusControl, RFC 1628's upsTestId with its
 * upsTestSpinLock and RFC 1628's upsControl group (ups_countdown.h).  A SET goes through ups_control.h (the same path as
 * `nvctl ups COMMAND`) and is answered once the device has answered.
 */
#ifndef NV_MIB_CONTROLS_H
#define NV_MIB_CONTROLS_H

#include "mib_walk.h"

extern const struct mib_setter nv_mib_ctl_status_setter;
extern const struct mib_setter nv_mib_test_setter;
extern const struct mib_setter nv_mib_upsctl_setter;

/* Which upsControl object (RFC 1628 upsControl N) a descriptor's arg names. */
enum { NV_MUPSCTL_TYPE = 1, NV_MUPSCTL_SHUTDOWN, NV_MUPSCTL_STARTUP, NV_MUPSCTL_REBOOT,
	NV_MUPSCTL_AUTO_RESTART };
/* Their values: output(1), the countdowns (-1 none), upsAutoRestart. */
void nv_mib_upsctl_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

/* Which upsTest object a descriptor's arg names. */
enum { NV_MTEST_ID = 1, NV_MTEST_SPINLOCK };

/* upsTestId (the quick battery test once one ran, else
 * upsTestNoTestsInitiated) and upsTestSpinLock. */
void nv_mib_test_get(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v);

#endif
