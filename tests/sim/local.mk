# nvsim: the UPS / STS Modbus RTU simulator.
bin_PROGRAMS += nvsim
nvsim_SOURCES = tests/sim/nvsim.c
nvsim_CFLAGS = $(AM_CFLAGS) $(MODBUS_CFLAGS)
nvsim_LDADD = $(MODBUS_LIBS) -lm
