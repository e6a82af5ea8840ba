/*
 * handler_mail.c — the mail plug-in.  The main thread only formats mails
 * and queues them; a worker thread sends them (mail_send.c), so that a
 * slow or dead SMTP server never blocks SNMP.  A failed send is retried
 * with a doubling backoff; every failure and the final outcome are told
 * back to the main thread, which writes them to the agent event log.
 *
 * Delay before sending: a mail waits `delay` seconds in the queue; if the
 * event that ends its condition comes meanwhile, both are dropped.
 */
#define _GNU_SOURCE     /* open_memstream, gethostname */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <auth-client.h>

#include "diag_log.h"
#include "filter.h"
#include "handler_mail.h"
#include "human_text.h"
#include "logs.h"
#include "mail_queue.h"
#include "mail_send.h"
#include "nvconfig.h"

/* The mail section of the running configuration. */
static const struct nv_mail_cfg *mail_cfg(const struct mail_state *st)
{
	return st->env.section;
}

/* ---- formatting (main thread) ------------------------------------------ */

/* Header field text: no line breaks, non-ASCII as '?' (plain 7-bit). */
static void header_text(FILE *f, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e ? '?' : *s, f);
}

/* Body text with CRLF line ends. */
static void body_crlf(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			fputc('\r', f);
		fputc(s[i], f);
	}
}

