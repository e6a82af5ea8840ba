/*
 * fake_link.c — see fake_link.h.  The script holds one operation byte
 * per request (low 3 bits), some followed by operands:
 *   0-2  the device's reply as it is
 *   3    no reply (timeout)
 *   4    one byte of the reply flipped (operand: position, then xor mask):
 *        mostly a CRC error, sometimes a frame that still checks
 *   5    one register of the reply replaced (operands: word index, value
 *        hi, lo) with the CRC made right: a value the device never sends
 *   6    a whole reply of the script's own (operand: length, then bytes)
 *   7    the device changes first (operand: a scenario), then replies
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <modbus.h>

#include "fake_link.h"
#include "device/private/modbus_link.h"
#include "sim.h"

static const char *const scenarios[] = {
	"mains-fail", "mains-restore", "battery-low", "overload", "on-bypass",
	"source1-fail", "source1-restore", "source2-fail", "transfer", "clear",
};

/* Shared by the poller thread (reads) and the fuzz driver (begin / end). */
static struct {
	pthread_mutex_t lock;
	struct sim_ctx *sim;
	const uint8_t *p;
	size_t left;
	int exhausted_fd;
	int opened;             /* a fake handle for l->ctx */
} fl = { .lock = PTHREAD_MUTEX_INITIALIZER, .exhausted_fd = -1 };

