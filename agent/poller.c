/*
 * poller.c — the thread that owns the serial line (see poller.h).
 *
 * Loop: detect (speed, protocol), read every block of every unit once,
 * then poll.  Each pass of the poll loop reads the status and alarm blocks
 * of every unit back to back (the fast lane) and publishes a snapshot;
 * then at most one read of the slow lane (measurements every interval_s,
 * identity and config every ~10 min, the permission words), so that a
 * status read is never delayed by more than one short read: long blocks
 * are read in pieces of SLOW_CHUNK_WORDS.  comm_loss_after failed passes in a row
 * invalidate the data and start detection again, with a backoff.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "detect.h"
#include "log.h"
#include "modbus_link.h"
#include "poller.h"
#include "poller_control.h"
#include "profile.h"
#include "reg_image.h"

_Static_assert(NV_PROFILE_MAX_BLOCKS <= NV_IMAGE_MAX_BLOCKS &&
    NV_PROFILE_MAX_WORDS <= NV_IMAGE_MAX_WORDS, "a profile block must fit the image");

#define IDENT_REFRESH_S   600
#define BACKOFF_FIRST_MS  1000
#define BACKOFF_MAX_MS    30000
/* A slow-lane read of the 80-word VU-MAP block takes ~200 ms at 9600
 * baud; an alarm arriving just then would wait for it.  24 words take
 * about as long as the status + alarm reads (~80 ms), so that an event
 * is seen within about two fast-lane passes at worst; each extra piece
 * costs one request (~31 ms at 9600 baud) per measurement interval. */
#define SLOW_CHUNK_WORDS  24
#define CHUNKS_MAX        ((NV_PROFILE_MAX_WORDS + SLOW_CHUNK_WORDS - 1) / SLOW_CHUNK_WORDS)
/* one job per piece of every slow block of every unit, + the permission words */
#define MAX_JOBS          (NV_MAX_UNITS * NV_PROFILE_MAX_BLOCKS * CHUNKS_MAX + 1)
#define JOB_REMOTE        0xFF  /* slow_job.block: read the permission words */
/* An unchanged status read is published at most this often (a pty with
 * no wire timing answers in 0.1 ms: the main thread need not wake 10k
 * times a second to learn nothing).  Any change is published at once. */
#define QUIET_PUBLISH_S   0.1

enum state { ST_DETECT, ST_POLL };

struct slow_job {
	uint8_t unit;           /* 0-based */
	uint8_t block;          /* index in the profile, or JOB_REMOTE */
	uint16_t first, count;  /* the piece: words first .. first + count - 1 */
};

struct nv_poller {
	/* shared with the main thread, under lock */
	pthread_mutex_t lock;
	bool stop, reconf;
	struct nv_serial_cfg new_serial;
	struct nv_poll_cfg new_poll;
	struct nv_snapshot pub;
	struct nv_reg_image pub_image;  /* the registers pub was decoded from */
	double full_read_ms;
	int pub_fd;             /* eventfd: a snapshot was published */
	int wake_fd;            /* eventfd: stop or reconfigure */
	pthread_t thread;
	/* control commands (see poller.h): a FIFO in, a FIFO of results out */
	struct nv_command cmd[NV_POLLER_MAX_COMMANDS];
	unsigned cmd_id[NV_POLLER_MAX_COMMANDS];
	int n_cmd;
	unsigned next_cmd_id;
	struct nv_command_result res[NV_POLLER_MAX_COMMANDS];
	int n_res;
	const struct nv_profile *pub_prof;      /* profile of the published snapshot */
	int pub_remote;         /* permission read: 1, 0, -1 unknown */

	/* the thread's own */
	struct nv_serial_cfg serial;
	struct nv_poll_cfg poll;
	struct nv_link link;
	struct nv_trace trace;  /* own lock: filled by the thread while on */
	enum state state;
	const struct nv_profile *prof;
	int last_baud;
	int backoff_ms;
	bool retry_wait;        /* wait backoff_ms before the next detection */
	int failed_cycles;
	int unit_failed[NV_MAX_UNITS];
	struct nv_regs regs[NV_MAX_UNITS];
	/* modular system: unit k's module positions (T003) and first module[] index */
	uint32_t mod_mask[NV_MAX_UNITS];
	int mod_first[NV_MAX_UNITS];
	struct timespec batt_since[NV_MAX_UNITS];
	bool on_batt[NV_MAX_UNITS];
	bool dev_gives_seconds;
	struct slow_job jobs[MAX_JOBS];
	int n_jobs, job;
	bool piece_failed;      /* a piece of the block being read failed */
	double meas_due, ident_due;
	bool skip[NV_PROFILE_MAX_BLOCKS];      /* blocks this device refuses */
	struct nv_ratelimit rl_err;
	struct nv_snapshot work;
	uint64_t seq;
	bool dirty;             /* work differs from what was published */
	double published_at;
};

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool stopping(struct nv_poller *p)
{
	bool s;

	pthread_mutex_lock(&p->lock);
	s = p->stop || p->reconf;
	pthread_mutex_unlock(&p->lock);
	return s;
}

