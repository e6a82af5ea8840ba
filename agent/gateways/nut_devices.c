/*
 * nut_devices.c — the UPSs the NUT server serves (nut_devices.h).
 */
#include <stdio.h>
#include <string.h>

#include "device.h"
#include "model.h"
#include "nut_devices.h"

#define DELAY_DEFAULT_S 120

/* Device I's data unit as configured (by name: the configuration and the
 * running devices are listed in the same order, but a name cannot lie). */
static int data_unit_of(const struct nv_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->ndevices && i < NV_DEVICES_MAX; i++)
		if (strcmp(cfg->devices[i].name, name) == 0)
			return cfg->devices[i].data_unit;
	return cfg->gateways.nut.data_unit;
}

void nv_nut_devices_update(struct nv_nut_devices *ds, const struct nv_config *cfg,
    const struct nv_handler_device *devs, size_t ndevs)
{
	const struct nv_nut_cfg *nut = &cfg->gateways.nut;

	if (ndevs > NV_DEVICES_MAX)
		ndevs = NV_DEVICES_MAX;
	for (size_t i = ds->n; i < ndevs; i++) {
		ds->d[i].fsd = false;
		ds->d[i].delay_shutdown_s = ds->d[i].delay_start_s = DELAY_DEFAULT_S;
	}
	ds->n = ndevs;
	ds->named_by_devices = cfg->device_sections;
	snprintf(ds->description, sizeof(ds->description), "%s", nut->description);
	for (size_t i = 0; i < ndevs; i++) {
		struct nv_nut_device *d = &ds->d[i];

		snprintf(d->name, sizeof(d->name), "%s", ds->named_by_devices ? devs[i].name :
		    nut->ups_name);
		d->data_unit = ds->named_by_devices ? data_unit_of(cfg, devs[i].name) :
		    nut->data_unit;
	}
}

/* "MASTERYS 3/M ups-b": what LIST UPS says of a device of a file with
 * device sections; its name alone until the model is known. */
static void describe(struct nv_nut_device *d, const struct nv_snapshot *s)
{
	if (s != NULL && s->kind != NV_KIND_NONE && s->id.model[0] != '\0')
		snprintf(d->desc, sizeof(d->desc), "%.40s %s", s->id.model, d->name);
	else
		snprintf(d->desc, sizeof(d->desc), "%s", d->name);
}

void nv_nut_devices_view(struct nv_nut_devices *ds, const struct nv_handler_device *devs,
    struct nv_nut_ups *out)
{
	for (size_t i = 0; i < ds->n; i++) {
		struct nv_nut_device *d = &ds->d[i];

		if (ds->named_by_devices)
			describe(d, devs[i].snap);
		else
			snprintf(d->desc, sizeof(d->desc), "%s", ds->description);
		out[i] = (struct nv_nut_ups){ .name = d->name, .desc = d->desc,
		    .vars = { .snap = devs[i].snap, .data_unit = d->data_unit, .fsd = d->fsd,
		    .delay_shutdown_s = d->delay_shutdown_s,
		    .delay_start_s = d->delay_start_s } };
	}
}

static bool is_event(const struct nv_notification *n, const char *event)
{
	return n->kind == NV_NOTE_TRAP && n->event != NULL && strcmp(n->event, event) == 0;
}

enum nv_nut_fsd_change nv_nut_devices_note(struct nv_nut_devices *ds,
    const struct nv_notification *n)
{
	struct nv_nut_device *d;

	if (n->device_no >= ds->n)
		return NV_NUT_FSD_NONE;
	d = &ds->d[n->device_no];
	if (is_event(n, "shutdown-request")) {
		if (d->fsd)
			return NV_NUT_FSD_NONE;
		d->fsd = true;
		return NV_NUT_FSD_SET;
	}
	if (is_event(n, "shutdown-cancelled"))
		return d->fsd ? NV_NUT_FSD_CANCELLED_LATE : NV_NUT_FSD_NONE;
	if (n->kind == NV_NOTE_CONDITION && n->cond == NV_C_ON_BATTERY && !n->set && d->fsd) {
		d->fsd = false;
		return NV_NUT_FSD_CLEARED;
	}
	return NV_NUT_FSD_NONE;
}
