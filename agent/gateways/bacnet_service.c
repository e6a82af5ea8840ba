/*
 * bacnet_service.c — the gateway's BACnet services (bacnet_service.h).
 */
#include <string.h>

#include "bacnet_service.h"

enum { SVC_I_AM = 0, SVC_I_HAVE = 1, SVC_UNCONFIRMED_COV = 2, SVC_WHO_HAS = 7,
	SVC_WHO_IS = 8 };
enum { SVC_CONFIRMED_COV = 1, SVC_SUBSCRIBE_COV = 5, SVC_READ_PROPERTY = 12,
	SVC_READ_PROPERTY_MULTIPLE = 14, SVC_WRITE_PROPERTY = 15,
	SVC_WRITE_PROPERTY_MULTIPLE = 16 };
enum { REJECT_OTHER = 0, REJECT_INVALID_TAG = 4, REJECT_MISSING_PARAMETER = 5,
	REJECT_UNRECOGNIZED_SERVICE = 9 };
enum { ABORT_SEGMENTATION_NOT_SUPPORTED = 4 };

#define RPM_MAX_PROPS   32
#define DEVICE_WILDCARD 4194303u

/* Decoded errors of a request's parameters. */
enum req_err { REQ_OK = 0, REQ_BAD_TAG, REQ_MISSING };

/* ---- answers ---- */

static void begin(struct bn_wr *w, const struct bn_peer *peer)
{
	bn_frame_begin(w, BVLC_UNICAST, &peer->net, false);
}

static void simple(struct bn_wr *w, uint8_t type_byte, uint8_t invoke, uint8_t b3)
{
	bn_wr_u8(w, type_byte);
	bn_wr_u8(w, invoke);
	bn_wr_u8(w, b3);
}

static void error_pdu(struct bn_wr *w, uint8_t invoke, uint8_t service,
    const struct bn_error *e)
{
	simple(w, BN_PDU_ERROR << 4, invoke, service);
	bn_wr_app_enum(w, e->cls);
	bn_wr_app_enum(w, e->code);
}

static void reject_pdu(struct bn_wr *w, uint8_t invoke, uint8_t reason)
{
	simple(w, BN_PDU_REJECT << 4, invoke, reason);
}

static void abort_pdu(struct bn_wr *w, uint8_t invoke, uint8_t reason)
{
	simple(w, BN_PDU_ABORT << 4 | 0x01, invoke, reason);    /* sent by the server */
}

/* ---- parameters ---- */

static bool ctx_object_id(struct bn_rd *r, uint8_t n, uint16_t *type, uint32_t *inst)
{
	struct bn_tag t;
	uint32_t v;

	if (!bn_tag_peek(r, &t) || !t.context || t.number != n || t.lvt != 4 ||
	    t.opening || t.closing)
		return false;
	bn_tag_read(r, &t);
	v = bn_rd_be(r, 4);
	*type = (uint16_t)(v >> 22);
	*inst = v & 0x3FFFFF;
	return !r->err;
}

static bool ctx_bool(struct bn_rd *r, uint8_t n, bool *v)
{
	struct bn_tag t;

	if (!bn_tag_peek(r, &t) || !t.context || t.number != n || t.lvt != 1 ||
	    t.opening || t.closing)
		return false;
	bn_tag_read(r, &t);
	*v = bn_rd_u8(r) != 0;
	return !r->err;
}

static bool expect_tag(struct bn_rd *r, uint8_t n, bool opening)
{
	struct bn_tag t;

	if (!bn_tag_peek(r, &t) || !t.context || t.number != n ||
	    (opening ? !t.opening : !t.closing))
		return false;
	return bn_tag_read(r, &t);
}

/* A parameter was not there: the request ended early, or held something
 * else (a tag that is not the one due, or one that passes the end). */
static uint8_t missing_or_bad(const struct bn_rd *r)
{
	return bn_rd_left(r) == 0 && !r->err ? REJECT_MISSING_PARAMETER : REJECT_INVALID_TAG;
}

/* ---- ReadProperty / ReadPropertyMultiple ---- */

