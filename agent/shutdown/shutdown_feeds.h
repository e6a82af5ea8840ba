/*
 * shutdown_feeds.h — which devices feed an nvshutdown client: the list of
 * device names it declares (nvshutdown.conf "feeds"), as it travels in
 * its heartbeats (comma-separated, in the event field, NV_SD_FLAG_FEEDS
 * set) and as the agent resolves it into bits of its device indexes.
 * Pure functions, shared by nvagentd and nvshutdown.
 */
#ifndef NV_SHUTDOWN_FEEDS_H
#define NV_SHUTDOWN_FEEDS_H

#include <stdbool.h>
#include <stddef.h>

#include "shutdown_proto.h"

/* The joined list must fit the heartbeat's event field. */
#define NV_SD_FEEDS_LEN NV_SD_EVENT_LEN

/* A device name: 1..31 of [A-Za-z0-9._-], starting with a letter or digit. */
bool nv_sd_device_name_ok(const char *name);

/* Append NAME to the comma-separated list in buf (len bytes): 0, or -1
 * when it would not fit (buf unchanged). */
int nv_sd_feeds_add(char *buf, size_t len, const char *name);

/*
 * The devices of names[0..n-1] that the comma-separated list TEXT names,
 * as bits of their indexes; the names it has that are none of them go,
 * comma-separated, into unknown (unknownlen bytes, "" when all known).
 */
unsigned nv_sd_feeds_resolve(const char *text, const char *const *names, size_t n,
    char *unknown, size_t unknownlen);

/* The names of the devices in MASK, comma-separated ("-" for none). */
void nv_sd_feeds_format(unsigned mask, const char *const *names, size_t n, char *buf,
    size_t len);

#endif
