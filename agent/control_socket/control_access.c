/* control_access.c — peer credentials and permissions of the control socket. */
#define _GNU_SOURCE     /* struct ucred */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "control_access.h"
#include "diag_log.h"

#define MAX_GROUPS 256

void nv_peer_get(int fd, struct nv_peer *p)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);

	memset(p, 0, sizeof(*p));
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) != 0 || len != sizeof(cr)) {
		nv_log(LOG_WARNING, "control socket: cannot read the peer's credentials");
		return;
	}
	p->known = true;
	p->pid = cr.pid;
	p->uid = cr.uid;
	p->gid = cr.gid;
}

void nv_peer_name(const struct nv_peer *p, char *buf, size_t len)
{
	char pwbuf[1024];
	struct passwd pw, *res = NULL;

	if (!p->known) {
		snprintf(buf, len, "an unknown user");
		return;
	}
	if (getpwuid_r(p->uid, &pw, pwbuf, sizeof(pwbuf), &res) == 0 && res != NULL)
		snprintf(buf, len, "user %s (uid %ld, pid %ld)", pw.pw_name,
		    (long)p->uid, (long)p->pid);
	else
		snprintf(buf, len, "uid %ld (pid %ld)", (long)p->uid, (long)p->pid);
}

bool nv_uid_in_group(uid_t uid, gid_t gid, const char *group)
{
	char grbuf[4096], pwbuf[1024];
	struct group gr, *gres = NULL;
	struct passwd pw, *pres = NULL;
	gid_t groups[MAX_GROUPS];
	int n = MAX_GROUPS;

	if (group == NULL || group[0] == '\0')
		return false;
	if (getgrnam_r(group, &gr, grbuf, sizeof(grbuf), &gres) != 0 || gres == NULL)
		return false;
	if (gid == gr.gr_gid)
		return true;
	if (getpwuid_r(uid, &pw, pwbuf, sizeof(pwbuf), &pres) != 0 || pres == NULL)
		return false;
	/* a user in more groups than fit is judged on the first MAX_GROUPS */
	if (getgrouplist(pw.pw_name, pw.pw_gid, groups, &n) < 0)
		n = MAX_GROUPS;
	for (int i = 0; i < n; i++)
		if (groups[i] == gr.gr_gid)
			return true;
	return false;
}

int nv_peer_allowed(const struct nv_peer *p, const struct nv_config *cfg, bool admin,
    char *why, size_t whylen)
{
	if (!p->known) {
		snprintf(why, whylen, "the caller's credentials are unknown");
		return -1;
	}
	if (p->uid == 0 || p->uid == geteuid())
		return 0;
	if (nv_uid_in_group(p->uid, p->gid, cfg->admin_group))
		return 0;
	if (admin) {
		if (cfg->admin_group[0] != '\0')
			snprintf(why, whylen, "this command changes the agent: it needs "
			    "root or the admin group '%s'", cfg->admin_group);
		else
			snprintf(why, whylen, "this command changes the agent: it needs root "
			    "(no admin-group is configured)");
		return -1;
	}
	if (cfg->control_group[0] == '\0' ? p->gid == getegid() :
	    nv_uid_in_group(p->uid, p->gid, cfg->control_group))
		return 0;
	snprintf(why, whylen, "the caller is not in the control group '%s'",
	    cfg->control_group[0] != '\0' ? cfg->control_group : "(the agent's group)");
	return -1;
}
