/*
 * mib_socomec.c — upsObjects of the SOCOMEC UPS MIB: one descriptor per
 * object, getters that read the model through the view (never the serial
 * line).  Empty tables (the firewall) have no descriptors yet;
 * objects whose value the agent cannot know (DHCP status, NTP server and
 * zone) are not served.
 */
#include <config.h>

#include <stddef.h>
#include <string.h>

#include "alarm_table.h"
#include "host_net.h"
#include "mib_controls.h"
#include "mib_logs.h"
#include "mib_model.h"
#include "mib_receivers.h"
#include "mib_socomec.h"
#include "mib_state.h"
#include "mib_view.h"
#include "nvconfig.h"
#include "socomec_devices.h"
#include "socomec_schedules.h"
#include "socomec_upsctl.h"
#include "socomec_values.h"

static const struct nv_unit *data_view(const struct nv_mib_view *view)
{
	return nv_snapshot_view(view->snap, view->cfg->data_unit);
}

/* ---- rows ---- */

static int rows_upto(int n, int after)
{
	int next = after < 0 ? 1 : after + 1;

	return next <= n ? next : -1;
}

static int rows_in(const struct nv_mib_view *view, int after)
{
	int32_t n = sv_num_lines(view->snap->id.phases_in);

	return rows_upto(n == NV_NA ? 0 : n, after);
}

static int rows_out(const struct nv_mib_view *view, int after)
{
	int32_t n = sv_num_lines(view->snap->id.phases_out);

	return rows_upto(n == NV_NA ? 0 : n, after);
}

static int rows_alarm(const struct nv_mib_view *view, int after)
{
	const struct nv_alarm_row *r;

	if (view->alarms == NULL)
		return -1;
	r = nv_alarm_table_next(view->alarms, after < 0 ? 0 : (uint32_t)after);
	return r != NULL ? (int)r->id : -1;
}

/* ---- getters ---- */

enum { ID_MODEL, ID_SERIAL, ID_USER_REF, ID_USER_LOC, ID_SOFTWARE, ID_NAME,
	ID_CONTACT, ID_LOCATION };

static void get_ident(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	switch (o->arg) {
	case ID_MODEL:    mib_set_str(v, view->snap->id.model, 31); break;
	case ID_SERIAL:   mib_set_str(v, view->snap->id.serial, 19); break;
	case ID_USER_REF: mib_set_str(v, view->cfg->system.user_ref, 11); break;
	case ID_USER_LOC: mib_set_str(v, view->cfg->system.user_location, 11); break;
	case ID_SOFTWARE: mib_set_str(v, "nvagent " PACKAGE_VERSION, 31); break;
	case ID_NAME:     mib_set_str(v, view->cfg->system.name, 127); break;
	case ID_CONTACT:  mib_set_str(v, view->cfg->system.contact, 127); break;
	case ID_LOCATION: mib_set_str(v, view->cfg->system.location, 127); break;
	}
}

/* A UPS measurement: arg is its offset in struct nv_ups_meas; a table
 * column reads element row-1 of the per-phase array found there. */
static void get_meas(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const char *base = (const char *)&data_view(view)->ups + o->arg / 2;
	int32_t x;

	if (o->arg % 2 && row > 0)      /* ML(): line N is element N-1 */
		base += (size_t)(row - 1) * sizeof(int32_t);
	memcpy(&x, base, sizeof(x));
	mib_set_int(v, sv_measure(view->snap, x));
}

static void get_const(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, (int32_t)o->arg);
}

/* emdStatus N: temperature and humidity in 0.1, -1 without a sensor or
 * while it does not answer; the inputs disabled(1) then too: their
 * enumeration has no "unknown", and a stale state is never served. */
static void get_emd(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_env *e = &view->snap->env;

	switch (o->arg) {
	case 1:
		mib_set_int(v, e->temp);
		break;
	case 2:
		mib_set_int(v, e->hum);
		break;
	default:
		mib_set_int(v, e->configured && e->input[o->arg - 3] != NV_NA ?
		    e->input[o->arg - 3] : NV_ENV_IN_DISABLED);
		break;
	}
}

static void get_row_index(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, row);
}

static void get_batt_status(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, sv_battery_status(view->snap, data_view(view)));
}

