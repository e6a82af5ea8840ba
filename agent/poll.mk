# Serial line: poller thread, detection, device profiles (register maps).
agent_libnvcore_a_SOURCES +=
