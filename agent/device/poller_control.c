/*
 * poller_control.c — run a control command on the serial line (see
 * poller_control.h).  A shut-off is one function-0x10 write of the
 * profile's delayed off / restart block; an exception is a refusal, and
 * the block is read back so that a device that silently drops the write
 * is reported.  A device that refuses the read-back (the block may be
 * write-only on real firmware) is trusted on the write's answer.
 *
 * A one-word control (eco mode, battery test, transfer ...) is checked
 * against the device's remote-control status bit and its permission bit,
 * written with function 0x06, and the status bit it should change is read
 * back: the device answered the write, so the command is done, and the
 * text says whether the effect is already seen.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "private/poller_control.h"
#include "private/ups_clock.h"

static const char *const cmd_names[NV_CMD_END] = {
	[NV_CMD_SHUTOFF] = "shutoff", [NV_CMD_SHUTOFF_CANCEL] = "cancel",
	[NV_CMD_STANDBY_ON] = "standby-on", [NV_CMD_STANDBY_OFF] = "standby-off",
	[NV_CMD_ECO_MODE] = "eco-mode", [NV_CMD_NORMAL_MODE] = "normal-mode",
	[NV_CMD_ALARM_RESET] = "alarm-reset", [NV_CMD_TO_BYPASS] = "load-to-bypass",
	[NV_CMD_TO_INVERTER] = "load-to-inverter", [NV_CMD_BATTERY_TEST] = "battery-test",
	[NV_CMD_PREFER_S1] = "prefer-s1", [NV_CMD_PREFER_S2] = "prefer-s2",
	[NV_CMD_TRANSFER_S1] = "transfer-s1", [NV_CMD_TRANSFER_S2] = "transfer-s2",
	[NV_CMD_CLOCK_SYNC] = "clock-sync",
};

const char *nv_cmd_name(enum nv_cmd_kind k)
{
	return k > 0 && k < NV_CMD_END ? cmd_names[k] : NULL;
}

enum nv_cmd_kind nv_cmd_by_name(const char *name)
{
	for (int k = 1; k < NV_CMD_END; k++)
		if (cmd_names[k] != NULL && strcmp(cmd_names[k], name) == 0)
			return (enum nv_cmd_kind)k;
	return 0;
}

/* The one-word control of kind k in m, NULL when the device has none. */
static const struct nv_ctl_action *control_action(const struct nv_control_map *m,
    enum nv_cmd_kind k)
{
	for (int i = 0; i < m->n_actions; i++)
		if (m->actions[i].kind == k)
			return &m->actions[i];
	return NULL;
}

static uint16_t pick(int ovr, uint16_t dflt)
{
	return ovr >= 0 ? (uint16_t)ovr : dflt;
}

void nv_control_effective(const struct nv_profile *prof,
    const struct nv_control_override *ovr, struct nv_control_map *out)
{
	memset(out, 0, sizeof(*out));
	out->perm_remote_bit = -1;
	if (prof != NULL && prof->controls != NULL)
		*out = *prof->controls;
	if (ovr == NULL)
		return;
	out->perm_addr = pick(ovr->perm_addr, out->perm_addr);
	out->perm_words = (uint8_t)pick(ovr->perm_words, out->perm_words);
	if (out->perm_words > NV_CTL_MAX_PERM_WORDS)
		out->perm_words = NV_CTL_MAX_PERM_WORDS;
	if (ovr->perm_remote_bit >= 0) {
		out->perm_remote_bit = (int8_t)ovr->perm_remote_bit;
		if (out->perm_remote_words == 0)
			out->perm_remote_words = 1;
	}
	out->shutoff_addr = pick(ovr->shutoff_addr, out->shutoff_addr);
	out->type_restart = pick(ovr->type_restart, out->type_restart);
	out->type_stay_off = pick(ovr->type_stay_off, out->type_stay_off);
	out->type_cancel = pick(ovr->type_cancel, out->type_cancel);
	if (out->max_delay_s == 0) {
		/* a map from the config alone: JBUSP's documented ranges */
		out->min_delay_s = NV_SHUTOFF_DELAY_MIN_S;
		out->max_delay_s = NV_SHUTOFF_DELAY_MAX_S;
		out->max_restart_min = 9999;
	}
}