/* A whole message; each of the natt attachments goes as a text/csv part. */
static char *build_message(const struct nv_mail_cfg *c, const char *to,
    const char *subject, const char *body, size_t body_len,
    const struct nv_mail_part *att, size_t natt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const char *boundary = "nvagent-part-boundary-7f3a";

	if (f == NULL)
		return NULL;
	fprintf(f, "From: %s\r\nTo: %s\r\nSubject: ", c->from, to);
	header_text(f, subject);
	fputs("\r\nMIME-Version: 1.0\r\nX-Mailer: nvagent\r\n", f);
	if (natt == 0) {
		fputs("Content-Type: text/plain; charset=us-ascii\r\n\r\n", f);
		body_crlf(f, body, body_len);
	} else {
		fprintf(f, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n", boundary);
		fprintf(f, "--%s\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n", boundary);
		body_crlf(f, body, body_len);
		for (size_t i = 0; i < natt; i++) {
			fprintf(f, "\r\n--%s\r\nContent-Type: text/csv; charset=us-ascii\r\n"
			    "Content-Disposition: attachment; filename=\"%s\"\r\n\r\n", boundary,
			    att[i].name);
			body_crlf(f, att[i].text, att[i].len);
		}
		fprintf(f, "\r\n--%s--\r\n", boundary);
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int enqueue(struct mail_state *st, const char *to, const char *what,
    const struct nv_notification *n, char *msg, int delay_s)
{
	struct mail_job *j;

	pthread_mutex_lock(&st->mu);
	if (st->queued >= QUEUE_MAX || (j = calloc(1, sizeof(*j))) == NULL) {
		pthread_mutex_unlock(&st->mu);
		free(msg);
		return -1;
	}
	snprintf(j->to, sizeof(j->to), "%s", to);
	snprintf(j->what, sizeof(j->what), "%s", what);
	snprintf(j->event, sizeof(j->event), "%s", n != NULL && n->event != NULL ? n->event : "");
	snprintf(j->device, sizeof(j->device), "%s", n != NULL ? n->device_name : "");
	j->msg = msg;
	j->due_ms = mq_now_ms() + (uint64_t)delay_s * 1000u;
	mq_push(st, j);
	pthread_cond_signal(&st->cv);
	pthread_mutex_unlock(&st->mu);
	return 0;
}

/* Drop the waiting (never tried) mails to `to` that `clear` of the same
 * device ends; true when there was one. */
static bool cancel_pending(struct mail_state *st, const char *to,
    const struct nv_notification *clear)
{
	bool found = false;

	pthread_mutex_lock(&st->mu);
	for (struct mail_job **p = &st->queue; *p != NULL;) {
		struct mail_job *j = *p;

		if (j->attempts == 0 && strcmp(j->to, to) == 0 &&
		    strcmp(j->device, clear->device_name) == 0 &&
		    nv_notice_clears(clear->event, j->event)) {
			*p = j->next;
			st->queued--;
			mq_free_job(j);
			found = true;
			continue;
		}
		p = &j->next;
	}
	pthread_mutex_unlock(&st->mu);
	return found;
}

static void mail_event(struct mail_state *st, const struct nv_mail_rcpt *r,
    const struct nv_notification *n)
{
	const struct nv_mail_cfg *c = mail_cfg(st);
	const struct nv_handler_device *d = nv_handler_device_of(&st->env, n);
	struct nv_notice_dev dev = { st->env.system, d != NULL ? d->snap : st->env.snap,
		nv_handler_device_named(&st->env, n) };
	char subject[256], *body = NULL, *msg;
	size_t len = 0;
	FILE *f;

	if (c->delay_s > 0 && cancel_pending(st, r->address, n)) {
		nv_log(LOG_INFO, "mail to %s: %s cleared within the delay: nothing sent",
		    r->address, n->event);
		return;
	}
	if ((f = open_memstream(&body, &len)) == NULL)
		return;
	nv_notice_body(f, n, &dev);
	if (fclose(f) != 0) {
		free(body);
		return;
	}
	nv_notice_subject(subject, sizeof(subject), c->subject_prefix, n, dev.device);
	msg = build_message(c, r->address, subject, body, len, NULL, 0);
	free(body);
	if (msg == NULL || enqueue(st, r->address, n->event, n, msg,
	    n->to_all ? 0 : c->delay_s) == -1) {
		st->failed++;
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "Mail %s to %s dropped: queue full (%d)", n->event, r->address, QUEUE_MAX);
	}
}

static void mail_handle(void *state, const struct nv_notification *n)
{
	struct mail_state *st = state;
	const struct nv_mail_cfg *c = mail_cfg(st);

	if (!c->enabled || !nv_notice_wanted_family(n))
		return;
	for (size_t i = 0; i < c->n; i++) {
		const struct nv_mail_rcpt *r = &c->rcpt[i];

		if ((r->type & NV_MAIL_EVENTS) && nv_filter_wants(r->filter.by,
		    r->filter.severity, r->filter.events, r->filter.n_events, n))
			mail_event(st, r, n);
	}
}

/* The history of the last day in LOGS as CSV, when they run. */
static char *history_csv(struct nv_logs *const *logs, size_t *len)
{
	struct nv_logs_query q = { .has_from = true, .from = time(NULL) - 86400, .csv = true };
	char *buf = NULL, err[160];
	FILE *f;

	if (logs == NULL || *logs == NULL)
		return NULL;
	if ((f = open_memstream(&buf, len)) == NULL)
		return NULL;
	if (nv_logs_show(*logs, NV_LOGID_HISTORY, &q, f, err, sizeof(err)) != 0) {
		nv_log(LOG_WARNING, "mail report: no history attached: %s", err);
		fclose(f);
		free(buf);
		return NULL;
	}
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The devices a report is about: env->devices, or the one of env->snap
 * and env->logs (no device list); named only when there are several. */
static size_t report_devices(const struct nv_handler_env *env,
    struct nv_handler_device *out, size_t max)
{
	if (env->devices == NULL || env->ndevices == 0) {
		out[0] = (struct nv_handler_device){ .snap = env->snap, .logs = env->logs };
		return 1;
	}
	for (size_t i = 0; i < env->ndevices && i < max; i++) {
		out[i] = env->devices[i];
		if (env->ndevices == 1)
			out[i].name = NULL;
	}
	return env->ndevices < max ? env->ndevices : max;
}

size_t nv_mail_report_status(const struct nv_handler_env *env, FILE *f, bool history,
    struct nv_mail_part *parts)
{
	struct nv_handler_device devs[NV_DEVICES_MAX];
	size_t n = report_devices(env, devs, NV_DEVICES_MAX), nparts = 0;

	nv_notice_agent(f, env->system);
	for (size_t i = 0; i < n; i++) {
		struct nv_notice_dev dev = { env->system, devs[i].snap, devs[i].name };
		struct nv_mail_part *a = &parts[nparts];

		if (dev.device != NULL)
			fputc('\n', f);
		nv_notice_device(f, &dev);
		if (!history || (a->text = history_csv(devs[i].logs, &a->len)) == NULL)
			continue;
		if (dev.device != NULL)
			snprintf(a->name, sizeof(a->name), "history-%s.csv", dev.device);
		else
			snprintf(a->name, sizeof(a->name), "history.csv");
		nparts++;
	}
	return nparts;
}

static int queue_report(struct mail_state *st, int type_bit, const char *what)
{
	const struct nv_mail_cfg *c = mail_cfg(st);
	struct nv_mail_part att[NV_DEVICES_MAX];
	char subject[256], when[64], *body = NULL;
	size_t len = 0, natt = 0;
	int queued = 0;
	FILE *f;

	if ((f = open_memstream(&body, &len)) == NULL)
		return -1;
	nv_notice_time(time(NULL), when, sizeof(when));
	fprintf(f, "%s of %s at %s\n\n", type_bit == NV_MAIL_STATUS ? "Daily status report" :
	    "Test mail", st->env.system->name, when);
	natt = nv_mail_report_status(&st->env, f, type_bit == NV_MAIL_STATUS, att);
	if (fclose(f) != 0) {
		free(body);
		for (size_t i = 0; i < natt; i++)
			free(att[i].text);
		return -1;
	}
	snprintf(subject, sizeof(subject), "%s information: %s %s", c->subject_prefix,
	    what, st->env.system->name);
	for (size_t i = 0; i < c->n; i++) {
		const struct nv_mail_rcpt *r = &c->rcpt[i];
		char *msg;

		if (type_bit != 0 && !(r->type & type_bit))
			continue;
		msg = build_message(c, r->address, subject, body, len, att, natt);
		if (msg != NULL && enqueue(st, r->address, what, NULL, msg, 0) == 0)
			queued++;
	}
	free(body);
	for (size_t i = 0; i < natt; i++)
		free(att[i].text);
	return queued;
}

int nv_mail_test(void *state, char *reply, size_t len)
{
	struct mail_state *st = state;
	int n;

	if (st == NULL || !mail_cfg(st)->enabled || mail_cfg(st)->n == 0) {
		snprintf(reply, len, "mail is not configured (no mail section or no recipient)");
		return -1;
	}
	n = queue_report(st, 0, "test mail");
	if (n <= 0) {
		snprintf(reply, len, "test mail not queued: queue full or out of memory");
		return -1;
	}
	snprintf(reply, len, "test mail queued for %d recipient(s); the outcome goes to the agent event log", n);
	return 0;
}

/* The daily status report, to every recipient whose type includes it:
 * the hh:mm timer and `nvctl mail report` both send it through here.
 * Returns how many mails were queued, -1 when the report could not be
 * formatted. */
static int queue_status_report(struct mail_state *st)
{
	return queue_report(st, NV_MAIL_STATUS, "daily status report");
}

static size_t status_recipients(const struct nv_mail_cfg *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		if (c->rcpt[i].type & NV_MAIL_STATUS)
			n++;
	return n;
}

int nv_mail_report(void *state, char *reply, size_t len)
{
	struct mail_state *st = state;
	size_t want;
	int n;

	if (st == NULL || !mail_cfg(st)->enabled || mail_cfg(st)->n == 0) {
		snprintf(reply, len, "mail is not configured (no mail section or no recipient)");
		return -1;
	}
	want = status_recipients(mail_cfg(st));
	if (want == 0) {
		snprintf(reply, len, "no mail recipient has type status or both");
		return -1;
	}
	n = queue_status_report(st);
	if (n <= 0) {
		snprintf(reply, len, "daily status report not queued: queue full or out of memory");
		return -1;
	}
	if ((size_t)n < want)
		snprintf(reply, len, "daily status report queued for %d of %zu recipient(s): "
		    "queue full; the outcome goes to the agent event log", n, want);
	else
		snprintf(reply, len, "daily status report queued for %d recipient(s); "
		    "the outcome goes to the agent event log", n);
	return 0;
}

static void report_if_due(struct mail_state *st)
{
	const struct nv_mail_cfg *c = mail_cfg(st);
	time_t t = time(NULL);
	struct tm tm;
	int n;

	if (!c->enabled || c->report_hour < 0 || localtime_r(&t, &tm) == NULL)
		return;
	if (tm.tm_hour != c->report_hour || tm.tm_min != c->report_min ||
	    tm.tm_yday == st->report_day)
		return;
	st->report_day = tm.tm_yday;
	n = queue_status_report(st);
	if (n < 0)
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "Daily status report not queued: out of memory");
	else if ((size_t)n < status_recipients(c))
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "Daily status report queued for %d of %zu recipient(s): queue full",
		    n, status_recipients(c));
}

static void mail_tick(void *state)
{
	struct mail_state *st = state;
	struct result res[RESULTS_MAX];
	size_t n, lost;

	pthread_mutex_lock(&st->mu);
	n = st->n_results;
	lost = st->lost_results;
	memcpy(res, st->results, n * sizeof(res[0]));
	st->n_results = st->lost_results = 0;
	pthread_mutex_unlock(&st->mu);
	for (size_t i = 0; i < n; i++) {
		if (res[i].level == NV_EV_INFO)
			st->sent++;
		else if (res[i].level == NV_EV_CRITICAL)
			st->failed++;
		nv_handler_agentlog(&st->env, res[i].level, "%s", res[i].text);
	}
	if (lost > 0)
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "%zu mail outcomes not logged (too many at once)", lost);
	report_if_due(st);
}

