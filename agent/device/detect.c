/*
 * detect.c — line speed and protocol detection, at start and after every
 * loss of communication.
 */
#include <errno.h>

#include "diag_log.h"
#include "private/detect.h"

/* The manual's rates, most common first. */
static const int std_bauds[] = { 9600, 19200, 57600, 2400 };

int nv_detect_bauds(int configured, int last, int out[4])
{
	int n = 0;

	if (configured > 0) {
		out[0] = configured;
		return 1;
	}
	for (int i = 0; i < 4; i++)
		if (std_bauds[i] == last)
			out[n++] = last;
	for (int i = 0; i < 4; i++)
		if (std_bauds[i] != last)
			out[n++] = std_bauds[i];
	return n;
}

/* 1: found, 0: not this speed, -1: device gone or cancelled */
static int probe_speed(struct nv_link *l, const struct nv_detect_req *rq,
    struct nv_poll_stats *st, struct nv_detect_res *res)
{
	uint16_t w[NV_PROFILE_MAX_WORDS];

	for (int i = 0; i < nv_n_profiles; i++) {
		const struct nv_profile *p = nv_profiles[i];
		const struct nv_block *b = &p->blocks[p->probe_block];
		enum nv_link_err e;

		if (rq->cancelled && rq->cancelled(rq->arg))
			return -1;
		e = nv_link_read(l, rq->slave, b->addr, b->count, w, st);
		if (e == NV_LINK_OK) {
			res->prof = p;
			res->baud = l->baud;
			return 1;
		}
		if (e == NV_LINK_GONE) {
			res->gone = true;
			res->open_errno = EIO;
			return -1;
		}
	}
	return 0;
}

int nv_detect(struct nv_link *l, const struct nv_detect_req *rq,
    struct nv_poll_stats *st, struct nv_detect_res *res)
{
	int bauds[4];
	int n = nv_detect_bauds(rq->baud, rq->last_baud, bauds);

	res->prof = NULL;
	res->baud = 0;
	res->gone = false;
	res->open_errno = 0;
	for (int i = 0; i < n; i++) {
		int rc;

		if (rq->cancelled && rq->cancelled(rq->arg))
			return -1;
		/* reopened at every try: a USB adapter may have come back */
		if (nv_link_open(l, rq->device, bauds[i], rq->timeout_ms) == -1) {
			res->gone = true;
			res->open_errno = errno;
			return -1;
		}
		rc = probe_speed(l, rq, st, res);
		if (rc == 1) {
			nv_log(LOG_DEBUG, "detect: %s answers %s at %d baud",
			    rq->device, res->prof->name, res->baud);
			return 0;
		}
		if (rc == -1)
			break;
	}
	nv_link_close(l);
	return -1;
}
