/*
 * bacnet_codec.c — BACnet/IP wire format (bacnet_codec.h).
 */
#include <string.h>

#include "bacnet_codec.h"

#define SKIP_DEPTH_MAX  8

/* ---- bounded reader / writer ---- */

void bn_rd_init(struct bn_rd *r, const uint8_t *p, size_t len)
{
	r->p = p;
	r->len = len;
	r->pos = 0;
	r->err = false;
}

size_t bn_rd_left(const struct bn_rd *r)
{
	return r->err ? 0 : r->len - r->pos;
}

uint8_t bn_rd_u8(struct bn_rd *r)
{
	if (bn_rd_left(r) < 1) {
		r->err = true;
		return 0;
	}
	return r->p[r->pos++];
}

uint32_t bn_rd_be(struct bn_rd *r, size_t n)
{
	uint32_t v = 0;

	if (n < 1 || n > 4 || bn_rd_left(r) < n) {
		r->err = true;
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		v = v << 8 | r->p[r->pos++];
	return v;
}

void bn_wr_init(struct bn_wr *w, uint8_t *p, size_t cap)
{
	w->p = p;
	w->cap = cap;
	w->len = 0;
	w->err = false;
}

void bn_wr_bytes(struct bn_wr *w, const void *p, size_t n)
{
	if (w->err || w->cap - w->len < n) {
		w->err = true;
		return;
	}
	memcpy(w->p + w->len, p, n);
	w->len += n;
}

void bn_wr_u8(struct bn_wr *w, uint8_t v)
{
	bn_wr_bytes(w, &v, 1);
}

void bn_wr_be(struct bn_wr *w, uint32_t v, size_t n)
{
	uint8_t b[4];

	for (size_t i = 0; i < n && i < 4; i++)
		b[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	bn_wr_bytes(w, b, n > 4 ? 4 : n);
}

/* ---- tags ---- */

bool bn_tag_read(struct bn_rd *r, struct bn_tag *t)
{
	uint8_t b = bn_rd_u8(r);
	uint32_t lvt = b & 7u;

	t->number = b >> 4;
	t->context = (b & 0x08) != 0;
	t->opening = t->context && lvt == 6;
	t->closing = t->context && lvt == 7;
	if (t->number == 15)
		t->number = bn_rd_u8(r);
	if (!t->opening && !t->closing && lvt == 5) {
		lvt = bn_rd_u8(r);
		if (lvt == 254)
			lvt = bn_rd_be(r, 2);
		else if (lvt == 255)
			lvt = bn_rd_be(r, 4);
	}
	t->lvt = lvt;
	if (r->err)
		return false;
	/* an application boolean carries its value in lvt: no content */
	if (!t->opening && !t->closing && !(!t->context && t->number == BN_TAG_BOOL) &&
	    lvt > bn_rd_left(r)) {
		r->err = true;
		return false;
	}
	return true;
}

bool bn_tag_peek(const struct bn_rd *r, struct bn_tag *t)
{
	struct bn_rd copy = *r;

	return bn_rd_left(&copy) > 0 && bn_tag_read(&copy, t);
}

uint32_t bn_rd_uvalue(struct bn_rd *r, uint32_t lvt)
{
	return bn_rd_be(r, lvt);        /* 1..4, else the error is set */
}

bool bn_ctx_unsigned(struct bn_rd *r, uint8_t n, uint32_t *v)
{
	struct bn_tag t;

	if (!bn_tag_peek(r, &t) || !t.context || t.opening || t.closing || t.number != n)
		return false;
	bn_tag_read(r, &t);
	*v = bn_rd_uvalue(r, t.lvt);
	return !r->err;
}

bool bn_skip_element(struct bn_rd *r)
{
	struct bn_tag t;
	int depth = 0;

	do {
		if (!bn_tag_read(r, &t))
			return false;
		if (t.opening) {
			if (++depth > SKIP_DEPTH_MAX) {
				r->err = true;
				return false;
			}
		} else if (t.closing) {
			if (--depth < 0) {
				r->err = true;
				return false;
			}
		} else if (t.context || t.number != BN_TAG_BOOL) {
			r->pos += t.lvt;        /* checked against the buffer by bn_tag_read */
		}
	} while (depth > 0);
	return true;
}

void bn_wr_tag(struct bn_wr *w, uint8_t number, bool context, uint32_t lvt)
{
	uint8_t first = context ? 0x08 : 0;

	first |= number < 15 ? (uint8_t)(number << 4) : 0xF0;
	first |= lvt < 5 ? (uint8_t)lvt : 5;
	bn_wr_u8(w, first);
	if (number >= 15)
		bn_wr_u8(w, number);
	if (lvt < 5)
		return;
	if (lvt < 254) {
		bn_wr_u8(w, (uint8_t)lvt);
	} else if (lvt <= 0xFFFF) {
		bn_wr_u8(w, 254);
		bn_wr_be(w, lvt, 2);
	} else {
		bn_wr_u8(w, 255);
		bn_wr_be(w, lvt, 4);
	}
}

void bn_wr_open(struct bn_wr *w, uint8_t n)
{
	bn_wr_u8(w, n < 15 ? (uint8_t)(n << 4 | 0x0E) : 0xFE);
	if (n >= 15)
		bn_wr_u8(w, n);
}

void bn_wr_close(struct bn_wr *w, uint8_t n)
{
	bn_wr_u8(w, n < 15 ? (uint8_t)(n << 4 | 0x0F) : 0xFF);
	if (n >= 15)
		bn_wr_u8(w, n);
}

static size_t unsigned_len(uint32_t v)
{
	return v < 0x100 ? 1 : v < 0x10000 ? 2 : v < 0x1000000 ? 3 : 4;
}

static void wr_unsigned(struct bn_wr *w, uint8_t n, bool context, uint32_t v)
{
	size_t len = unsigned_len(v);

	bn_wr_tag(w, n, context, (uint32_t)len);
	bn_wr_be(w, v, len);
}

void bn_wr_app_null(struct bn_wr *w)
{
	bn_wr_tag(w, BN_TAG_NULL, false, 0);
}

void bn_wr_app_bool(struct bn_wr *w, bool v)
{
	bn_wr_tag(w, BN_TAG_BOOL, false, v ? 1 : 0);
}

void bn_wr_app_unsigned(struct bn_wr *w, uint32_t v)
{
	wr_unsigned(w, BN_TAG_UNSIGNED, false, v);
}

void bn_wr_app_signed(struct bn_wr *w, int32_t v)
{
	size_t len = v >= -128 && v <= 127 ? 1 : v >= -32768 && v <= 32767 ? 2 :
	    v >= -8388608 && v <= 8388607 ? 3 : 4;

	bn_wr_tag(w, BN_TAG_SIGNED, false, (uint32_t)len);
	bn_wr_be(w, (uint32_t)v, len);
}

void bn_wr_app_real(struct bn_wr *w, float v)
{
	uint32_t bits;

	memcpy(&bits, &v, sizeof(bits));
	bn_wr_tag(w, BN_TAG_REAL, false, 4);
	bn_wr_be(w, bits, 4);
}

void bn_wr_app_enum(struct bn_wr *w, uint32_t v)
{
	wr_unsigned(w, BN_TAG_ENUM, false, v);
}

void bn_wr_app_charstring(struct bn_wr *w, const char *s)
{
	size_t n = strlen(s);

	bn_wr_tag(w, BN_TAG_CHARSTRING, false, (uint32_t)(n + 1));
	bn_wr_u8(w, 0);         /* character set: ANSI X3.4 / UTF-8 */
	bn_wr_bytes(w, s, n);
}

void bn_wr_app_bitstring(struct bn_wr *w, const uint8_t *bits, unsigned nbits)
{
	unsigned bytes = (nbits + 7) / 8;

	bn_wr_tag(w, BN_TAG_BITSTRING, false, bytes + 1);
	bn_wr_u8(w, (uint8_t)(bytes * 8 - nbits));      /* unused bits in the last byte */
	bn_wr_bytes(w, bits, bytes);
}

void bn_wr_app_object_id(struct bn_wr *w, uint16_t type, uint32_t instance)
{
	bn_wr_tag(w, BN_TAG_OBJECT_ID, false, 4);
	bn_wr_be(w, bn_object_id(type, instance), 4);
}

void bn_wr_app_date(struct bn_wr *w, int year, int month, int mday, int wday)
{
	bn_wr_tag(w, BN_TAG_DATE, false, 4);
	bn_wr_u8(w, (uint8_t)(year - 1900));
	bn_wr_u8(w, (uint8_t)month);
	bn_wr_u8(w, (uint8_t)mday);
	bn_wr_u8(w, (uint8_t)wday);     /* 1 = Monday .. 7 = Sunday */
}

void bn_wr_app_time(struct bn_wr *w, int hour, int min, int sec, int hundredths)
{
	bn_wr_tag(w, BN_TAG_TIME, false, 4);
	bn_wr_u8(w, (uint8_t)hour);
	bn_wr_u8(w, (uint8_t)min);
	bn_wr_u8(w, (uint8_t)sec);
	bn_wr_u8(w, (uint8_t)hundredths);
}

void bn_wr_ctx_unsigned(struct bn_wr *w, uint8_t n, uint32_t v)
{
	wr_unsigned(w, n, true, v);
}

void bn_wr_ctx_enum(struct bn_wr *w, uint8_t n, uint32_t v)
{
	wr_unsigned(w, n, true, v);
}

void bn_wr_ctx_object_id(struct bn_wr *w, uint8_t n, uint16_t type, uint32_t instance)
{
	bn_wr_tag(w, n, true, 4);
	bn_wr_be(w, bn_object_id(type, instance), 4);
}

/* ---- BVLC + NPDU ---- */

static void read_netaddr(struct bn_rd *r, struct bn_netaddr *a)
{
	a->present = true;
	a->net = (uint16_t)bn_rd_be(r, 2);
	a->len = bn_rd_u8(r);
	if (a->len > BN_MAX_MAC) {
		r->err = true;
		return;
	}
	for (uint8_t i = 0; i < a->len; i++)
		a->mac[i] = bn_rd_u8(r);
}

int bn_frame_parse(const uint8_t *d, size_t len, struct bn_frame *f)
{
	struct bn_rd r;
	struct bn_netaddr dst = { .present = false };
	uint8_t ctl;

	memset(f, 0, sizeof(*f));
	bn_rd_init(&r, d, len);
	if (bn_rd_u8(&r) != BVLC_TYPE)
		return -1;
	f->bvlc_function = bn_rd_u8(&r);
	if (bn_rd_be(&r, 2) != len || r.err)
		return -1;
	if (f->bvlc_function == BVLC_FORWARDED) {
		(void)bn_rd_be(&r, 4);  /* the original sender's B/IP address */
		(void)bn_rd_be(&r, 2);
	} else if (f->bvlc_function != BVLC_UNICAST && f->bvlc_function != BVLC_BROADCAST) {
		return -1;
	}
	if (bn_rd_u8(&r) != 0x01)       /* NPDU protocol version */
		return -1;
	ctl = bn_rd_u8(&r);
	f->network_message = (ctl & 0x80) != 0;
	f->expecting_reply = (ctl & 0x04) != 0;
	if (ctl & 0x20)
		read_netaddr(&r, &dst);
	if (ctl & 0x08)
		read_netaddr(&r, &f->src);
	if (ctl & 0x20)
		(void)bn_rd_u8(&r);     /* hop count */
	if (f->network_message)
		(void)bn_rd_u8(&r);     /* message type */
	if (r.err)
		return -1;
	f->for_other_network = dst.present && dst.net != 0xFFFF;
	f->apdu = d + r.pos;
	f->apdu_len = r.len - r.pos;
	return 0;
}

void bn_frame_begin(struct bn_wr *w, uint8_t bvlc_function, const struct bn_netaddr *dst,
    bool expecting_reply)
{
	bool routed = dst != NULL && dst->present;

	bn_wr_u8(w, BVLC_TYPE);
	bn_wr_u8(w, bvlc_function);
	bn_wr_be(w, 0, 2);              /* patched by bn_frame_finish */
	bn_wr_u8(w, 0x01);
	bn_wr_u8(w, (uint8_t)((routed ? 0x20 : 0) | (expecting_reply ? 0x04 : 0)));
	if (routed) {
		bn_wr_be(w, dst->net, 2);
		bn_wr_u8(w, dst->len);
		bn_wr_bytes(w, dst->mac, dst->len);
		bn_wr_u8(w, 255);       /* hop count */
	}
}

size_t bn_frame_finish(struct bn_wr *w)
{
	if (w->err || w->len < 4)
		return 0;
	w->p[2] = (uint8_t)(w->len >> 8);
	w->p[3] = (uint8_t)w->len;
	return w->len;
}

/* ---- APDU ---- */

static uint16_t max_apdu_of(uint8_t code)
{
	static const uint16_t sizes[] = { 50, 128, 206, 480, 1024, 1476 };

	return code < 6 ? sizes[code] : 50;
}

int bn_apdu_parse(const uint8_t *p, size_t len, struct bn_apdu *a)
{
	struct bn_rd r;
	uint8_t b;

	memset(a, 0, sizeof(*a));
	bn_rd_init(&r, p, len);
	b = bn_rd_u8(&r);
	a->type = b >> 4;
	if (a->type == BN_PDU_CONFIRMED) {
		a->segmented = (b & 0x08) != 0;
		a->max_apdu = max_apdu_of(bn_rd_u8(&r) & 0x0F);
		a->invoke_id = bn_rd_u8(&r);
		if (a->segmented) {
			(void)bn_rd_u8(&r);     /* sequence number */
			(void)bn_rd_u8(&r);     /* proposed window */
		}
	} else if (a->type != BN_PDU_UNCONFIRMED) {
		return r.err ? -1 : 0;  /* acks, errors: the caller ignores them */
	}
	a->service = bn_rd_u8(&r);
	if (r.err)
		return -1;
	bn_rd_init(&a->body, p + r.pos, len - r.pos);
	return 0;
}
