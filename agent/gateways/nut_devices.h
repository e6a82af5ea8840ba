/*
 * nut_devices.h — the UPSs the NUT server serves, one per device of the
 * agent: the name a NUT client gives (upsc ups-b@host), its description,
 * the data unit its variables show, and the state NUT keeps per UPS (the
 * FSD flag, the RW delays).  Pure: handler_nut.c feeds it the devices and
 * the notifications.
 *
 * Names: a file without device sections serves its one device under
 * nut { ups-name } (default "ups") described by nut { description }, as
 * before devices existed.  With device sections every device is served
 * under its device name, described by its model and name; ups-name and
 * description are not used then.
 */
#ifndef NV_NUT_DEVICES_H
#define NV_NUT_DEVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "handler.h"
#include "notification.h"
#include "nut_session.h"
#include "nvconfig.h"

struct nv_nut_device {
	char name[NV_DEVICE_NAME_MAX];          /* the NUT name */
	char desc[64];                          /* "" until known */
	int data_unit;                          /* the view served */
	bool fsd;                               /* forced shutdown flagged */
	int delay_shutdown_s, delay_start_s;    /* ups.delay.shutdown / .start */
};

struct nv_nut_devices {
	size_t n;
	bool named_by_devices;                  /* device sections: names are theirs */
	char description[64];                   /* nut { description } (one device) */
	struct nv_nut_device d[NV_DEVICES_MAX];
};

/* What a notification did to the FSD flags (nv_nut_devices_note). */
enum nv_nut_fsd_change {
	NV_NUT_FSD_NONE = 0,
	NV_NUT_FSD_SET,                 /* the device's shutdown was requested */
	NV_NUT_FSD_CANCELLED_LATE,      /* cancelled after FSD was told: it stays */
	NV_NUT_FSD_CLEARED,             /* mains returned */
};

/* Names and data units of the NDEVS devices DEVS as CFG (the whole
 * configuration) serves them; the FSD flags and delays of device numbers
 * already known are kept (a reload), new ones start clear at 120 s. */
void nv_nut_devices_update(struct nv_nut_devices *ds, const struct nv_config *cfg,
    const struct nv_handler_device *devs, size_t ndevs);

/* OUT[i] (ds->n of them, NV_DEVICES_MAX room): what the sessions see of
 * device i, its variables from devs[i].snap; descriptions refreshed. */
void nv_nut_devices_view(struct nv_nut_devices *ds, const struct nv_handler_device *devs,
    struct nv_nut_ups *out);

/* Apply N (a shutdown request, its cancel, mains return) to the FSD flag
 * of the device it is about (n->device_no): what changed. */
enum nv_nut_fsd_change nv_nut_devices_note(struct nv_nut_devices *ds,
    const struct nv_notification *n);

#endif