static void get_secs_on_batt(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, sv_seconds_on_battery(view->snap, data_view(view)));
}

static void get_out_source(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, sv_output_source(view->snap, data_view(view)));
}

enum { LINES_IN, LINES_OUT };

static void get_num_lines(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, sv_num_lines(o->arg == LINES_IN ? view->snap->id.phases_in :
	    view->snap->id.phases_out));
}

/* upsInputVoltageMax (arg 1) / Min (arg -1) over the last minute */
static void get_in_minmax(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct sv_window *w;

	if (view->mib == NULL || view->snap->comm != NV_COMM_OK) {
		mib_set_int(v, NV_NA);
		return;
	}
	w = &view->mib->in_voltage[row - 1];
	mib_set_int(v, o->arg > 0 ? sv_window_max(w) : sv_window_min(w));
}

static void get_alarms_present(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, view->alarms != NULL ? (int32_t)view->alarms->n : 0);
}

/* .1.3.6.1.4.1.4555.1.1.7.1.6.3: upsWellKnownAlarms */
static const uint32_t wellknown_oid[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 6, 3 };
#define WK_OID_LEN (sizeof(wellknown_oid) / sizeof(wellknown_oid[0]))

enum { ALARM_ID = 1, ALARM_DESCR, ALARM_TIME, ALARM_EXTDES };

static void get_alarm_col(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_alarm_row *r = view->alarms != NULL ?
	    nv_alarm_table_find(view->alarms, (uint32_t)row) : NULL;
	uint32_t oid[WK_OID_LEN + 1];

	if (r == NULL)
		return;                 /* row went away: no value */
	switch (o->arg) {
	case ALARM_ID:
		mib_set_int(v, (int32_t)r->id);
		break;
	case ALARM_DESCR:
		memcpy(oid, wellknown_oid, sizeof(wellknown_oid));
		oid[WK_OID_LEN] = (uint32_t)r->alarm;
		mib_set_oid(v, oid, WK_OID_LEN + 1);
		break;
	case ALARM_TIME:
		mib_set_ticks(v, r->time);
		break;
	case ALARM_EXTDES:
		mib_set_str(v, nv_wellknown_alarm_name(r->alarm), 255);
		break;
	}
}

static void get_wellknown(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	mib_set_int(v, nv_wellknown_alarm(view->snap, view->cfg->data_unit, (int)o->arg));
}

static void get_ctl_status(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	int st = sv_control_status(view->snap, data_view(view));

	if (st != 0)
		mib_set_int(v, st);
}

enum { CFG_NOM_KVA, CFG_UNITS, CFG_UNIT_KVA, CFG_REMOTE };

static void get_config(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	const struct nv_snapshot *s = view->snap;
	bool known = s->comm != NV_COMM_DETECTING;      /* ratings outlive a comm loss */

	switch (o->arg) {
	case CFG_NOM_KVA:
		mib_set_int(v, known ? s->id.nominal_kva : NV_NA);
		break;
	case CFG_UNITS:
		mib_set_int(v, known && s->n_units > 0 ? s->n_units : NV_NA);
		break;
	case CFG_UNIT_KVA:
		mib_set_int(v, known ? s->id.unit_kva : NV_NA);
		break;
	case CFG_REMOTE:
		mib_set_int(v, sv_remote_control(s, data_view(view)));
		break;
	}
}

enum { AG_IP, AG_GATEWAY, AG_MASK, AG_DATE, AG_TIME, AG_POLL, AG_BAUD };

static void get_agent(const struct mib_obj *o, int row, const struct nv_mib_view *view,
    struct mib_value *v)
{
	uint32_t addr, mask;
	char buf[16];

	switch (o->arg) {
	case AG_IP:
	case AG_MASK:
		nv_host_ipv4(&addr, &mask);
		mib_set_ipaddr(v, o->arg == AG_IP ? addr : mask);
		break;
	case AG_GATEWAY:
		mib_set_ipaddr(v, nv_host_gateway("/proc/net/route"));
		break;
	case AG_DATE:
		sv_format_date(time(NULL), buf, sizeof(buf));
		mib_set_str(v, buf, 10);
		break;
	case AG_TIME:
		sv_format_time(time(NULL), buf, sizeof(buf));
		mib_set_str(v, buf, 8);
		break;
	case AG_POLL:
		mib_set_int(v, view->cfg->poll.interval_s);
		break;
	case AG_BAUD:
		mib_set_int(v, view->snap->baud > 0 ? view->snap->baud : NV_NA);
		break;
	}
}