static void read_property(const struct bn_db *db, const struct bn_apdu *a, struct bn_wr *w)
{
	struct bn_rd r = a->body;
	uint16_t type;
	uint32_t inst, prop, index = BN_NO_INDEX;
	struct bn_error e;
	size_t mark;

	if (!ctx_object_id(&r, 0, &type, &inst) || !bn_ctx_unsigned(&r, 1, &prop)) {
		reject_pdu(w, a->invoke_id, missing_or_bad(&r));
		return;
	}
	if (bn_rd_left(&r) > 0 && !bn_ctx_unsigned(&r, 2, &index)) {
		reject_pdu(w, a->invoke_id, REJECT_INVALID_TAG);
		return;
	}
	if (bn_rd_left(&r) > 0 || r.err) {
		reject_pdu(w, a->invoke_id, REJECT_INVALID_TAG);
		return;
	}
	if (prop == BN_P_ALL || prop == BN_P_REQUIRED || prop == BN_P_OPTIONAL) {
		e.cls = BN_EC_SERVICES;
		e.code = 9;     /* property ALL is for ReadPropertyMultiple: "inconsistent-parameters" */
		error_pdu(w, a->invoke_id, a->service, &e);
		return;
	}
	mark = w->len;
	simple(w, BN_PDU_COMPLEX_ACK << 4, a->invoke_id, a->service);
	if (type == BN_OBJ_DEVICE && inst == DEVICE_WILDCARD)
		inst = db->device_instance;
	bn_wr_ctx_object_id(w, 0, type, inst);
	bn_wr_ctx_enum(w, 1, prop);
	if (index != BN_NO_INDEX)
		bn_wr_ctx_unsigned(w, 2, index);
	bn_wr_open(w, 3);
	if (bn_read_property(db, type, inst, prop, index, w, &e) != 0) {
		w->len = mark;
		w->err = false;
		error_pdu(w, a->invoke_id, a->service, &e);
		return;
	}
	bn_wr_close(w, 3);
}

static void rpm_one(const struct bn_db *db, uint16_t type, uint32_t inst, uint32_t prop,
    uint32_t index, struct bn_wr *w)
{
	struct bn_error e;
	size_t mark;

	bn_wr_ctx_enum(w, 2, prop);
	if (index != BN_NO_INDEX)
		bn_wr_ctx_unsigned(w, 3, index);
	mark = w->len;
	bn_wr_open(w, 4);
	if (bn_read_property(db, type, inst, prop, index, w, &e) == 0) {
		bn_wr_close(w, 4);
		return;
	}
	if (w->err)
		return;         /* out of room: the caller aborts */
	w->len = mark;
	bn_wr_open(w, 5);
	bn_wr_app_enum(w, e.cls);
	bn_wr_app_enum(w, e.code);
	bn_wr_close(w, 5);
}

static enum req_err rpm_spec(const struct bn_db *db, struct bn_rd *r, struct bn_wr *w)
{
	uint16_t type;
	uint32_t inst, prop, index, list[RPM_MAX_PROPS];

	if (!ctx_object_id(r, 0, &type, &inst) || !expect_tag(r, 1, true))
		return r->err ? REQ_BAD_TAG : REQ_MISSING;
	if (type == BN_OBJ_DEVICE && inst == DEVICE_WILDCARD)
		inst = db->device_instance;
	bn_wr_ctx_object_id(w, 0, type, inst);
	bn_wr_open(w, 1);
	while (!expect_tag(r, 1, false)) {
		if (!bn_ctx_unsigned(r, 0, &prop))
			return REQ_BAD_TAG;
		index = BN_NO_INDEX;
		(void)bn_ctx_unsigned(r, 1, &index);
		if (r->err)
			return REQ_BAD_TAG;
		if (prop != BN_P_ALL && prop != BN_P_REQUIRED && prop != BN_P_OPTIONAL) {
			rpm_one(db, type, inst, prop, index, w);
			continue;
		}
		size_t n = bn_object_exists(db, type, inst) ?
		    bn_property_list(type, prop, list, RPM_MAX_PROPS) : 0;

		if (n == 0)     /* says unknown-object for an object that does not exist */
			rpm_one(db, type, inst, prop, BN_NO_INDEX, w);
		for (size_t i = 0; i < n; i++)
			rpm_one(db, type, inst, list[i], BN_NO_INDEX, w);
	}
	bn_wr_close(w, 1);
	return REQ_OK;
}

