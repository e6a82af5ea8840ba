/*
 * sts_values.c — the SOCOMEC STS MIB over the normalized model.
 *
 * Units are the model's (0.1 V, 0.1 A, 0.1 Hz, 0.1 kVA / kW, %), as the
 * SOCOMEC MIBs use them; a measurement the STS does not manage reads -1,
 * and so does a well-known alarm while the STS does not answer.
 */
#include "ctx.h"
#include "sts_values.h"

#define STS_MIB 1, 3, 6, 1, 4, 1, 4555, 1, 1, 10, 1

enum { UNKNOWN = 1 };

static bool has(const struct nv_unit *u, enum nv_cond c)
{
	return nv_cond_get(u, c);
}

static bool comm_ok(const struct nv_snapshot *s)
{
	return s->comm == NV_COMM_OK;
}

bool sts_served(const struct door_in *in)
{
	return in->snap->kind == NV_KIND_STS;
}

/* source 1 or 2: unknown(1) ok(2) critical(3) outOfTolerance(4) absent(5) */
int sts_source_status(const struct nv_snapshot *s, const struct nv_unit *u, int source)
{
	static const enum nv_cond c[2][4] = {
		{ NV_C_STS_S1_ABSENT, NV_C_STS_S1_CRITICAL, NV_C_STS_S1_OUT_OF_TOL, NV_C_STS_S1_OK },
		{ NV_C_STS_S2_ABSENT, NV_C_STS_S2_CRITICAL, NV_C_STS_S2_OUT_OF_TOL, NV_C_STS_S2_OK },
	};
	static const int value[4] = { 5, 3, 4, 2 };     /* worst first */

	if (!comm_ok(s) || source < 1 || source > 2)
		return UNKNOWN;
	for (int i = 0; i < 4; i++) {
		if (has(u, c[source - 1][i]))
			return value[i];
	}
	return UNKNOWN;
}

/* unknown(1) synchron(2) sliding(3) asychron(4) */
int sts_interaction(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_ASYNCHRO))
		return 4;
	if (has(u, NV_C_STS_SLIDING))
		return 3;
	if (has(u, NV_C_STS_SYNCHRO))
		return 2;
	return UNKNOWN;
}

/* unknown(1) onPreferred(2) onAlternate(3) off(4) onMBP1(5) onMBP2(6):
 * a maintenance bypass wins, it is what actually carries the load. */
int sts_load_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_ON_MBP1))
		return 5;
	if (has(u, NV_C_STS_ON_MBP2))
		return 6;
	if (has(u, NV_C_STS_LOAD_OFF))
		return 4;
	if (has(u, NV_C_STS_ON_PREFERRED))
		return 2;
	if (has(u, NV_C_STS_ON_ALTERNATE))
		return 3;
	return UNKNOWN;
}

/* unknown(1) onSwitch1(2) onSwitch2(3) off(4) */
int sts_output_status(const struct nv_snapshot *s, const struct nv_unit *u)
{
	if (!comm_ok(s))
		return UNKNOWN;
	if (has(u, NV_C_STS_LOAD_OFF))
		return 4;
	if (has(u, NV_C_STS_ON_S1))
		return 2;
	if (has(u, NV_C_STS_ON_S2))
		return 3;
	return UNKNOWN;
}

/* ---- getters ------------------------------------------------------ */

static int phases(int n)
{
	return n >= 1 && n <= NV_MAX_PHASES ? n : 0;
}

static bool g_model(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.model);
}

static bool g_serial(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.serial);
}

static bool g_firmware(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->snap->id.firmware);
}

static bool g_agent_sw(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->agent_version);
}

static bool g_user_ref(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.user_ref);
}

static bool g_user_location(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.user_location);
}

static bool g_sys_name(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.name);
}

static bool g_sys_contact(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.contact);
}

static bool g_sys_location(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, in->cfg->system.location);
}

static bool g_s1_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, sts_source_status(in->snap, in->u, 1));
}

static bool g_s2_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, sts_source_status(in->snap, in->u, 2));
}

/* no(1) yes(2); while the STS does not answer neither is known preferred */
static bool g_s1_preferred(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, comm_ok(in->snap) && has(in->u, NV_C_STS_S1_PREFERRED) ? 2 : 1);
}

static bool g_s2_preferred(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, comm_ok(in->snap) && !has(in->u, NV_C_STS_S1_PREFERRED) ? 2 : 1);
}

static bool g_s1_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.src_freq[0]);
}

static bool g_s2_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.src_freq[1]);
}

static bool g_src_lines(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, phases(in->snap->id.phases_in));
}

static int src_rows(const struct door_in *in, int after)
{
	return door_rows_upto(after, phases(in->snap->id.phases_in));
}

static bool g_index(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, row);
}

static bool g_s1_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.src_voltage[0][row - 1]);
}

static bool g_s2_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.src_voltage[1][row - 1]);
}

static bool g_interaction(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, sts_interaction(in->snap, in->u));
}

static bool g_load_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, sts_load_status(in->snap, in->u));
}

static bool g_out_status(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, sts_output_status(in->snap, in->u));
}

static bool g_out_freq(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_freq);
}

static bool g_load_rate(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_load_total);
}

