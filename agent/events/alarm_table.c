/* alarm_table.c — the SOCOMEC well-known alarms and the upsAlarmTable rows (see alarm_table.h). */
#include <sys/types.h>
#include <stdlib.h>
#include <string.h>

#include "alarm_table.h"

enum { WK_NONE = -1, WK_COMM_LOST = -2 };

/* Well-known alarm N -> model condition (index N-1), after the manual's
 * JBUSP / VU-MAP table; the profiles already evaluate the bit formulas. */
static const int wk_cond[NV_WK_ALARMS] = {
	NV_C_IMMINENT_STOP, NV_C_OVERLOAD, NV_C_TEMPERATURE,
	NV_C_TRANSFER_LOCKED, NV_C_TRANSFER_IMPOSSIBLE, NV_C_INSUFFICIENT_RESOURCES,
	NV_C_REDUNDANCY_LOST, NV_C_OUTPUT_SHORT_CIRCUIT, NV_C_MAINTENANCE,
	NV_C_REMOTE_SERVICE, NV_C_GENERAL_ALARM, NV_C_BATTERY_CIRCUIT_OPEN,
	NV_C_BATTERY_DISCHARGED, NV_C_BATTERY_LOW, NV_C_ON_BATTERY,
	NV_C_BATTERY_TEMPERATURE, NV_C_BATTERY_ROOM, NV_C_BATTERY_TEST_FAILED,
	NV_C_BATTERY_FAULT, NV_C_RECTIFIER_FAULT, NV_C_RECTIFIER_ALARM,
	NV_C_INPUT_BAD, NV_C_GENSET_ALARM, NV_C_CHARGER_FAULT,
	NV_C_CHARGER_ALARM, NV_C_INVERTER_FAULT, NV_C_INVERTER_ALARM,
	NV_C_BYPASS_FAULT, NV_C_BYPASS_ALARM, NV_C_BYPASS_INPUT_BAD,
	NV_C_PHASE_ROTATION, NV_C_FAN_FAILURE, NV_C_MAINT_BYPASS_ALARM,
	NV_C_POWER_OFF_ACTIVE, NV_C_WRONG_CONFIG, NV_C_INTERNAL_FAILURE,
	NV_C_OPTION_BOARD, NV_C_EXTERNAL_ALARM1, NV_C_EXTERNAL_ALARM2,
	NV_C_EXTERNAL_ALARM3, NV_C_EXTERNAL_ALARM4,
	NV_C_UNIT_ALARM1, NV_C_UNIT_ALARM1 + 1, NV_C_UNIT_ALARM1 + 2,
	NV_C_UNIT_ALARM1 + 3, NV_C_UNIT_ALARM1 + 4, NV_C_UNIT_ALARM1 + 5,
	NV_C_UNIT_ALARM1 + 6, NV_C_UNIT_ALARM1 + 7, NV_C_UNIT_ALARM1 + 8,
	NV_C_UNIT_ALARM1 + 9, NV_C_UNIT_ALARM1 + 10, NV_C_UNIT_ALARM12,
	NV_C_AUTOTEST_RUNNING, NV_C_ON_BYPASS, NV_C_LOAD_OFF,
	NV_C_SYSTEM_OFF, WK_COMM_LOST,
	/* 59..62: shutdown management, not provided yet */
	WK_NONE, WK_NONE, WK_NONE, WK_NONE,
};

static const char *const wk_name[NV_WK_ALARMS] = {
	"Imminent stop", "Overload", "Temperature out of limits",
	"Transfer locked", "Automatic transfer impossible", "Insufficient resources",
	"Redundancy lost", "Output short circuit", "Maintenance requested",
	"Remote service requested", "General alarm", "Battery circuit open",
	"Battery discharged", "Low battery", "On battery",
	"Battery temperature", "Battery room alarm", "Battery test failed",
	"Battery fault", "Rectifier critical alarm", "Rectifier preventive alarm",
	"Rectifier input out of tolerance", "Generating set alarm", "Charger critical alarm",
	"Charger preventive alarm", "Inverter critical alarm", "Inverter preventive alarm",
	"Bypass critical alarm", "Bypass preventive alarm", "Bypass input out of tolerance",
	"Phase rotation fault", "Fan failure", "Maintenance bypass alarm",
	"Emergency power off active", "Wrong configuration", "Internal failure",
	"Option board alarm", "External alarm 1", "External alarm 2",
	"External alarm 3", "External alarm 4",
	"Unit/module 1 alarm", "Unit/module 2 alarm", "Unit/module 3 alarm",
	"Unit/module 4 alarm", "Unit/module 5 alarm", "Unit/module 6 alarm",
	"Unit/module 7 alarm", "Unit/module 8 alarm", "Unit/module 9 alarm",
	"Unit/module 10 alarm", "Unit/module 11 alarm", "Unit/module 12 alarm",
	"Self test running", "On automatic bypass", "Output off",
	"UPS off", "Communication lost", "Shutdown pending",
	"Shutdown requested", "Shutdown imminent", "Awaiting power",
};

