# The model: the one dictionary of device state (snapshot, conditions,
# units) and the notification every output reads.
agent_libnvcore_a_SOURCES += agent/model/model.h agent/model/model.c \
	agent/model/notification.h agent/model/notification.c