static bool g_out_lines(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, phases(in->snap->id.phases_out));
}

static int out_rows(const struct door_in *in, int after)
{
	return door_rows_upto(after, phases(in->snap->id.phases_out));
}

static bool g_out_voltage(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_voltage[row - 1]);
}

static bool g_out_current(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_current[row - 1]);
}

static bool g_out_kva(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_kva[row - 1]);
}

static bool g_out_kw(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_kw[row - 1]);
}

static bool g_out_crest(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_crest[row - 1]);
}

static bool g_out_pf(const struct door_in *in, int row, struct door_val *v)
{
	return door_int(v, in->u->sts.out_pf[row - 1]);
}

/* stsWellKnownAlarms N: 1 while the condition holds, 0 when not, -1 unknown. */
static const enum nv_cond sts_alarm_cond[] = {
	NV_C_STS_IMMINENT_STOP, NV_C_STS_TRANSFER_IMPOSSIBLE,
	NV_C_STS_CONSECUTIVE_DETECTIONS, NV_C_STS_OVERLOAD,
	NV_C_STS_PATH1_ALARM, NV_C_STS_PATH2_ALARM, NV_C_STS_PREVENTIVE,
	NV_C_STS_GENERAL_ALARM, NV_C_STS_CUSTOM_INPUT,
};

static bool g_alarm(const struct door_in *in, int n, struct door_val *v)
{
	if (!comm_ok(in->snap))
		return door_int(v, -1);
	return door_int(v, has(in->u, sts_alarm_cond[n - 1]));
}

#define ALARM_GETTER(n) \
static bool g_alarm##n(const struct door_in *in, int row, struct door_val *v) \
{ \
	return g_alarm(in, n, v); \
}
ALARM_GETTER(1) ALARM_GETTER(2) ALARM_GETTER(3) ALARM_GETTER(4) ALARM_GETTER(5)
ALARM_GETTER(6) ALARM_GETTER(7) ALARM_GETTER(8) ALARM_GETTER(9)

/* The last notification text; notifications carry their own copy. */
static bool g_trap_string(const struct door_in *in, int row, struct door_val *v)
{
	return door_str(v, "");
}

#define SCALAR(get, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), get, NULL, 0, NULL }
#define TABLE(cols, rows, ...) { { __VA_ARGS__ }, sizeof((uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t), NULL, cols, sizeof(cols) / sizeof(cols[0]), rows }

/* In this MIB the line index columns are readable. */
static const struct door_col s1_cols[] = { { 1, g_index }, { 2, g_s1_voltage } };
static const struct door_col s2_cols[] = { { 1, g_index }, { 2, g_s2_voltage } };
static const struct door_col out_cols[] = {
	{ 1, g_index }, { 2, g_out_voltage }, { 3, g_out_current }, { 4, g_out_kva },
	{ 5, g_out_kw }, { 6, g_out_crest }, { 7, g_out_pf },
};

/* Paths below stsObjects (.1.3.6.1.4.1.4555.1.1.10.1), in OID order. */
static const struct door_node sts_nodes[] = {
	SCALAR(g_model, 1, 1), SCALAR(g_serial, 1, 2), SCALAR(g_firmware, 1, 3),
	SCALAR(g_agent_sw, 1, 4), SCALAR(g_user_ref, 1, 5),
	SCALAR(g_user_location, 1, 6), SCALAR(g_sys_name, 1, 7),
	SCALAR(g_sys_contact, 1, 8), SCALAR(g_sys_location, 1, 9),
	SCALAR(g_s1_status, 2, 1), SCALAR(g_s1_preferred, 2, 2),
	SCALAR(g_s1_freq, 2, 3), SCALAR(g_src_lines, 2, 4),
	TABLE(s1_cols, src_rows, 2, 5, 1),
	SCALAR(g_s2_status, 3, 1), SCALAR(g_s2_preferred, 3, 2),
	SCALAR(g_s2_freq, 3, 3), SCALAR(g_src_lines, 3, 4),
	TABLE(s2_cols, src_rows, 3, 5, 1),
	SCALAR(g_interaction, 4, 1),
	SCALAR(g_load_status, 5, 1), SCALAR(g_out_status, 5, 2),
	SCALAR(g_out_freq, 5, 3), SCALAR(g_load_rate, 5, 4), SCALAR(g_out_lines, 5, 5),
	TABLE(out_cols, out_rows, 5, 6, 1),
	SCALAR(g_alarm1, 6, 1, 1), SCALAR(g_alarm2, 6, 1, 2), SCALAR(g_alarm3, 6, 1, 3),
	SCALAR(g_alarm4, 6, 1, 4), SCALAR(g_alarm5, 6, 1, 5), SCALAR(g_alarm6, 6, 1, 6),
	SCALAR(g_alarm7, 6, 1, 7), SCALAR(g_alarm8, 6, 1, 8), SCALAR(g_alarm9, 6, 1, 9),
	SCALAR(g_trap_string, 7, 1),
};

const struct door sts_door = {
	.name = "SOCOMECUPSSTS-MIB",
	.root = { STS_MIB },
	.rootlen = 11,
	.nodes = sts_nodes,
	.nnodes = sizeof(sts_nodes) / sizeof(sts_nodes[0]),
	.served = sts_served,
};
