/*
 * poller.c — the thread that owns the serial line (see device.h): its
 * main loop, start and stop, and the hand-off of snapshots, settings and
 * wake-ups to and from the main thread.
 *
 * Loop: detect (speed, protocol), read every block of every unit once,
 * then poll in passes (poller_schedule.c, poll_plan.h: a head of status
 * and alarm reads, then one tail read), publishing each change as soon as
 * it is read.  comm_loss_after failed passes in a row invalidate the data
 * and start detection again, with a backoff.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event_fd.h"
#include "private/poller_private.h"

_Static_assert(NV_PROFILE_MAX_BLOCKS <= NV_IMAGE_MAX_BLOCKS &&
    NV_PROFILE_MAX_WORDS <= NV_IMAGE_MAX_WORDS, "a profile block must fit the image");

double pl_mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool pl_stopping(struct nv_poller *p)
{
	bool s;

	pthread_mutex_lock(&p->lock);
	s = p->stop || p->reconf;
	pthread_mutex_unlock(&p->lock);
	return s;
}

bool pl_detect_cancelled(void *arg)
{
	return pl_stopping(arg);
}

/* Sleep up to ms, woken early by stop / reconfigure. */
void pl_wait_ms(struct nv_poller *p, int ms)
{
	struct pollfd pfd = { .fd = p->wake_fd, .events = POLLIN };

	if (ms <= 0 || pl_stopping(p))
		return;
	if (poll(&pfd, 1, ms) > 0)
		nv_event_fd_drain(p->wake_fd);
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

void pl_publish(struct nv_poller *p)
{
	clock_gettime(CLOCK_MONOTONIC, &p->work.taken);
	p->work.wallclock = time(NULL);
	p->work.seq = ++p->seq;
	p->dirty = false;
	p->published_at = pl_mono_s();
	pthread_mutex_lock(&p->lock);
	p->pub = p->work;
	publish_image(p, &p->pub_image);
	p->pub_prof = p->work.comm == NV_COMM_OK ? p->prof : NULL;
	pthread_mutex_unlock(&p->lock);
	nv_event_fd_ring(p->pub_fd, "a new snapshot");
}

void pl_publish_if_news(struct nv_poller *p)
{
	if (p->dirty || pl_mono_s() - p->published_at >= QUIET_PUBLISH_S)
		pl_publish(p);
}

void pl_set_comm(struct nv_poller *p, enum nv_comm c)
{
	if (p->work.comm != c)
		clock_gettime(CLOCK_MONOTONIC, &p->work.comm_since);
	p->work.comm = c;
}

/* Rate-limited warning for errors that repeat during an outage. */
void pl_warn_limited(struct nv_poller *p, const char *what, const char *why)
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

/* ---- the environment sensor on the same line ---- */

static bool env_here(const struct nv_env_cfg *c)
{
	return c->enabled && c->shared;
}

/*
 * One reading of the sensor when it is due: one request per value, at
 * the UPS's speed, between two passes, so that a UPS alarm waits at most
 * that long.  While the UPS is not polled (detection) the sensor is not
 * read either, and goes "not answering" after comm-loss-after intervals.
 */
void pl_env_between_passes(struct nv_poller *p)
{
	enum nv_link_err err;
	double now = pl_mono_s();

	pthread_mutex_lock(&p->lock);
	if (p->env_reconf) {
		p->env_cfg = p->new_env;
		p->env_reconf = false;
		nv_env_reader_init(&p->env);
		if (!env_here(&p->env_cfg))
			nv_env_init(&p->env.env, false);
		p->work.env = p->env.env;
		p->dirty = true;
	}
	pthread_mutex_unlock(&p->lock);
	if (!env_here(&p->env_cfg) || now < p->env.next_s)
		return;
	p->env.next_s = now + p->env_cfg.poll_interval_s;
	if (p->state != ST_POLL || !nv_link_is_open(&p->link)) {
		if (!nv_env_reader_missed(&p->env, &p->env_cfg))
			return;
	} else if (!nv_env_reader_poll(&p->env, &p->link, &p->env_cfg, &err)) {
		return;
	}
	p->env.env.seq++;
	p->work.env = p->env.env;
	p->dirty = true;
	pl_publish_if_news(p);
}

void nv_poller_share_env(struct nv_poller *p, const struct nv_env_cfg *cfg)
{
	pthread_mutex_lock(&p->lock);
	p->new_env = *cfg;
	p->env_reconf = true;
	pthread_mutex_unlock(&p->lock);
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
	if (p->reconf && !stop && !p->redetect) {
		p->controls = p->new_controls;
		p->reconf = false;
	} else if (p->reconf && !stop) {
		p->serial = p->new_serial;
		p->poll = p->new_poll;
		p->controls = p->new_controls;
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

static void *poller_main(void *arg)
{
	struct nv_poller *p = arg;

	while (!apply_reconfig(p)) {
		if (p->state == ST_POLL) {
			pl_poll_once(p);
			pl_env_between_passes(p);
		} else if (p->retry_wait) {
			/* just lost: give the device a moment before detecting */
			p->retry_wait = false;
			pl_wait_ms(p, p->backoff_ms);
		} else {
			pl_detect_step(p);
		}
		if (p->state != ST_POLL) {
			pl_env_between_passes(p);
			pl_run_commands(p);
		}
	}
	nv_link_close(&p->link);
	return NULL;
}

int nv_poller_start(struct nv_poller **out, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll_cfg, const struct nv_controls_cfg *controls)
{
	struct nv_poller *p = calloc(1, sizeof(*p));
	int err;

	if (p == NULL)
		return -1;
	p->serial = *serial;
	p->poll = *poll_cfg;
	p->main_serial = *serial;
	p->main_poll = *poll_cfg;
	p->controls = p->main_controls = *controls;
	sanitize(&p->serial, &p->poll);
	p->state = ST_DETECT;
	p->rl_err.interval = 60;
	p->pub_remote = -1;
	nv_snapshot_init(&p->work);
	p->work.n_units = 1;
	p->pub = p->work;
	p->pub_fd = nv_event_fd_open();
	p->wake_fd = nv_event_fd_open();
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

	nv_event_fd_drain(p->pub_fd);
	pthread_mutex_lock(&p->lock);
	newer = p->pub.seq != dst->seq;
	if (newer)
		*dst = p->pub;
	if (newer && image != NULL)
		*image = p->pub_image;
	pthread_mutex_unlock(&p->lock);
	return newer;
}

void pl_wake(struct nv_poller *p)
{
	nv_event_fd_ring(p->wake_fd, "the poller thread");
}

void nv_poller_reconfigure(struct nv_poller *p, const struct nv_serial_cfg *serial,
    const struct nv_poll_cfg *poll_cfg, const struct nv_controls_cfg *controls)
{
	bool line = memcmp(serial, &p->main_serial, sizeof(*serial)) != 0 ||
	    memcmp(poll_cfg, &p->main_poll, sizeof(*poll_cfg)) != 0;

	if (!line && memcmp(controls, &p->main_controls, sizeof(*controls)) == 0)
		return;
	p->main_serial = *serial;
	p->main_poll = *poll_cfg;
	p->main_controls = *controls;
	pthread_mutex_lock(&p->lock);
	p->new_serial = *serial;
	p->new_poll = *poll_cfg;
	p->new_controls = *controls;
	p->reconf = true;
	p->redetect = line;
	pthread_mutex_unlock(&p->lock);
	pl_wake(p);
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

void nv_poller_stop(struct nv_poller *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_mutex_unlock(&p->lock);
	pl_wake(p);
	pthread_join(p->thread, NULL);
	nv_trace_destroy(&p->trace);
	pthread_mutex_destroy(&p->lock);
	close(p->pub_fd);
	close(p->wake_fd);
	free(p);
}