static bool detect_cancelled(void *arg)
{
	return stopping(arg);
}

static void drain(int fd)
{
	uint64_t v;

	while (read(fd, &v, sizeof(v)) == (ssize_t)sizeof(v))
		;
}

/* Sleep up to ms, woken early by stop / reconfigure. */
static void wait_ms(struct nv_poller *p, int ms)
{
	struct pollfd pfd = { .fd = p->wake_fd, .events = POLLIN };

	if (ms <= 0 || stopping(p))
		return;
	if (poll(&pfd, 1, ms) > 0)
		drain(p->wake_fd);
}

/* The raw words of every present unit, for the register gateways; none
 * while the link is not up, so that nothing stale is ever served. */
static void publish_image(struct nv_poller *p, struct nv_reg_image *im)
{
	im->seq = p->work.seq;
	im->n_units = 0;
	im->n_blocks = 0;
	memset(im->have, 0, sizeof(im->have));
	if (p->work.comm != NV_COMM_OK || p->prof == NULL)
		return;
	im->n_units = p->work.n_units;
	im->n_blocks = p->prof->n_blocks;
	for (int b = 0; b < p->prof->n_blocks; b++) {
		im->block[b].addr = p->prof->blocks[b].addr;
		im->block[b].count = p->prof->blocks[b].count;
	}
	for (int k = 0; k < p->work.n_units; k++) {
		if (!p->work.unit[k].present)
			continue;
		for (int b = 0; b < p->prof->n_blocks; b++) {
			im->have[k][b] = p->regs[k].have[b];
			memcpy(im->w[k][b], p->regs[k].w[b],
			    p->prof->blocks[b].count * sizeof(uint16_t));
		}
	}
}

static void publish(struct nv_poller *p)
{
	uint64_t one = 1;

	clock_gettime(CLOCK_MONOTONIC, &p->work.taken);
	p->work.wallclock = time(NULL);
	p->work.seq = ++p->seq;
	p->dirty = false;
	p->published_at = mono_s();
	pthread_mutex_lock(&p->lock);
	p->pub = p->work;
	publish_image(p, &p->pub_image);
	p->pub_prof = p->work.comm == NV_COMM_OK ? p->prof : NULL;
	pthread_mutex_unlock(&p->lock);
	if (write(p->pub_fd, &one, sizeof(one)) == -1 && errno != EAGAIN)
		nv_log(LOG_ERR, "poller: cannot signal a new snapshot: %s",
		    strerror(errno));
}

static void publish_if_news(struct nv_poller *p)
{
	if (p->dirty || mono_s() - p->published_at >= QUIET_PUBLISH_S)
		publish(p);
}

static void set_comm(struct nv_poller *p, enum nv_comm c)
{
	if (p->work.comm != c)
		clock_gettime(CLOCK_MONOTONIC, &p->work.comm_since);
	p->work.comm = c;
}

/* Rate-limited warning for errors that repeat during an outage. */
static void warn_limited(struct nv_poller *p, const char *what, const char *why)
{
	unsigned suppressed = 0;

	if (!nv_ratelimit_ok(&p->rl_err, &suppressed))
		return;
	if (suppressed)
		nv_log(LOG_WARNING, "serial: %s: %s: %s (%u similar suppressed)",
		    p->serial.device, what, why, suppressed);
	else
		nv_log(LOG_WARNING, "serial: %s: %s: %s", p->serial.device, what, why);
}

static enum nv_link_err read_block(struct nv_poller *p, int unit, int b)
{
	const struct nv_block *blk = &p->prof->blocks[b];
	enum nv_link_err e;

	e = nv_link_read(&p->link, p->serial.slave + unit, blk->addr, blk->count,
	    p->regs[unit].w[b], &p->work.stats);
	if (e == NV_LINK_OK) {
		p->regs[unit].have[b] = true;
		return e;
	}
	if (e == NV_LINK_GONE)
		nv_link_close(&p->link);
	return e;
}

/* Words first .. first + count - 1 of a block; the block is whole (have)
 * once its last piece is read. */