void nv_control_shutoff_words(const struct nv_control_map *m,
    const struct nv_command *c, uint16_t w[NV_SHUTOFF_WORDS])
{
	int delay = c->kind == NV_CMD_SHUTOFF ? c->delay_s : 0;
	int restart = c->kind == NV_CMD_SHUTOFF ? c->restart_min : 0;

	/* one byte per word, high byte first */
	w[0] = (uint16_t)((delay >> 8) & 0xFF);
	w[1] = (uint16_t)(delay & 0xFF);
	w[2] = (uint16_t)((restart >> 8) & 0xFF);
	w[3] = (uint16_t)(restart & 0xFF);
	if (c->kind == NV_CMD_SHUTOFF_CANCEL)
		w[4] = m->type_cancel;
	else
		w[4] = restart > 0 ? m->type_restart : m->type_stay_off;
}

int nv_control_read_remote(struct nv_link *l, int slave,
    const struct nv_control_map *m, struct nv_poll_stats *st)
{
	uint16_t w[NV_CTL_MAX_PERM_WORDS];
	int n = m->perm_words;

	if (m->perm_addr == 0 || m->perm_remote_bit < 0 || n < 1)
		return -1;
	if (nv_link_read(l, slave, m->perm_addr, n, w, st) != NV_LINK_OK)
		return -1;
	for (int k = 0; k < n; k++)
		if ((m->perm_remote_words >> k & 1u) && (w[k] >> m->perm_remote_bit & 1u))
			return 1;
	return 0;
}

static void describe(char *text, size_t len, const struct nv_control_map *m,
    const uint16_t w[NV_SHUTOFF_WORDS])
{
	snprintf(text, len, "wrote 0x%04X x%d (fc 0x10) = %u,%u,%u,%u,%u",
	    m->shutoff_addr, NV_SHUTOFF_WORDS, w[0], w[1], w[2], w[3], w[4]);
}

/* Refused while the device's remote-control status bit says so. */
static enum nv_cmd_status check_remote_status(struct nv_link *l, int slave,
    const struct nv_control_map *m, struct nv_poll_stats *st, char *text, size_t len)
{
	uint16_t w;
	enum nv_link_err e;

	if (m->remote_status_addr == 0)
		return NV_CMDS_DONE;
	e = nv_link_read(l, slave, m->remote_status_addr, 1, &w, st);
	if (e != NV_LINK_OK) {
		snprintf(text, len, "status word 0x%04X unreadable: %s",
		    m->remote_status_addr, nv_link_err_name(e));
		return NV_CMDS_FAILED;
	}
	if ((w >> m->remote_status_bit & 1u) == m->remote_refused) {
		snprintf(text, len, "remote control disabled on the device "
		    "(status bit %d of 0x%04X)", m->remote_status_bit, m->remote_status_addr);
		return NV_CMDS_REFUSED;
	}
	return NV_CMDS_DONE;
}

/*
 * The permission bits (as one number, word 1 in bits 16-31) and the
 * command word's address.  With command_pair_follows_perm the permission
 * pair is the one that has the remote bit, the commands go to the other.
 */
static enum nv_cmd_status read_permissions(struct nv_link *l, int slave,
    const struct nv_control_map *m, struct nv_poll_stats *st, uint32_t *perm,
    uint16_t *cmd_addr, char *text, size_t len)
{
	uint16_t w[NV_CTL_MAX_PERM_WORDS] = { 0 };
	int n = m->perm_words, base = 0;
	enum nv_link_err e;

	*cmd_addr = m->command_addr;
	*perm = UINT32_MAX;
	if (m->perm_addr == 0 || n < 1)
		return NV_CMDS_DONE;
	if ((e = nv_link_read(l, slave, m->perm_addr, n, w, st)) != NV_LINK_OK) {
		snprintf(text, len, "permission words at 0x%04X unreadable: %s",
		    m->perm_addr, nv_link_err_name(e));
		return NV_CMDS_FAILED;
	}
	if (m->command_pair_follows_perm && n >= 4 && m->perm_remote_bit >= 0) {
		base = (w[0] >> m->perm_remote_bit & 1u) ? 0 :
		    (w[2] >> m->perm_remote_bit & 1u) ? 2 : -1;
		if (base < 0) {
			snprintf(text, len, "the device grants no remote control (P000 "
			    "clear in 0x%04X and 0x%04X)", m->perm_addr, m->perm_addr + 2);
			return NV_CMDS_REFUSED;
		}
		*cmd_addr = (uint16_t)(m->perm_addr + (base == 0 ? 2 : 0));
	} else if (m->perm_remote_bit >= 0 && !(w[0] >> m->perm_remote_bit & 1u)) {
		snprintf(text, len, "the device grants no remote control (bit %d of "
		    "0x%04X is 0)", m->perm_remote_bit, m->perm_addr);
		return NV_CMDS_REFUSED;
	}
	*perm = w[base] | (n > base + 1 ? (uint32_t)w[base + 1] << 16 : 0);
	return NV_CMDS_DONE;
}