void fake_link_begin(struct sim_ctx *sim, const uint8_t *script, size_t len)
{
	uint64_t v;

	if (fl.exhausted_fd < 0 &&
	    (fl.exhausted_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0)
		abort();
	while (read(fl.exhausted_fd, &v, sizeof(v)) == (ssize_t)sizeof(v))
		;
	pthread_mutex_lock(&fl.lock);
	fl.sim = sim;
	fl.p = script;
	fl.left = len;
	pthread_mutex_unlock(&fl.lock);
}

void fake_link_end(void)
{
	pthread_mutex_lock(&fl.lock);
	fl.sim = NULL;
	fl.left = 0;
	pthread_mutex_unlock(&fl.lock);
}

int fake_link_exhausted_fd(void)
{
	return fl.exhausted_fd;
}

/* Next script byte; false (and the driver told) when there is none. */
static bool take(uint8_t *b)
{
	uint64_t one = 1;

	if (fl.left == 0) {
		if (write(fl.exhausted_fd, &one, sizeof(one)) < 0)
			abort();
		return false;
	}
	*b = *fl.p++;
	fl.left--;
	return true;
}

int nv_link_open(struct nv_link *l, const char *dev, int baud, int timeout_ms)
{
	pthread_mutex_lock(&fl.lock);
	if (fl.sim == NULL || fl.left == 0) {
		pthread_mutex_unlock(&fl.lock);
		errno = ENOENT;
		return -1;
	}
	fl.sim->baud = baud;
	pthread_mutex_unlock(&fl.lock);
	l->ctx = &fl.opened;
	snprintf(l->device, sizeof(l->device), "%s", dev);
	l->baud = baud;
	l->timeout_ms = timeout_ms;
	return 0;
}

void nv_link_close(struct nv_link *l)
{
	l->ctx = NULL;
}

static uint16_t crc16(const uint8_t *p, size_t n)
{
	return sim_crc16(p, n);
}

static void fix_crc(uint8_t *f, size_t n)
{
	uint16_t c = crc16(f, n - 2);

	f[n - 2] = (uint8_t)(c & 0xFF);
	f[n - 1] = (uint8_t)(c >> 8);
}

/* The device's reply to req (0 bytes: it says nothing).  Lock held. */
static size_t device_reply(const uint8_t *req, size_t len, uint8_t *reply, size_t cap)
{
	struct sim_ctx *c = fl.sim;
	int unit = (int)req[0] - c->slave + 1;

	if (req[0] == 0 || unit < 1 || unit > c->units)
		return 0;
	return sim_handle_frame(c, req, len, reply, cap);
}

/* Apply the script's operation to the reply; false: the device is gone. */
static bool script_step(const uint8_t *req, size_t len, uint8_t *r, size_t *n, size_t cap)
{
	uint8_t op, a = 0, b = 0, v = 0;

	if (!take(&op))
		return false;
	switch (op & 7) {
	case 3:
		*n = 0;
		break;
	case 4:
		if (take(&a) && take(&b) && *n > 0)
			r[a % *n] ^= b;
		break;
	case 5:
		if (take(&a) && take(&b) && take(&v) && *n > 5 && (r[1] & 0x80) == 0) {
			size_t words = (*n - 5) / 2, at = 3 + 2 * (a % (words > 0 ? words : 1));

			if (words > 0) {
				r[at] = b;
				r[at + 1] = v;
				fix_crc(r, *n);
			}
		}
		break;
	case 6:
		*n = 0;
		if (take(&a))
			for (size_t i = 0; i < a && i < cap && take(&b); i++)
				r[(*n)++] = b;
		break;
	case 7:
		if (take(&a)) {
			sim_scenario(fl.sim, scenarios[a % (sizeof(scenarios) / sizeof(*scenarios))]);
			sim_phys_step(fl.sim, 1.0);
			sim_render(fl.sim);
			*n = device_reply(req, len, r, cap);
		}
		break;
	}
	return true;
}

/* What a Modbus master makes of reply r to request q: the errno
 * libmodbus would give, or 0 with the words in dst (function 3). */
static int check_reply(const uint8_t *q, const uint8_t *r, size_t n, int count, uint16_t *dst)
{
	if (n == 0)
		return ETIMEDOUT;
	if (n < 5)
		return ETIMEDOUT;       /* a master waits for the rest */
	if (crc16(r, n - 2) != (uint16_t)(r[n - 2] | r[n - 1] << 8))
		return EMBBADCRC;
	if (r[0] != q[0])
		return EMBBADSLAVE;
	if (r[1] == (q[1] | 0x80))
		return r[2] >= 1 && r[2] <= 0x0B ? MODBUS_ENOBASE + r[2] : EMBBADEXC;
	if (r[1] != q[1])
		return EMBBADDATA;
	if (q[1] == 0x03) {
		if (r[2] != 2 * count || n != (size_t)(5 + 2 * count))
			return EMBBADDATA;
		for (int i = 0; i < count; i++)
			dst[i] = (uint16_t)(r[3 + 2 * i] << 8 | r[4 + 2 * i]);
		return 0;
	}
	if (n != 8 || memcmp(r + 2, q + 2, 4) != 0)
		return EMBBADDATA;      /* 0x06 and 0x10 echo address and value / count */
	return 0;
}

static enum nv_link_err exchange(struct nv_link *l, int slave, int function,
    uint16_t addr, int count, uint16_t *dst, const uint16_t *src, struct nv_poll_stats *st)
{
	uint8_t q[SIM_FRAME_MAX + 8], r[SIM_FRAME_MAX + 8];
	size_t qlen = 6, n;
	int e;

	if (l->ctx == NULL)
		return NV_LINK_GONE;
	if (count < 1 || count > 123)
		abort();        /* the poller never asks for that */
	st->requests++;
	q[0] = (uint8_t)slave;
	q[1] = (uint8_t)function;
	q[2] = (uint8_t)(addr >> 8);
	q[3] = (uint8_t)addr;
	q[4] = 0;
	q[5] = (uint8_t)count;
	if (function == 0x06) {
		q[4] = (uint8_t)(src[0] >> 8);
		q[5] = (uint8_t)src[0];
	} else if (src != NULL) {
		q[6] = (uint8_t)(2 * count);
		for (int i = 0; i < count; i++) {
			q[7 + 2 * i] = (uint8_t)(src[i] >> 8);
			q[8 + 2 * i] = (uint8_t)src[i];
		}
		qlen = 7 + 2 * (size_t)count;
	}
	qlen += 2;
	fix_crc(q, qlen);
	pthread_mutex_lock(&fl.lock);
	if (fl.sim == NULL) {
		pthread_mutex_unlock(&fl.lock);
		return NV_LINK_GONE;
	}
	n = device_reply(q, qlen, r, sizeof(r));
	if (!script_step(q, qlen, r, &n, sizeof(r))) {
		pthread_mutex_unlock(&fl.lock);
		l->ctx = NULL;
		return nv_link_failed(l, ENXIO, dst != NULL, st);
	}
	pthread_mutex_unlock(&fl.lock);
	e = check_reply(q, r, n, count, dst);
	return e == 0 ? NV_LINK_OK : nv_link_failed(l, e, dst != NULL, st);
}

enum nv_link_err nv_link_read(struct nv_link *l, int slave, uint16_t addr,
    int n, uint16_t *dst, struct nv_poll_stats *st)
{
	return exchange(l, slave, 0x03, addr, n, dst, NULL, st);
}

enum nv_link_err nv_link_write(struct nv_link *l, int slave, uint16_t addr,
    int n, const uint16_t *src, struct nv_poll_stats *st)
{
	return exchange(l, slave, 0x10, addr, n, NULL, src, st);
}

enum nv_link_err nv_link_write_one(struct nv_link *l, int slave, uint16_t addr,
    uint16_t value, struct nv_poll_stats *st)
{
	return exchange(l, slave, 0x06, addr, 1, NULL, &value, st);
}
