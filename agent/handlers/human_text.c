/*
 * human_text.c — notifications in words (human_text.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "human_text.h"

void nv_notice_time(time_t t, char *buf, size_t len)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL || strftime(buf, len, "%Y-%m-%d %H:%M:%S %z", &tm) == 0)
		snprintf(buf, len, "@%lld", (long long)t);
}

void nv_notice_varbind(const struct nv_varbind *vb, char *buf, size_t len)
{
	char name[NV_OID_MAX * 11 + 1], val[NV_OID_MAX * 11 + 1];

	nv_oid_format(&vb->name, name, sizeof(name));
	switch (vb->type) {
	case NV_VB_OID:
		nv_oid_format(&vb->oid, val, sizeof(val));
		break;
	case NV_VB_OCTETS:
		snprintf(val, sizeof(val), "%.*s", (int)vb->str_len, vb->str);
		break;
	default:
		snprintf(val, sizeof(val), "%ld", vb->integer);
		break;
	}
	snprintf(buf, len, "%s=%s", name, val);
}

static void put_tenths(FILE *f, int32_t v)
{
	if (v == NV_NA)
		fputs("n/a", f);
	else
		fprintf(f, "%s%d.%d", v < 0 ? "-" : "", (v < 0 ? -v : v) / 10, (v < 0 ? -v : v) % 10);
}

static void put_phases(FILE *f, const char *what, const int32_t *v, int n, bool tenths,
    const char *unit)
{
	if (v[0] == NV_NA)
		return;
	fprintf(f, "  %-22s", what);
	for (int i = 0; i < n; i++) {
		if (i > 0)
			fputs(" / ", f);
		if (tenths)
			put_tenths(f, v[i]);
		else if (v[i] == NV_NA)
			fputs("n/a", f);
		else
			fprintf(f, "%d", v[i]);
	}
	fprintf(f, " %s\n", unit);
}

static void put_one(FILE *f, const char *what, int32_t v, bool tenths, const char *unit)
{
	put_phases(f, what, &v, 1, tenths, unit);
}

static void ups_measurements(FILE *f, const struct nv_snapshot *s, const struct nv_unit *u)
{
	const struct nv_ups_meas *m = &u->ups;
	int pin = s->id.phases_in == 3 ? 3 : 1, pout = s->id.phases_out == 3 ? 3 : 1;

	put_phases(f, "Input voltage:", m->in_voltage, pin, true, "V");
	put_one(f, "Input frequency:", m->in_freq, true, "Hz");
	put_phases(f, "Output voltage:", m->out_voltage, pout, true, "V");
	put_phases(f, "Output load:", m->out_load, pout, false, "%");
	put_one(f, "Output power:", m->out_kw_total, true, "kW");
	put_one(f, "Battery charge:", m->batt_charge, false, "%");
	put_one(f, "Battery time left:", m->batt_minutes, false, "min");
	put_one(f, "Time on battery:", m->batt_seconds_on, false, "s");
	put_one(f, "Battery voltage:", m->batt_voltage, true, "V");
	put_one(f, "Ambient temperature:", m->ambient_temp, true, "degC");
}

static void sts_measurements(FILE *f, const struct nv_unit *u)
{
	const struct nv_sts_meas *m = &u->sts;

	put_phases(f, "Source 1 voltage:", m->src_voltage[0], 3, true, "V");
	put_phases(f, "Source 2 voltage:", m->src_voltage[1], 3, true, "V");
	put_phases(f, "Source frequencies:", m->src_freq, 2, true, "Hz");
}

void nv_notice_agent(FILE *f, const struct nv_system_cfg *sys)
{
	fprintf(f, "Agent:     %s\n", sys->name);
	if (sys->location[0] != '\0')
		fprintf(f, "Location:  %s\n", sys->location);
	if (sys->contact[0] != '\0')
		fprintf(f, "Contact:   %s\n", sys->contact);
}

void nv_notice_device(FILE *f, const struct nv_notice_dev *dev)
{
	const struct nv_snapshot *s = dev->snap;

	/* a named device: its name, then what it is */
	if (dev->device != NULL)
		fprintf(f, "Device:    %s\n", dev->device);
	if (s == NULL)
		return;
	if (s->id.model[0] != '\0')
		fprintf(f, "%s%s%s%s\n", dev->device != NULL ? "Model:     " : "Device:    ",
		    s->id.model, s->id.serial[0] != '\0' ? ", serial " : "", s->id.serial);
	fprintf(f, "Link:      %s\n", nv_comm_name(s->comm));
	if (s->comm != NV_COMM_OK)
		return;
	fputs("\nMeasurements:\n", f);
	if (s->kind == NV_KIND_STS)
		sts_measurements(f, &s->sys);
	else
		ups_measurements(f, s, &s->sys);
	fputs("Active conditions:", f);
	for (int c2 = 0; c2 < NV_C_COUNT; c2++)
		if (nv_cond_get(&s->sys, (enum nv_cond)c2))
			fprintf(f, " %s", nv_cond_name((enum nv_cond)c2));
	fputc('\n', f);
}

