/*
 * fuzz_nut_protocol.c — what a NUT client sends to nvagentd's NUT server:
 * the byte stream cut into lines under the length bound (nv_nut_lines_*,
 * in the pieces a socket would give), each line split and served by the
 * server's dispatcher (nv_nut_dispatch) for one session, against two UPSs
 * (two devices: "ups" and "ups-b", one link up, the other down) and users
 * as nvagentd has them.  The server around it (UPS
 * commands, FSD, client list) answers from the stubs below; sockets are
 * not part of the target.
 *
 * Input: byte 0 bit 0 says whether the first device's serial link is up, bits 1-3 the
 * size of the pieces (1 << n bytes); the rest is the stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_util.h"
#include "model.h"
#include "nut_line.h"
#include "nut_session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NUPS 2

static int numlogins(void *arg, unsigned ups)
{
	(void)arg;
	return (int)ups + 1;
}

static void clients(void *arg, unsigned ups, const char *name, struct nv_text *out)
{
	(void)arg;
	nv_text_printf(out, "CLIENT %s 127.0.0.%u\n", name, ups + 1);
}

static bool available(void *arg, unsigned ups, const struct nv_nut_cmd *c)
{
	(void)arg;
	return c->name[0] != 'b' || ups == 1;   /* one the first device lacks */
}

static const char *instcmd(void *arg, unsigned ups, struct nv_nut_session *s,
    const struct nv_nut_cmd *c, const char *who)
{
	(void)arg, (void)s, (void)c, (void)who;
	if (ups >= NUPS)
		abort();        /* only a UPS the view has */
	return NULL;
}

static void set_var(void *arg, unsigned ups, const char *name, int value, const char *who)
{
	(void)arg, (void)name, (void)value, (void)who;
	if (ups >= NUPS)
		abort();
}

static void fsd(void *arg, unsigned ups, const char *who)
{
	if (ups >= NUPS)
		abort();
	((bool *)arg)[ups] = who != NULL;
}

static void denied(void *arg, const struct nv_nut_session *s, const char *what)
{
	(void)arg, (void)s, (void)what;
}

static void users(struct nv_nut_cfg *cfg)
{
	static const char *const name[] = { "mon", "boss", "admin" };

	nv_nut_cfg_defaults(cfg);
	cfg->enabled = true;
	for (int i = 0; i < 3; i++) {
		struct nv_nut_user *u = &cfg->user[cfg->n_users++];

		snprintf(u->name, sizeof(u->name), "%s", name[i]);
		snprintf(u->password, sizeof(u->password), "pw");
		u->upsmon = (enum nv_nut_upsmon)(i < 2 ? i + 1 : 0);
		u->may_fsd = i == 1;
		u->may_set = u->all_instcmds = i == 2;
	}
}

static void ups(struct nv_snapshot *s, bool link_ok)
{
	nv_snapshot_init(s);
	s->comm = link_ok ? NV_COMM_OK : NV_COMM_LOST;
	s->kind = NV_KIND_UPS;
	s->id.phases_in = s->id.phases_out = 3;
	snprintf(s->id.model, sizeof(s->id.model), "MASTERYS \"3/3\" \\ UPS");
	for (int p = 0; p < 3; p++)
		s->sys.ups.in_voltage[p] = s->sys.ups.out_voltage[p] = 2300 + p;
	s->sys.ups.batt_charge = 87;
	s->sys.ups.batt_minutes = 12;
	s->sys.ups.batt_current = -52;
	nv_cond_set(&s->sys, NV_C_ON_BATTERY, true);
	nv_cond_set(&s->sys, NV_C_OVERLOAD, true);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nv_nut_cfg cfg;
	static struct nv_snapshot snap[NUPS];
	bool fsd_set[NUPS] = { false, false };
	struct nv_nut_server_ops ops = { fsd_set, numlogins, clients, available, instcmd,
		set_var, fsd, denied, NULL };
	struct nv_nut_ups ups_served[NUPS] = {
		{ .name = "ups", .desc = "Room \"A\"",
		  .vars = { .snap = &snap[0], .delay_shutdown_s = 120, .delay_start_s = 120 } },
		{ .name = "ups-b", .desc = "",
		  .vars = { .snap = &snap[1], .delay_shutdown_s = 120, .delay_start_s = 120 } },
	};
	struct nv_nut_server_view v = { .cfg = &cfg, .ops = &ops, .ups = ups_served,
		.nups = NUPS };
	struct nv_nut_session s = { .peer = "127.0.0.1" };
	struct nv_nut_lines lines = { .len = 0 };
	struct nv_text out;
	char line[NV_NUT_LINE_MAX];
	size_t piece, at = 1;

	if (size < 1)
		return 0;
	nv_fuzz_setup();
	users(&cfg);
	ups(&snap[0], data[0] & 1);
	ups(&snap[1], !(data[0] & 1));
	piece = (size_t)1 << (data[0] >> 1 & 7);
	nv_text_init(&out);
	while (at < size) {
		size_t room, n;
		char *p = nv_nut_lines_space(&lines, &room);
		enum nv_nut_line_rc rc;

		n = size - at < piece ? size - at : piece;
		n = n < room ? n : room;
		memcpy(p, data + at, n);
		nv_nut_lines_added(&lines, n);
		at += n;
		while ((rc = nv_nut_lines_next(&lines, line)) != NV_NUT_LINE_NONE) {
			if (rc == NV_NUT_LINE_OK &&
			    nv_nut_dispatch(&v, &s, line, &out) == NV_NUT_CLOSE)
				at = size;
			for (int i = 0; i < NUPS; i++)
				ups_served[i].vars.fsd = fsd_set[i];
			if (out.len > 0 && out.buf[out.len - 1] != '\n')
				abort();        /* every answer is whole lines */
			nv_text_clear(&out);
		}
	}
	nv_text_free(&out);
	return 0;
}
