/*
 * mail_queue.c — the mail plug-in's worker thread: it takes queued mails
 * when due, sends them (mail_send.c), retries a failure with a doubling
 * backoff and posts every outcome for the main thread to log.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag_log.h"
#include "mail_queue.h"
#include "mail_send.h"

uint64_t mq_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- mq_worker thread ------------------------------------------------------ */

static void post(struct mail_state *st, enum nv_ev_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Called with mu held. */
static void post(struct mail_state *st, enum nv_ev_level level, const char *fmt, ...)
{
	va_list ap;
	struct result *r;

	if (st->n_results == RESULTS_MAX) {
		st->lost_results++;
		return;
	}
	r = &st->results[st->n_results++];
	r->level = level;
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
}

void mq_free_job(struct mail_job *j)
{
	free(j->msg);
	free(j);
}

/* The queued job due first, unlinked; NULL when the queue is empty. */
struct mail_job *mq_take_first(struct mail_state *st)
{
	struct mail_job **best = NULL, *j;

	for (struct mail_job **p = &st->queue; *p != NULL; p = &(*p)->next)
		if (best == NULL || (*p)->due_ms < (*best)->due_ms)
			best = p;
	if (best == NULL)
		return NULL;
	j = *best;
	*best = j->next;
	j->next = NULL;
	st->queued--;
	return j;
}

void mq_push(struct mail_state *st, struct mail_job *j)
{
	j->next = st->queue;
	st->queue = j;
	st->queued++;
}

static void wait_until(struct mail_state *st, uint64_t due)
{
	struct timespec ts;
	uint64_t now = mq_now_ms(), wait = due > now ? due - now : 0;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	ts.tv_sec += (time_t)(wait / 1000u);
	ts.tv_nsec += (long)(wait % 1000u) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_cond_timedwait(&st->cv, &st->mu, &ts);
}

/* Send one job (mu held on entry and exit, released while sending). */
static void attempt(struct mail_state *st, struct mail_job *j)
{
	struct nv_mail_cfg cfg = st->cfg;
	enum nv_mail_result res;
	char why[160];

	st->sending = true;
	pthread_mutex_unlock(&st->mu);
	res = nv_mail_send(&cfg, j->to, j->msg, why, sizeof(why));
	pthread_mutex_lock(&st->mu);
	st->sending = false;
	j->attempts++;
	if (res == NV_MAIL_SENT) {
		post(st, NV_EV_INFO, "Mail %s sent to %s", j->what, j->to);
		mq_free_job(j);
		return;
	}
	if (j->attempts <= cfg.retries && !st->stop) {
		uint64_t backoff = (uint64_t)cfg.retry_s * 1000u << (j->attempts - 1);

		post(st, NV_EV_WARNING, "Mail %s to %s: attempt %d failed: %s (%s); retry in %llu s",
		    j->what, j->to, j->attempts, nv_mail_result_name(res), why,
		    (unsigned long long)(backoff / 1000u));
		j->due_ms = mq_now_ms() + backoff;
		mq_push(st, j);
		return;
	}
	post(st, NV_EV_CRITICAL, "Mail %s to %s not sent after %d attempts: %s (%s)",
	    j->what, j->to, j->attempts, nv_mail_result_name(res), why);
	mq_free_job(j);
}

void mq_free_state(struct mail_state *st)
{
	struct mail_job *j;

	if (st->queued > 0)
		nv_log(LOG_WARNING, "mail: %zu mail(s) not sent at stop", st->queued);
	while ((j = mq_take_first(st)) != NULL)
		mq_free_job(j);
	pthread_mutex_destroy(&st->mu);
	pthread_cond_destroy(&st->cv);
	pthread_cond_destroy(&st->idle);
	free(st);
}

void *mq_worker(void *arg)
{
	struct mail_state *st = arg;

	pthread_mutex_lock(&st->mu);
	while (!st->stop) {
		struct mail_job *j = mq_take_first(st);

		if (j == NULL) {
			pthread_cond_broadcast(&st->idle);
			pthread_cond_wait(&st->cv, &st->mu);
			continue;
		}
		if (j->due_ms > mq_now_ms()) {
			uint64_t due = j->due_ms;

			mq_push(st, j);
			wait_until(st, due);
			continue;
		}
		attempt(st, j);
	}
	if (st->orphaned) {
		pthread_mutex_unlock(&st->mu);
		mq_free_state(st);
		return NULL;
	}
	pthread_mutex_unlock(&st->mu);
	return NULL;
}
