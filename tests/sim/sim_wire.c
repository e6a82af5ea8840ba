/*
 * sim_wire.c — the Modbus RTU slave on a pseudo-terminal.
 *
 * Frames are cut and answered here rather than by libmodbus's server
 * side: libmodbus accepts one slave id per context and cannot send the
 * broken replies the fault injection needs (wrong slave id, bad CRC,
 * garbage).  The timing of a real line is reproduced on request.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sim.h"

#define IDLE_MS 20      /* a partial frame older than this is line noise */

static speed_t
baud_speed(int baud)
{
	switch (baud) {
	case 1200: return B1200;
	case 2400: return B2400;
	case 4800: return B4800;
	case 9600: return B9600;
	case 19200: return B19200;
	case 38400: return B38400;
	case 57600: return B57600;
	case 115200: return B115200;
	}
	return B0;
}

uint16_t
sim_crc16(const uint8_t *p, size_t n)
{
	uint16_t crc = 0xFFFF;
	size_t i;
	int b;

	for (i = 0; i < n; i++) {
		crc ^= p[i];
		for (b = 0; b < 8; b++)
			crc = (crc & 1) ? (uint16_t)((crc >> 1) ^ 0xA001) : (uint16_t)(crc >> 1);
	}
	return crc;
}

/* Whole exchange on a real 8N1 line: both frames, two 3.5-char gaps, turnaround. */
double
sim_exchange_ms(int baud, size_t req, size_t reply, int turnaround_ms)
{
	double char_ms = 10.0 * 1000.0 / baud;

	return (double)(req + reply) * char_ms + 2 * 3.5 * char_ms + turnaround_ms;
}

static void
ts_add_ms(struct timespec *t, double ms)
{
	long ns = (long)(ms * 1e6);

	t->tv_sec += ns / 1000000000L;
	t->tv_nsec += ns % 1000000000L;
	if (t->tv_nsec >= 1000000000L) {
		t->tv_sec++;
		t->tv_nsec -= 1000000000L;
	}
}

static double
ts_diff_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) * 1e3 +
	    (double)(a->tv_nsec - b->tv_nsec) / 1e6;
}

int
sim_wire_open(struct sim_ctx *c, const char *link)
{
	struct sim_wire *wr = &c->wire;
	struct termios t;
	char *name;

	if (openpty(&wr->master, &wr->slave_keep, NULL, NULL, NULL) < 0) {
		fprintf(stderr, "nvsim: openpty: %s\n", strerror(errno));
		return -1;
	}
	if (tcgetattr(wr->slave_keep, &t) < 0) {
		fprintf(stderr, "nvsim: tcgetattr: %s\n", strerror(errno));
		return -1;
	}
	cfmakeraw(&t);
	cfsetispeed(&t, baud_speed(c->baud));
	cfsetospeed(&t, baud_speed(c->baud));
	if (tcsetattr(wr->slave_keep, TCSANOW, &t) < 0) {
		fprintf(stderr, "nvsim: tcsetattr: %s\n", strerror(errno));
		return -1;
	}
	if (fcntl(wr->master, F_SETFL, O_NONBLOCK) < 0 ||
	    fcntl(wr->master, F_SETFD, FD_CLOEXEC) < 0 ||
	    fcntl(wr->slave_keep, F_SETFD, FD_CLOEXEC) < 0) {
		fprintf(stderr, "nvsim: fcntl: %s\n", strerror(errno));
		return -1;
	}
	name = ttyname(wr->slave_keep);
	if (name == NULL) {
		fprintf(stderr, "nvsim: ttyname: %s\n", strerror(errno));
		return -1;
	}
	if (link != NULL) {
		/* replace a stale link of an earlier run, never a real file */
		if (unlink(link) < 0 && errno != ENOENT) {
			fprintf(stderr, "nvsim: %s: %s\n", link, strerror(errno));
			return -1;
		}
		if (symlink(name, link) < 0) {
			fprintf(stderr, "nvsim: symlink %s: %s\n", link, strerror(errno));
			return -1;
		}
		c->pty_link = link;
	}
	fprintf(stderr, "nvsim: profile %s on %s%s%s, slave %d, %d baud\n",
	    c->prof->name, name, link ? " as " : "", link ? link : "",
	    c->slave, c->baud);
	return 0;
}

void
sim_wire_close(struct sim_ctx *c)
{
	if (c->pty_link != NULL)
		unlink(c->pty_link);
	c->pty_link = NULL;
	if (c->wire.master >= 0)
		close(c->wire.master);
	if (c->wire.slave_keep >= 0)
		close(c->wire.slave_keep);
	c->wire.master = c->wire.slave_keep = -1;
}

