/*
 * handler_exec.c — the exec plug-in.  fork + execve of the configured
 * argv (split by nv_split_command, so a shell only runs when the command
 * says `/bin/sh -c ...`).  The child gets its own process group, a clean
 * signal mask, stdin from /dev/null, and the notification as NV_*
 * variables.  The main loop never waits: each tick reaps with WNOHANG and
 * kills the group of a command past its timeout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "diag_log.h"
#include "filter.h"
#include "handler_exec.h"
#include "human_text.h"
#include "nvconfig.h"

#define RUNNING_MAX     16

extern char **environ;

struct child {
	pid_t pid;                      /* 0: free slot */
	char name[32];
	char event[32];
	time_t deadline;                /* CLOCK_MONOTONIC s */
	bool killed;
};

struct exec_state {
	struct nv_handler_env env;
	struct child run[RUNNING_MAX];
};

static time_t mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

int nv_exec_env(const struct nv_notification *n, const struct nv_system_cfg *sys,
    char store[][NV_EXEC_VAR_MAX], char **envp)
{
	static const char *const keep[] = { "PATH=", "HOME=", "LANG=", "TZ=", NULL };
	char oid[NV_OID_MAX * 11 + 1], vbs[NV_VB_MAX * 160] = "", when[64];
	int k = 0;

	nv_oid_format(&n->trap_oid, oid, sizeof(oid));
	nv_notice_time(n->wallclock != 0 ? n->wallclock : time(NULL), when, sizeof(when));
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_TRAP_OID=%s", oid);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_EVENT=%s", n->event != NULL ? n->event : "unknown");
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_SEVERITY=%s", nv_severity_name(n->severity));
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_TEXT=%s", n->text);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_MIB=%s", nv_mib_family_name(n->family));
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_TRAP_NUMBER=%d", n->number);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_TIME=%s", when);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_AGENT=%s", sys->name);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_DEVICE=%s", n->device_name);
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_VB_COUNT=%zu", n->n_vb);
	for (size_t i = 0; i < n->n_vb; i++) {
		char vb[600];

		nv_notice_varbind(&n->vb[i], vb, sizeof(vb));
		snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_VB_%zu=%s", i + 1, vb);
		if (strlen(vbs) + strlen(vb) + 2 < sizeof(vbs))
			snprintf(vbs + strlen(vbs), sizeof(vbs) - strlen(vbs), "%s%s",
			    i > 0 ? " " : "", vb);
	}
	snprintf(store[k++], NV_EXEC_VAR_MAX, "NV_VARBINDS=%s", vbs);
	for (int j = 0; j < k; j++)
		envp[j] = store[j];
	for (char **e = environ; e != NULL && *e != NULL && k < NV_EXEC_ENV_MAX - 1; e++)
		for (int i = 0; keep[i] != NULL; i++)
			if (strncmp(*e, keep[i], strlen(keep[i])) == 0)
				envp[k++] = *e;
	envp[k] = NULL;
	return k;
}

/*
 * Everything but 0-2 is the agent's (the AgentX and trap sockets, pipes,
 * log files) and not all of it is close-on-exec: a command that leaves a
 * process behind would keep the AgentX session open after nvagentd exits.
 */
static void close_inherited(void)
{
	if (close_range(STDERR_FILENO + 1, ~0u, 0) == 0)
		return;
	for (int fd = STDERR_FILENO + 1; fd < 65536; fd++)
		close(fd);
}

/* In the child: only async-signal-safe calls until execve. */
static void child(char **argv, char **envp)
{
	sigset_t none;
	int fd = open("/dev/null", O_RDWR);

	setpgid(0, 0);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	if (fd != -1) {
		dup2(fd, STDIN_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	close_inherited();
	execve(argv[0], argv, envp);
	_exit(127);
}

static void run_one(struct exec_state *st, const struct nv_exec_cfg *e,
    const struct nv_notification *n)
{
	char buf[sizeof(e->command)], *argv[64], *envp[NV_EXEC_ENV_MAX];
	char store[NV_EXEC_ENV_MAX][NV_EXEC_VAR_MAX];
	const char *why;
	struct child *c = NULL;
	pid_t pid;

	for (size_t i = 0; i < RUNNING_MAX && c == NULL; i++)
		if (st->run[i].pid == 0)
			c = &st->run[i];
	if (c == NULL) {
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "exec %s: not run for %s: %d commands already running",
		    e->name, n->event, RUNNING_MAX);
		return;
	}
	if (nv_split_command(e->command, buf, sizeof(buf), argv, 64, &why) == -1) {
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "exec %s: %s", e->name, why);
		return;
	}
	nv_exec_env(n, st->env.system, store, envp);
	pid = fork();
	if (pid == -1) {
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "exec %s: cannot fork: %s",
		    e->name, strerror(errno));
		return;
	}
	if (pid == 0)
		child(argv, envp);
	setpgid(pid, pid);      /* also here: no race with a kill at timeout */
	c->pid = pid;
	c->killed = false;
	c->deadline = mono_s() + e->timeout_s;
	snprintf(c->name, sizeof(c->name), "%s", e->name);
	snprintf(c->event, sizeof(c->event), "%s", n->event != NULL ? n->event : "-");
	nv_log(LOG_INFO, "exec %s: started %s (pid %ld) for %s", e->name, argv[0],
	    (long)pid, c->event);
}

