/*
 * poller_control.c — run a control command on the serial line (see
 * poller_control.h).  A shut-off is one function-0x10 write of the
 * profile's delayed off / restart block; an exception is a refusal, and
 * the block is read back so that a device that silently drops the write
 * is reported.  A device that refuses the read-back (the block may be
 * write-only on real firmware) is trusted on the write's answer.
 */
#include <stdio.h>
#include <string.h>

#include "private/poller_control.h"

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

enum nv_cmd_status nv_control_execute(struct nv_link *l, int slave,
    const struct nv_profile *prof, const struct nv_control_override *ovr,
    const struct nv_command *c, struct nv_poll_stats *st, char *text, size_t len)
{
	struct nv_control_map m;
	uint16_t w[NV_SHUTOFF_WORDS], back[NV_SHUTOFF_WORDS];
	enum nv_link_err e;
	size_t used;

	nv_control_effective(prof, ovr, &m);
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
