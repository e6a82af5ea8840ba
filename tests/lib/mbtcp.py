#!/usr/bin/python3
"""Modbus TCP client for the gateway tests, on pymodbus (Debian
python3-pymodbus).  One command per line of output:

  mbtcp.py PORT read UNIT FC ADDR COUNT   words, or "exception N"
  mbtcp.py PORT write UNIT ADDR VALUE     "exception N" (function 06)
  mbtcp.py PORT writes UNIT ADDR VALUE    "exception N" (function 0x10)
  mbtcp.py PORT coils UNIT ADDR COUNT     "exception N" (function 01)
  mbtcp.py PORT raw HEX                   send the bytes as they are, print
                                          the answer in hex ("closed" if the
                                          server hung up, "none" if silent)
"""
import socket
import sys

from pymodbus.client import ModbusTcpClient


def show(r):
    if r.isError():
        code = getattr(r, "exception_code", None)
        print("exception %s" % code if code is not None else "error %s" % r)
    else:
        print(" ".join(str(w) for w in r.registers))


def raw(port, data):
    s = socket.create_connection(("127.0.0.1", port), timeout=3)
    s.sendall(bytes.fromhex(data))
    try:
        got = s.recv(512)
        print(got.hex() if got else "closed")
    except socket.timeout:
        print("none")
    except ConnectionResetError:
        print("closed")
    s.close()


def main():
    port, cmd = int(sys.argv[1]), sys.argv[2]
    if cmd == "raw":
        raw(port, sys.argv[3])
        return
    args = [int(a, 0) for a in sys.argv[3:]]
    c = ModbusTcpClient("127.0.0.1", port=port, timeout=3, retries=0)
    if not c.connect():
        print("cannot connect")
        sys.exit(1)
    if cmd == "read":
        unit, fc, addr, count = args
        f = c.read_holding_registers if fc == 3 else c.read_input_registers
        show(f(addr, count, slave=unit))
    elif cmd == "write":
        print("exception %s" % getattr(c.write_register(args[1], args[2], slave=args[0]),
                                       "exception_code", "none"))
    elif cmd == "writes":
        print("exception %s" % getattr(c.write_registers(args[1], [args[2]], slave=args[0]),
                                       "exception_code", "none"))
    elif cmd == "coils":
        print("exception %s" % getattr(c.read_coils(args[1], args[2], slave=args[0]),
                                       "exception_code", "none"))
    c.close()


main()