static void exec_handle(void *state, const struct nv_notification *n)
{
	struct exec_state *st = state;
	const struct nv_notify_cfg *nc = st->env.section;

	if (!nv_notice_wanted_family(n))
		return;
	for (size_t i = 0; i < nc->n_exec; i++) {
		const struct nv_exec_cfg *e = &nc->exec[i];

		if (nv_filter_wants(e->filter.by, e->filter.severity, e->filter.events,
		    e->filter.n_events, n))
			run_one(st, e, n);
	}
}

static void reaped(struct exec_state *st, struct child *c, int status)
{
	if (c->killed)
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "exec %s (%s): killed after its timeout",
		    c->name, c->event);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		nv_handler_agentlog(&st->env, NV_EV_WARNING,
		    "exec %s (%s): command could not be run (exit 127)", c->name, c->event);
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "exec %s (%s): exit status %d",
		    c->name, c->event, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		nv_handler_agentlog(&st->env, NV_EV_WARNING, "exec %s (%s): killed by signal %d",
		    c->name, c->event, WTERMSIG(status));
	else
		nv_log(LOG_INFO, "exec %s (%s): exit status 0", c->name, c->event);
	c->pid = 0;
}

static void exec_tick(void *state)
{
	struct exec_state *st = state;
	time_t now = mono_s();

	for (size_t i = 0; i < RUNNING_MAX; i++) {
		struct child *c = &st->run[i];
		int status;
		pid_t r;

		if (c->pid == 0)
			continue;
		r = waitpid(c->pid, &status, WNOHANG);
		if (r == c->pid) {
			reaped(st, c, status);
		} else if (r == -1 && errno == ECHILD) {
			nv_log(LOG_WARNING, "exec %s: pid %ld reaped elsewhere", c->name, (long)c->pid);
			c->pid = 0;
		} else if (!c->killed && now >= c->deadline) {
			kill(-c->pid, SIGKILL);
			c->killed = true;
		}
	}
}

bool nv_exec_flush(void *state, int timeout_s)
{
	struct exec_state *st = state;
	time_t end = mono_s() + timeout_s;
	bool busy = true;

	while (busy) {
		struct timespec pause = { 0, 20 * 1000000L };

		exec_tick(st);
		busy = false;
		for (size_t i = 0; i < RUNNING_MAX; i++)
			busy = busy || st->run[i].pid != 0;
		if (!busy)
			return true;
		if (mono_s() >= end)
			break;
		nanosleep(&pause, NULL);
	}
	for (size_t i = 0; i < RUNNING_MAX; i++)
		if (st->run[i].pid != 0) {
			kill(-st->run[i].pid, SIGKILL);
			st->run[i].killed = true;
			waitpid(st->run[i].pid, NULL, 0);
			st->run[i].pid = 0;
		}
	return false;
}

static int exec_init(void **state, const struct nv_handler_env *env, char *err, size_t errlen)
{
	struct exec_state *st = calloc(1, sizeof(*st));

	if (st == NULL) {
		nv_log(LOG_ERR, "exec: out of memory");
		return -1;
	}
	st->env = *env;
	*state = st;
	return 0;
}

static int exec_reload(void *state, const struct nv_handler_env *env)
{
	struct exec_state *st = state;

	st->env = *env;
	return 0;
}

static void exec_fini(void *state)
{
	struct exec_state *st = state;

	/* running commands finish on their own; their timeouts no longer apply */
	for (size_t i = 0; i < RUNNING_MAX; i++)
		if (st->run[i].pid != 0)
			nv_log(LOG_INFO, "exec %s: pid %ld left running at stop", st->run[i].name,
			    (long)st->run[i].pid);
	free(st);
}

/* The handlers' config, of which it reads the exec entries. */
static const void *exec_section(const struct nv_config *cfg)
{
	return &cfg->notify;
}

const struct nv_handler_ops nv_handler_exec = {
	.name = "exec",
	.section = exec_section,
	.kinds = NV_NOTE_BIT(NV_NOTE_TRAP),
	.init = exec_init,
	.handle = exec_handle,
	.reload = exec_reload,
	.fini = exec_fini,
	.tick = exec_tick,
};