static pthread_once_t auth_once = PTHREAD_ONCE_INIT;

static void auth_start(void)
{
	auth_client_init();
}

static int mail_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct mail_state *st = calloc(1, sizeof(*st));
	pthread_condattr_t ca;
	int rc;

	if (st == NULL) {
		nv_log(LOG_ERR, "mail: out of memory");
		return -1;
	}
	pthread_once(&auth_once, auth_start);
	st->env = *env;
	st->cfg = *(const struct nv_mail_cfg *)env->section;
	st->report_day = -1;
	pthread_mutex_init(&st->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&st->cv, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&st->idle, NULL);
	if ((rc = pthread_create(&st->thread, NULL, mq_worker, st)) != 0) {
		nv_log(LOG_ERR, "mail: cannot start the mq_worker thread: %s", strerror(rc));
		pthread_mutex_destroy(&st->mu);
		pthread_cond_destroy(&st->cv);
		pthread_cond_destroy(&st->idle);
		free(st);
		return -1;
	}
	*state = st;
	return 0;
}

static int mail_reload(void *state, const struct nv_handler_env *env)
{
	struct mail_state *st = state;

	pthread_mutex_lock(&st->mu);
	st->env = *env;
	st->cfg = *(const struct nv_mail_cfg *)env->section;
	pthread_mutex_unlock(&st->mu);
	return 0;
}