static enum nv_link_err read_piece(struct nv_poller *p, int unit, int b,
    int first, int count)
{
	const struct nv_block *blk = &p->prof->blocks[b];
	enum nv_link_err e;

	e = nv_link_read(&p->link, p->serial.slave + unit, (uint16_t)(blk->addr + first),
	    count, p->regs[unit].w[b] + first, &p->work.stats);
	if (e == NV_LINK_GONE)
		nv_link_close(&p->link);
	return e;
}

/* ---- decoding into the work snapshot ---- */

static void system_nominal(struct nv_poller *p);

static bool profile_gives_seconds(const struct nv_profile *prof)
{
	for (int i = 0; i < prof->n_meas; i++)
		if (prof->meas[i].field == offsetof(struct nv_unit, ups.batt_seconds_on))
			return true;
	return false;
}

/* Seconds on battery: the device's when it gives them, else counted here;
 * 0 whenever the unit is not on battery. */
static void seconds_on_battery(struct nv_poller *p, int k)
{
	struct nv_unit *u = &p->work.unit[k];
	struct timespec now;

	if (p->prof->kind != NV_KIND_UPS)
		return;
	if (!nv_cond_get(u, NV_C_ON_BATTERY)) {
		p->on_batt[k] = false;
		u->ups.batt_seconds_on = 0;
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!p->on_batt[k]) {
		p->on_batt[k] = true;
		p->batt_since[k] = now;
	}
	if (!p->dev_gives_seconds || u->ups.batt_seconds_on == NV_NA)
		u->ups.batt_seconds_on = (int32_t)(now.tv_sec - p->batt_since[k].tv_sec);
}

/*
 * A modular system's modules are numbered across units, as the NET VISION
 * shows them: unit 1's present modules by position first, then unit 2's,
 * and so on, at most NV_MAX_MODULES in all.
 */
static void decode_system_modules(struct nv_poller *p, int k)
{
	struct nv_module bits[16];
	int m = p->mod_first[k];

	memset(bits, 0, sizeof(bits));
	nv_profile_decode_modules(p->prof, &p->regs[k], 16, bits);
	for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++) {
		if (!((p->mod_mask[k] >> j) & 1u))
			continue;
		bits[j].present = true;
		p->work.module[m++] = bits[j];
	}
}

/* A unit that stopped answering: its modules' states are unknown, not stale. */
static void clear_system_modules(struct nv_poller *p, int k)
{
	int m = p->mod_first[k];

	for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++)
		if ((p->mod_mask[k] >> j) & 1u) {
			memset(&p->work.module[m], 0, sizeof(p->work.module[m]));
			p->work.module[m++].present = true;
		}
}