static void read_property_multiple(const struct bn_db *db, const struct bn_apdu *a,
    struct bn_wr *w)
{
	struct bn_rd r = a->body;
	size_t mark = w->len;

	simple(w, BN_PDU_COMPLEX_ACK << 4, a->invoke_id, a->service);
	do {
		enum req_err e = rpm_spec(db, &r, w);

		if (e != REQ_OK) {
			w->len = mark;
			w->err = false;
			reject_pdu(w, a->invoke_id, e == REQ_MISSING ?
			    REJECT_MISSING_PARAMETER : REJECT_INVALID_TAG);
			return;
		}
	} while (bn_rd_left(&r) > 0 && !w->err);
}

/* ---- SubscribeCOV ---- */

static bool same_peer(const struct bn_peer *x, const struct bn_peer *y)
{
	return x->len == y->len && memcmp(&x->addr, &y->addr, x->len) == 0 &&
	    x->net.present == y->net.present && x->net.net == y->net.net &&
	    x->net.len == y->net.len && memcmp(x->net.mac, y->net.mac, x->net.len) == 0;
}

static struct bn_sub *find_sub(struct bn_server *s, const struct bn_peer *p, uint32_t pid,
    uint16_t type, uint32_t inst)
{
	for (size_t i = 0; i < BN_MAX_SUBS; i++)
		if (s->sub[i].used && s->sub[i].process_id == pid && s->sub[i].type == type &&
		    s->sub[i].instance == inst && same_peer(&s->sub[i].peer, p))
			return &s->sub[i];
	return NULL;
}

static void subscribe_cov(struct bn_server *s, const struct bn_db *db,
    const struct bn_peer *peer, const struct bn_apdu *a, double now, struct bn_wr *w)
{
	struct bn_rd r = a->body;
	uint32_t pid, inst, lifetime = 0;
	uint16_t type;
	bool confirmed = false, has_confirmed, has_lifetime;
	struct bn_error e = { BN_EC_OBJECT, BN_E_UNKNOWN_OBJECT };
	struct bn_sub *sub;

	if (!bn_ctx_unsigned(&r, 0, &pid) || !ctx_object_id(&r, 1, &type, &inst)) {
		reject_pdu(w, a->invoke_id, missing_or_bad(&r));
		return;
	}
	has_confirmed = ctx_bool(&r, 2, &confirmed);
	has_lifetime = bn_ctx_unsigned(&r, 3, &lifetime);
	if (r.err || bn_rd_left(&r) > 0) {
		reject_pdu(w, a->invoke_id, REJECT_INVALID_TAG);
		return;
	}
	if (!bn_object_exists(db, type, inst)) {
		error_pdu(w, a->invoke_id, a->service, &e);
		return;
	}
	if (!bn_is_status_object(type)) {       /* COV is for the status objects */
		e.code = BN_E_OPTIONAL_NOT_SUPPORTED;
		error_pdu(w, a->invoke_id, a->service, &e);
		return;
	}
	sub = find_sub(s, peer, pid, type, inst);
	if (!has_confirmed && !has_lifetime) {          /* a cancellation */
		if (sub != NULL)
			sub->used = false;
		simple(w, BN_PDU_SIMPLE_ACK << 4, a->invoke_id, a->service);
		return;
	}
	for (size_t i = 0; sub == NULL && i < BN_MAX_SUBS; i++)
		if (!s->sub[i].used)
			sub = &s->sub[i];
	if (sub == NULL) {
		e.cls = 3;      /* resources: no-space-to-add-list-element */
		e.code = 19;
		error_pdu(w, a->invoke_id, a->service, &e);
		return;
	}
	memset(sub, 0, sizeof(*sub));
	sub->used = true;
	sub->peer = *peer;
	sub->process_id = pid;
	sub->type = type;
	sub->instance = inst;
	sub->confirmed = confirmed;
	sub->expires = lifetime > 0 ? now + lifetime : 0;
	simple(w, BN_PDU_SIMPLE_ACK << 4, a->invoke_id, a->service);
}

