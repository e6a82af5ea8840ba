/*
 * fuzz_bacnet.c — BACnet/IP datagrams as the gateway's service decodes
 * them (BVLC, NPDU, APDU: Who-Is, ReadProperty, ReadPropertyMultiple,
 * WriteProperty, SubscribeCOV...; bn_handle) against the object database
 * of a UPS snapshot, then the COV notifications due for every object.
 *
 * Input: records of one length byte and that many datagram bytes.
 */
#include <netinet/in.h>
#include <string.h>

#include "bacnet_codec.h"
#include "bacnet_objects.h"
#include "bacnet_service.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct nv_snapshot snap;
	static struct bn_server srv;
	static uint8_t out[BN_MAX_MPDU];
	struct bn_db db;
	struct bn_peer peer;
	double now = 1000.0;

	nv_fuzz_setup();
	nv_snapshot_init(&snap);
	snap.comm = NV_COMM_OK;
	snap.kind = NV_KIND_UPS;
	snprintf(snap.id.model, sizeof(snap.id.model), "MASTERYS");
	snap.sys.ups.batt_charge = 87;
	nv_cond_set(&snap.sys, NV_C_ON_INVERTER, true);
	snap.unit[0] = snap.sys;
	db = (struct bn_db){ &snap, 0, 1234, "lab", "nvagent fuzz", 0 };
	memset(&srv, 0, sizeof(srv));
	memset(&peer, 0, sizeof(peer));
	peer.len = sizeof(struct sockaddr_in);
	while (size > 0) {
		size_t n = data[0] < size - 1 ? data[0] : size - 1, len = 0;

		bn_handle(&srv, &db, &peer, data + 1, n, now, out, sizeof(out), &len);
		if (len > sizeof(out))
			abort();
		data += 1 + n;
		size -= 1 + n;
		now += 1.0;
	}
	snap.sys.ups.batt_charge = 12;  /* values change: notifications go out */
	nv_cond_set(&snap.sys, NV_C_ON_INVERTER, false);
	snap.unit[0] = snap.sys;
	for (size_t i = 0; i < BN_MAX_SUBS; i++) {
		size_t len = 0;

		bn_cov_due(&srv, &db, i, now + 1.0, out, sizeof(out), &len);
	}
	return 0;
}
