/*
 * main.c — nvagentd: options, start-up, daemonizing, signals and the main
 * select loop that joins net-snmp, the poller's snapshots and the control
 * socket.  See nvagentd(8).
 */
#define _GNU_SOURCE     /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agentx.h"
#include "control.h"
#include "config_devices.h"
#include "ctx.h"
#include "device.h"
#include "env_sensor.h"
#include "diag_log.h"
#include "log_intervals_store.h"
#include "logs.h"
#include "mib.h"
#include "nvagentd_options.h"
#include "nvconfig.h"
#include "outputs.h"
#include "reg_image.h"
#include "resolver.h"
#include "ups_control.h"

#define DEFAULT_PIDFILE "/run/nvagent/nvagentd.pid"
#define LOOP_MAX_WAIT_S 1       /* housekeeping even when net-snmp sleeps */

/* One device's context and the raw registers of its snapshot (ctx.image). */
struct device_slot {
	struct nv_ctx ctx;
	struct nv_reg_image image;
};

struct daemon {
	struct nv_config cfg;           /* the agent's, as loaded (ctx->cfg: a device's) */
	struct device_slot *slot[NV_DEVICES_MAX];
	struct nv_devices devs;         /* &slot[i]->ctx, for the shared parts */
	struct nv_outputs *outputs;     /* engines + plug-ins (outputs.c) */
	struct nv_resolver *resolver;
	struct nv_agentx_log agentx_log;
	struct timespec started;        /* CLOCK_MONOTONIC at start */
	bool stop, reload;
	const struct nvagentd_options *opt;
	struct nv_control *control;
	int sigfd;
	int ready_fd;           /* start-up pipe to the parent, -1 when none */
	char pidfile[PATH_MAX];
	bool pid_written, agentx_up;
};

/* ---- start-up errors, daemonizing, pid file ------------------------- */

/* One line to whoever started us (terminal or the waiting parent). */
static void startup_error(struct daemon *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void startup_error(struct daemon *d, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (d->ready_fd >= 0) {
		if (write(d->ready_fd, msg, strlen(msg)) < 0)
			nv_log(LOG_ERR, "start-up pipe: %s", strerror(errno));
		nv_log(LOG_ERR, "%s", msg);
	} else {
		fprintf(stderr, "%s\n", msg);
	}
}

/*
 * Fork into the background.  The parent waits on a pipe until the child
 * is up (it closes the pipe empty) or failed (it writes the reason), so
 * that start-up errors still give exit status 1 on the terminal.
 */
static int daemonize(struct daemon *d)
{
	int p[2], fd;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) != 0) {
		fprintf(stderr, "nvagentd: pipe: %s\n", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "nvagentd: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid > 0) {
		char msg[1024];
		ssize_t n;

		close(p[1]);
		while ((n = read(p[0], msg, sizeof(msg) - 1)) < 0 && errno == EINTR)
			;
		if (n <= 0)
			_exit(0);
		msg[n] = '\0';
		fprintf(stderr, "%s\n", msg);
		_exit(1);
	}
	close(p[0]);
	d->ready_fd = p[1];
	if (setsid() < 0 || chdir("/") != 0)
		return -1;
	fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		return -1;
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}

static int write_pidfile(struct daemon *d)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		int fd = open(d->pidfile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		char buf[32];
		FILE *fp;
		long pid = 0;

		if (fd >= 0) {
			int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
			bool ok = write(fd, buf, (size_t)n) == n;

			close(fd);
			if (!ok) {
				startup_error(d, "nvagentd: %s: cannot write the pid file", d->pidfile);
				unlink(d->pidfile);
				return -1;
			}
			d->pid_written = true;
			return 0;
		}
		if (errno != EEXIST) {
			startup_error(d, "nvagentd: %s: %s", d->pidfile, strerror(errno));
			return -1;
		}
		fp = fopen(d->pidfile, "r");
		if (fp != NULL) {
			if (fscanf(fp, "%ld", &pid) != 1)
				pid = 0;
			fclose(fp);
		}
		if (pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
			startup_error(d, "nvagentd: already running as pid %ld (%s)", pid, d->pidfile);
			return -1;
		}
		nv_log(LOG_NOTICE, "%s: removing a stale pid file", d->pidfile);
		if (unlink(d->pidfile) != 0 && errno != ENOENT) {
			startup_error(d, "nvagentd: %s: %s", d->pidfile, strerror(errno));
			return -1;
		}
	}
	startup_error(d, "nvagentd: %s: cannot create the pid file", d->pidfile);
	return -1;
}

