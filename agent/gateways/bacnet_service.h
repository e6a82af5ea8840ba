/*
 * bacnet_service.h — the BACnet services of the gateway, on whole
 * datagrams and without sockets (unit-tested and fuzzed as such):
 * Who-Is / I-Am, Who-Has / I-Have, ReadProperty, ReadPropertyMultiple,
 * SubscribeCOV and the COV notifications of the status objects; writes
 * are denied, other confirmed services rejected.  Read-only.
 */
#ifndef NV_BACNET_SERVICE_H
#define NV_BACNET_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "bacnet_codec.h"
#include "bacnet_objects.h"

#define BN_MAX_SUBS     32

/* Who sent a request: its UDP address and, behind a router, its network
 * address (answers are routed back to it). */
struct bn_peer {
	struct sockaddr_storage addr;
	socklen_t len;
	struct bn_netaddr net;
};

struct bn_sub {
	bool used;
	struct bn_peer peer;
	uint32_t process_id;
	uint16_t type;                  /* a status object: Multi-state or Bit String Value */
	uint32_t instance;
	bool confirmed;
	double expires;                 /* monotonic s, 0: never */
	bool sent;                      /* the initial notification went out */
	uint32_t last_value;
	bool last_fault;
};

struct bn_server {
	struct bn_sub sub[BN_MAX_SUBS];
	uint8_t next_invoke;
};

enum bn_reply { BN_NONE, BN_ANSWER, BN_I_AM };

/*
 * Handle one datagram d from peer (its net address is filled in from the
 * NPDU).  When an answer is due, the whole datagram is in out (*out_len
 * bytes) and the kind is returned (BN_I_AM: the caller rate-limits
 * those).  now: monotonic seconds, for subscription lifetimes.
 */
enum bn_reply bn_handle(struct bn_server *s, const struct bn_db *db, struct bn_peer *peer,
    const uint8_t *d, size_t len, double now, uint8_t *out, size_t cap, size_t *out_len);

/*
 * The COV notification subscription i owes now (the first one, or a
 * Present_Value / fault change since the last): its datagram in out, and
 * true.  Expired subscriptions are dropped here.
 */
bool bn_cov_due(struct bn_server *s, const struct bn_db *db, size_t i, double now,
    uint8_t *out, size_t cap, size_t *out_len);

#endif
