/*
 * handler_trap.c — the trap plug-in: sends each notification to every
 * configured receiver that wants it, with nvagentd's own net-snmp
 * sessions (not the master's trapsink), so that filters work per receiver
 * and traps still go out while snmpd restarts.  v1 TRAP (enterprise +
 * specific), v2c / v3 TRAP2 or INFORM (sysUpTime.0, snmpTrapOID.0 first).
 * v3 traps use the agent's engineID; informs discover the receiver's.
 * When the agent serves several devices, each trap also names its device:
 * upsIdentName.0 after the trap's own varbinds and, in v3, the device as
 * the scoped PDU's contextName (the SNMP context its MIBs are served in).
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag_log.h"
#include "filter.h"
#include "handler.h"
#include "handler_trap.h"
#include "hostport.h"
#include "nvconfig.h"
#include "resolver.h"

#define RESOLVE_RETRY_S 30      /* a name that did not resolve is tried again */
#define RESOLVE_LOG_S   300     /* ... and said again at most this often */

/*
 * An inform waiting for its acknowledgement.  net-snmp calls the request's
 * callback more than once (OP_RESEND at each retry, then one outcome; a
 * v3 security error may come before a timeout; snmp_close() reports the
 * requests still pending), so the callback frees nothing: it finds the
 * slot by request id, and a second outcome for a settled id is ignored.
 */
#define INFORMS_TRACKED 64

struct inform_wait {
	int reqid;              /* 0: free slot */
	int resends;
	char event[40];
};

struct trap_rcv {
	struct nv_receiver cfg;
	netsnmp_session *ss;
	bool closing;           /* pending informs are being dropped */
	/* a host name is looked up off the main thread (resolver.h); the
	 * session opens when the address is known */
	struct nv_resolver *resolver;
	char host[256];
	int port;
	bool resolving;
	time_t retry_at;        /* monotonic s; 0: no retry due */
	struct nv_ratelimit unresolved_rl;
	unsigned long sent, failed;
	struct inform_wait wait[INFORMS_TRACKED];
};

struct trap_state {
	struct nv_handler_env env;      /* its device list */
	struct nv_resolver *resolver;   /* NULL: names resolved inline */
	size_t n;
	struct trap_rcv rcv[NV_MAX_RECEIVERS];
	unsigned long informs_pending;
};

static const oid sysuptime_oid[] = { 1, 3, 6, 1, 2, 1, 1, 3, 0 };
static const oid trapoid_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };

static int set_v3_keys(netsnmp_session *s, const struct nv_receiver *r)
{
	s->securityName = strdup(r->user);
	s->securityNameLen = strlen(r->user);
	s->securityLevel = SNMP_SEC_LEVEL_NOAUTH;
	if (r->auth_pass[0] == '\0')
		return 0;
	s->securityLevel = SNMP_SEC_LEVEL_AUTHNOPRIV;
	s->securityAuthProto = snmp_duplicate_objid(usmHMACSHA1AuthProtocol,
	    USM_AUTH_PROTO_SHA_LEN);
	s->securityAuthProtoLen = USM_AUTH_PROTO_SHA_LEN;
	s->securityAuthKeyLen = USM_AUTH_KU_LEN;
	if (generate_Ku(s->securityAuthProto, (u_int)s->securityAuthProtoLen,
	    (const u_char *)r->auth_pass, strlen(r->auth_pass),
	    s->securityAuthKey, &s->securityAuthKeyLen) != SNMPERR_SUCCESS)
		return -1;
	if (r->priv_pass[0] == '\0')
		return 0;
	s->securityLevel = SNMP_SEC_LEVEL_AUTHPRIV;
	s->securityPrivProto = snmp_duplicate_objid(usmAESPrivProtocol,
	    USM_PRIV_PROTO_AES_LEN);
	s->securityPrivProtoLen = USM_PRIV_PROTO_AES_LEN;
	s->securityPrivKeyLen = USM_PRIV_KU_LEN;
	if (generate_Ku(s->securityAuthProto, (u_int)s->securityAuthProtoLen,
	    (const u_char *)r->priv_pass, strlen(r->priv_pass),
	    s->securityPrivKey, &s->securityPrivKeyLen) != SNMPERR_SUCCESS)
		return -1;
	return 0;
}

