/*
 * bacnet_codec.h — BACnet/IP wire format (ASHRAE 135: BVLC Annex J, NPDU
 * clause 6, APDU clause 20): bounded readers and writers, no sockets, no
 * objects.  A reader never reads past its buffer and never trusts a
 * length on the wire: every length is checked against what is left, and
 * the first violation sets a sticky error that every later call sees.
 * A writer never writes past its capacity; overflow is sticky too.
 */
#ifndef NV_BACNET_CODEC_H
#define NV_BACNET_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BN_MAX_MPDU     1497    /* BVLC 4 + NPDU 21 + APDU 1476 */
#define BN_MAX_APDU     1476
#define BN_MAX_MAC      7       /* longest SADR/DADR we keep (6 for B/IP) */

/* ---- bounded reader / writer ---- */

struct bn_rd {
	const uint8_t *p;
	size_t len, pos;
	bool err;
};

struct bn_wr {
	uint8_t *p;
	size_t cap, len;
	bool err;
};

void bn_rd_init(struct bn_rd *r, const uint8_t *p, size_t len);
size_t bn_rd_left(const struct bn_rd *r);
uint8_t bn_rd_u8(struct bn_rd *r);
uint32_t bn_rd_be(struct bn_rd *r, size_t n);     /* n = 1..4 */

void bn_wr_init(struct bn_wr *w, uint8_t *p, size_t cap);
void bn_wr_u8(struct bn_wr *w, uint8_t v);
void bn_wr_be(struct bn_wr *w, uint32_t v, size_t n);
void bn_wr_bytes(struct bn_wr *w, const void *p, size_t n);

/* ---- tags (clause 20.2.1) ---- */

enum bn_app_tag {
	BN_TAG_NULL = 0, BN_TAG_BOOL, BN_TAG_UNSIGNED, BN_TAG_SIGNED, BN_TAG_REAL,
	BN_TAG_DOUBLE, BN_TAG_OCTETS, BN_TAG_CHARSTRING, BN_TAG_BITSTRING,
	BN_TAG_ENUM, BN_TAG_DATE, BN_TAG_TIME, BN_TAG_OBJECT_ID,
};

struct bn_tag {
	uint8_t number;
	bool context;           /* class bit: context-specific */
	bool opening, closing;  /* context tags 6 / 7 */
	uint32_t lvt;           /* length (or the value of an application boolean) */
};

/* Read a tag header; for a primitive tag (not an application boolean)
 * the r must hold lvt more bytes, or r->err is set.  false on error. */
bool bn_tag_read(struct bn_rd *r, struct bn_tag *t);
/* Peek: the next tag without consuming it; false at end or on error. */
bool bn_tag_peek(const struct bn_rd *r, struct bn_tag *t);
/* An unsigned of lvt bytes (1..4) after its tag. */
uint32_t bn_rd_uvalue(struct bn_rd *r, uint32_t lvt);
/* Read context tag n with an unsigned value; false when the next tag is
 * not [n] (nothing consumed) or on error. */
bool bn_ctx_unsigned(struct bn_rd *r, uint8_t n, uint32_t *v);
/* Skip one whole element: a primitive, or a constructed [n] ... [/n]
 * (nested, bounded depth). */
bool bn_skip_element(struct bn_rd *r);

void bn_wr_tag(struct bn_wr *w, uint8_t number, bool context, uint32_t lvt);
void bn_wr_open(struct bn_wr *w, uint8_t n);
void bn_wr_close(struct bn_wr *w, uint8_t n);
void bn_wr_app_null(struct bn_wr *w);
void bn_wr_app_bool(struct bn_wr *w, bool v);
void bn_wr_app_unsigned(struct bn_wr *w, uint32_t v);
void bn_wr_app_signed(struct bn_wr *w, int32_t v);
void bn_wr_app_real(struct bn_wr *w, float v);
void bn_wr_app_enum(struct bn_wr *w, uint32_t v);
void bn_wr_app_charstring(struct bn_wr *w, const char *s);     /* UTF-8 */
void bn_wr_app_bitstring(struct bn_wr *w, const uint8_t *bits, unsigned nbits);
void bn_wr_app_object_id(struct bn_wr *w, uint16_t type, uint32_t instance);
void bn_wr_app_date(struct bn_wr *w, int year, int month, int mday, int wday);
void bn_wr_app_time(struct bn_wr *w, int hour, int min, int sec, int hundredths);
void bn_wr_ctx_unsigned(struct bn_wr *w, uint8_t n, uint32_t v);
void bn_wr_ctx_enum(struct bn_wr *w, uint8_t n, uint32_t v);
void bn_wr_ctx_object_id(struct bn_wr *w, uint8_t n, uint16_t type, uint32_t instance);

static inline uint32_t bn_object_id(uint16_t type, uint32_t instance)
{
	return (uint32_t)type << 22 | (instance & 0x3FFFFF);
}

/* ---- BVLC + NPDU (one datagram) ---- */

enum { BVLC_TYPE = 0x81, BVLC_FORWARDED = 0x04, BVLC_UNICAST = 0x0A,
	BVLC_BROADCAST = 0x0B };

/* A network address beyond the router (NPDU SNET/SADR or DNET/DADR). */
struct bn_netaddr {
	bool present;
	uint16_t net;
	uint8_t len;
	uint8_t mac[BN_MAX_MAC];
};

struct bn_frame {
	uint8_t bvlc_function;
	bool expecting_reply;
	bool network_message;           /* network layer message: not ours */
	bool for_other_network;         /* DNET set and not the global broadcast */
	struct bn_netaddr src;          /* the sender beyond a router, if any */
	const uint8_t *apdu;
	size_t apdu_len;
};

/* Parse one UDP datagram; 0, or -1 when it is not a well-formed
 * BACnet/IP datagram (wrong type, BVLC length != datagram length, bad
 * NPDU version, an address or hop count past the end). */
int bn_frame_parse(const uint8_t *d, size_t len, struct bn_frame *f);

/* Start an answer: BVLC (function), NPDU routed back to dst when present.
 * The caller then writes the APDU and calls bn_frame_finish. */
void bn_frame_begin(struct bn_wr *w, uint8_t bvlc_function, const struct bn_netaddr *dst,
    bool expecting_reply);
/* Patch the BVLC length; the datagram's length, or 0 on overflow. */
size_t bn_frame_finish(struct bn_wr *w);

/* ---- APDU headers (clause 20.1) ---- */

enum bn_pdu_type {
	BN_PDU_CONFIRMED = 0, BN_PDU_UNCONFIRMED = 1, BN_PDU_SIMPLE_ACK = 2,
	BN_PDU_COMPLEX_ACK = 3, BN_PDU_SEGMENT_ACK = 4, BN_PDU_ERROR = 5,
	BN_PDU_REJECT = 6, BN_PDU_ABORT = 7,
};

struct bn_apdu {
	uint8_t type;                   /* enum bn_pdu_type */
	bool segmented;                 /* a segment of a longer request */
	uint16_t max_apdu;              /* what the requester accepts */
	uint8_t invoke_id;
	uint8_t service;
	struct bn_rd body;              /* the service's parameters */
};

/* 0, or -1 when the header is short or not a request. */
int bn_apdu_parse(const uint8_t *p, size_t len, struct bn_apdu *a);

#endif
