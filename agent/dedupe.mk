# Small helpers that several parts of the core library share, so that
# each piece of logic is written once.
agent_libnvcore_a_SOURCES += agent/confuse_file.h agent/confuse_file.c \
	agent/atomic_file.h agent/atomic_file.c \
	agent/hostport.h agent/hostport.c