static time_t mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Open the net-snmp session to peer ("udp:IP:PORT"): main thread only,
 * and with an address, so that snmp_open never waits on a name server. */
static int open_session(struct trap_rcv *t, char *peer)
{
	const struct nv_receiver *r = &t->cfg;
	netsnmp_session s;

	snmp_sess_init(&s);
	s.peername = peer;
	s.retries = r->inform ? r->retries : 0;
	s.timeout = (long)r->timeout_ms * 1000L;
	switch (r->version) {
	case NV_RCV_V1:
	case NV_RCV_V2C:
		s.version = r->version == NV_RCV_V1 ? SNMP_VERSION_1 : SNMP_VERSION_2c;
		s.community = (u_char *)strdup(r->community);
		s.community_len = strlen(r->community);
		break;
	case NV_RCV_V3:
		s.version = SNMP_VERSION_3;
		if (set_v3_keys(&s, r) == -1) {
			nv_log(LOG_ERR, "trap receiver %s: cannot derive the v3 keys", r->name);
			return -1;
		}
		if (!r->inform) {
			/* a trap's authoritative engine is ours */
			u_char id[SNMP_MAXBUF_SMALL];
			size_t len = snmpv3_get_engineID(id, sizeof(id));

			s.securityEngineID = netsnmp_memdup(id, len);
			s.securityEngineIDLen = len;
			s.flags |= SNMP_FLAGS_DONT_PROBE;
		}
		break;
	}
	t->ss = snmp_open(&s);
	/* snmp_open copied what it needs */
	free(s.community);
	free(s.securityName);
	free(s.securityAuthProto);
	free(s.securityPrivProto);
	free(s.securityEngineID);
	if (t->ss == NULL) {
		nv_log(LOG_ERR, "trap receiver %s: cannot open %s: %s", r->name, peer,
		    snmp_api_errstring(snmp_errno));
		return -1;
	}
	return 0;
}

static bool is_address(const char *host)
{
	unsigned char a[sizeof(struct in6_addr)];

	return inet_pton(AF_INET, host, a) == 1 || inet_pton(AF_INET6, host, a) == 1;
}

static int open_address(struct trap_rcv *t, const char *ip)
{
	char peer[320];

	snprintf(peer, sizeof(peer), strchr(ip, ':') != NULL ? "udp6:[%s]:%d" : "udp:%s:%d",
	    ip, t->port);
	return open_session(t, peer);
}

static void resolved(void *arg, int rc, const struct sockaddr *sa, socklen_t salen)
{
	struct trap_rcv *t = arg;
	char ip[INET6_ADDRSTRLEN];
	unsigned suppressed;

	t->resolving = false;
	if (rc == 0)
		rc = getnameinfo(sa, salen, ip, sizeof(ip), NULL, 0, NI_NUMERICHOST);
	if (rc != 0) {
		t->retry_at = mono_s() + RESOLVE_RETRY_S;
		if (nv_ratelimit_ok(&t->unresolved_rl, &suppressed))
			nv_log(LOG_WARNING, "trap receiver %s: cannot resolve '%s': %s; trying "
			    "again every %d s (%u similar suppressed)", t->cfg.name, t->host,
			    gai_strerror(rc), RESOLVE_RETRY_S, suppressed);
		return;
	}
	t->retry_at = 0;
	if (open_address(t, ip) == 0)
		nv_log(LOG_INFO, "trap receiver %s: %s is %s", t->cfg.name, t->host, ip);
}

static void resolve(struct trap_rcv *t)
{
	t->retry_at = 0;
	if (nv_resolver_submit(t->resolver, t->host, resolved, t) != 0) {
		nv_log(LOG_ERR, "trap receiver %s: cannot look up '%s'", t->cfg.name, t->host);
		t->retry_at = mono_s() + RESOLVE_RETRY_S;
		return;
	}
	t->resolving = true;
}