void
sim_count(struct sim_ctx *c, uint8_t fc, uint16_t addr)
{
	int i;

	for (i = 0; i < c->ncounters; i++) {
		if (c->counters[i].fc == fc && c->counters[i].addr == addr) {
			c->counters[i].n++;
			return;
		}
	}
	if (c->ncounters < SIM_MAX_COUNTERS)
		c->counters[c->ncounters++] = (struct sim_counter){ fc, addr, 1 };
}

static void
log_write(struct sim_ctx *c, uint8_t fc, uint16_t addr, const uint8_t *data, int n)
{
	char buf[SIM_FRAME_MAX * 8], *entry;
	size_t off;
	int i;

	off = (size_t)snprintf(buf, sizeof(buf), "fc%02X:0x%04X=", fc, addr);
	for (i = 0; i < n && off < sizeof(buf) - 8; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s0x%02X%02X",
		    i ? "," : "", data[2 * i], data[2 * i + 1]);
	entry = strdup(buf);
	if (entry == NULL)
		return;
	if (c->nwrites == SIM_MAX_WRITES) {
		free(c->writes[0]);
		memmove(c->writes, c->writes + 1, sizeof(c->writes[0]) * (SIM_MAX_WRITES - 1));
		c->nwrites--;
	}
	c->writes[c->nwrites++] = entry;
}

/* Append what the device made of the last write to its log entry. */
static void
note_write(struct sim_ctx *c, const char *what)
{
	char *entry;
	size_t n;

	if (what == NULL || c->nwrites == 0)
		return;
	n = strlen(c->writes[c->nwrites - 1]) + strlen(what) + 1;
	entry = realloc(c->writes[c->nwrites - 1], n);
	if (entry == NULL)
		return;
	strcat(entry, what);    /* no blank: `writes` separates entries by one */
	c->writes[c->nwrites - 1] = entry;
}

static size_t
finish(uint8_t *r, size_t n)
{
	uint16_t crc = sim_crc16(r, n);

	r[n] = (uint8_t)(crc & 0xFF);
	r[n + 1] = (uint8_t)(crc >> 8);
	return n + 2;
}

static size_t
exception(const uint8_t *req, uint8_t code, uint8_t *r)
{
	r[0] = req[0];
	r[1] = (uint8_t)(req[1] | 0x80);
	r[2] = code;
	return finish(r, 3);
}

static size_t
read_regs(struct sim_ctx *c, struct sim_unit *u, const uint8_t *req, uint8_t *r)
{
	unsigned addr = (unsigned)req[2] << 8 | req[3];
	unsigned qty = (unsigned)req[4] << 8 | req[5], i;

	if (qty < 1 || qty > 125)
		return exception(req, 3, r);
	if (!sim_readable(c->prof->proto, addr, qty))
		return exception(req, 2, r);
	r[0] = req[0];
	r[1] = req[1];
	r[2] = (uint8_t)(2 * qty);
	for (i = 0; i < qty; i++) {
		r[3 + 2 * i] = (uint8_t)(u->val[addr + i] >> 8);
		r[4 + 2 * i] = (uint8_t)(u->val[addr + i] & 0xFF);
	}
	return finish(r, 3 + 2 * qty);
}

/* Functions 1 / 2: the environment sensor's two contacts, as coils or
 * discrete inputs 0 and 1 (1 = closed); no other device has bits. */
static size_t
read_bits(struct sim_ctx *c, const uint8_t *req, uint8_t *r)
{
	unsigned addr = (unsigned)req[2] << 8 | req[3];
	unsigned qty = (unsigned)req[4] << 8 | req[5], i;

	if (!sim_has_env(c))
		return exception(req, 1, r);
	if (qty < 1 || qty > 2000)
		return exception(req, 3, r);
	if (addr + qty > 2)
		return exception(req, 2, r);
	r[0] = req[0];
	r[1] = req[1];
	r[2] = 1;
	r[3] = 0;
	for (i = 0; i < qty; i++)
		if (c->env.in[addr + i])
			r[3] |= (uint8_t)(1u << i);
	return finish(r, 4);
}

static size_t
write_one(struct sim_ctx *c, struct sim_unit *u, const uint8_t *req, uint8_t *r)
{
	uint16_t addr = (uint16_t)(req[2] << 8 | req[3]);

	const char *what;
	bool refuse = false;

	if (!sim_writable(c->prof->proto, addr, 1))
		return exception(req, 2, r);
	sim_put(u, addr, (uint16_t)(req[4] << 8 | req[5]));
	log_write(c, req[1], addr, req + 4, 1);
	what = sim_cmd_written(c, u, addr, (uint16_t)(req[4] << 8 | req[5]), &refuse);
	note_write(c, what);
	if (refuse)
		return exception(req, 6, r);      /* "busy", in SOCOMEC's list */
	memcpy(r, req, 6);
	return finish(r, 6);
}

