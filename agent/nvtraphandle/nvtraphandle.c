/*
 * nvtraphandle — snmptrapd's traphandle for nvagent's mail, syslog and
 * exec plug-ins: one trap in snmptrapd's traphandle format on stdin
 * (host line, transport line, then "OID VALUE" lines, numeric OIDs: run
 * snmptrapd with -On), turned into the notification nvagentd itself would
 * have made (event name and level found back from the SOCOMEC, RFC 1628
 * and STS trap tables), handed to the plug-ins of its own config file,
 * and waited for before exiting.  A trap of an agent serving several
 * devices names its device in upsIdentName.0: that becomes the
 * notification's device, as the agent's own plug-ins would name it.
 * See nvtraphandle(8).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag_log.h"
#include "events_table.h"
#include "handler.h"
#include "handler_exec.h"
#include "handler_mail.h"
#include "handler_syslog.h"
#include "nvconfig.h"

#define DEFAULT_CONF    "/etc/nvagent/nvtrap.conf"
#define INPUT_MAX       65536
#define LINE_MAX_LEN    1024

static const uint32_t socomec_traps[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 7, 2 };
static const uint32_t sts_traps[] = { 1, 3, 6, 1, 4, 1, 4555, 1, 1, 10, 2 };
static const uint32_t rfc_traps[] = { 1, 3, 6, 1, 2, 1, 33, 2 };
static const char trap_oid_name[] = ".1.3.6.1.6.3.1.1.4.1.0";
static const char uptime_name[] = ".1.3.6.1.2.1.1.3.0";

/* The snmpTrapOID nvagentd gives a trap of the tables (as events.c does). */
static void def_oid(const struct nv_trap_def *d, struct nv_oid *o)
{
	uint32_t zero = 0, num = (uint32_t)d->number;

	o->len = 0;
	switch (d->family) {
	case NV_FAM_SOCOMEC:
		nv_oid_append(o, socomec_traps, sizeof(socomec_traps) / sizeof(uint32_t));
		break;
	case NV_FAM_STS:
		nv_oid_append(o, sts_traps, sizeof(sts_traps) / sizeof(uint32_t));
		break;
	case NV_FAM_RFC1628:
		nv_oid_append(o, rfc_traps, sizeof(rfc_traps) / sizeof(uint32_t));
		break;
	}
	if (d->family != NV_FAM_RFC1628)
		nv_oid_append(o, &zero, 1);
	nv_oid_append(o, &num, 1);
}

static const struct nv_trap_def *find_def(const struct nv_oid *trap)
{
	for (size_t i = 0; i < nv_n_trap_defs; i++) {
		struct nv_oid o;

		def_oid(&nv_trap_defs[i], &o);
		if (nv_oid_equal(&o, trap))
			return &nv_trap_defs[i];
	}
	return NULL;
}

/* "Type: value" -> value; quotes around strings dropped. */
static char *value_text(char *v)
{
	char *colon = strchr(v, ':');
	size_t len;

	if (colon != NULL && colon[1] == ' ' && strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-") == (size_t)(colon - v))
		v = colon + 2;
	len = strlen(v);
	if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
		v[len - 1] = '\0';
		v++;
	}
	return v;
}

static int add_varbind(struct nv_notification *n, const char *name, char *value)
{
	struct nv_varbind *vb;
	struct nv_oid oid;
	char *end;
	long l;

	if (nv_oid_parse(name, &oid) != 0)
		return -1;
	value = value_text(value);
	if (nv_oid_equal(&oid, &nv_device_name_oid)) {
		/* the device, not one of the trap's own varbinds */
		snprintf(n->device_name, sizeof(n->device_name), "%s", value);
		return 0;
	}
	if (n->n_vb == NV_VB_MAX)
		return 0;               /* the first ones are enough for people */
	vb = &n->vb[n->n_vb];
	memset(vb, 0, sizeof(*vb));
	vb->name = oid;
	errno = 0;
	l = strtol(value, &end, 10);
	if (*value != '\0' && *end == '\0' && errno == 0) {
		vb->type = NV_VB_INTEGER;
		vb->integer = l;
	} else if (value[0] == '.' && nv_oid_parse(value, &vb->oid) == 0) {
		vb->type = NV_VB_OID;
	} else {
		vb->type = NV_VB_OCTETS;
		vb->str_len = strlen(value) < NV_VB_STR_MAX ? strlen(value) : NV_VB_STR_MAX - 1;
		memcpy(vb->str, value, vb->str_len);
	}
	n->n_vb++;
	return 0;
}

static void fill_from_trap(struct nv_notification *n, const char *host)
{
	const struct nv_trap_def *d = find_def(&n->trap_oid);
	char oid[NV_OID_MAX * 11 + 1];

	nv_oid_format(&n->trap_oid, oid, sizeof(oid));
	if (d == NULL) {
		n->event = "unknown-trap";
		n->severity = NV_SEV_INFORMATION;
		snprintf(n->text, sizeof(n->text), "trap %.100s from %.40s", oid, host);
		return;
	}
	n->family = d->family;
	n->number = d->number;
	n->event = d->event;
	n->severity = d->severity;
	n->to_all = d->family == NV_FAM_SOCOMEC && d->number == 42;     /* test trap */
	n->alarm_entry = d->family != NV_FAM_STS && (d->number == 3 || d->number == 4);
	snprintf(n->text, sizeof(n->text), "%s", d->text);
}

