/*
 * detect.h — find the line speed and the protocol of the device.
 */
#ifndef NV_DETECT_H
#define NV_DETECT_H

#include <stdbool.h>

#include "modbus_link.h"
#include "profile.h"

struct nv_detect_req {
	const char *device;
	int baud;               /* configured: 0 = auto */
	int last_baud;          /* last one that worked, tried first; 0 none */
	int slave;
	int timeout_ms;
	/* asked between requests: true = give up now (stop / reconfigure) */
	bool (*cancelled)(void *arg);
	void *arg;
};

struct nv_detect_res {
	const struct nv_profile *prof;
	int baud;
	bool gone;              /* the device could not be opened */
	int open_errno;
};

/* Order in which speeds are tried; returns how many (at most 4). */
int nv_detect_bauds(int configured, int last, int out[4]);

/*
 * Try each speed and each profile's probe block on the link (reopened at
 * each speed).  The device answers its own protocol's probe and gives an
 * exception (or nothing) for the others.  On success the link stays open
 * at the speed found and 0 is returned; otherwise -1.
 */
int nv_detect(struct nv_link *l, const struct nv_detect_req *rq,
    struct nv_poll_stats *st, struct nv_detect_res *res);

#endif