static size_t
write_many(struct sim_ctx *c, struct sim_unit *u, const uint8_t *req, size_t len,
    uint8_t *r)
{
	uint16_t addr = (uint16_t)(req[2] << 8 | req[3]);
	unsigned qty = (unsigned)req[4] << 8 | req[5], i;
	const char *what;

	if (qty < 1 || qty > 123 || req[6] != 2 * qty || len != 9 + 2 * qty)
		return exception(req, 3, r);
	if (!sim_writable(c->prof->proto, addr, qty))
		return exception(req, 2, r);
	for (i = 0; i < qty; i++)
		sim_put(u, (uint16_t)(addr + i),
		    (uint16_t)(req[7 + 2 * i] << 8 | req[8 + 2 * i]));
	log_write(c, req[1], addr, req + 7, (int)qty);
	what = sim_ctl_written(c, u, addr, qty);
	note_write(c, what != NULL ? what : sim_clock_written(c, u, addr, qty));
	memcpy(r, req, 6);
	return finish(r, 6);
}

/* The sensor beside a UPS (--env-slave): its two registers, its contacts. */
static size_t
env_frame(struct sim_ctx *c, const uint8_t *req, uint8_t *r)
{
	unsigned addr = (unsigned)req[2] << 8 | req[3];
	unsigned qty = (unsigned)req[4] << 8 | req[5], i;

	if (req[1] == 0x01 || req[1] == 0x02)
		return read_bits(c, req, r);
	if (req[1] != 0x03 && req[1] != 0x04)
		return exception(req, 1, r);
	if (qty < 1 || addr + qty > 2)
		return exception(req, 2, r);
	r[0] = req[0];
	r[1] = req[1];
	r[2] = (uint8_t)(2 * qty);
	for (i = 0; i < qty; i++) {
		r[3 + 2 * i] = (uint8_t)(c->env_unit->val[addr + i] >> 8);
		r[4 + 2 * i] = (uint8_t)(c->env_unit->val[addr + i] & 0xFF);
	}
	return finish(r, 3 + 2 * qty);
}

/*
 * Answer one request (CRC already checked, slave id one of ours).
 * Returns the reply length, CRC included.
 */
size_t
sim_handle_frame(struct sim_ctx *c, const uint8_t *req, size_t len,
    uint8_t *reply, size_t cap)
{
	struct sim_unit *u;
	uint16_t addr = len >= 4 ? (uint16_t)(req[2] << 8 | req[3]) : 0;

	if (cap < SIM_FRAME_MAX)
		return 0;
	sim_count(c, req[1], addr);
	if (c->env_slave != 0 && req[0] == c->env_slave)
		return env_frame(c, req, reply);
	u = c->unit[req[0] - c->slave];
	switch (req[1]) {
	case 0x01:
	case 0x02:
		return read_bits(c, req, reply);
	case 0x03:
	case 0x04:
		return read_regs(c, u, req, reply);
	case 0x06:
		return write_one(c, u, req, reply);
	case 0x10:
		return write_many(c, u, req, len, reply);
	}
	return exception(req, 1, reply);
}

/* Length of the frame at the start of b: >0 known, 0 need more, -1 unknown. */
static long
frame_len(const uint8_t *b, size_t n)
{
	if (n < 2)
		return 0;
	switch (b[1]) {
	case 1: case 2: case 3: case 4: case 5: case 6:
		return 8;
	case 15: case 16:
		return n < 7 ? 0 : 9 + (long)b[6];
	case 7: case 11: case 12: case 17:
		return 4;
	}
	return -1;
}

static bool
baud_matches(const struct sim_ctx *c)
{
	struct termios t;

	if (tcgetattr(c->wire.master, &t) < 0)
		return true;
	return cfgetospeed(&t) == baud_speed(c->baud);
}

static void
corrupt(struct sim_ctx *c, uint8_t *r, size_t n)
{
	size_t i;

	if (c->fault[SIM_F_EXCEPTION]) {
		uint8_t req[2] = { r[0], (uint8_t)(r[1] & 0x7F) };

		n = exception(req, 4, r);
	}
	if (c->fault[SIM_F_WRONG_SLAVE]) {
		int other = c->slave + c->units;    /* an id nobody here owns */

		r[0] = (uint8_t)(other > 247 ? c->slave - 1 : other);
		n = finish(r, n - 2);
	}
	if (c->fault[SIM_F_BAD_CRC])
		r[n - 1] ^= 0x5A;
	if (c->fault[SIM_F_GARBAGE]) {
		for (i = 0; i < n; i++) {
			c->rng = c->rng * 1103515245u + 12345u;
			r[i] = (uint8_t)(c->rng >> 16);
		}
	}
	c->wire.txlen = n;
}