/* Parse snmptrapd's traphandle text; host gets the first line. */
static int parse_trap(char *text, struct nv_notification *n, char *host, size_t hlen,
    char *err, size_t errlen)
{
	char *save = NULL, *line;
	int lineno = 0;
	bool have_oid = false;

	memset(n, 0, sizeof(*n));
	n->wallclock = time(NULL);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *sp, *value;

		line[strcspn(line, "\r")] = '\0';
		if (++lineno == 1) {
			snprintf(host, hlen, "%s", line[0] != '\0' ? line : "unknown");
			continue;
		}
		if (lineno == 2 || line[0] == '\0')
			continue;       /* transport address */
		sp = strchr(line, ' ');
		value = sp != NULL ? sp + 1 : line + strlen(line);
		if (sp != NULL)
			*sp = '\0';
		if (strcmp(line, trap_oid_name) == 0 || strcmp(line, "SNMPv2-MIB::snmpTrapOID.0") == 0) {
			if (nv_oid_parse(value_text(value), &n->trap_oid) != 0) {
				snprintf(err, errlen, "line %d: snmpTrapOID is not a numeric OID "
				    "(run snmptrapd with -On)", lineno);
				return -1;
			}
			have_oid = true;
		} else if (strcmp(line, uptime_name) != 0 && line[0] == '.' &&
		    add_varbind(n, line, value) != 0) {
			snprintf(err, errlen, "line %d: bad OID '%.40s'", lineno, line);
			return -1;
		}
	}
	if (lineno < 2 || !have_oid) {
		snprintf(err, errlen, "no snmpTrapOID.0 line: not snmptrapd traphandle input");
		return -1;
	}
	fill_from_trap(n, host);
	return 0;
}

static char *read_all(FILE *f, char *err, size_t errlen)
{
	char *buf = malloc(INPUT_MAX + 1);
	size_t n;

	if (buf == NULL) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, INPUT_MAX, f);
	if (ferror(f)) {
		snprintf(err, errlen, "cannot read stdin: %s", strerror(errno));
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	if (memchr(buf, '\0', n) != NULL) {
		snprintf(err, errlen, "binary input refused");
		free(buf);
		return NULL;
	}
	return buf;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: nvtraphandle [-c FILE] [-t SECONDS] [-L e|o|s]\n"
	    "  reads one trap from stdin in snmptrapd's traphandle format\n");
}

struct options {
	const char *conf;
	int timeout;
};

static int parse_args(int argc, char **argv, struct options *o)
{
	int ch;

	o->conf = DEFAULT_CONF;
	o->timeout = 60;
	while ((ch = getopt(argc, argv, "c:t:L:h")) != -1) {
		switch (ch) {
		case 'c':
			o->conf = optarg;
			break;
		case 't':
			o->timeout = atoi(optarg);
			if (o->timeout < 1 || o->timeout > 3600) {
				fprintf(stderr, "nvtraphandle: -t must be 1-3600 (s)\n");
				return -1;
			}
			break;
		case 'L':
			if (nv_log_open(optarg[0] == 'o' ? NV_LOG_STDOUT : optarg[0] == 's' ?
			    NV_LOG_SYSLOG : NV_LOG_STDERR, optarg[0] == 's' ? "daemon" : NULL) != 0)
				return -1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return -1;
		}
	}
	return optind == argc ? 0 : -1;
}

/* Run the plug-ins on n and wait for them (each within the timeout). */
static int deliver(const struct nv_config *cfg, const struct nv_notification *n, int timeout)
{
	const struct nv_handler_ops *ops[] = { &nv_handler_mail, &nv_handler_syslog,
		&nv_handler_exec };
	struct timespec started;
	struct nv_handler_env base = { .started = &started };
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &started);
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		struct nv_handler_env env = nv_handler_env_for(ops[i], &base, cfg);
		void *st = NULL;
		bool done = true;
		char err[256];

		if (ops[i]->init(&st, &env, err, sizeof(err)) != 0) {
			nv_log(LOG_ERR, "%s: %s", ops[i]->name, err);
			rc = 1;
			continue;
		}
		ops[i]->handle(st, n);
		if (ops[i] == &nv_handler_mail)
			done = nv_mail_flush(st, timeout);
		else if (ops[i] == &nv_handler_syslog)
			done = nv_syslog_flush(st, timeout);
		else
			done = nv_exec_flush(st, timeout);
		if (!done) {
			nv_log(LOG_ERR, "%s: not everything was delivered (see above)", ops[i]->name);
			rc = 1;
		}
		ops[i]->fini(st);
	}
	return rc;
}

int main(int argc, char **argv)
{
	static struct nv_config cfg;
	struct nv_notification n;
	struct options o;
	char err[512], *text;
	int rc;

	nv_log_set_ident("nvtraphandle");
	nv_log_open(NV_LOG_STDERR, NULL);
	if (parse_args(argc, argv, &o) != 0)
		return 2;
	nv_config_defaults(&cfg);
	if (nv_config_notify_load(o.conf, &cfg.notify, err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "%s", err);
		return 2;
	}
	if ((text = read_all(stdin, err, sizeof(err))) == NULL) {
		nv_log(LOG_ERR, "%s", err);
		return 1;
	}
	if (parse_trap(text, &n, cfg.system.name, sizeof(cfg.system.name), err, sizeof(err)) != 0) {
		nv_log(LOG_ERR, "input: %s", err);
		free(text);
		return 1;
	}
	free(text);
	nv_log(LOG_INFO, "%s from %s (%s)", n.event, cfg.system.name, nv_severity_name(n.severity));
	rc = deliver(&cfg, &n, o.timeout);
	nv_log_close();
	return rc;
}
