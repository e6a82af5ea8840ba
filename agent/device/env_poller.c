/*
 * env_poller.c — the environment sensor's own thread, for a sensor on a
 * line of its own or read from files (see env_sensor.h): open the line,
 * read the sensor
 * every poll-interval, publish each reading that changed (and one a
 * poll-interval anyway, so that the main loop sees it alive) through a
 * lock and an eventfd, as the UPS poller does.
 */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag_log.h"
#include "event_fd.h"
#include "private/env_read.h"

#define REOPEN_MS 2000

struct nv_env_poller {
	pthread_mutex_t lock;
	bool stop, reconf;
	struct nv_env_cfg new_cfg;      /* under lock */
	struct nv_env pub;              /* under lock */
	struct nv_env_cfg main_cfg;     /* the main thread's copy */
	int pub_fd, wake_fd;
	pthread_t thread;
	/* the thread's own */
	struct nv_env_cfg cfg;
	struct nv_link link;
	struct nv_env_reader reader;
	uint64_t seq;
	struct nv_ratelimit rl;
};

/* Sleep up to ms; false when told to stop. */
static bool wait_ms(struct nv_env_poller *p, int ms)
{
	struct pollfd pfd = { .fd = p->wake_fd, .events = POLLIN };
	bool stop;

	if (ms > 0 && poll(&pfd, 1, ms) > 0)
		nv_event_fd_drain(p->wake_fd);
	pthread_mutex_lock(&p->lock);
	stop = p->stop;
	if (p->reconf && !stop) {
		if (memcmp(&p->new_cfg.serial, &p->cfg.serial, sizeof(p->cfg.serial)) != 0)
			nv_link_close(&p->link);
		/* a line no longer named (or named otherwise) is released now */
		if (memcmp(&p->new_cfg.input, &p->cfg.input, sizeof(p->cfg.input)) != 0)
			nv_env_gpio_release(&p->reader.gpio);
		p->cfg = p->new_cfg;
		p->reconf = false;
	}
	pthread_mutex_unlock(&p->lock);
	return !stop;
}

static void publish(struct nv_env_poller *p)
{
	p->reader.env.seq = ++p->seq;
	pthread_mutex_lock(&p->lock);
	p->pub = p->reader.env;
	pthread_mutex_unlock(&p->lock);
	nv_event_fd_ring(p->pub_fd, "a new room reading");
}

static void warn_limited(struct nv_env_poller *p, const char *what)
{
	unsigned suppressed = 0;

	if (!nv_ratelimit_ok(&p->rl, &suppressed))
		return;
	if (suppressed)
		nv_log(LOG_WARNING, "environment: %s: %s (%u similar suppressed)",
		    p->cfg.from_files ? "sysfs" : p->cfg.serial.device, what, suppressed);
	else
		nv_log(LOG_WARNING, "environment: %s: %s",
		    p->cfg.from_files ? "sysfs" : p->cfg.serial.device, what);
}

/* One reading; the ms to wait before the next. */
static int poll_once(struct nv_env_poller *p)
{
	enum nv_link_err err = NV_LINK_GONE;
	bool changed;

	if (!p->cfg.from_files && !nv_link_is_open(&p->link) &&
	    nv_link_open(&p->link, p->cfg.serial.device, p->cfg.serial.baud,
	    p->cfg.serial.timeout_ms) != 0) {
		warn_limited(p, strerror(errno));
		/* a line that cannot open counts as a sensor that does not answer */
		if (nv_env_reader_missed(&p->reader, &p->cfg))
			publish(p);
		return REOPEN_MS;
	}
	changed = nv_env_reader_poll(&p->reader, &p->link, &p->cfg, &err);
	if (err != NV_LINK_OK)
		warn_limited(p, p->cfg.from_files ?
		    "a file or GPIO line cannot be read, or holds no reading" :
		    nv_link_err_name(err));
	if (err == NV_LINK_GONE)
		nv_link_close(&p->link);
	if (changed || err == NV_LINK_OK)
		publish(p);
	return p->cfg.poll_interval_s * 1000;
}

static void *env_main(void *arg)
{
	struct nv_env_poller *p = arg;
	int ms = 0;

	while (wait_ms(p, ms))
		ms = poll_once(p);
	nv_link_close(&p->link);
	nv_env_gpio_release(&p->reader.gpio);
	return NULL;
}

int nv_env_poller_start(struct nv_env_poller **out, const struct nv_env_cfg *cfg)
{
	struct nv_env_poller *p = calloc(1, sizeof(*p));
	int err;

	if (p == NULL)
		return -1;
	p->cfg = p->main_cfg = *cfg;
	p->rl.interval = 60;
	nv_env_reader_init(&p->reader);
	p->pub = p->reader.env;
	p->pub_fd = nv_event_fd_open();
	p->wake_fd = nv_event_fd_open();
	if (p->pub_fd == -1 || p->wake_fd == -1)
		goto fail;
	if ((err = pthread_mutex_init(&p->lock, NULL)) != 0) {
		errno = err;
		goto fail;
	}
	if ((err = pthread_create(&p->thread, NULL, env_main, p)) != 0) {
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

int nv_env_poller_fd(const struct nv_env_poller *p)
{
	return p->pub_fd;
}

bool nv_env_poller_take(struct nv_env_poller *p, struct nv_env *dst)
{
	bool newer;

	nv_event_fd_drain(p->pub_fd);
	pthread_mutex_lock(&p->lock);
	newer = p->pub.seq != dst->seq;
	if (newer)
		*dst = p->pub;
	pthread_mutex_unlock(&p->lock);
	return newer;
}

void nv_env_poller_reconfigure(struct nv_env_poller *p, const struct nv_env_cfg *cfg)
{
	if (memcmp(cfg, &p->main_cfg, sizeof(*cfg)) == 0)
		return;
	p->main_cfg = *cfg;
	pthread_mutex_lock(&p->lock);
	p->new_cfg = *cfg;
	p->reconf = true;
	pthread_mutex_unlock(&p->lock);
	nv_event_fd_ring(p->wake_fd, "the room sensor's thread");
}

void nv_env_poller_stop(struct nv_env_poller *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_mutex_unlock(&p->lock);
	nv_event_fd_ring(p->wake_fd, "the room sensor's thread");
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	close(p->pub_fd);
	close(p->wake_fd);
	free(p);
}