static void
process(struct sim_ctx *c, const uint8_t *f, size_t len)
{
	struct sim_wire *wr = &c->wire;
	int unit = (int)f[0] - c->slave + 1;
	size_t n;
	double delay = c->slow_ms;

	if (f[0] == 0 || ((unit < 1 || unit > c->units) &&
	    (c->env_slave == 0 || f[0] != c->env_slave))) {
		c->other_slave++;
		return;
	}
	if (!baud_matches(c)) {
		c->bad_baud++;
		return;
	}
	if (c->fault[SIM_F_NO_RESPONSE]) {
		c->dropped++;
		return;
	}
	n = sim_handle_frame(c, f, len, wr->tx, sizeof(wr->tx));
	if (n == 0)
		return;
	wr->txlen = n;
	corrupt(c, wr->tx, n);
	if (c->wire_timing)
		delay += sim_exchange_ms(c->baud, len, n, c->turnaround_ms);
	wr->due = wr->rx_start;
	ts_add_ms(&wr->due, delay);
	wr->pending = true;
}

static void
drop(struct sim_wire *wr, size_t n)
{
	memmove(wr->rx, wr->rx + n, wr->rxlen - n);
	wr->rxlen -= n;
}

/* Cut complete frames from the buffer; resynchronise on a bad CRC. */
static void
parse(struct sim_ctx *c, bool idle)
{
	struct sim_wire *wr = &c->wire;

	while (!wr->pending && wr->rxlen >= 4) {
		long need = frame_len(wr->rx, wr->rxlen);
		size_t n = need > 0 ? (size_t)need : wr->rxlen;

		if (need == 0 || (need < 0 && !idle) || (need > 0 && wr->rxlen < n))
			break;
		if (n > SIM_FRAME_MAX || sim_crc16(wr->rx, n) != 0) {
			c->bad_crc++;
			drop(wr, 1);
			continue;
		}
		process(c, wr->rx, n);
		drop(wr, n);
	}
	if (idle && !wr->pending)
		wr->rxlen = 0;
}

void
sim_wire_input(struct sim_ctx *c)
{
	struct sim_wire *wr = &c->wire;
	ssize_t n;

	for (;;) {
		if (wr->rxlen == sizeof(wr->rx))
			wr->rxlen = 0;      /* a flood of noise: start over */
		n = read(wr->master, wr->rx + wr->rxlen, sizeof(wr->rx) - wr->rxlen);
		if (n <= 0)
			break;
		if (wr->rxlen == 0)
			clock_gettime(CLOCK_MONOTONIC, &wr->rx_start);
		clock_gettime(CLOCK_MONOTONIC, &wr->rx_last);
		wr->rxlen += (size_t)n;
	}
	parse(c, false);
}

static void
send_reply(struct sim_ctx *c)
{
	struct sim_wire *wr = &c->wire;
	size_t off = 0;
	int tries = 0;

	while (off < wr->txlen && tries++ < 100) {
		ssize_t n = write(wr->master, wr->tx + off, wr->txlen - off);

		if (n > 0)
			off += (size_t)n;
		else if (n < 0 && errno != EAGAIN && errno != EINTR)
			break;
	}
	wr->pending = false;
	/* the next request in the buffer started when this reply ended */
	clock_gettime(CLOCK_MONOTONIC, &wr->rx_start);
}

/* Send a reply whose time has come; cut stale partial frames. */
void
sim_wire_flush_due(struct sim_ctx *c)
{
	struct sim_wire *wr = &c->wire;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (wr->pending && ts_diff_ms(&wr->due, &now) <= 2.0) {
		while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &wr->due, NULL) == EINTR)
			;
		send_reply(c);
		parse(c, false);
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!wr->pending && wr->rxlen > 0 && ts_diff_ms(&now, &wr->rx_last) >= IDLE_MS)
		parse(c, true);
}

/* How long the main loop may sleep before the wire needs attention. */
int
sim_wire_timeout_ms(const struct sim_ctx *c)
{
	const struct sim_wire *wr = &c->wire;
	struct timespec now;
	double ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (wr->pending)
		ms = ts_diff_ms(&wr->due, &now) - 1.0;
	else if (wr->rxlen > 0)
		ms = IDLE_MS - ts_diff_ms(&now, &wr->rx_last) + 1.0;
	else
		return -1;
	return ms < 0 ? 0 : (int)ms;
}