void nv_notice_status(FILE *f, const struct nv_notice_dev *dev)
{
	nv_notice_agent(f, dev->system);
	nv_notice_device(f, dev);
}

void nv_notice_tag(const char *device, char *buf, size_t len)
{
	if (device != NULL)
		snprintf(buf, len, "[%s] ", device);
	else if (len > 0)
		buf[0] = '\0';
}

void nv_notice_subject(char *buf, size_t len, const char *prefix,
    const struct nv_notification *n, const char *device)
{
	char tag[NV_DEVICE_NAME_MAX + 3];

	nv_notice_tag(device, tag, sizeof(tag));
	snprintf(buf, len, "%s %s: %s%s - %s", prefix, nv_severity_name(n->severity), tag,
	    n->event != NULL ? n->event : "unknown", n->text);
}

void nv_notice_body(FILE *f, const struct nv_notification *n,
    const struct nv_notice_dev *dev)
{
	char when[64], oid[NV_OID_MAX * 11 + 1];

	nv_notice_time(n->wallclock != 0 ? n->wallclock : time(NULL), when, sizeof(when));
	nv_oid_format(&n->trap_oid, oid, sizeof(oid));
	fprintf(f, "Event:     %s\n", n->text);
	fprintf(f, "Level:     %s\n", nv_severity_name(n->severity));
	fprintf(f, "Name:      %s\n", n->event != NULL ? n->event : "unknown");
	fprintf(f, "Date:      %s\n", when);
	fprintf(f, "Trap:      %s (%s MIB)\n", oid, nv_mib_family_name(n->family));
	nv_notice_status(f, dev);
	if (n->n_vb > 0) {
		fputs("\nTrap variables:\n", f);
		for (size_t i = 0; i < n->n_vb; i++) {
			char vb[512];

			nv_notice_varbind(&n->vb[i], vb, sizeof(vb));
			fprintf(f, "  %s\n", vb);
		}
	}
}

static bool in_list(const char *s, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

int nv_notice_group(const struct nv_notification *n)
{
	static const char *const service[] = { "shutdown-warning", "shutdown-request",
		"shutdown-cancelled", NULL };
	static const char *const agent[] = { "agent-restarting", "session-login",
		"login-failed", "test-trap", "communication-lost",
		"communication-established", NULL };

	if (n->event == NULL)
		return NV_SLG_UPS;
	if (in_list(n->event, service))
		return NV_SLG_SERVICE;
	if (in_list(n->event, agent))
		return NV_SLG_AGENT;
	return NV_SLG_UPS;
}

bool nv_notice_clears(const char *clear, const char *raised)
{
	/* the end event, then what it ends */
	static const char *const pairs[][2] = {
		{ "power-restored", "on-battery" },
		{ "power-restored", "on-battery-power" },
		{ "communication-established", "communication-lost" },
		{ "alarm-cancelled", "preventive-alarm" },
		{ "ups-normal", "on-bypass" },
		{ "ups-normal", "overload" },
		{ "ups-normal", "ups-critical-alarm" },
		{ "shutdown-cancelled", "shutdown-warning" },
	};

	if (clear == NULL || raised == NULL)
		return false;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (strcmp(clear, pairs[i][0]) == 0 && strcmp(raised, pairs[i][1]) == 0)
			return true;
	return false;
}

bool nv_notice_wanted_family(const struct nv_notification *n)
{
	return n->to_all || n->family != NV_FAM_RFC1628;
}
