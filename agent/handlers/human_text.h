/*
 * human_text.h — the words of a notification for people (mail bodies,
 * syslog lines, exec environments): shared by the mail, syslog and exec
 * plug-ins and by nvtraphandle.
 */
#ifndef NV_HUMAN_TEXT_H
#define NV_HUMAN_TEXT_H

#include <stdbool.h>
#include <stdio.h>

#include "config_handlers.h"
#include "handler.h"
#include "model.h"
#include "notification.h"
#include "nvconfig.h"

/* What the message says about where it comes from. */
struct nv_notice_dev {
	const struct nv_system_cfg *system;     /* name, location, contact */
	const struct nv_snapshot *snap;         /* NULL: no measurements (nvtraphandle) */
	const char *device;                     /* its name; NULL: not said (one device) */
};

/* Plain-text body of an event mail (LF line ends). */
void nv_notice_body(FILE *f, const struct nv_notification *n,
    const struct nv_notice_dev *dev);
/* Identity and the key measurements of the device, for bodies and the
 * daily report: the agent's lines, then the device's. */
void nv_notice_status(FILE *f, const struct nv_notice_dev *dev);
void nv_notice_agent(FILE *f, const struct nv_system_cfg *sys);
void nv_notice_device(FILE *f, const struct nv_notice_dev *dev);
/* "[DEVICE] ", the mark of a named device in subjects and syslog lines;
 * "" when DEVICE is NULL. */
void nv_notice_tag(const char *device, char *buf, size_t len);
/* An event mail's subject: "PREFIX LEVEL: [DEVICE] EVENT - TEXT", the
 * device part only when DEVICE is not NULL (nv_handler_device_named). */
void nv_notice_subject(char *buf, size_t len, const char *prefix,
    const struct nv_notification *n, const char *device);
/* "2024-05-01 12:00:00 +0200" */
void nv_notice_time(time_t t, char *buf, size_t len);
/* One varbind as "OID=value". */
void nv_notice_varbind(const struct nv_varbind *vb, char *buf, size_t len);

/* The syslog group of a notification (enum nv_syslog_group). */
int nv_notice_group(const struct nv_notification *n);

/* Does `clear` end the condition that `raised` reported (delay before
 * sending: both are then dropped)? */
bool nv_notice_clears(const char *clear, const char *raised);

/* Plug-ins that speak to people skip the RFC 1628 copy of an event the
 * SOCOMEC MIB already reports; the test notification always passes. */
bool nv_notice_wanted_family(const struct nv_notification *n);

#endif
