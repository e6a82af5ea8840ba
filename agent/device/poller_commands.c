/*
 * poller_commands.c — the command FIFO: UPS commands queued by the main
 * thread, run by the poller between two passes, their results queued back;
 * and what the poller knows of the device's controls.
 */
#include <stdio.h>
#include <string.h>

#include "private/poller_control.h"
#include "private/poller_private.h"

/* The config's override for the device found, NULL before detection. */
static const struct nv_control_override *own_override(const struct nv_controls_cfg *c,
    const struct nv_profile *prof, struct nv_control_override *buf)
{
	if (prof == NULL)
		return NULL;
	nv_controls_for(c, prof->proto, buf);
	return buf;
}

#define CLOCK_READ_EVERY_S 600

static bool clock_due(const struct nv_poller *p, const struct nv_control_map *m)
{
	return m->clock_addr != 0 && (p->clock_read_at <= 0 ||
	    pl_mono_s() - p->clock_read_at >= CLOCK_READ_EVERY_S);
}

/* The UPS clock's drift (at detection, then every 10 min, and at once
 * after a clock sync). */
static void refresh_clock(struct nv_poller *p, const struct nv_control_map *m)
{
	int32_t drift;
	bool known;

	p->clock_read_at = pl_mono_s();
	known = nv_control_read_clock(&p->link, p->serial.slave, m, &p->work.stats,
	    &drift) == 0;
	if (known != p->work.clock_known || (known && drift != p->work.clock_drift_s))
		p->dirty = true;
	p->work.clock_known = known;
	p->work.clock_drift_s = known ? drift : 0;
}

static void refresh_permissions(struct nv_poller *p, const struct nv_control_map *m)
{
	int r = nv_control_read_remote(&p->link, p->serial.slave, m, &p->work.stats);

	pthread_mutex_lock(&p->lock);
	p->pub_remote = r;
	pthread_mutex_unlock(&p->lock);
}

/* The slow lane's remote slot: the clock when due, else the permission
 * words -- one request per slot, so that no alarm read waits behind two. */
void pl_refresh_remote(struct nv_poller *p)
{
	struct nv_control_override ovr;
	struct nv_control_map m;

	nv_control_effective(p->prof, own_override(&p->controls, p->prof, &ovr), &m);
	if (clock_due(p, &m))
		refresh_clock(p, &m);
	else
		refresh_permissions(p, &m);
}

/* The permission words now (after detection, after a command). */
void pl_refresh_permissions(struct nv_poller *p)
{
	struct nv_control_override ovr;
	struct nv_control_map m;

	nv_control_effective(p->prof, own_override(&p->controls, p->prof, &ovr), &m);
	refresh_permissions(p, &m);
}

/* Run the queued commands, oldest first, and queue their results. */
void pl_run_commands(struct nv_poller *p)
{
	for (;;) {
		struct nv_command c;
		struct nv_command_result r = { 0 };

		pthread_mutex_lock(&p->lock);
		if (p->n_cmd == 0) {
			pthread_mutex_unlock(&p->lock);
			return;
		}
		c = p->cmd[0];
		r.id = p->cmd_id[0];
		memmove(p->cmd, p->cmd + 1, sizeof(p->cmd[0]) * (size_t)(p->n_cmd - 1));
		memmove(p->cmd_id, p->cmd_id + 1, sizeof(p->cmd_id[0]) * (size_t)(p->n_cmd - 1));
		p->n_cmd--;
		pthread_mutex_unlock(&p->lock);

		r.kind = c.kind;
		if (p->state != ST_POLL || p->work.comm != NV_COMM_OK) {
			/* the device stopped answering while the command waited */
			r.status = NV_CMDS_FAILED;
			snprintf(r.text, sizeof(r.text), "not communicating with the device");
		} else {
			struct nv_control_override ovr;

			r.status = nv_control_execute(&p->link, p->serial.slave, p->prof,
			    own_override(&p->controls, p->prof, &ovr), &c, &p->work.stats,
			    r.text, sizeof(r.text));
			if (c.kind == NV_CMD_CLOCK_SYNC)
				p->clock_read_at = 0;   /* the drift, read back in the next slot */
			pl_refresh_permissions(p);
		}
		pthread_mutex_lock(&p->lock);
		if (p->n_res == NV_POLLER_MAX_COMMANDS)
			memmove(p->res, p->res + 1, sizeof(p->res[0]) * (NV_POLLER_MAX_COMMANDS - 1));
		else
			p->n_res++;
		p->res[p->n_res - 1] = r;
		pthread_mutex_unlock(&p->lock);
		pl_publish(p);     /* wakes the main loop to collect the result */
	}
}

int nv_poller_submit(struct nv_poller *p, const struct nv_command *c, unsigned *id)
{
	int rc = -1;

	pthread_mutex_lock(&p->lock);
	if (p->n_cmd < NV_POLLER_MAX_COMMANDS) {
		p->cmd[p->n_cmd] = *c;
		p->cmd_id[p->n_cmd] = *id = ++p->next_cmd_id;
		p->n_cmd++;
		rc = 0;
	}
	pthread_mutex_unlock(&p->lock);
	if (rc == 0)
		pl_wake(p);
	return rc;
}

bool nv_poller_result(struct nv_poller *p, struct nv_command_result *r)
{
	bool got = false;

	pthread_mutex_lock(&p->lock);
	if (p->n_res > 0) {
		*r = p->res[0];
		memmove(p->res, p->res + 1, sizeof(p->res[0]) * (size_t)(p->n_res - 1));
		p->n_res--;
		got = true;
	}
	pthread_mutex_unlock(&p->lock);
	return got;
}

void nv_poller_control_caps(struct nv_poller *p, struct nv_control_caps *caps)
{
	struct nv_control_override ovr;
	struct nv_control_map m;
	const struct nv_profile *prof;

	pthread_mutex_lock(&p->lock);
	prof = p->pub_prof;
	caps->remote = p->pub_remote;
	pthread_mutex_unlock(&p->lock);
	nv_control_effective(prof, own_override(&p->main_controls, prof, &ovr), &m);
	caps->detected = prof != NULL;
	caps->has_shutoff = prof != NULL && m.shutoff_addr != 0;
	caps->min_delay_s = m.min_delay_s;
	caps->max_delay_s = m.max_delay_s;
	caps->max_restart_min = m.max_restart_min;
	caps->actions = 0;
	for (int i = 0; i < m.n_actions; i++)
		caps->actions |= 1u << m.actions[i].kind;
	if (m.clock_addr != 0 && m.clock_writable)
		caps->actions |= 1u << NV_CMD_CLOCK_SYNC;
}
