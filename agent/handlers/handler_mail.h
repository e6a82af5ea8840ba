/*
 * handler_mail.h — the mail plug-in: event mails per recipient filter,
 * delay before sending, daily status report, sent by a worker thread.
 */
#ifndef NV_HANDLER_MAIL_H
#define NV_HANDLER_MAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "handler.h"
#include "nvconfig.h"

extern const struct nv_handler_ops nv_handler_mail;

/* Queue a test mail to every recipient; one line for the user in reply.
 * -1 when mail is not configured or the queue is full. */
int nv_mail_test(void *state, char *reply, size_t len);

/* Queue the daily status report now, through the same code as the
 * report-time timer, to every recipient of type status or both; one line
 * for the user in reply.  -1 when there is no such recipient or the queue
 * is full. */
int nv_mail_report(void *state, char *reply, size_t len);

/* A text/csv part of a mail. */
struct nv_mail_part {
	char name[NV_DEVICE_NAME_MAX + 16];
	char *text;             /* malloc'd */
	size_t len;
};

/* The status part of a report into f: the agent, then each device of env
 * (by name when there are several) and, when history, each one's last day
 * of history as a part in parts[NV_DEVICES_MAX] (history.csv, or
 * history-NAME.csv per named device).  How many parts (their text is the
 * caller's to free). */
size_t nv_mail_report_status(const struct nv_handler_env *env, FILE *f, bool history,
    struct nv_mail_part *parts);

/* Wait until every queued mail is sent or given up, at most timeout_s
 * (nvtraphandle before it exits); false when some are left or failed. */
bool nv_mail_flush(void *state, int timeout_s);

#endif
