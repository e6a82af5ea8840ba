dist_man_MANS +=
dist_man_MANS += man/nvagentd.8 man/nvagent.conf.5 man/nvctl.8
dist_man_MANS += man/nvsim.1
