/*
 * mail_queue.h — the mail plug-in's queue and its worker thread (see
 * mail_queue.c); shared by handler_mail.c and mail_queue.c only.
 */
#ifndef NV_MAIL_QUEUE_H
#define NV_MAIL_QUEUE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "config_handlers.h"
#include "event_records.h"
#include "handler.h"

#define QUEUE_MAX       64      /* mails waiting; more are refused and logged */
#define RESULTS_MAX     32      /* outcomes waiting for the main thread */

struct mail_job {
	struct mail_job *next;
	char to[128];
	char what[96];                  /* for logs: event name, "test", "report" */
	char event[32];                 /* "" unless an event mail */
	char device[NV_DEVICE_NAME_MAX];        /* the event's device; "" none */
	char *msg;
	uint64_t due_ms;                /* CLOCK_MONOTONIC */
	int attempts;
};

struct result {
	enum nv_ev_level level;
	char text[NV_EV_TEXT];
};

struct mail_state {
	pthread_mutex_t mu;
	pthread_cond_t cv;              /* queue changed, or stop */
	pthread_cond_t idle;            /* nothing queued nor sending */
	pthread_t thread;
	bool stop, sending;
	bool orphaned;                  /* stopped while sending: the worker frees it all */
	struct nv_mail_cfg cfg;         /* the worker's copy, under mu */
	struct mail_job *queue;
	size_t queued;
	struct result results[RESULTS_MAX];
	size_t n_results, lost_results;
	/* main thread only */
	struct nv_handler_env env;
	int report_day;                 /* tm_yday of the last report, -1 none */
	unsigned long sent, failed;
};

/* CLOCK_MONOTONIC in ms. */
uint64_t mq_now_ms(void);
void mq_free_job(struct mail_job *j);
struct mail_job *mq_take_first(struct mail_state *st);
void mq_push(struct mail_state *st, struct mail_job *j);
void *mq_worker(void *arg);
/* Drop what is queued (said in the log) and free the state. */
void mq_free_state(struct mail_state *st);

#endif