static void decode_status(struct nv_poller *p, int k)
{
	struct nv_unit *u = &p->work.unit[k];
	struct nv_unit before = *u;

	nv_profile_decode_status(p->prof, &p->regs[k], u);
	if (p->work.topo == NV_TOPO_PARALLEL || p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		nv_cond_set(u, NV_C_PARALLEL, true);
	seconds_on_battery(p, k);
	if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		decode_system_modules(p, k);
	else if (k == 0 && p->work.n_modules > 0)
		nv_profile_decode_modules(p->prof, &p->regs[0], p->work.n_modules,
		    p->work.module);
	if (memcmp(before.cond, u->cond, sizeof(u->cond)) != 0 ||
	    memcmp(before.status_raw, u->status_raw, sizeof(u->status_raw)) != 0 ||
	    memcmp(before.alarm_raw, u->alarm_raw, sizeof(u->alarm_raw)) != 0)
		p->dirty = true;
}

static void decode_block(struct nv_poller *p, int k, int b)
{
	switch (p->prof->blocks[b].cls) {
	case NV_BLK_STATUS:
	case NV_BLK_ALARM:
		decode_status(p, k);
		break;
	case NV_BLK_MEAS:
		nv_profile_decode_meas(p->prof, &p->regs[k], b, &p->work.unit[k]);
		seconds_on_battery(p, k);
		p->dirty = true;
		break;
	case NV_BLK_IDENTITY:
	case NV_BLK_CONFIG:
		if (k == 0) {
			p->prof->identity(&p->regs[0], &p->work.id);
			system_nominal(p);
		}
		break;
	}
}

static void clear_identity(struct nv_identity *id)
{
	memset(id, 0, sizeof(*id));
	id->type_code = NV_NA;
	id->nominal_kva = id->nominal_kw = id->unit_kva = NV_NA;
	id->nominal_vin = id->nominal_vout = NV_NA;
	id->nominal_fin = id->nominal_fout = NV_NA;
	id->battery_ah = NV_NA;
	id->phases_in = id->phases_out = 1;
}

/* ---- detection and the first complete read ---- */

/*
 * Every block of one unit, back to back.  0, or the first error.  A block
 * unit 1 refuses with an exception (a model without it) is left out from
 * then on; its values stay NV_NA.
 */
static enum nv_link_err read_all_blocks(struct nv_poller *p, int k)
{
	memset(&p->regs[k].have, 0, sizeof(p->regs[k].have));
	for (int b = 0; b < p->prof->n_blocks; b++) {
		enum nv_link_err e;

		if (p->skip[b])
			continue;
		e = read_block(p, k, b);
		if (e == NV_LINK_EXCEPTION && k == 0 && b != p->prof->probe_block) {
			nv_log(LOG_WARNING, "serial: the device refuses block 0x%04X x%u; "
			    "its values are left unknown", p->prof->blocks[b].addr,
			    p->prof->blocks[b].count);
			p->skip[b] = true;
			continue;
		}
		if (e != NV_LINK_OK)
			return e;
	}
	return NV_LINK_OK;
}

static void decode_all(struct nv_poller *p, int k)
{
	for (int b = 0; b < p->prof->n_blocks; b++)
		decode_block(p, k, b);
}

static void apply_topology(struct nv_poller *p)
{
	struct nv_topo_info t;

	p->prof->topology(&p->regs[0], &t);
	p->work.topo = t.topo;
	p->work.n_units = t.n_units;
	p->work.n_modules = t.n_modules;
	for (int k = 0; k < NV_MAX_UNITS; k++) {
		nv_unit_clear(&p->work.unit[k]);
		p->work.unit[k].present = k < t.n_units && ((t.unit_mask >> k) & 1u);
	}
	for (int m = 0; m < NV_MAX_MODULES; m++) {
		memset(&p->work.module[m], 0, sizeof(p->work.module[m]));
		p->work.module[m].present = m < t.n_modules && ((t.module_mask >> m) & 1u);
	}
}

/*
 * A modular system states no unit count (see profile_vumap.c): units 2..4
 * were probed at consecutive slave ids.  It ends at the last one that
 * answered as a modular system; a silent unit before that stays present
 * (and unknown) as in any parallel system, with no modules until the next
 * detection.  Then each unit's modules get their module[] indexes.
 */
static void modular_system_layout(struct nv_poller *p, const bool *answered)
{
	int last = 0, m = 0;

	for (int k = 1; k < p->work.n_units; k++) {
		struct nv_topo_info t;

		if (!answered[k])
			continue;
		p->prof->topology(&p->regs[k], &t);
		if (t.topo == NV_TOPO_MODULAR_SYSTEM)
			last = k;
	}
	memset(p->work.module, 0, sizeof(p->work.module));
	for (int k = 0; k < NV_MAX_UNITS; k++) {
		struct nv_topo_info t;

		p->mod_mask[k] = 0;
		p->mod_first[k] = m;
		if (k > last) {
			nv_unit_clear(&p->work.unit[k]);
			continue;
		}
		p->work.unit[k].present = true;
		if (!answered[k])
			continue;
		p->prof->topology(&p->regs[k], &t);
		if (t.topo != NV_TOPO_MODULAR_SYSTEM)
			continue;
		p->mod_mask[k] = t.module_mask;
		for (int j = 0; j < 16 && m < NV_MAX_MODULES; j++)
			if ((t.module_mask >> j) & 1u)
				p->work.module[m++].present = true;
	}
	p->work.n_units = last + 1;
	p->work.n_modules = m;
}

/* Nominal power of the whole system: the sum over units that answered. */
static void system_nominal(struct nv_poller *p)
{
	int kva = 0, kw = 0, got = 0;

	for (int k = 0; k < p->work.n_units; k++) {
		struct nv_identity id;

		if (!p->work.unit[k].present)
			continue;
		clear_identity(&id);
		p->prof->identity(&p->regs[k], &id);
		if (id.unit_kva != NV_NA) {
			kva += id.unit_kva;
			got++;
		}
		if (id.nominal_kw != NV_NA)
			kw += id.nominal_kw;
	}
	p->work.id.nominal_kva = got ? kva : NV_NA;
	if (got && p->work.id.nominal_kw != NV_NA)
		p->work.id.nominal_kw = kw;
}

static void add_job(struct nv_poller *p, int unit, int block, int first, int count)
{
	struct slow_job *j = &p->jobs[p->n_jobs++];

	j->unit = (uint8_t)unit;
	j->block = (uint8_t)block;
	j->first = (uint16_t)first;
	j->count = (uint16_t)count;
}

/* The slow-lane set: every slow block of every unit in pieces, then the
 * permission words, each read in a pass of its own. */
static void schedule_slow(struct nv_poller *p, bool with_identity)
{
	p->n_jobs = 0;
	p->job = 0;
	for (int k = 0; k < p->work.n_units; k++) {
		if (!p->work.unit[k].present)
			continue;
		for (int b = 0; b < p->prof->n_blocks; b++) {
			enum nv_block_class c = p->prof->blocks[b].cls;
			int words = p->prof->blocks[b].count;

			if (p->skip[b])
				continue;
			if (c != NV_BLK_MEAS && !(with_identity &&
			    (c == NV_BLK_IDENTITY || c == NV_BLK_CONFIG)))
				continue;
			for (int w = 0; w < words; w += SLOW_CHUNK_WORDS)
				add_job(p, k, b, w, words - w < SLOW_CHUNK_WORDS ?
				    words - w : SLOW_CHUNK_WORDS);
		}
	}
	add_job(p, 0, JOB_REMOTE, 0, 0);
}

static void log_found(struct nv_poller *p)
{
	const struct nv_identity *id = &p->work.id;

	nv_log(LOG_NOTICE, "serial: %s: %s %s \"%s\" serial \"%s\", %d baud, "
	    "%d/%d phases, %s, %d unit(s), %d module(s)", p->serial.device,
	    p->prof->name, p->prof->kind == NV_KIND_STS ? "STS" : "UPS",
	    id->model, id->serial, p->work.baud, id->phases_in, id->phases_out,
	    nv_topology_name(p->work.topo), p->work.n_units, p->work.n_modules);
}

static void refresh_remote(struct nv_poller *p, const struct nv_control_override *ovr);

/* Detect, read everything once, publish.  0 when polling can start. */
static int detect_and_read(struct nv_poller *p)
{
	struct nv_detect_req rq = {
		.device = p->serial.device, .baud = p->serial.baud,
		.last_baud = p->last_baud, .slave = p->serial.slave,
		.timeout_ms = p->serial.timeout_ms,
		.cancelled = detect_cancelled, .arg = p,
	};
	struct nv_detect_res res;
	bool answered[NV_MAX_UNITS] = { false };
	double t0;

	if (nv_detect(&p->link, &rq, &p->work.stats, &res) == -1) {
		if (res.gone)
			warn_limited(p, "cannot open", strerror(res.open_errno));
		else if (!stopping(p))
			warn_limited(p, "detection", "no UPS or STS answers at any speed");
		return -1;
	}
	p->prof = res.prof;
	p->dev_gives_seconds = profile_gives_seconds(p->prof);
	p->last_baud = res.baud;
	memset(p->regs, 0, sizeof(p->regs));
	memset(p->on_batt, 0, sizeof(p->on_batt));
	memset(p->skip, 0, sizeof(p->skip));
	t0 = mono_s();
	if (read_all_blocks(p, 0) != NV_LINK_OK)
		return -1;
	pthread_mutex_lock(&p->lock);
	p->full_read_ms = (mono_s() - t0) * 1e3;
	pthread_mutex_unlock(&p->lock);

	p->work.kind = p->prof->kind;
	p->work.proto = p->prof->proto;
	p->work.baud = res.baud;
	clear_identity(&p->work.id);
	apply_topology(p);
	p->work.unit[0].present = true;
	answered[0] = true;
	for (int k = 1; k < p->work.n_units; k++) {
		if (!p->work.unit[k].present)
			continue;
		answered[k] = read_all_blocks(p, k) == NV_LINK_OK;
		if (answered[k] || p->work.topo == NV_TOPO_MODULAR_SYSTEM)
			continue;
		nv_log(LOG_WARNING, "serial: unit %d (slave %d) does not answer",
		    k + 1, p->serial.slave + k);
		nv_unit_clear(&p->work.unit[k]);
		p->work.unit[k].present = true;
	}
	if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
		modular_system_layout(p, answered);
	decode_all(p, 0);
	for (int k = 1; k < p->work.n_units; k++)
		if (p->work.unit[k].present)
			decode_all(p, k);
	system_nominal(p);
	nv_aggregate(&p->work);
	if (p->work.comm == NV_COMM_LOST)
		nv_log(LOG_NOTICE, "serial: %s: communication with the device restored",
		    p->serial.device);
	set_comm(p, NV_COMM_OK);
	p->failed_cycles = 0;
	memset(p->unit_failed, 0, sizeof(p->unit_failed));
	p->n_jobs = p->job = 0;
	p->meas_due = mono_s() + p->poll.interval_s;
	p->ident_due = mono_s() + IDENT_REFRESH_S;
	log_found(p);
	publish(p);
	refresh_remote(p, NULL);
	return 0;
}

/* ---- polling ---- */

static void comm_lost(struct nv_poller *p, enum nv_link_err why)
{
	if (p->work.comm != NV_COMM_LOST)
		nv_log(LOG_ERR, "serial: %s: communication with the device lost (%s)",
		    p->serial.device, nv_link_err_name(why));
	nv_snapshot_invalidate(&p->work);
	set_comm(p, NV_COMM_LOST);
	publish(p);
	p->state = ST_DETECT;
	p->backoff_ms = BACKOFF_FIRST_MS;
	p->retry_wait = true;
}

static enum nv_link_err read_class(struct nv_poller *p, int k, enum nv_block_class c)
{
	for (int b = 0; b < p->prof->n_blocks; b++) {
		if (p->prof->blocks[b].cls != c || p->skip[b])
			continue;
		enum nv_link_err e = read_block(p, k, b);

		if (e != NV_LINK_OK)
			return e;
	}
	return NV_LINK_OK;
}

/* Status + alarms of every unit.  Returns the last error, OK if any unit answered. */
static enum nv_link_err fast_lane(struct nv_poller *p, bool *any_ok)
{
	enum nv_link_err last = NV_LINK_OK;
	double t0 = mono_s();

	*any_ok = false;
	for (int k = 0; k < p->work.n_units && !stopping(p); k++) {
		enum nv_link_err e;

		if (!p->work.unit[k].present)
			continue;
		e = read_class(p, k, NV_BLK_STATUS);
		if (e == NV_LINK_OK)
			e = read_class(p, k, NV_BLK_ALARM);
		if (e == NV_LINK_OK) {
			p->unit_failed[k] = 0;
			decode_status(p, k);
			*any_ok = true;
			continue;
		}
		last = e;
		if (++p->unit_failed[k] == p->poll.comm_loss_after &&
		    p->work.n_units > 1) {
			nv_log(LOG_WARNING, "serial: unit %d (slave %d) stopped answering",
			    k + 1, p->serial.slave + k);
			nv_unit_clear(&p->work.unit[k]);
			p->work.unit[k].present = true;
			if (p->work.topo == NV_TOPO_MODULAR_SYSTEM)
				clear_system_modules(p, k);
			p->dirty = true;
		}
		if (e == NV_LINK_GONE)
			break;
	}
	if (*any_ok) {
		p->work.stats.cycles++;
		p->work.stats.last_cycle_ms = (mono_s() - t0) * 1e3;
	}
	return last;
}

/* One block of the slow lane, if one is due.  True when a set completed. */
static bool slow_lane(struct nv_poller *p)
{
	double now = mono_s();
	struct slow_job *j;

	if (p->job >= p->n_jobs) {
		if (now < p->meas_due)
			return false;
		schedule_slow(p, now >= p->ident_due);
		if (now >= p->ident_due)
			p->ident_due = now + IDENT_REFRESH_S;
		p->meas_due = now + p->poll.interval_s;
		if (p->n_jobs == 0)
			return false;
	}
	j = &p->jobs[p->job++];
	if (j->block == JOB_REMOTE) {
		refresh_remote(p, NULL);
		return p->job >= p->n_jobs;
	}
	if (j->first == 0)
		p->piece_failed = false;
	if (read_piece(p, j->unit, j->block, j->first, j->count) != NV_LINK_OK)
		p->piece_failed = true;
	else if (j->first + j->count == p->prof->blocks[j->block].count &&
	    !p->piece_failed) {
		p->regs[j->unit].have[j->block] = true;
		decode_block(p, j->unit, j->block);
	}
	return p->job >= p->n_jobs;
}

/* The permission words, refreshed with each slow-lane set. */
static void refresh_remote(struct nv_poller *p, const struct nv_control_override *ovr)
{
	struct nv_control_map m;
	int r;

	nv_control_effective(p->prof, ovr, &m);
	r = nv_control_read_remote(&p->link, p->serial.slave, &m, &p->work.stats);
	pthread_mutex_lock(&p->lock);
	p->pub_remote = r;
	pthread_mutex_unlock(&p->lock);
}

/* Run the queued commands, oldest first, and queue their results. */
static void run_commands(struct nv_poller *p)
{
	for (;;) {
		struct nv_command c;
		struct nv_command_result r = { 0 };

		pthread_mutex_lock(&p->lock);
		if (p->n_cmd == 0) {
			pthread_mutex_unlock(&p->lock);
			return;
		}
		c = p->cmd[0];
		r.id = p->cmd_id[0];
		memmove(p->cmd, p->cmd + 1, sizeof(p->cmd[0]) * (size_t)(p->n_cmd - 1));
		memmove(p->cmd_id, p->cmd_id + 1, sizeof(p->cmd_id[0]) * (size_t)(p->n_cmd - 1));
		p->n_cmd--;
		pthread_mutex_unlock(&p->lock);

		r.kind = c.kind;
		if (p->state != ST_POLL || p->work.comm != NV_COMM_OK) {
			r.status = NV_CMDS_REFUSED;
			snprintf(r.text, sizeof(r.text), "not communicating with the device");
		} else {
			r.status = nv_control_execute(&p->link, p->serial.slave, p->prof,
			    &c, &p->work.stats, r.text, sizeof(r.text));
			refresh_remote(p, &c.ovr);
		}
		pthread_mutex_lock(&p->lock);
		if (p->n_res == NV_POLLER_MAX_COMMANDS)
			memmove(p->res, p->res + 1, sizeof(p->res[0]) * (NV_POLLER_MAX_COMMANDS - 1));
		else
			p->n_res++;
		p->res[p->n_res - 1] = r;
		pthread_mutex_unlock(&p->lock);
		publish(p);     /* wakes the main loop to collect the result */
	}
}

static void poll_once(struct nv_poller *p)
{
	bool any_ok;
	enum nv_link_err e = fast_lane(p, &any_ok);
	double t0 = mono_s();

	if (stopping(p))
		return;
	if (!any_ok) {
		warn_limited(p, "status read", e == NV_LINK_GONE && !nv_link_is_open(&p->link) &&
		    p->link.last_errno == 0 ? "device closed" : nv_link_strerror(&p->link));
		if (++p->failed_cycles >= p->poll.comm_loss_after)
			comm_lost(p, e);
		return;
	}
	p->failed_cycles = 0;
	nv_aggregate(&p->work);
	publish_if_news(p);
	if (slow_lane(p)) {
		nv_aggregate(&p->work);
		publish(p);
	}
	run_commands(p);
	if (p->poll.status_interval_ms > 0)
		wait_ms(p, p->poll.status_interval_ms - (int)((mono_s() - t0) * 1e3));
}

/* ---- the thread ---- */

static void sanitize(struct nv_serial_cfg *s, struct nv_poll_cfg *c)
{
	if (s->slave < 1 || s->slave > 247)
		s->slave = 1;
	if (s->timeout_ms <= 0)
		s->timeout_ms = 500;
	if (c->comm_loss_after < 1)
		c->comm_loss_after = 1;
	if (c->interval_s < 0)
		c->interval_s = 0;
	if (c->status_interval_ms < 0)
		c->status_interval_ms = 0;
}

/* Take new settings, if any: close the line and detect again. */
static bool apply_reconfig(struct nv_poller *p)
{
	bool stop;

	pthread_mutex_lock(&p->lock);
	stop = p->stop;
	if (p->reconf && !stop) {
		p->serial = p->new_serial;
		p->poll = p->new_poll;
		p->reconf = false;
		sanitize(&p->serial, &p->poll);
		nv_link_close(&p->link);
		p->state = ST_DETECT;
		p->backoff_ms = 0;
		p->retry_wait = false;
		p->last_baud = 0;
		nv_log(LOG_INFO, "serial: new settings for %s, detecting again",
		    p->serial.device);
	}
	pthread_mutex_unlock(&p->lock);
	return stop;
}

static void detect_step(struct nv_poller *p)
{
	if (detect_and_read(p) == 0) {
		p->state = ST_POLL;
		p->backoff_ms = 0;
		return;
	}
	if (stopping(p))
		return;
	/* no answer: say so at once (data stays NV_NA), then back off */
	if (p->work.comm != NV_COMM_LOST) {
		nv_snapshot_invalidate(&p->work);
		set_comm(p, NV_COMM_LOST);
		publish(p);
	}
	p->backoff_ms = p->backoff_ms <= 0 ? BACKOFF_FIRST_MS :
	    p->backoff_ms * 2 > BACKOFF_MAX_MS ? BACKOFF_MAX_MS : p->backoff_ms * 2;
	wait_ms(p, p->backoff_ms);
}

static void *poller_main(void *arg)
{
	struct nv_poller *p = arg;

	while (!apply_reconfig(p)) {
		if (p->state == ST_POLL) {
			poll_once(p);
		} else if (p->retry_wait) {
			/* just lost: give the device a moment before detecting */
			p->retry_wait = false;
			wait_ms(p, p->backoff_ms);
		} else {
			detect_step(p);
		}
		if (p->state != ST_POLL)
			run_commands(p);
	}
	nv_link_close(&p->link);
	return NULL;
}

int nv_poller_start(struct nv_poller **out, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll_cfg)
{
	struct nv_poller *p = calloc(1, sizeof(*p));
	int err;

	if (p == NULL)
		return -1;
	p->serial = *serial;
	p->poll = *poll_cfg;
	sanitize(&p->serial, &p->poll);
	p->state = ST_DETECT;
	p->rl_err.interval = 60;
	p->pub_remote = -1;
	nv_snapshot_init(&p->work);
	p->work.n_units = 1;
	p->pub = p->work;
	p->pub_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	p->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (p->pub_fd == -1 || p->wake_fd == -1)
		goto fail;
	if ((err = pthread_mutex_init(&p->lock, NULL)) != 0) {
		errno = err;
		goto fail;
	}
	if ((err = nv_trace_init(&p->trace)) != 0) {
		pthread_mutex_destroy(&p->lock);
		errno = err;
		goto fail;
	}
	p->link.trace = &p->trace;
	if ((err = pthread_create(&p->thread, NULL, poller_main, p)) != 0) {
		nv_trace_destroy(&p->trace);
		pthread_mutex_destroy(&p->lock);
		errno = err;
		goto fail;
	}
	*out = p;
	return 0;
fail:
	err = errno;
	if (p->pub_fd != -1)
		close(p->pub_fd);
	if (p->wake_fd != -1)
		close(p->wake_fd);
	free(p);
	errno = err;
	return -1;
}

int nv_poller_fd(const struct nv_poller *p)
{
	return p->pub_fd;
}

bool nv_poller_take(struct nv_poller *p, struct nv_snapshot *dst)
{
	return nv_poller_take_with_image(p, dst, NULL);
}

bool nv_poller_take_with_image(struct nv_poller *p, struct nv_snapshot *dst,
    struct nv_reg_image *image)
{
	bool newer;

	drain(p->pub_fd);
	pthread_mutex_lock(&p->lock);
	newer = p->pub.seq != dst->seq;
	if (newer)
		*dst = p->pub;
	if (newer && image != NULL)
		*image = p->pub_image;
	pthread_mutex_unlock(&p->lock);
	return newer;
}

static void wake(struct nv_poller *p)
{
	uint64_t one = 1;

	if (write(p->wake_fd, &one, sizeof(one)) == -1 && errno != EAGAIN)
		nv_log(LOG_ERR, "poller: cannot wake the thread: %s", strerror(errno));
}

void nv_poller_reconfigure(struct nv_poller *p, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll_cfg)
{
	pthread_mutex_lock(&p->lock);
	p->new_serial = *serial;
	p->new_poll = *poll_cfg;
	p->reconf = true;
	pthread_mutex_unlock(&p->lock);
	wake(p);
}

struct nv_trace *nv_poller_trace(struct nv_poller *p)
{
	return &p->trace;
}

double nv_poller_full_read_ms(struct nv_poller *p)
{
	double ms;

	pthread_mutex_lock(&p->lock);
	ms = p->full_read_ms;
	pthread_mutex_unlock(&p->lock);
	return ms;
}

int nv_poller_submit(struct nv_poller *p, const struct nv_command *c, unsigned *id)
{
	int rc = -1;

	pthread_mutex_lock(&p->lock);
	if (p->n_cmd < NV_POLLER_MAX_COMMANDS) {
		p->cmd[p->n_cmd] = *c;
		p->cmd_id[p->n_cmd] = *id = ++p->next_cmd_id;
		p->n_cmd++;
		rc = 0;
	}
	pthread_mutex_unlock(&p->lock);
	if (rc == 0)
		wake(p);
	return rc;
}

bool nv_poller_result(struct nv_poller *p, struct nv_command_result *r)
{
	bool got = false;

	pthread_mutex_lock(&p->lock);
	if (p->n_res > 0) {
		*r = p->res[0];
		memmove(p->res, p->res + 1, sizeof(p->res[0]) * (size_t)(p->n_res - 1));
		p->n_res--;
		got = true;
	}
	pthread_mutex_unlock(&p->lock);
	return got;
}

void nv_poller_control_caps(struct nv_poller *p, const struct nv_control_override *ovr,
    struct nv_control_caps *caps)
{
	struct nv_control_map m;
	const struct nv_profile *prof;

	pthread_mutex_lock(&p->lock);
	prof = p->pub_prof;
	caps->remote = p->pub_remote;
	pthread_mutex_unlock(&p->lock);
	nv_control_effective(prof, ovr, &m);
	caps->detected = prof != NULL;
	caps->has_shutoff = prof != NULL && m.shutoff_addr != 0;
	caps->min_delay_s = m.min_delay_s;
	caps->max_delay_s = m.max_delay_s;
	caps->max_restart_min = m.max_restart_min;
}

void nv_poller_stop(struct nv_poller *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_mutex_unlock(&p->lock);
	wake(p);
	pthread_join(p->thread, NULL);
	nv_trace_destroy(&p->trace);
	pthread_mutex_destroy(&p->lock);
	close(p->pub_fd);
	close(p->wake_fd);
	free(p);
}
