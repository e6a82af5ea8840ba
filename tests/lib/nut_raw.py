"""nut_raw.py PORT LINE... — one NUT protocol connection on loopback: send
the lines, print what the server answers until it has answered each line
(a LIST answer ends with its END line), closed, or 5 s passed."""
import socket
import sys


def answers(text):
    """how many requests the text answers"""
    n, in_list = 0, False
    for line in text.split("\n")[:-1]:
        if line.startswith("BEGIN LIST"):
            in_list = True
        elif line.startswith("END LIST"):
            in_list, n = False, n + 1
        elif not in_list:
            n += 1
    return n


def main():
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
    lines = sys.argv[2:]
    s.sendall("".join(l + "\n" for l in lines).encode("latin-1"))
    buf = b""
    try:
        while answers(buf.decode("latin-1")) < len(lines):
            got = s.recv(65536)
            if not got:
                break
            buf += got
    except socket.timeout:
        pass
    sys.stdout.write(buf.decode("latin-1"))


main()