bool bn_cov_due(struct bn_server *s, const struct bn_db *db, size_t i, double now,
    uint8_t *out, size_t cap, size_t *out_len)
{
	struct bn_sub *sub = &s->sub[i];
	struct bn_wr w;
	uint32_t value;
	bool fault;

	if (!sub->used)
		return false;
	if (sub->expires > 0 && now >= sub->expires) {
		sub->used = false;
		return false;
	}
	value = bn_status_value(db, sub->type, sub->instance);
	fault = bn_in_fault(db);
	if (sub->sent && value == sub->last_value && fault == sub->last_fault)
		return false;
	sub->sent = true;
	sub->last_value = value;
	sub->last_fault = fault;
	bn_wr_init(&w, out, cap);
	bn_frame_begin(&w, BVLC_UNICAST, &sub->peer.net, sub->confirmed);
	if (sub->confirmed) {
		bn_wr_u8(&w, BN_PDU_CONFIRMED << 4);
		bn_wr_u8(&w, 0x05);     /* we accept answers of up to 1476 bytes */
		bn_wr_u8(&w, s->next_invoke++);
		bn_wr_u8(&w, SVC_CONFIRMED_COV);
	} else {
		bn_wr_u8(&w, BN_PDU_UNCONFIRMED << 4);
		bn_wr_u8(&w, SVC_UNCONFIRMED_COV);
	}
	bn_wr_ctx_unsigned(&w, 0, sub->process_id);
	bn_wr_ctx_object_id(&w, 1, BN_OBJ_DEVICE, db->device_instance);
	bn_wr_ctx_object_id(&w, 2, sub->type, sub->instance);
	bn_wr_ctx_unsigned(&w, 3, sub->expires > 0 ? (uint32_t)(sub->expires - now) : 0);
	bn_wr_open(&w, 4);
	bn_wr_ctx_enum(&w, 0, BN_P_PRESENT_VALUE);
	bn_wr_open(&w, 2);
	bn_wr_present_value(db, sub->type, sub->instance, &w);
	bn_wr_close(&w, 2);
	bn_wr_ctx_enum(&w, 0, BN_P_STATUS_FLAGS);
	bn_wr_open(&w, 2);
	bn_read_property(db, sub->type, sub->instance, BN_P_STATUS_FLAGS, BN_NO_INDEX, &w,
	    &(struct bn_error){ 0, 0 });
	bn_wr_close(&w, 2);
	bn_wr_close(&w, 4);
	*out_len = bn_frame_finish(&w);
	return *out_len > 0;
}

/* ---- Who-Is / Who-Has ---- */

static bool in_range(const struct bn_db *db, struct bn_rd *r)
{
	uint32_t lo, hi;

	if (bn_rd_left(r) == 0)
		return !r->err;
	if (!bn_ctx_unsigned(r, 0, &lo) || !bn_ctx_unsigned(r, 1, &hi))
		return false;
	return db->device_instance >= lo && db->device_instance <= hi;
}

static void i_am(const struct bn_db *db, struct bn_wr *w)
{
	bn_wr_u8(w, BN_PDU_UNCONFIRMED << 4);
	bn_wr_u8(w, SVC_I_AM);
	bn_wr_app_object_id(w, BN_OBJ_DEVICE, db->device_instance);
	bn_wr_app_unsigned(w, BN_MAX_APDU);
	bn_wr_app_enum(w, 3);           /* no-segmentation */
	bn_wr_app_unsigned(w, BN_VENDOR_ID);
}

