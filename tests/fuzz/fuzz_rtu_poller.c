/*
 * fuzz_rtu_poller.c — Modbus RTU replies as the poller decodes them: the
 * real poller thread (detection of speed and protocol, every profile's
 * register blocks, topology, modules, aggregation, controls) talks to
 * nvsim's register maps through the fake link, whose replies the fuzz
 * input times out, corrupts, rewrites or replaces (see fake_link.c).
 *
 * Input: byte 0 picks the nvsim profile (every UPS / STS model nvsim
 * has), byte 1: bit 0 queues a UPS shut-off command, bits 1-2 give
 * comm-loss-after - 1; the rest is the fake link's script.  A run ends
 * when the script runs out or the poller declares the device lost.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_link.h"
#include "fuzz_util.h"
#include "config_ups_control.h"
#include "device.h"
#include "sim.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t n_profiles(void)
{
	size_t n = 0;

	while (sim_profile_at(n) != NULL)
		n++;
	return n;
}

static struct sim_ctx *sim_new(const struct sim_profile *prof)
{
	struct sim_ctx *c = calloc(1, sizeof(*c));

	if (c == NULL)
		abort();
	c->prof = prof;
	c->units = prof->units;
	c->slave = 1;
	c->baud = 9600;
	c->time_scale = 1.0;
	c->rng = 12345;
	c->listen_fd = c->wire.master = c->wire.slave_keep = -1;
	for (int k = 0; k < c->units; k++)
		if ((c->unit[k] = sim_unit_new()) == NULL)
			abort();
	sim_phys_init(c);
	return c;
}

static void sim_free(struct sim_ctx *c)
{
	for (int k = 0; k < SIM_MAX_UNITS; k++)
		free(c->unit[k]);
	for (int i = 0; i < c->nwrites; i++)
		free(c->writes[i]);
	free(c);
}

/* Follow the poller until the script is used up or the device is lost. */
static void follow(struct nv_poller *p)
{
	static struct nv_snapshot snap;
	struct pollfd pfd[2] = {
		{ .fd = nv_poller_fd(p), .events = POLLIN },
		{ .fd = fake_link_exhausted_fd(), .events = POLLIN },
	};

	memset(&snap, 0, sizeof(snap));
	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;       /* libFuzzer's timers */
			abort();
		}
		if (pfd[1].revents != 0)
			return;
		if (nv_poller_take(p, &snap) && snap.comm == NV_COMM_LOST)
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nv_serial_cfg serial = { .device = "/dev/fuzz-ups", .baud = 0,
		.slave = 1, .timeout_ms = 50 };
	struct nv_poll_cfg pc = { .interval_s = 0, .status_interval_ms = 0 };
	struct nv_command cmd = { .kind = NV_CMD_SHUTOFF, .delay_s = 120,
		.restart_min = 1 };
	struct nv_controls_cfg controls;
	struct nv_command_result res;
	struct nv_control_caps caps;
	struct nv_poller *p;
	struct sim_ctx *sim;
	unsigned id;

	if (size < 2)
		return 0;
	nv_fuzz_setup();
	sim = sim_new(sim_profile_at(data[0] % n_profiles()));
	pc.comm_loss_after = 1 + (data[1] >> 1 & 3);
	fake_link_begin(sim, data + 2, size - 2);
	nv_controls_cfg_defaults(&controls);
	if (nv_poller_start(&p, &serial, &pc, &controls) != 0)
		abort();
	if ((data[1] & 1) && nv_poller_submit(p, &cmd, &id) != 0)
		abort();
	follow(p);
	nv_poller_control_caps(p, &caps);
	while (nv_poller_result(p, &res))
		;
	nv_poller_stop(p);
	fake_link_end();
	sim_free(sim);
	return 0;
}
