# agent/: nvagentd, nvctl, nvtraphandle and nvshutdown, one folder per
# concern, each with its local.mk (sources and tests); HACKING draws the
# map.  libnvcore.a holds everything that does not need net-snmp, so that
# the unit tests and the other programs link it without an agent.
noinst_LIBRARIES += agent/libnvcore.a
agent_libnvcore_a_SOURCES =
agent_libnvcore_a_CFLAGS = $(AM_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS) \
	$(OPENSSL_CFLAGS) $(ESMTP_CFLAGS) $(GPIOD_CFLAGS)
NV_CORE_LIBS = agent/libnvcore.a $(MODBUS_LIBS) $(CONFUSE_LIBS) $(OPENSSL_LIBS) \
	$(PTHREAD_LIBS) $(ESMTP_LIBS) $(GPIOD_LIBS)

sbin_PROGRAMS += nvagentd nvtraphandle nvshutdown
bin_PROGRAMS += nvctl
nvagentd_SOURCES =
nvagentd_CFLAGS = $(AM_CFLAGS) $(NETSNMP_CFLAGS) $(MODBUS_CFLAGS) $(CONFUSE_CFLAGS)
nvagentd_LDADD = $(NV_CORE_LIBS) $(NETSNMP_LIBS)
nvctl_SOURCES =
nvctl_CFLAGS = $(AM_CFLAGS)
nvctl_LDADD = $(NV_CORE_LIBS)
nvtraphandle_SOURCES =
nvtraphandle_CFLAGS = $(AM_CFLAGS) $(CONFUSE_CFLAGS)
nvtraphandle_LDADD = $(NV_CORE_LIBS)
nvshutdown_SOURCES =
nvshutdown_CFLAGS = $(AM_CFLAGS) $(CONFUSE_CFLAGS) $(OPENSSL_CFLAGS)
nvshutdown_LDADD = $(NV_CORE_LIBS)

include $(top_srcdir)/agent/model/local.mk
include $(top_srcdir)/agent/support/local.mk
include $(top_srcdir)/agent/config/local.mk
include $(top_srcdir)/agent/device/local.mk
include $(top_srcdir)/agent/events/local.mk
include $(top_srcdir)/agent/handlers/local.mk
include $(top_srcdir)/agent/logs/local.mk
include $(top_srcdir)/agent/shutdown/local.mk
include $(top_srcdir)/agent/schedule/local.mk
include $(top_srcdir)/agent/ups_control/local.mk
include $(top_srcdir)/agent/control_socket/local.mk
include $(top_srcdir)/agent/nvagentd/local.mk
include $(top_srcdir)/agent/nvctl/local.mk
include $(top_srcdir)/agent/nvtraphandle/local.mk
include $(top_srcdir)/agent/gateways/local.mk