/* 0 when the session is open or will be once the name resolves. */
static int open_receiver(struct trap_rcv *t, struct nv_resolver *resolver)
{
	const struct nv_receiver *r = &t->cfg;
	const char *why = nv_hostport_parse(r->address, t->host, sizeof(t->host), &t->port,
	    162);

	if (why != NULL) {
		nv_log(LOG_ERR, "trap receiver %s: address '%s': %s", r->name, r->address, why);
		return -1;
	}
	t->resolver = resolver;
	t->unresolved_rl.interval = RESOLVE_LOG_S;
	if (is_address(t->host))
		return open_address(t, t->host);
	if (resolver == NULL) {
		/* no resolver (nvtraphandle): a short-lived process may wait */
		char peer[320];

		snprintf(peer, sizeof(peer), "udp:%s:%d", t->host, t->port);
		return open_session(t, peer);
	}
	resolve(t);
	return 0;
}

static void close_all(struct trap_state *st)
{
	for (size_t i = 0; i < st->n; i++) {
		struct trap_rcv *t = &st->rcv[i];

		if (t->resolver != NULL)
			nv_resolver_cancel(t->resolver, t);
		t->resolving = false;
		if (t->ss == NULL)
			continue;
		/* snmp_close() calls the callback of each pending inform */
		t->closing = true;
		snmp_close(t->ss);
		t->ss = NULL;
	}
	st->n = 0;
}

static void open_all(struct trap_state *st, const struct nv_traps_cfg *tc,
    struct nv_resolver *resolver)
{
	st->n = 0;
	for (size_t i = 0; i < tc->n; i++) {
		struct trap_rcv *t = &st->rcv[st->n];

		memset(t, 0, sizeof(*t));
		t->cfg = tc->rcv[i];
		if (t->cfg.mib == NV_RCV_MIB_NONE || open_receiver(t, resolver) == 0)
			st->n++;
	}
}

bool nv_receiver_wants(const struct nv_receiver *r, const struct nv_notification *n)
{
	if (r->mib == NV_RCV_MIB_NONE)
		return false;
	if (n->to_all)
		return true;
	if ((n->family == NV_FAM_RFC1628) != (r->mib == NV_RCV_MIB_RFC1628))
		return false;
	if (r->filter == NV_RCV_BY_SEVERITY && n->alarm_entry && r->alarm_entry_filter)
		return false;
	return nv_filter_wants(r->filter, r->severity, r->events, r->n_events, n);
}

static void to_oid(const struct nv_oid *o, oid *dst, size_t *len)
{
	for (size_t i = 0; i < o->len; i++)
		dst[i] = o->sub[i];
	*len = o->len;
}

static int add_varbind(netsnmp_pdu *pdu, const struct nv_varbind *vb)
{
	oid name[NV_OID_MAX], val[NV_OID_MAX];
	size_t nlen, vlen;
	long l = vb->integer;
	u_long ticks = (u_long)vb->integer;

	to_oid(&vb->name, name, &nlen);
	switch (vb->type) {
	case NV_VB_INTEGER:
		return snmp_pdu_add_variable(pdu, name, nlen, ASN_INTEGER, &l, sizeof(l)) ? 0 : -1;
	case NV_VB_TIMETICKS:
		return snmp_pdu_add_variable(pdu, name, nlen, ASN_TIMETICKS, &ticks, sizeof(ticks)) ? 0 : -1;
	case NV_VB_OCTETS:
		return snmp_pdu_add_variable(pdu, name, nlen, ASN_OCTET_STR, vb->str, vb->str_len) ? 0 : -1;
	case NV_VB_OID:
		to_oid(&vb->oid, val, &vlen);
		return snmp_pdu_add_variable(pdu, name, nlen, ASN_OBJECT_ID, val, vlen * sizeof(oid)) ? 0 : -1;
	}
	return -1;
}

