/*
 * test_trap_pdu.c — the PDU each receiver gets (handler_trap.c): the
 * trap's own varbinds, then, when a device is named, upsIdentName.0 with
 * its name, and for SNMPv3 the device as the scoped PDU's contextName.
 */
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <check.h>
#include <string.h>

#include "check_main.h"
#include "handler_trap.h"

static const oid ups_ident_name[] = { 1, 3, 6, 1, 2, 1, 33, 1, 1, 5, 0 };
static const oid batt_minutes[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 1, 2, 3, 0 };

static void on_battery(struct nv_notification *n)
{
	static const uint32_t trap[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 2, 0, 1 };
	static const uint32_t ent[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 2 };

	memset(n, 0, sizeof(*n));
	n->kind = NV_NOTE_TRAP;
	n->event = "on-battery";
	nv_oid_append(&n->trap_oid, trap, sizeof(trap) / sizeof(trap[0]));
	nv_oid_append(&n->enterprise, ent, sizeof(ent) / sizeof(ent[0]));
	n->specific = 1;
	n->n_vb = 1;
	n->vb[0].type = NV_VB_INTEGER;
	n->vb[0].integer = 12;
	for (size_t i = 0; i < sizeof(batt_minutes) / sizeof(oid); i++)
		n->vb[0].name.sub[i] = (uint32_t)batt_minutes[i];
	n->vb[0].name.len = sizeof(batt_minutes) / sizeof(oid);
}

static bool is(const netsnmp_variable_list *v, const oid *name, size_t len)
{
	return v != NULL && snmp_oid_compare(v->name, v->name_length, name, len) == 0;
}

static size_t count(const netsnmp_variable_list *v)
{
	size_t k = 0;

	for (; v != NULL; v = v->next_variable)
		k++;
	return k;
}

/* The last varbind of PDU: upsIdentName.0 = NAME. */
static void ends_with_device(const netsnmp_pdu *pdu, const char *name)
{
	const netsnmp_variable_list *v = pdu->variables;

	while (v != NULL && v->next_variable != NULL)
		v = v->next_variable;
	ck_assert(is(v, ups_ident_name, OID_LENGTH(ups_ident_name)));
	ck_assert_int_eq(v->type, ASN_OCTET_STR);
	ck_assert_uint_eq(v->val_len, strlen(name));
	ck_assert_int_eq(memcmp(v->val.string, name, v->val_len), 0);
}

/* v2c / inform: sysUpTime, snmpTrapOID, the trap's varbind, the device. */
START_TEST(v2c_trap_names_the_device_last)
{
	struct nv_receiver r = { .version = NV_RCV_V2C };
	struct nv_notification n;
	netsnmp_pdu *pdu;

	on_battery(&n);
	for (int inform = 0; inform <= 1; inform++) {
		r.inform = inform;
		pdu = nv_trap_pdu(&r, &n, "ups-b");
		ck_assert_ptr_nonnull(pdu);
		ck_assert_int_eq(pdu->command, inform ? SNMP_MSG_INFORM : SNMP_MSG_TRAP2);
		ck_assert_uint_eq(count(pdu->variables), 4);
		ck_assert(is(pdu->variables->next_variable->next_variable, batt_minutes,
		    OID_LENGTH(batt_minutes)));
		ends_with_device(pdu, "ups-b");
		ck_assert_ptr_null(pdu->contextName);
		snmp_free_pdu(pdu);
	}
}
END_TEST

/* v1: the enterprise trap's varbind, then the device; v3 (TRAP2): the
 * device is the context too. */
START_TEST(v1_and_v3_traps_name_the_device)
{
	struct nv_receiver r = { .version = NV_RCV_V1 };
	struct nv_notification n;
	netsnmp_pdu *pdu;

	on_battery(&n);
	pdu = nv_trap_pdu(&r, &n, "ups-b");
	ck_assert_ptr_nonnull(pdu);
	ck_assert_int_eq(pdu->command, SNMP_MSG_TRAP);
	ck_assert_int_eq(pdu->specific_type, 1);
	ck_assert_uint_eq(count(pdu->variables), 2);
	ck_assert(is(pdu->variables, batt_minutes, OID_LENGTH(batt_minutes)));
	ends_with_device(pdu, "ups-b");
	ck_assert_ptr_null(pdu->contextName);
	snmp_free_pdu(pdu);

	r.version = NV_RCV_V3;
	pdu = nv_trap_pdu(&r, &n, "ups-b");
	ck_assert_ptr_nonnull(pdu);
	ends_with_device(pdu, "ups-b");
	ck_assert_uint_eq(pdu->contextNameLen, 5);
	ck_assert_int_eq(memcmp(pdu->contextName, "ups-b", 5), 0);
	snmp_free_pdu(pdu);
}
END_TEST

/* No device named (one device): the trap as the card sends it. */
START_TEST(one_device_trap_is_unchanged)
{
	struct nv_receiver r = { .version = NV_RCV_V3 };
	struct nv_notification n;
	netsnmp_pdu *pdu;

	on_battery(&n);
	pdu = nv_trap_pdu(&r, &n, NULL);
	ck_assert_ptr_nonnull(pdu);
	ck_assert_uint_eq(count(pdu->variables), 3);
	ck_assert(is(pdu->variables->next_variable->next_variable, batt_minutes,
	    OID_LENGTH(batt_minutes)));
	ck_assert_ptr_null(pdu->contextName);
	snmp_free_pdu(pdu);
	r.version = NV_RCV_V1;
	pdu = nv_trap_pdu(&r, &n, NULL);
	ck_assert_uint_eq(count(pdu->variables), 1);
	snmp_free_pdu(pdu);
}
END_TEST

static Suite *trap_pdu_suite(void)
{
	Suite *s = suite_create("trap_pdu");
	TCase *tc = tcase_create("device");

	tcase_add_test(tc, v2c_trap_names_the_device_last);
	tcase_add_test(tc, v1_and_v3_traps_name_the_device);
	tcase_add_test(tc, one_device_trap_is_unchanged);
	suite_add_tcase(s, tc);
	return s;
}

nv_suite_builder *const nv_test_suites[] = { trap_pdu_suite, NULL };
