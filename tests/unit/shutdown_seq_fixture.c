/* shutdown_seq_fixture.c — a shutdown sequence on the test's clock, recorded. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shutdown_seq_fixture.h"

struct fix F;

static void add(char kind, int a, int b, uint8_t flags, const char *event)
{
	struct rec *r;

	ck_assert_int_lt(F.n, MAX_REC);
	r = &F.rec[F.n++];
	r->kind = kind;
	r->at = F.now - T0_MS;
	r->a = a;
	r->b = b;
	r->flags = flags;
	snprintf(r->event, sizeof(r->event), "%s", event);
}

static size_t op_send(void *arg, enum nv_sd_type type, int32_t seconds,
    const char *event, uint8_t flags)
{
	(void)arg;
	add(type == NV_SD_WARNING ? 'W' : type == NV_SD_SHUTDOWN ? 'S' :
	    type == NV_SD_CANCEL ? 'C' : '?', seconds, 0, flags, event);
	return 3;
}

static void op_publish(void *arg, enum nv_sd_state st, time_t deadline,
    const char *event, uint8_t flags)
{
	(void)arg, (void)event, (void)flags;
	F.state = st;
	F.deadline = deadline;
}

static int op_longest(void *arg, char *who, size_t wholen)
{
	(void)arg;
	snprintf(who, wholen, "slow-db");
	return F.longest;
}

static int op_device_max(void *arg, unsigned devices)
{
	(void)arg;
	F.max_delay_asked = devices;
	return F.device_max;
}

static int op_ups_shutoff(void *arg, unsigned devices, int delay_s, int restart_min)
{
	(void)arg;
	add('U', delay_s, restart_min, 0, "");
	F.rec[F.n - 1].devices = devices;
	return 0;
}

static int op_wake(void *arg)
{
	(void)arg;
	add('L', 0, 0, 0, "");
	return 0;
}

static void op_notify(void *arg, enum nv_agent_event ev)
{
	(void)arg;
	if ((unsigned)ev < 8)
		F.notified[ev]++;
}

static void op_log(void *arg, enum nv_ev_level level, const char *text)
{
	(void)arg, (void)level;
	ck_assert_ptr_nonnull(text);
	ck_assert_int_gt((int)strlen(text), 0);
}

static const struct nv_sd_seq_ops ops = {
	.send = op_send, .publish = op_publish, .longest_client = op_longest,
	.shutoff_max_delay = op_device_max,
	.ups_shutoff = op_ups_shutoff, .wake = op_wake, .notify = op_notify,
	.log = op_log,
};

void setup(void)
{
	memset(&F, 0, sizeof(F));
	setenv("TZ", "UTC", 1);
	tzset();
	nv_shutdown_cfg_defaults(&F.cfg);
	F.cfg.enabled = true;
	F.comm_ok = true;
	F.now = T0_MS;
	nv_cond_set(&F.sys, NV_C_INPUT_PRESENT, true);
	F.sys.ups.batt_charge = 100;
	nv_sd_seq_init(&F.q, &ops, NULL);
}

void event(enum nv_sd_event e, enum nv_sd_action act, int period_s,
    int first_s, int interval_s)
{
	F.cfg.ev[e].action = act;
	F.cfg.ev[e].warning_period_s = period_s;
	F.cfg.ev[e].first_warning_s = first_s;
	F.cfg.ev[e].warning_interval_s = interval_s;
}

void turn(void)
{
	struct nv_sd_seq_device dev[3];
	struct nv_sd_seq_input in = {
		.cfg = &F.cfg, .sys = &F.sys, .comm_ok = F.comm_ok, .now_ms = F.now,
		.wall = WALL0 + (time_t)((F.now - T0_MS) / 1000),
		.dev = dev, .ndev = F.ndev, .feeds = F.feeds,
	};

	for (size_t d = 0; d < F.ndev; d++) {
		dev[d].sys = &F.dev_sys[d];
		dev[d].comm_ok = F.dev_comm[d];
	}

	nv_sd_seq_run(&F.q, &in);
}

void run_until(uint64_t ms)
{
	while (F.now - T0_MS < ms) {
		turn();
		F.now += STEP_MS;
	}
	turn();
}

void mains(bool present)
{
	nv_cond_set(&F.sys, NV_C_INPUT_PRESENT, present);
	nv_cond_set(&F.sys, NV_C_ON_BATTERY, !present);
}

void devices(size_t n)
{
	ck_assert_uint_le(n, 3);
	F.ndev = n;
	for (size_t d = 0; d < n; d++) {
		F.dev_comm[d] = true;
		F.dev_sys[d].ups.batt_charge = 100;
		mains_dev(d, true);
	}
}

void mains_dev(size_t d, bool present)
{
	nv_cond_set(&F.dev_sys[d], NV_C_INPUT_PRESENT, present);
	nv_cond_set(&F.dev_sys[d], NV_C_ON_BATTERY, !present);
}

int count(char kind)
{
	int c = 0;

	for (int i = 0; i < F.n; i++)
		c += F.rec[i].kind == kind;
	return c;
}

const struct rec *nth(char kind, int n)
{
	for (int i = 0; i < F.n; i++)
		if (F.rec[i].kind == kind && n-- == 0)
			return &F.rec[i];
	ck_abort_msg("no %c number %d (%d records)", kind, n, F.n);
	return NULL;
}
