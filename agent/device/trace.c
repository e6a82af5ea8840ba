/* trace.c — the bounded serial exchange log; see trace.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "trace.h"

int nv_trace_init(struct nv_trace *t)
{
	memset(t, 0, sizeof(*t));
	t->next = 1;
	return pthread_mutex_init(&t->lock, NULL);
}

void nv_trace_destroy(struct nv_trace *t)
{
	pthread_mutex_destroy(&t->lock);
}

void nv_trace_set(struct nv_trace *t, bool on)
{
	pthread_mutex_lock(&t->lock);
	if (on && !t->on)
		t->next = 1;    /* entries below next - NV_TRACE_MAX are not shown */
	t->on = on;
	pthread_mutex_unlock(&t->lock);
}

bool nv_trace_is_on(struct nv_trace *t)
{
	bool on;

	pthread_mutex_lock(&t->lock);
	on = t->on;
	pthread_mutex_unlock(&t->lock);
	return on;
}

void nv_trace_add(struct nv_trace *t, const struct nv_trace_entry *e)
{
	pthread_mutex_lock(&t->lock);
	if (t->on) {
		struct nv_trace_entry *slot = &t->ring[t->next % NV_TRACE_MAX];

		*slot = *e;
		slot->seq = t->next++;
	}
	pthread_mutex_unlock(&t->lock);
}

static void time_text(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	char day[32];

	if (localtime_r(&ts->tv_sec, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d %H:%M:%S", &tm) == 0) {
		snprintf(buf, len, "@%lld", (long long)ts->tv_sec);
		return;
	}
	snprintf(buf, len, "%s.%03ld", day, ts->tv_nsec / 1000000);
}

/* The reply registers as "0x1234 0x0000 ..."; "..." when some were left out. */
static void words_text(const struct nv_trace_entry *e, char *buf, size_t len)
{
	size_t n = 0;
	int shown = e->got < NV_TRACE_WORDS ? e->got : NV_TRACE_WORDS;

	buf[0] = '\0';
	for (int i = 0; i < shown && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%04X", i ? " " : "", e->words[i]);
	if (e->got > shown && n < len)
		snprintf(buf + n, len - n, " ...");
}

static void render_one(const struct nv_trace_entry *e, bool csv, struct nv_text *out)
{
	char when[48], words[NV_TRACE_WORDS * 5 + 8];
	const char *result = e->error[0] != '\0' ? e->error : "ok";

	time_text(&e->when, when, sizeof(when));
	words_text(e, words, sizeof(words));
	if (csv)
		nv_text_printf(out, "%" PRIu64 ",%s,%d,%d,0x%04X,%d,%.1f,%s,%d,%s\n",
		    e->seq, when, e->slave, e->function, e->addr, e->count, e->ms,
		    result, e->got, words);
	else
		nv_text_printf(out, "%6" PRIu64 "  %s  slave %d fn %02d 0x%04X x%-3d %7.1f ms  %s%s%s\n",
		    e->seq, when, e->slave, e->function, e->addr, e->count, e->ms,
		    result, words[0] != '\0' ? "  " : "", words);
}

void nv_trace_render(struct nv_trace *t, bool csv, struct nv_text *out)
{
	uint64_t first;

	pthread_mutex_lock(&t->lock);
	first = t->next > NV_TRACE_MAX ? t->next - NV_TRACE_MAX : 1;
	if (csv)
		nv_text_printf(out, "seq,time,slave,function,address,count,ms,result,"
		    "registers,reply\n");
	else
		nv_text_printf(out, "Serial trace: %s, %" PRIu64 " exchange(s) kept\n",
		    t->on ? "on" : "off", t->next - first);
	for (uint64_t s = first; s < t->next; s++)
		render_one(&t->ring[s % NV_TRACE_MAX], csv, out);
	pthread_mutex_unlock(&t->lock);
}
