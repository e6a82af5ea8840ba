#!/usr/bin/env python3
"""snmp_get_latency.py — SNMPv2c GET round trips from one long-lived client.

A process per snmpget puts 4-10 ms of process start around a request that
the agent answers in a fraction of a millisecond; this client keeps one
UDP socket and times each GET from send to the matching response (same
monotonic clock).  Prints one latency per line, in milliseconds.

usage: snmp_get_latency.py HOST:PORT COMMUNITY OID COUNT
"""
import socket
import sys
import time


def die(msg):
    print("snmp_get_latency: " + msg, file=sys.stderr)
    sys.exit(1)


def tlv(tag, body):
    n = len(body)
    if n < 0x80:
        head = bytes([n])
    else:
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([0x80 | len(size)]) + size
    return bytes([tag]) + head + body


def integer(v):
    return tlv(0x02, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True))


def oid(text):
    arcs = [int(a) for a in text.strip(".").split(".")]
    body = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.insert(0, 0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(chunk)
    return tlv(0x06, body)


def get_request(community, req_id, name):
    varbind = tlv(0x30, oid(name) + b"\x05\x00")
    pdu = tlv(0xA0, integer(req_id) + integer(0) + integer(0) + tlv(0x30, varbind))
    return tlv(0x30, integer(1) + tlv(0x04, community.encode()) + pdu)


def read_tlv(buf, i):
    """(tag, start of value, end of value) of the TLV at i."""
    tag, n = buf[i], buf[i + 1]
    i += 2
    if n & 0x80:
        k = n & 0x7F
        n = int.from_bytes(buf[i:i + k], "big")
        i += k
    return tag, i, i + n


def response(buf):
    """(request id, error status, value tag) of a GetResponse."""
    _, i, _ = read_tlv(buf, 0)              # message
    _, _, i = read_tlv(buf, i)              # version
    _, _, i = read_tlv(buf, i)              # community
    tag, i, _ = read_tlv(buf, i)            # PDU
    if tag != 0xA2:
        raise ValueError("not a response PDU")
    _, s, e = read_tlv(buf, i)
    req_id = int.from_bytes(buf[s:e], "big", signed=True)
    _, s, i = read_tlv(buf, e)
    status = int.from_bytes(buf[s:i], "big")
    _, _, i = read_tlv(buf, i)              # error index
    _, i, _ = read_tlv(buf, i)              # varbind list
    _, i, _ = read_tlv(buf, i)              # varbind
    _, _, i = read_tlv(buf, i)              # name
    return req_id, status, buf[i]


def main():
    if len(sys.argv) != 5:
        die("usage: snmp_get_latency.py HOST:PORT COMMUNITY OID COUNT")
    host, port = sys.argv[1].rsplit(":", 1)
    community, name, count = sys.argv[2], sys.argv[3], int(sys.argv[4])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.settimeout(2.0)
    sock.connect((host, int(port)))
    for req_id in range(1, count + 1):
        t0 = time.monotonic()
        sock.send(get_request(community, req_id, name))
        while True:
            try:
                got, status, vtag = response(sock.recv(65536))
            except socket.timeout:
                die("no response to request %d" % req_id)
            except (ValueError, IndexError) as e:
                die("bad response: %s" % e)
            if got == req_id:
                break
        t1 = time.monotonic()
        if status != 0 or vtag in (0x80, 0x81, 0x82):
            die("%s: error status %d, value tag 0x%02X" % (name, status, vtag))
        print("%.3f" % ((t1 - t0) * 1e3), flush=True)


if __name__ == "__main__":
    main()