/* The device's name as a varbind and, in v3, as the context. */
static int name_device(netsnmp_pdu *pdu, const struct nv_receiver *r, const char *device)
{
	struct nv_varbind vb;

	nv_device_varbind(device, &vb);
	if (add_varbind(pdu, &vb) == -1)
		return -1;
	if (r->version != NV_RCV_V3)
		return 0;
	pdu->contextName = strdup(device);
	pdu->contextNameLen = strlen(device);
	return pdu->contextName != NULL ? 0 : -1;
}

netsnmp_pdu *nv_trap_pdu(const struct nv_receiver *r, const struct nv_notification *n,
    const char *device)
{
	netsnmp_pdu *pdu;
	u_long uptime = netsnmp_get_agent_uptime();

	if (r->version == NV_RCV_V1) {
		oid ent[NV_OID_MAX];
		size_t elen;

		pdu = snmp_pdu_create(SNMP_MSG_TRAP);
		if (pdu == NULL)
			return NULL;
		to_oid(&n->enterprise, ent, &elen);
		pdu->enterprise = snmp_duplicate_objid(ent, elen);
		pdu->enterprise_length = elen;
		pdu->trap_type = SNMP_TRAP_ENTERPRISESPECIFIC;
		pdu->specific_type = n->specific;
		pdu->time = uptime;
	} else {
		oid trap[NV_OID_MAX];
		size_t tlen;

		pdu = snmp_pdu_create(r->inform ? SNMP_MSG_INFORM : SNMP_MSG_TRAP2);
		if (pdu == NULL)
			return NULL;
		to_oid(&n->trap_oid, trap, &tlen);
		snmp_pdu_add_variable(pdu, sysuptime_oid, OID_LENGTH(sysuptime_oid),
		    ASN_TIMETICKS, &uptime, sizeof(uptime));
		snmp_pdu_add_variable(pdu, trapoid_oid, OID_LENGTH(trapoid_oid),
		    ASN_OBJECT_ID, trap, tlen * sizeof(oid));
	}
	for (size_t i = 0; i < n->n_vb; i++)
		if (add_varbind(pdu, &n->vb[i]) == -1) {
			snmp_free_pdu(pdu);
			return NULL;
		}
	if (device != NULL && name_device(pdu, r, device) == -1) {
		snmp_free_pdu(pdu);
		return NULL;
	}
	return pdu;
}

static struct inform_wait *find_wait(struct trap_rcv *t, int reqid)
{
	for (size_t i = 0; i < INFORMS_TRACKED; i++)
		if (t->wait[i].reqid == reqid)
			return &t->wait[i];
	return NULL;
}

static void log_inform_outcome(const struct trap_rcv *t, int op,
    const struct inform_wait *w)
{
	const char *name = t->cfg.name, *ev = w->event;

	if (t->closing)
		nv_log(LOG_WARNING, "trap receiver %s: inform %s dropped unacknowledged "
		    "(receiver closed)", name, ev);
	else if (op == NETSNMP_CALLBACK_OP_RECEIVED_MESSAGE)
		nv_log(LOG_DEBUG, "trap receiver %s: inform %s acknowledged after %d tries",
		    name, ev, w->resends + 1);
	else if (op == NETSNMP_CALLBACK_OP_TIMED_OUT)
		nv_log(LOG_WARNING, "trap receiver %s: inform %s not acknowledged after %d tries",
		    name, ev, t->cfg.retries + 1);
	else if (op == NETSNMP_CALLBACK_OP_SEC_ERROR)
		nv_log(LOG_WARNING, "trap receiver %s: inform %s refused by the receiver's "
		    "SNMPv3 security", name, ev);
	else
		nv_log(LOG_WARNING, "trap receiver %s: inform %s could not be sent", name, ev);
}