/* The status bit the command should change, read back. */
static void read_effect(struct nv_link *l, int slave, const struct nv_ctl_action *a,
    struct nv_poll_stats *st, char *text, size_t len)
{
	size_t used = strlen(text);
	uint16_t w;
	enum nv_link_err e;

	if (a->effect_bit < 0)
		return;
	e = nv_link_read(l, slave, a->effect_addr, 1, &w, st);
	if (e != NV_LINK_OK)
		snprintf(text + used, len - used, "; effect not readable (%s)",
		    nv_link_err_name(e));
	else if ((w >> a->effect_bit & 1u) == a->effect_on)
		snprintf(text + used, len - used, "; status bit %d of 0x%04X now %u",
		    a->effect_bit, a->effect_addr, a->effect_on);
	else
		snprintf(text + used, len - used, "; status bit %d of 0x%04X not yet %u",
		    a->effect_bit, a->effect_addr, a->effect_on);
}

static enum nv_cmd_status execute_action(struct nv_link *l, int slave,
    const struct nv_profile *prof, const struct nv_control_map *m,
    enum nv_cmd_kind k, struct nv_poll_stats *st, char *text, size_t len)
{
	const struct nv_ctl_action *a = control_action(m, k);
	enum nv_cmd_status s;
	enum nv_link_err e;
	uint32_t perm;
	uint16_t addr, value;

	if (a == NULL) {
		snprintf(text, len, "no public %s register documents %s",
		    prof != NULL ? prof->name : "device", nv_cmd_name(k));
		return NV_CMDS_REFUSED;
	}
	if ((s = check_remote_status(l, slave, m, st, text, len)) != NV_CMDS_DONE)
		return s;
	if ((s = read_permissions(l, slave, m, st, &perm, &addr, text, len)) != NV_CMDS_DONE)
		return s;
	if (a->perm_bit >= 0 && !(perm >> a->perm_bit & 1u)) {
		snprintf(text, len, "the device does not permit %s now (permission "
		    "bit %d clear)", nv_cmd_name(k), a->perm_bit);
		return NV_CMDS_REFUSED;
	}
	addr = (uint16_t)(addr + a->word);
	value = a->how == NV_CTL_BIT ? (uint16_t)(1u << a->value) : a->value;
	e = nv_link_write_one(l, slave, addr, value, st);
	if (e != NV_LINK_OK) {
		snprintf(text, len, "write of 0x%04X = 0x%04X failed: %s (%s)", addr, value,
		    nv_link_err_name(e), nv_link_strerror(l));
		return e == NV_LINK_EXCEPTION ? NV_CMDS_REFUSED : NV_CMDS_FAILED;
	}
	snprintf(text, len, "wrote 0x%04X = 0x%04X (fc 0x06)", addr, value);
	read_effect(l, slave, a, st, text, len);
	return NV_CMDS_DONE;
}

int nv_control_read_clock(struct nv_link *l, int slave, const struct nv_control_map *m,
    struct nv_poll_stats *st, int32_t *drift_s)
{
	uint16_t w[NV_CLOCK_WORDS];
	time_t ups;

	if (m->clock_addr == 0 ||
	    nv_link_read(l, slave, m->clock_addr, NV_CLOCK_WORDS, w, st) != NV_LINK_OK)
		return -1;
	if ((ups = nv_clock_decode(w)) == (time_t)-1)
		return -1;
	*drift_s = (int32_t)(ups - time(NULL));
	return 0;
}