bool nv_mail_flush(void *state, int timeout_s)
{
	struct mail_state *st = state;
	struct timespec ts;
	bool done;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout_s;
	pthread_mutex_lock(&st->mu);
	/* due times of delayed mails do not wait: send now */
	for (struct mail_job *j = st->queue; j != NULL; j = j->next)
		if (j->attempts == 0)
			j->due_ms = 0;
	pthread_cond_signal(&st->cv);
	while ((st->queue != NULL || st->sending) &&
	    pthread_cond_timedwait(&st->idle, &st->mu, &ts) != ETIMEDOUT)
		;
	done = st->queue == NULL && !st->sending;
	pthread_mutex_unlock(&st->mu);
	mail_tick(st);
	return done && st->failed == 0;
}

static void mail_fini(void *state)
{
	struct mail_state *st = state;

	pthread_mutex_lock(&st->mu);
	st->stop = true;
	pthread_cond_signal(&st->cv);
	if (st->sending) {
		/* the send may wait on a name server or an SMTP server that never
		 * answers: the main loop does not wait for it */
		st->orphaned = true;
		pthread_mutex_unlock(&st->mu);
		nv_log(LOG_NOTICE, "mail: stopped while sending; not waiting for it");
		pthread_detach(st->thread);
		return;
	}
	pthread_mutex_unlock(&st->mu);
	pthread_join(st->thread, NULL);
	mq_free_state(st);
}

static const void *mail_section(const struct nv_config *cfg)
{
	return &cfg->notify.mail;
}

const struct nv_handler_ops nv_handler_mail = {
	.name = "mail",
	.section = mail_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_TRAP),
	.init = mail_init,
	.handle = mail_handle,
	.reload = mail_reload,
	.fini = mail_fini,
	.tick = mail_tick,
};
