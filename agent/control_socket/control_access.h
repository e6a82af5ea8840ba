/*
 * control_access.h — who is on the other end of a control connection, and
 * may they do this.  Reading commands are for root, the daemon's own user,
 * the control group and the admin group; changing commands for root, the
 * daemon's own user and the admin group.  See nvctl(8).
 */
#ifndef NV_CONTROL_ACCESS_H
#define NV_CONTROL_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "nvconfig.h"

struct nv_peer {
	bool known;             /* SO_PEERCRED worked */
	pid_t pid;
	uid_t uid;
	gid_t gid;
};

/* Fill *p from a connected unix socket (known = false when it fails). */
void nv_peer_get(int fd, struct nv_peer *p);

/* "user NAME (uid N, pid P)" for the agent log. */
void nv_peer_name(const struct nv_peer *p, char *buf, size_t len);

/* Is uid (primary group gid) a member of group?  By primary group, or by the
 * user's supplementary groups in the group database. */
bool nv_uid_in_group(uid_t uid, gid_t gid, const char *group);

/* 0 when the peer may run a reading (admin = false) or changing command;
 * -1 with the reason in why. */
int nv_peer_allowed(const struct nv_peer *p, const struct nv_config *cfg, bool admin,
    char *why, size_t whylen);

#endif