/* Paths must survive chdir("/"). */
static int absolute_path(const char *in, char *out, size_t outlen)
{
	char cwd[PATH_MAX];

	if (in[0] == '/')
		return snprintf(out, outlen, "%s", in) < (int)outlen ? 0 : -1;
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return -1;
	return snprintf(out, outlen, "%s/%s", cwd, in) < (int)outlen ? 0 : -1;
}

/* ---- signals and reload ---------------------------------------------- */

static int block_signals(struct daemon *d)
{
	sigset_t set;

	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	/* before any thread starts, so that all of them inherit the mask */
	if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0)
		return -1;
	d->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	return d->sigfd < 0 ? -1 : 0;
}

static void read_signals(struct daemon *d)
{
	struct signalfd_siginfo si;

	while (read(d->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			d->reload = true;
		else
			d->stop = true;
	}
}

/* Settings that only a restart can change: warn, and keep the old ones. */
static void keep_restart_only(const struct nv_config *old, struct nv_config *nw)
{
	if (strcmp(old->agentx.socket, nw->agentx.socket) != 0 ||
	    old->agentx.ping_interval != nw->agentx.ping_interval)
		nv_log(LOG_WARNING, "reload: agentx settings changed; restart nvagentd to apply them");
	if (strcmp(old->control_socket, nw->control_socket) != 0 ||
	    strcmp(old->control_group, nw->control_group) != 0)
		nv_log(LOG_WARNING, "reload: control socket settings changed; restart nvagentd to apply them");
	if (strcmp(old->state_dir, nw->state_dir) != 0)
		nv_log(LOG_WARNING, "reload: state-dir changed; restart nvagentd to apply it");
	if (memcmp(&old->mibs, &nw->mibs, sizeof(old->mibs)) != 0)
		nv_log(LOG_WARNING, "reload: mibs changed; restart nvagentd to apply them");
	memcpy(&nw->agentx, &old->agentx, sizeof(nw->agentx));
	memcpy(nw->control_socket, old->control_socket, sizeof(nw->control_socket));
	memcpy(nw->control_group, old->control_group, sizeof(nw->control_group));
	memcpy(nw->state_dir, old->state_dir, sizeof(nw->state_dir));
	memcpy(nw->agent_state_dir, old->agent_state_dir, sizeof(nw->agent_state_dir));
	nw->mibs = old->mibs;
}

/* The devices (how many, their names) are fixed until a restart: each
 * has its thread, its logs and its SNMP context. */
static void keep_device_list(const struct nv_config *old, struct nv_config *nw)
{
	bool same = old->ndevices == nw->ndevices &&
	    old->device_sections == nw->device_sections;

	for (size_t i = 0; same && i < old->ndevices; i++)
		same = strcmp(old->devices[i].name, nw->devices[i].name) == 0;
	if (same)
		return;
	nv_log(LOG_WARNING, "reload: the device list changed; restart nvagentd to apply it "
	    "(the devices keep their running settings)");
	memcpy(nw->devices, old->devices, sizeof(nw->devices));
	nw->ndevices = old->ndevices;
	nw->device_sections = old->device_sections;
	nv_config_first_device_fields(nw);
}

/* An entry in every device's agent event log. */
static void agentlog_all(struct daemon *d, const char *text)
{
	for (size_t i = 0; i < d->devs.n; i++)
		nv_agentlog(d->devs.dev[i]->logs, NV_EV_INFO, "%s", text);
}

/* The sensor's own thread when it has a line of its own, none else. */
static int env_poller_apply(struct nv_ctx *ctx)
{
	const struct nv_env_cfg *c = &ctx->cfg.env;
	bool own = c->enabled && !c->shared;

	if (!own && ctx->env_poller != NULL) {
		nv_env_poller_stop(ctx->env_poller);
		ctx->env_poller = NULL;
	} else if (own && ctx->env_poller != NULL) {
		nv_env_poller_reconfigure(ctx->env_poller, c);
	} else if (own && nv_env_poller_start(&ctx->env_poller, c) != 0) {
		return -1;
	}
	if (!c->enabled || !ctx->env.configured) {
		nv_env_init(&ctx->env, c->enabled);
		nv_snapshot_merge_env(&ctx->snap, &ctx->env);
	}
	return 0;
}

/* Device I takes its part of the new configuration NW. */
static void reload_device(struct nv_ctx *ctx, const struct nv_config *nw, size_t i)
{
	struct nv_config *dc = malloc(sizeof(*dc));
	char err[512];

	if (dc == NULL) {
		nv_log(LOG_ERR, "reload: %s: out of memory; it keeps its settings", ctx->name);
		return;
	}
	nv_config_for_device(nw, i, dc);
	nv_poller_reconfigure(ctx->poller, &dc->serial, &dc->poll, &dc->controls);
	nv_poller_share_env(ctx->poller, &dc->env);
	nv_logs_settings_use_saved(dc->state_dir, &dc->logs);
	if (nv_logs_apply_cfg(ctx->logs, &dc->logs, "SIGHUP", err, sizeof(err)) != 0)
		nv_log(LOG_ERR, "reload: %s: %s", ctx->name, err);
	ctx->cfg = *dc;
	free(dc);
	if (env_poller_apply(ctx) != 0)
		nv_log(LOG_ERR, "reload: %s: cannot start the environment sensor's poller: %s",
		    ctx->name, strerror(errno));
}

static void reload_config(struct daemon *d)
{
	struct nv_config *nw = malloc(sizeof(*nw));
	struct nv_config *cur = &d->cfg;
	char err[512];

	d->reload = false;
	if (nw == NULL) {
		nv_log(LOG_ERR, "reload: out of memory; keeping the running configuration");
		return;
	}
	if (nv_config_load(cur->path, nw, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "reload refused, keeping the running configuration: %s", err);
		free(nw);
		return;
	}
	keep_restart_only(cur, nw);
	keep_device_list(cur, nw);
	for (size_t i = 0; i < d->devs.n; i++)
		reload_device(d->devs.dev[i], nw, i);
	*cur = *nw;
	free(nw);
	nv_outputs_reload(d->outputs);
	agentlog_all(d, "Configuration changed (SIGHUP)");
	nv_log(LOG_NOTICE, "configuration reloaded from %s", cur->path);
}

/* ---- the main loop ---------------------------------------------------- */

static void take_snapshot(struct nv_ctx *ctx)
{
	struct nv_snapshot next = ctx->snap;

	if (!nv_poller_take_with_image(ctx->poller, &next, ctx->image))
		return;
	if (next.env.configured)
		ctx->env = next.env;    /* read on the UPS's line */
	nv_snapshot_merge_env(&next, &ctx->env);
	ctx->snap = next;
	nv_outputs_snapshot(ctx);
	nv_mib_snapshot_updated(ctx);
}

/* A reading of the sensor on its own line: a new snapshot for everything
 * downstream, the UPS's part unchanged. */
static void take_env(struct nv_ctx *ctx)
{
	if (!nv_env_poller_take(ctx->env_poller, &ctx->env))
		return;
	nv_snapshot_merge_env(&ctx->snap, &ctx->env);
	nv_outputs_snapshot(ctx);
	nv_mib_snapshot_updated(ctx);
}

static void watch(int fd, fd_set *rd, int *maxfd)
{
	FD_SET(fd, rd);
	if (fd + 1 > *maxfd)
		*maxfd = fd + 1;
}

/* Every device's poller doorbells (its UPS's, its sensor's own line). */
static void fill_devices(const struct nv_devices *devs, fd_set *rd, int *maxfd)
{
	for (size_t i = 0; i < devs->n; i++) {
		const struct nv_ctx *ctx = devs->dev[i];

		watch(nv_poller_fd(ctx->poller), rd, maxfd);
		if (ctx->env_poller != NULL)
			watch(nv_env_poller_fd(ctx->env_poller), rd, maxfd);
	}
}

static void take_devices(const struct nv_devices *devs, const fd_set *rd)
{
	for (size_t i = 0; i < devs->n; i++) {
		struct nv_ctx *ctx = devs->dev[i];

		if (FD_ISSET(nv_poller_fd(ctx->poller), rd))
			take_snapshot(ctx);
		if (ctx->env_poller != NULL && FD_ISSET(nv_env_poller_fd(ctx->env_poller), rd))
			take_env(ctx);
	}
}

static void tick_logs(const struct nv_devices *devs)
{
	for (size_t i = 0; i < devs->n; i++)
		nv_logs_tick(devs->dev[i]->logs);
}

static int run_loop(struct daemon *d)
{
	while (!d->stop) {
		struct timeval tv = { LOOP_MAX_WAIT_S, 0 };
		fd_set rd, wr;
		int maxfd = 0, n;

		FD_ZERO(&rd);
		FD_ZERO(&wr);
		nv_agentx_fill_fds(&rd, &maxfd, &tv);
		watch(d->sigfd, &rd, &maxfd);
		fill_devices(&d->devs, &rd, &maxfd);
		nv_control_fill_fds(d->control, &rd, &wr, &maxfd);
		nv_outputs_fill(d->outputs, &rd, &maxfd, &tv);
		watch(nv_resolver_fd(d->resolver), &rd, &maxfd);

		n = select(maxfd, &rd, &wr, NULL, &tv);
		if (n < 0 && errno != EINTR) {
			nv_log(LOG_ERR, "select: %s", strerror(errno));
			return -1;
		}
		if (n < 0) {
			FD_ZERO(&rd);
			FD_ZERO(&wr);
		}
		if (FD_ISSET(d->sigfd, &rd))
			read_signals(d);
		take_devices(&d->devs, &rd);
		nv_agentx_process(n, &rd);
		if (FD_ISSET(nv_resolver_fd(d->resolver), &rd))
			nv_resolver_dispatch(d->resolver);
		nv_control_process(d->control, &rd, &wr, &d->devs);
		nv_outputs_process(d->outputs, &rd);
		tick_logs(&d->devs);
		if (d->reload)
			reload_config(d);
	}
	return 0;
}

/* ---- start and stop --------------------------------------------------- */

static void stop_pollers(struct nv_ctx *ctx)
{
	if (ctx->poller != NULL)
		nv_poller_stop(ctx->poller);
	ctx->poller = NULL;
	nv_env_poller_stop(ctx->env_poller);
	ctx->env_poller = NULL;
}

static void close_device(struct daemon *d, size_t i)
{
	struct nv_ctx *ctx = &d->slot[i]->ctx;

	nv_agentlog(ctx->logs, NV_EV_INFO, "Agent stopped");
	nv_logs_close(ctx->logs);
	free(d->slot[i]);
	d->slot[i] = NULL;
}

static void shut_down(struct daemon *d)
{
	for (size_t i = 0; i < d->devs.n; i++)
		stop_pollers(d->devs.dev[i]);
	nv_outputs_stop(d->outputs);
	d->outputs = NULL;
	for (size_t i = 0; i < d->devs.n; i++)
		nv_ups_control_stop(d->devs.dev[i]);
	nv_resolver_stop(d->resolver);
	d->resolver = NULL;
	if (d->agentx_up) {
		for (size_t i = 0; i < d->devs.n; i++)
			nv_mib_unregister_all(d->devs.dev[i]);
		nv_agentx_stop();
	}
	nv_control_close(d->control);
	d->control = NULL;
	for (size_t i = 0; i < d->devs.n; i++)
		close_device(d, i);
	d->devs.n = 0;
	if (d->pid_written && unlink(d->pidfile) != 0)
		nv_log(LOG_WARNING, "%s: cannot remove: %s", d->pidfile, strerror(errno));
	if (d->sigfd >= 0)
		close(d->sigfd);
}

/* Device I's context: its configuration, logs and start-up state. */
static struct nv_ctx *new_device(struct daemon *d, size_t i)
{
	struct device_slot *slot = calloc(1, sizeof(*slot));
	struct nv_ctx *ctx;
	char err[512];

	if (slot == NULL) {
		startup_error(d, "nvagentd: out of memory");
		return NULL;
	}
	d->slot[i] = slot;
	d->devs.dev[d->devs.n++] = ctx = &slot->ctx;
	ctx->image = &slot->image;
	ctx->no = (unsigned)i;
	snprintf(ctx->name, sizeof(ctx->name), "%s", d->cfg.devices[i].name);
	nv_config_for_device(&d->cfg, i, &ctx->cfg);
	if (nv_logs_settings_use_saved(ctx->cfg.state_dir, &ctx->cfg.logs))
		nv_log(LOG_NOTICE, "%s: log intervals set over SNMP are in use (%s/%s)",
		    ctx->name, ctx->cfg.state_dir, NV_LOGS_SETTINGS_FILE);
	ctx->logs = nv_logs_open(ctx->cfg.state_dir, &ctx->cfg.logs, err, sizeof(err));
	if (ctx->logs == NULL) {
		startup_error(d, "nvagentd: %s: logs: %s", ctx->name, err);
		return NULL;
	}
	nv_agentlog(ctx->logs, NV_EV_INFO, "Agent started");
	nv_snapshot_init(&ctx->snap);
	ctx->started = d->started;
	ctx->view.snap = &ctx->snap;
	ctx->view.cfg = &ctx->cfg;
	ctx->view.started = &ctx->started;
	ctx->view.test_spinlock = &ctx->test_spinlock;
	ctx->view.countdown = &ctx->countdown;
	/* upsIdentName: the device's name once the file names devices */
	ctx->view.device_name = d->cfg.device_sections ? ctx->name : NULL;
	return ctx;
}

/* Its UPS control, its poller thread and its sensor's. */
static int start_device(struct daemon *d, struct nv_ctx *ctx)
{
	if (nv_ups_control_start(ctx) != 0) {
		startup_error(d, "nvagentd: out of memory");
		return -1;
	}
	if (nv_poller_start(&ctx->poller, &ctx->cfg.serial, &ctx->cfg.poll,
	    &ctx->cfg.controls) != 0) {
		startup_error(d, "nvagentd: %s: cannot start the poller on %s: %s",
		    ctx->name, ctx->cfg.serial.device, strerror(errno));
		return -1;
	}
	nv_poller_share_env(ctx->poller, &ctx->cfg.env);
	if (env_poller_apply(ctx) != 0) {
		startup_error(d, "nvagentd: %s: cannot start the environment sensor's poller "
		    "on %s: %s", ctx->name, ctx->cfg.env.serial.device, strerror(errno));
		return -1;
	}
	return 0;
}

static int start(struct daemon *d)
{
	char err[512];

	if (nv_control_open(&d->control, d->cfg.control_socket,
	    d->cfg.control_group, err, sizeof(err)) != 0) {
		startup_error(d, "nvagentd: %s", err);
		return -1;
	}
	if (d->pidfile[0] != '\0' && write_pidfile(d) != 0)
		return -1;
	if (block_signals(d) != 0) {
		startup_error(d, "nvagentd: signals: %s", strerror(errno));
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &d->started);
	for (size_t i = 0; i < d->cfg.ndevices; i++) {
		struct nv_ctx *ctx = new_device(d, i);

		if (ctx == NULL || start_device(d, ctx) != 0)
			return -1;
	}
	if (nv_agentx_start(d->devs.dev, d->devs.n, err, sizeof(err)) != 0) {
		startup_error(d, "nvagentd: %s", err);
		return -1;
	}
	d->agentx_up = true;
	d->resolver = nv_resolver_start();
	if (d->resolver == NULL) {
		startup_error(d, "nvagentd: cannot start the resolver: %s", strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < d->devs.n; i++)
		d->devs.dev[i]->resolver = d->resolver;
	d->outputs = nv_outputs_start(&d->cfg, d->devs.dev, d->devs.n, err, sizeof(err));
	if (d->outputs == NULL) {
		startup_error(d, "nvagentd: %s", err);
		return -1;
	}
	return 0;
}

static int load_config(struct daemon *d)
{
	char err[512], path[PATH_MAX];

	if (absolute_path(d->opt->config, path, sizeof(path)) != 0) {
		fprintf(stderr, "%s: bad path\n", d->opt->config);
		return -1;
	}
	if (nv_config_load(path, &d->cfg, err, sizeof(err)) != 0) {
		/* keep the name the user typed in the message */
		if (strncmp(err, path, strlen(path)) == 0)
			fprintf(stderr, "%s%s\n", d->opt->config, err + strlen(path));
		else
			fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (d->opt->agentx != NULL)
		snprintf(d->cfg.agentx.socket, sizeof(d->cfg.agentx.socket),
		    "%s", d->opt->agentx);
	return 0;
}

/* Everything before the daemon runs: 1 = done (--check-config), 0 = go on,
 * -1 = failed (already said why). */
static int prepare(struct daemon *d, struct nvagentd_options *opt)
{
	if (load_config(d) != 0)
		return -1;
	if (opt->check_only) {
		printf("%s: OK\n", opt->config);
		nv_config_devices_describe(&d->cfg, stdout);
		return 1;
	}
	if (!opt->foreground && opt->pidfile == NULL)
		opt->pidfile = DEFAULT_PIDFILE;
	if (opt->pidfile != NULL &&
	    absolute_path(opt->pidfile, d->pidfile, sizeof(d->pidfile)) != 0) {
		fprintf(stderr, "nvagentd: %s: bad pid file path\n", opt->pidfile);
		return -1;
	}
	if (nvagentd_setup_logging(opt, &d->agentx_log) != 0)
		return -1;
	if (!opt->foreground && daemonize(d) != 0) {
		startup_error(d, "nvagentd: cannot daemonize: %s", strerror(errno));
		return -1;
	}
	if (start(d) != 0) {
		shut_down(d);
		return -1;
	}
	if (d->ready_fd >= 0) {
		close(d->ready_fd);     /* empty close: the parent exits 0 */
		d->ready_fd = -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nvagentd_options opt;
	struct daemon *d;
	int rc;

	if (nvagentd_parse_options(&opt, argc, argv) != 0) {
		nvagentd_usage(stderr);
		return 2;
	}
	d = calloc(1, sizeof(*d));      /* two snapshots: keep it off the stack */
	if (d == NULL) {
		fprintf(stderr, "nvagentd: out of memory\n");
		return 1;
	}
	d->opt = &opt;
	d->sigfd = d->ready_fd = -1;
	rc = prepare(d, &opt);
	if (rc != 0) {
		free(d);
		return rc > 0 ? 0 : 1;
	}
	nv_log(LOG_NOTICE, "started (config %s, %zu device(s), agentx %s, control %s)",
	    d->cfg.path, d->devs.n, d->cfg.agentx.socket, d->cfg.control_socket);
	rc = run_loop(d);
	nv_log(LOG_NOTICE, "stopping");
	shut_down(d);
	nv_log_close();
	free(d);
	return rc == 0 ? 0 : 1;
}
