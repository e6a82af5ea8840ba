# Small helpers shared by every part: the diagnostic log (nv_log), text
# buffers, crash-safe file replacement, host:port parsing, host names
# resolved off the main thread, eventfd doorbells between threads.
agent_libnvcore_a_SOURCES += agent/support/diag_log.h agent/support/diag_log.c \
	agent/support/textbuf.h agent/support/textbuf.c \
	agent/support/atomic_file.h agent/support/atomic_file.c \
	agent/support/hostport.h agent/support/hostport.c \
	agent/support/secret_file.h agent/support/secret_file.c \
	agent/support/resolver.h agent/support/resolver.c \
	agent/support/event_fd.h agent/support/event_fd.c
