# agent/: nvagentd and nvctl.  The core library holds everything that does
# not need net-snmp, so that unit tests link it without an agent.
noinst_LIBRARIES += agent/libnvcore.a
agent_libnvcore_a_SOURCES = agent/model.h agent/model.c agent/poller.h \
	agent/config.h agent/ctx.h agent/log.h agent/log.c
agent_libnvcore_a_CFLAGS = $(AM_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS) $(OPENSSL_CFLAGS)
NV_CORE_LIBS = agent/libnvcore.a $(MODBUS_LIBS) $(CONFUSE_LIBS) $(OPENSSL_LIBS) $(PTHREAD_LIBS)

sbin_PROGRAMS += nvagentd
nvagentd_SOURCES =
nvagentd_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS)
nvagentd_LDADD = $(NV_CORE_LIBS) $(NETSNMP_LIBS)

bin_PROGRAMS += nvctl
nvctl_SOURCES =
nvctl_CFLAGS = $(AM_CFLAGS)
nvctl_LDADD = $(NV_CORE_LIBS)

include $(top_srcdir)/agent/poll.mk
include $(top_srcdir)/agent/core.mk
include $(top_srcdir)/agent/events.mk
include $(top_srcdir)/agent/logs.mk
include $(top_srcdir)/agent/upsctl.mk
include $(top_srcdir)/agent/shutdown.mk
include $(top_srcdir)/agent/traps.mk
include $(top_srcdir)/agent/mailer.mk
include $(top_srcdir)/agent/polish.mk
include $(top_srcdir)/agent/dedupe.mk
include $(top_srcdir)/agent/mailreport.mk
include $(top_srcdir)/agent/modsys.mk
include $(top_srcdir)/agent/review.mk
include $(top_srcdir)/agent/gateways/local.mk