static int inform_done(int op, netsnmp_session *s, int reqid, netsnmp_pdu *pdu, void *arg)
{
	struct trap_rcv *t = arg;
	struct inform_wait *w = find_wait(t, reqid);

	(void)s;
	(void)pdu;
	if (op == NETSNMP_CALLBACK_OP_CONNECT)
		return 1;
	if (op == NETSNMP_CALLBACK_OP_RESEND) {
		if (w != NULL)
			w->resends++;
		return 1;
	}
	/* settled already (a v3 error, then the timeout) or never tracked */
	if (w == NULL)
		return 1;
	log_inform_outcome(t, op, w);
	w->reqid = 0;
	return 1;
}

/* Remember an inform sent; when every slot is busy it is still sent and
 * retried, only its outcome goes unlogged. */
static void track_inform(struct trap_rcv *t, int reqid, const char *event)
{
	struct inform_wait *w = find_wait(t, 0);

	if (w == NULL) {
		nv_log(LOG_WARNING, "trap receiver %s: more than %d informs unacknowledged; "
		    "the outcome of %s will not be logged", t->cfg.name, INFORMS_TRACKED, event);
		return;
	}
	w->reqid = reqid;
	w->resends = 0;
	snprintf(w->event, sizeof(w->event), "%s", event);
}

static void send_one(struct trap_rcv *t, const struct nv_notification *n, const char *device)
{
	netsnmp_pdu *pdu = nv_trap_pdu(&t->cfg, n, device);
	int reqid;

	if (pdu == NULL) {
		nv_log(LOG_ERR, "trap receiver %s: cannot build %s", t->cfg.name, n->event);
		t->failed++;
		return;
	}
	reqid = snmp_async_send(t->ss, pdu, t->cfg.inform ? inform_done : NULL, t);
	if (reqid == 0) {
		nv_log(LOG_ERR, "trap receiver %s: %s not sent: %s", t->cfg.name,
		    n->event, snmp_api_errstring(t->ss->s_snmp_errno));
		snmp_free_pdu(pdu);
		t->failed++;
		return;
	}
	if (t->cfg.inform)
		track_inform(t, reqid, n->event);
	t->sent++;
}

static void trap_handle(void *state, const struct nv_notification *n)
{
	struct trap_state *st = state;
	const char *device = nv_handler_device_named(&st->env, n);

	for (size_t i = 0; i < st->n; i++) {
		struct trap_rcv *t = &st->rcv[i];
		unsigned suppressed;

		if (!nv_receiver_wants(&t->cfg, n))
			continue;
		if (t->ss != NULL) {
			send_one(t, n, device);
			continue;
		}
		t->failed++;
		if (nv_ratelimit_ok(&t->unresolved_rl, &suppressed))
			nv_log(LOG_WARNING, "trap receiver %s: %s not sent: the address of '%s' "
			    "is not known yet (%u similar suppressed)", t->cfg.name, n->event,
			    t->host, suppressed);
	}
}

/* Names that did not resolve are tried again. */
static void trap_tick(void *state)
{
	struct trap_state *st = state;
	time_t now = mono_s();

	for (size_t i = 0; i < st->n; i++) {
		struct trap_rcv *t = &st->rcv[i];

		if (t->ss == NULL && !t->resolving && t->retry_at != 0 && now >= t->retry_at)
			resolve(t);
	}
}

static int trap_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct trap_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		nv_log(LOG_ERR, "trap handler: out of memory");
		return -1;
	}
	st->env = *env;
	st->resolver = env->resolver;
	open_all(st, env->section, st->resolver);
	*state = st;
	return 0;
}

static int trap_reload(void *state, const struct nv_handler_env *env)
{
	struct trap_state *st = state;

	st->env = *env;
	close_all(st);
	open_all(st, env->section, st->resolver);
	return 0;
}

static void trap_fini(void *state)
{
	close_all(state);
	free(state);
}

static const void *trap_section(const struct nv_config *cfg)
{
	return &cfg->traps;
}

const struct nv_handler_ops nv_handler_trap = {
	.name = "trap",
	.section = trap_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_TRAP),
	.init = trap_init,
	.handle = trap_handle,
	.reload = trap_reload,
	.fini = trap_fini,
	.tick = trap_tick,
};