static bool who_has(const struct bn_db *db, const struct bn_apdu *a, struct bn_wr *w)
{
	struct bn_rd r = a->body;
	struct bn_tag t;
	uint32_t lo, hi, inst;
	uint16_t type;
	char name[64];

	if (bn_ctx_unsigned(&r, 0, &lo)) {
		if (!bn_ctx_unsigned(&r, 1, &hi) || db->device_instance < lo ||
		    db->device_instance > hi)
			return false;
	}
	if (ctx_object_id(&r, 2, &type, &inst)) {
		if (!bn_object_exists(db, type, inst))
			return false;
		if (type == BN_OBJ_DEVICE)
			inst = db->device_instance;
	} else {
		if (!bn_tag_read(&r, &t) || !t.context || t.number != 3 || t.lvt < 1 ||
		    t.lvt >= sizeof(name) || bn_rd_u8(&r) != 0)
			return false;   /* only the UTF-8 character set */
		for (uint32_t i = 0; i + 1 < t.lvt; i++)
			name[i] = (char)bn_rd_u8(&r);
		name[t.lvt - 1] = '\0';
		if (r.err || !bn_object_by_name(db, name, &type, &inst))
			return false;
	}
	bn_object_name(db, type, inst, name, sizeof(name));
	bn_wr_u8(w, BN_PDU_UNCONFIRMED << 4);
	bn_wr_u8(w, SVC_I_HAVE);
	bn_wr_app_object_id(w, BN_OBJ_DEVICE, db->device_instance);
	bn_wr_app_object_id(w, type, inst);
	bn_wr_app_charstring(w, name);
	return true;
}

/* ---- dispatch ---- */

static bool confirmed(struct bn_server *s, const struct bn_db *db, const struct bn_peer *peer,
    const struct bn_apdu *a, double now, struct bn_wr *w)
{
	struct bn_error denied = { BN_EC_PROPERTY, BN_E_WRITE_ACCESS_DENIED };
	size_t apdu_start = w->len;
	struct bn_wr limited;

	if (a->segmented) {
		abort_pdu(w, a->invoke_id, ABORT_SEGMENTATION_NOT_SUPPORTED);
		return true;
	}
	/* an answer must fit the requester's max APDU: there is no segmentation */
	bn_wr_init(&limited, w->p + apdu_start, a->max_apdu < w->cap - apdu_start ?
	    a->max_apdu : w->cap - apdu_start);
	switch (a->service) {
	case SVC_READ_PROPERTY:
		read_property(db, a, &limited);
		break;
	case SVC_READ_PROPERTY_MULTIPLE:
		read_property_multiple(db, a, &limited);
		break;
	case SVC_SUBSCRIBE_COV:
		subscribe_cov(s, db, peer, a, now, &limited);
		break;
	case SVC_WRITE_PROPERTY:
	case SVC_WRITE_PROPERTY_MULTIPLE:
		error_pdu(&limited, a->invoke_id, a->service, &denied);
		break;
	default:
		reject_pdu(&limited, a->invoke_id, REJECT_UNRECOGNIZED_SERVICE);
		break;
	}
	if (limited.err) {
		bn_wr_init(&limited, w->p + apdu_start, w->cap - apdu_start);
		abort_pdu(&limited, a->invoke_id, ABORT_SEGMENTATION_NOT_SUPPORTED);
	}
	w->len = apdu_start + limited.len;
	return true;
}

enum bn_reply bn_handle(struct bn_server *s, const struct bn_db *db, struct bn_peer *peer,
    const uint8_t *d, size_t len, double now, uint8_t *out, size_t cap, size_t *out_len)
{
	struct bn_frame f;
	struct bn_apdu a;
	struct bn_wr w;
	enum bn_reply kind = BN_ANSWER;

	*out_len = 0;
	if (bn_frame_parse(d, len, &f) != 0 || f.network_message || f.for_other_network ||
	    bn_apdu_parse(f.apdu, f.apdu_len, &a) != 0)
		return BN_NONE;
	peer->net = f.src;
	bn_wr_init(&w, out, cap);
	begin(&w, peer);
	if (a.type == BN_PDU_CONFIRMED) {
		confirmed(s, db, peer, &a, now, &w);
	} else if (a.type == BN_PDU_UNCONFIRMED && a.service == SVC_WHO_IS) {
		struct bn_rd r = a.body;

		if (!in_range(db, &r))
			return BN_NONE;
		i_am(db, &w);
		kind = BN_I_AM;
	} else if (a.type == BN_PDU_UNCONFIRMED && a.service == SVC_WHO_HAS) {
		if (!who_has(db, &a, &w))
			return BN_NONE;
	} else {
		return BN_NONE;         /* acks of our notifications, other services */
	}
	*out_len = bn_frame_finish(&w);
	return *out_len > 0 ? kind : BN_NONE;
}
