#!/usr/bin/env python3
"""Receive UDP datagrams on 127.0.0.1:PORT; append each as one hex line to
FILE (flushed at once).  Used by the Wake-on-LAN tests.  Loopback only."""
import socket
import sys

port, out = int(sys.argv[1]), sys.argv[2]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", port))
open(out, "w").close()
while True:
    data, _ = s.recvfrom(2048)
    with open(out, "a") as f:
        f.write(data.hex() + "\n")