/* ---- descriptors, in lexicographic order (checked at registration) ---- */

/* M: one value of the unit; ML: a per-line array (compiles on nothing else) */
#define M(f) ((long)offsetof(struct nv_ups_meas, f) * 2)
#define ML(f) (M(f) + 1 + 0 * (long)sizeof(char[MM_IS_LINE_ARRAY(struct nv_ups_meas, f) ? 1 : -1]))
#define S(...) { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t)
#define SCALAR(get, arg, ...) { S(__VA_ARGS__), NULL, get, arg, NULL }
#define COLUMN(rows, get, arg, ...) { S(__VA_ARGS__), rows, get, arg, NULL }
#define WK(n) SCALAR(get_wellknown, n, 6, 3, n)
#define NOTHING 2       /* the action objects' "nothing(2)" */
#define DISABLED 2

static const struct mib_obj socomec_objs[] = {
	/* upsIdent */
	SCALAR(get_ident, ID_MODEL, 1, 1),
	SCALAR(get_ident, ID_SERIAL, 1, 2),
	SCALAR(get_ident, ID_USER_REF, 1, 3),
	SCALAR(get_ident, ID_USER_LOC, 1, 4),
	SCALAR(get_ident, ID_SOFTWARE, 1, 5),
	SCALAR(get_ident, ID_NAME, 1, 6),
	SCALAR(get_ident, ID_CONTACT, 1, 7),
	SCALAR(get_ident, ID_LOCATION, 1, 8),
	/* upsBattery */
	SCALAR(get_batt_status, 0, 2, 1),
	SCALAR(get_secs_on_batt, 0, 2, 2),
	SCALAR(get_meas, M(batt_minutes), 2, 3),
	SCALAR(get_meas, M(batt_charge), 2, 4),
	SCALAR(get_meas, M(batt_voltage), 2, 5),
	SCALAR(get_meas, M(batt_temp), 2, 6),
	SCALAR(get_meas, M(ambient_temp), 2, 7),
	SCALAR(get_meas, M(batt_current), 2, 8),
	SCALAR(get_meas, M(batt_charge), 2, 9),
	/* upsInput */
	SCALAR(get_num_lines, LINES_IN, 3, 1),
	SCALAR(get_meas, M(in_freq), 3, 2),
	COLUMN(rows_in, get_row_index, 0, 3, 3, 1, 1),
	COLUMN(rows_in, get_meas, ML(in_voltage), 3, 3, 1, 2),
	COLUMN(rows_in, get_meas, ML(in_current), 3, 3, 1, 3),
	COLUMN(rows_in, get_in_minmax, 1, 3, 3, 1, 4),
	COLUMN(rows_in, get_in_minmax, -1, 3, 3, 1, 5),
	/* upsOutput */
	SCALAR(get_out_source, 0, 4, 1),
	SCALAR(get_meas, M(out_freq), 4, 2),
	SCALAR(get_num_lines, LINES_OUT, 4, 3),
	COLUMN(rows_out, get_row_index, 0, 4, 4, 1, 1),
	COLUMN(rows_out, get_meas, ML(out_voltage), 4, 4, 1, 2),
	COLUMN(rows_out, get_meas, ML(out_current), 4, 4, 1, 3),
	COLUMN(rows_out, get_meas, ML(out_load), 4, 4, 1, 4),
	COLUMN(rows_out, get_meas, ML(out_kva), 4, 4, 1, 5),
	COLUMN(rows_out, get_meas, ML(out_kw), 4, 4, 1, 6),
	SCALAR(get_meas, M(out_kva_total), 4, 5),
	SCALAR(get_meas, M(out_kw_total), 4, 6),
	SCALAR(get_meas, M(out_load_total), 4, 7),
	/* upsBypass: its phases are the output's */
	SCALAR(get_meas, M(byp_freq), 5, 1),
	SCALAR(get_num_lines, LINES_OUT, 5, 2),
	COLUMN(rows_out, get_row_index, 0, 5, 3, 1, 1),
	COLUMN(rows_out, get_meas, ML(byp_voltage), 5, 3, 1, 2),
	COLUMN(rows_out, get_meas, ML(byp_current), 5, 3, 1, 3),
	/* upsAlarm */
	SCALAR(get_alarms_present, 0, 6, 1),
	COLUMN(rows_alarm, get_alarm_col, ALARM_ID, 6, 2, 1, 1),
	COLUMN(rows_alarm, get_alarm_col, ALARM_DESCR, 6, 2, 1, 2),
	COLUMN(rows_alarm, get_alarm_col, ALARM_TIME, 6, 2, 1, 3),
	COLUMN(rows_alarm, get_alarm_col, ALARM_EXTDES, 6, 2, 1, 4),
	WK(1), WK(2), WK(3), WK(4), WK(5), WK(6), WK(7), WK(8), WK(9), WK(10),
	WK(11), WK(12), WK(13), WK(14), WK(15), WK(16), WK(17), WK(18), WK(19), WK(20),
	WK(21), WK(22), WK(23), WK(24), WK(25), WK(26), WK(27), WK(28), WK(29), WK(30),
	WK(31), WK(32), WK(33), WK(34), WK(35), WK(36), WK(37), WK(38), WK(39), WK(40),
	WK(41), WK(42), WK(43), WK(44), WK(45), WK(46), WK(47), WK(48), WK(49), WK(50),
	WK(51), WK(52), WK(53), WK(54), WK(55), WK(56), WK(57), WK(58), WK(59), WK(60),
	WK(61), WK(62),
	/* upsControl: shut-off settings and events from the shutdown config */
	/* writing sends the command (mib_controls.c) */
	{ S(7, 1), NULL, get_ctl_status, 0, &nv_mib_ctl_status_setter },
	SCALAR(nv_sdc_get, SDC_DELAY, 7, 2),
	SCALAR(nv_sdc_get, SDC_TURN_OFF, 7, 3),
	COLUMN(nv_sdp_rows, nv_sdp_get, SDP_INDEX, 7, 4, 1, 1),
	COLUMN(nv_sdp_rows, nv_sdp_get, SDP_STATUS, 7, 4, 1, 2),
	COLUMN(nv_sdp_rows, nv_sdp_get, SDP_DELAY, 7, 4, 1, 3),
	COLUMN(nv_sdp_rows, nv_sdp_get, SDP_FIRST, 7, 4, 1, 4),
	COLUMN(nv_sdp_rows, nv_sdp_get, SDP_INTERVAL, 7, 4, 1, 5),
	/* the weekly, special-day and eco-mode schedules (socomec_schedules.c) */
	{ S(7, 5, 1, 1), nv_sch_weekly_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_WEEKLY, 1), NULL },
	{ S(7, 5, 1, 2), nv_sch_weekly_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_WEEKLY, 2), &nv_sch_setter },
	{ S(7, 5, 1, 3), nv_sch_weekly_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_WEEKLY, 3), &nv_sch_setter },
	{ S(7, 5, 1, 4), nv_sch_weekly_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_WEEKLY, 4), &nv_sch_setter },
	{ S(7, 5, 1, 5), nv_sch_weekly_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_WEEKLY, 5), &nv_sch_setter },
	{ S(7, 6, 1, 1), nv_sch_special_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_SPECIAL, 1), NULL },
	{ S(7, 6, 1, 2), nv_sch_special_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_SPECIAL, 2), &nv_sch_setter },
	{ S(7, 6, 1, 3), nv_sch_special_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_SPECIAL, 3), &nv_sch_setter },
	{ S(7, 6, 1, 4), nv_sch_special_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_SPECIAL, 4), &nv_sch_setter },
	{ S(7, 6, 1, 5), nv_sch_special_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_SPECIAL, 5), &nv_sch_setter },
	{ S(7, 7, 1, 1), nv_sch_eco_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_ECO, 1), NULL },
	{ S(7, 7, 1, 2), nv_sch_eco_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_ECO, 2), &nv_sch_setter },
	{ S(7, 7, 1, 3), nv_sch_eco_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_ECO, 3), &nv_sch_setter },
	{ S(7, 7, 1, 4), nv_sch_eco_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_ECO, 4), &nv_sch_setter },
	{ S(7, 7, 1, 5), nv_sch_eco_rows, nv_sch_get, NV_SCH_ARG(NV_SCH_ECO, 5), &nv_sch_setter },
	/* upsConfig */
	SCALAR(get_config, CFG_NOM_KVA, 8, 1),
	SCALAR(get_config, CFG_UNITS, 8, 2),
	SCALAR(get_config, CFG_UNIT_KVA, 8, 3),
	SCALAR(get_config, CFG_REMOTE, 8, 4),
	/* upsDevicesTable: the nvshutdown clients (socomec_devices.c) */
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_INDEX, 8, 5, 1, 1),
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_ADDR, 8, 5, 1, 2),
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_NAME, 8, 5, 1, 3),
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_TIME, 8, 5, 1, 4),
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_STATUS, 8, 5, 1, 5),
	COLUMN(nv_sdev_rows, nv_sdev_get, SDEV_SEVERITY, 8, 5, 1, 6),
	/* upsAgent */
	SCALAR(get_agent, AG_IP, 9, 1),
	SCALAR(get_agent, AG_GATEWAY, 9, 2),
	SCALAR(get_agent, AG_MASK, 9, 3),
	SCALAR(get_agent, AG_DATE, 9, 4),
	SCALAR(get_agent, AG_TIME, 9, 5),
	/* log intervals and clears: read-write (mib_logs.c) */
	{ S(9, 8), NULL, nv_mib_logs_get, NV_MLOG_HIST_FREQ, &nv_mib_logs_setter },
	{ S(9, 9), NULL, nv_mib_logs_get, NV_MLOG_EXT_FREQ, &nv_mib_logs_setter },
	SCALAR(get_agent, AG_POLL, 9, 10),
	SCALAR(get_agent, AG_BAUD, 9, 11),
	SCALAR(get_const, DISABLED, 9, 13),     /* telnet: nvagent has none */
	SCALAR(get_const, DISABLED, 9, 14),     /* network upgrade: none */
	SCALAR(get_const, NOTHING, 9, 15),
	SCALAR(get_const, NOTHING, 9, 16),
	{ S(9, 17), NULL, nv_mib_logs_get, NV_MLOG_CLEAR_AGENT, &nv_mib_logs_setter },
	{ S(9, 18), NULL, nv_mib_logs_get, NV_MLOG_CLEAR_EVENT, &nv_mib_logs_setter },
	{ S(9, 19), NULL, nv_mib_logs_get, NV_MLOG_CLEAR_EXT, &nv_mib_logs_setter },
	{ S(9, 20), NULL, nv_mib_logs_get, NV_MLOG_CLEAR_HIST, &nv_mib_logs_setter },
	/* upsAgentTrapsReceiversTable: read-write (mib_receivers.c) */
	{ S(9, 21, 1, 1), nv_receivers_rows, nv_receivers_get, NV_RCV_COL_INDEX, NULL },
	{ S(9, 21, 1, 2), nv_receivers_rows, nv_receivers_get, NV_RCV_COL_ADDR, &nv_receivers_setter },
	{ S(9, 21, 1, 3), nv_receivers_rows, nv_receivers_get, NV_RCV_COL_COMMUNITY,
	  &nv_receivers_setter },
	{ S(9, 21, 1, 4), nv_receivers_rows, nv_receivers_get, NV_RCV_COL_NMSTYPE,
	  &nv_receivers_setter },
	SCALAR(get_const, NV_SOCOMEC_MIB_VERSION, 9, 23),
	/* emdStatus: the environment sensor */
	SCALAR(get_emd, 1, 10, 1),
	SCALAR(get_emd, 2, 10, 2),
	SCALAR(get_emd, 3, 10, 3),
	SCALAR(get_emd, 4, 10, 4),
};

/* .1.3.6.1.4.1.4555.1.1.7.1: upsObjects */
static const uint32_t socomec_root[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1 };

/* A transfer switch has its own MIB; while the device is not identified
 * yet the tree stays, reading -1, so that a manager sees "unknown". */
bool nv_socomec_served(const struct nv_mib_view *view)
{
	return view->snap->kind != NV_KIND_STS;
}

const struct mib_tree nv_socomec_tree = {
	"socomecUps", socomec_root, sizeof(socomec_root) / sizeof(socomec_root[0]),
	socomec_objs, sizeof(socomec_objs) / sizeof(socomec_objs[0]),
	nv_socomec_served,
};