bool nv_wellknown_alarm(const struct nv_snapshot *s, int data_unit, int n)
{
	int c;

	if (n < 1 || n > NV_WK_ALARMS)
		return false;
	c = wk_cond[n - 1];
	if (c == WK_COMM_LOST)
		return s->comm == NV_COMM_LOST;
	if (c == WK_NONE || s->comm != NV_COMM_OK)
		return false;
	return nv_cond_get(nv_snapshot_view(s, data_unit), (enum nv_cond)c);
}

const char *nv_wellknown_alarm_name(int n)
{
	if (n < 1 || n > NV_WK_ALARMS)
		return "";
	return wk_name[n - 1];
}

/* On battery (15) and self test running (54) send no trap 3; the test
 * no trap 4 either, as RFC 1628 says of its own table. */
const struct nv_alarm_set nv_socomec_alarms = {
	.n = NV_WK_ALARMS,
	.holds = nv_wellknown_alarm,
	.name = nv_wellknown_alarm_name,
	.no_trap_added = (UINT64_C(1) << (15 - 1)) | (UINT64_C(1) << (54 - 1)),
	.no_trap_removed = UINT64_C(1) << (54 - 1),
};

bool nv_alarm_set_traps(const struct nv_alarm_set *set, int wk, bool added)
{
	uint64_t mask = added ? set->no_trap_added : set->no_trap_removed;

	return wk >= 1 && wk <= set->n && !((mask >> (wk - 1)) & 1u);
}

struct nv_alarm_table *nv_alarm_table_new(const struct nv_alarm_set *set, int data_unit)
{
	struct nv_alarm_table *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->set = set;
	t->data_unit = data_unit;
	t->next_id = 1;
	return t;
}

void nv_alarm_table_free(struct nv_alarm_table *t)
{
	free(t);
}

static ssize_t row_of_alarm(const struct nv_alarm_table *t, int alarm)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->row[i].alarm == alarm)
			return (ssize_t)i;
	return -1;
}

/* RFC 1628: ids increase; past the maximum, the first free id from 1. */
static uint32_t take_id(struct nv_alarm_table *t)
{
	uint32_t id = t->next_id;

	if (id < 1 || id > NV_ALARM_ID_MAX)
		id = 1;
	while (nv_alarm_table_find(t, id) != NULL)
		id = id == NV_ALARM_ID_MAX ? 1 : id + 1;
	t->next_id = id == NV_ALARM_ID_MAX ? 1 : id + 1;
	return id;
}

static void insert_row(struct nv_alarm_table *t, struct nv_alarm_row r)
{
	size_t i = t->n;

	while (i > 0 && t->row[i - 1].id > r.id) {
		t->row[i] = t->row[i - 1];
		i--;
	}
	t->row[i] = r;
	t->n++;
}

static void remove_row(struct nv_alarm_table *t, size_t i)
{
	memmove(&t->row[i], &t->row[i + 1], (t->n - i - 1) * sizeof(t->row[0]));
	t->n--;
}

size_t nv_alarm_table_update(struct nv_alarm_table *t, const struct nv_snapshot *s,
    uint32_t now_ticks)
{
	bool first;

	t->n_added = t->n_removed = 0;
	if (s->comm == NV_COMM_DETECTING)
		return 0;
	first = !t->started;
	t->started = true;
	for (int a = 1; a <= t->set->n; a++) {
		bool on = t->set->holds(s, t->data_unit, a);
		ssize_t i = row_of_alarm(t, a);

		if (on && i < 0) {
			struct nv_alarm_row r = { take_id(t), a, first ? 0 : now_ticks };

			insert_row(t, r);
			t->added[t->n_added++] = r;
		} else if (!on && i >= 0) {
			t->removed[t->n_removed++] = t->row[i];
			remove_row(t, (size_t)i);
		}
	}
	return t->n_added + t->n_removed;
}

const struct nv_alarm_row *nv_alarm_table_next(const struct nv_alarm_table *t, uint32_t after)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->row[i].id > after)
			return &t->row[i];
	return NULL;
}

const struct nv_alarm_row *nv_alarm_table_find(const struct nv_alarm_table *t, uint32_t id)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->row[i].id == id)
			return &t->row[i];
	return NULL;
}