/* The host's local time into the UPS clock, one function-0x10 write. */
static enum nv_cmd_status execute_clock(struct nv_link *l, int slave,
    const struct nv_control_map *m, struct nv_poll_stats *st, char *text, size_t len)
{
	uint16_t w[NV_CLOCK_WORDS];
	int32_t before;
	enum nv_link_err e;
	size_t used;

	if (m->clock_addr == 0 || !m->clock_writable) {
		snprintf(text, len, "the device's clock is read only: no public register "
		    "sets it");
		return NV_CMDS_REFUSED;
	}
	if (nv_control_read_clock(l, slave, m, st, &before) == 0)
		snprintf(text, len, "UPS clock was %+ld s off; ", (long)before);
	else
		snprintf(text, len, "UPS clock unreadable before; ");
	used = strlen(text);
	nv_clock_encode(time(NULL), w);
	e = nv_link_write(l, slave, m->clock_addr, NV_CLOCK_WORDS, w, st);
	if (e != NV_LINK_OK) {
		snprintf(text + used, len - used, "write of 0x%04X x%d failed: %s (%s)",
		    m->clock_addr, NV_CLOCK_WORDS, nv_link_err_name(e), nv_link_strerror(l));
		return e == NV_LINK_EXCEPTION ? NV_CMDS_REFUSED : NV_CMDS_FAILED;
	}
	snprintf(text + used, len - used, "wrote 0x%04X x%d (fc 0x10) = "
	    "20%02u-%02u-%02u %02u:%02u:%02u", m->clock_addr, NV_CLOCK_WORDS, w[3] & 0xFFu,
	    w[2] >> 8, w[1] >> 8, w[1] & 0xFFu, w[0] >> 8, w[0] & 0xFFu);
	return NV_CMDS_DONE;
}

enum nv_cmd_status nv_control_execute(struct nv_link *l, int slave,
    const struct nv_profile *prof, const struct nv_control_override *ovr,
    const struct nv_command *c, struct nv_poll_stats *st, char *text, size_t len)
{
	struct nv_control_map m;
	uint16_t w[NV_SHUTOFF_WORDS], back[NV_SHUTOFF_WORDS];
	enum nv_link_err e;
	size_t used;

	nv_control_effective(prof, ovr, &m);
	if (c->kind == NV_CMD_CLOCK_SYNC)
		return execute_clock(l, slave, &m, st, text, len);
	if (c->kind != NV_CMD_SHUTOFF && c->kind != NV_CMD_SHUTOFF_CANCEL)
		return execute_action(l, slave, prof, &m, c->kind, st, text, len);
	if (m.shutoff_addr == 0) {
		snprintf(text, len, "the %s profile has no delayed shut-off register "
		    "(see controls in nvagent.conf(5))", prof ? prof->name : "(none)");
		return NV_CMDS_REFUSED;
	}
	if (nv_control_read_remote(l, slave, &m, st) == 0) {
		snprintf(text, len, "the device grants no remote control "
		    "(permission bit %d at 0x%04X is 0)", m.perm_remote_bit, m.perm_addr);
		return NV_CMDS_REFUSED;
	}
	nv_control_shutoff_words(&m, c, w);
	e = nv_link_write(l, slave, m.shutoff_addr, NV_SHUTOFF_WORDS, w, st);
	if (e != NV_LINK_OK) {
		snprintf(text, len, "write of 0x%04X x%d failed: %s (%s)", m.shutoff_addr,
		    NV_SHUTOFF_WORDS, nv_link_err_name(e), nv_link_strerror(l));
		return e == NV_LINK_EXCEPTION ? NV_CMDS_REFUSED : NV_CMDS_FAILED;
	}
	describe(text, len, &m, w);
	used = strlen(text);
	e = nv_link_read(l, slave, m.shutoff_addr, NV_SHUTOFF_WORDS, back, st);
	if (e == NV_LINK_OK && memcmp(w, back, sizeof(w)) != 0) {
		snprintf(text + used, len - used, "; read back differs: the device "
		    "did not keep it");
		return NV_CMDS_FAILED;
	}
	if (e == NV_LINK_OK)
		snprintf(text + used, len - used, ", read back ok");
	else
		snprintf(text + used, len - used, ", not readable back (%s)",
		    nv_link_err_name(e));
	return NV_CMDS_DONE;
}
