/*
 * shutdown_server.h — nvagentd's side of the shutdown protocol: one UDP
 * socket, never blocking, and the table of nvshutdown clients (who they
 * are, where, since when, connected or lost, what was last sent to them).
 * Bad datagrams are dropped and counted.  Main thread only.
 */
#ifndef NV_SHUTDOWN_SERVER_H
#define NV_SHUTDOWN_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "config_shutdown.h"
#include "shutdown.h"
#include "shutdown_feeds.h"
#include "shutdown_proto.h"

struct nv_sd_server;

struct nv_sd_counters {
	uint64_t received, accepted;
	uint64_t malformed, bad_mac, stale, replay, table_full;
	uint64_t sent, send_errors;
};

/* What the server tells the loop about (for the agent event log). */
typedef void (*nv_sd_note_fn)(void *arg, int level, const char *text);

/* The sets of feeds a client can have: bits of the agent's devices. */
#define NV_SD_FEED_SETS (1u << NV_SD_DEVICES_MAX)

/* The devices (bits, 1..NV_SD_FEED_SETS-1) feeding client NAME, from the
 * comma-separated names it declared ("" = none declared). */
typedef unsigned (*nv_sd_feeds_fn)(void *arg, const char *name, const char *feeds);

int nv_sd_server_open(struct nv_sd_server **out, const char *listen,
    const char *secret_file, int max_clients, char *err, size_t errlen);
void nv_sd_server_close(struct nv_sd_server *s);
int nv_sd_server_fd(const struct nv_sd_server *s);
void nv_sd_server_set_note(struct nv_sd_server *s, nv_sd_note_fn fn, void *arg);
/* Who resolves the clients' feeds; without it every client has feeds 0. */
void nv_sd_server_set_feeds(struct nv_sd_server *s, nv_sd_feeds_fn fn, void *arg);
/* Resolve every client's feeds again (the devices changed). */
void nv_sd_server_resolve_feeds(struct nv_sd_server *s);
/* used[f] = true for every set of feeds f some client of the table has. */
void nv_sd_server_feed_sets(const struct nv_sd_server *s, bool used[NV_SD_FEED_SETS]);

/* Name the agent signs with (its system name). */
void nv_sd_server_set_sender(struct nv_sd_server *s, const char *name);
/* Take a new secret (reload); 0, or -1 with err keeping the old one. */
int nv_sd_server_rekey(struct nv_sd_server *s, const char *secret_file,
    char *err, size_t errlen);

/* What heartbeats of the clients fed by FEEDS are answered with: state,
 * deadline (wall clock s, 0 = none), event name, flags. */
void nv_sd_server_set_state(struct nv_sd_server *s, unsigned feeds, enum nv_sd_state st,
    time_t deadline, const char *event, uint8_t flags);

/* Read every datagram waiting (bounded per call). */
void nv_sd_server_receive(struct nv_sd_server *s);
/* Mark clients silent for timeout_s as lost (said once per client). */
void nv_sd_server_expire(struct nv_sd_server *s, int timeout_s);

/* Send one message to every client of the table fed by FEEDS (lost ones
 * too: they may only have missed heartbeats); returns how many were sent. */
size_t nv_sd_server_send_all(struct nv_sd_server *s, unsigned feeds, enum nv_sd_type type,
    int32_t a, const char *event, uint8_t flags);

/* The longest shutdown duration announced by a connected client fed by
 * one of the devices in FEEDS (0: by any). */
int nv_sd_server_max_duration(const struct nv_sd_server *s, unsigned feeds, char *who,
    size_t wholen);

const struct nv_sd_counters *nv_sd_server_counters(const struct nv_sd_server *s);
size_t nv_sd_server_clients(const struct nv_sd_server *s, nv_shutdown_client_fn fn,
    void *arg);

#endif
