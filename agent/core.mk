# Daemon core: main loop, config, control socket, logging; and nvctl.
nvagentd_SOURCES += agent/main.c
nvctl_SOURCES += agent/nvctl.c
