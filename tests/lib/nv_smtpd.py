#!/usr/bin/python3
"""nv_smtpd.py - a small SMTP sink for the tests (aiosmtpd).

Each accepted message is written to DIR/NNNN.eml (the recipients first,
as "X-Rcpt-To:" lines).  Options add STARTTLS (a certificate and key),
required STARTTLS, and AUTH PLAIN/LOGIN with one user:password.  The
SMTP conversation is logged on stdout.
"""
import argparse
import os
import signal
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, outdir):
        self.outdir = outdir
        self.n = 0

    async def handle_DATA(self, server, session, envelope):
        self.n += 1
        path = os.path.join(self.outdir, "%04d.eml" % self.n)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            for r in envelope.rcpt_tos:
                f.write(b"X-Rcpt-To: " + r.encode() + b"\r\n")
            f.write(b"X-TLS: " + (b"yes" if session.ssl else b"no") + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, path)
        print("stored", path, flush=True)
        return "250 OK"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--require-tls", action="store_true")
    ap.add_argument("--auth", help="user:password")
    a = ap.parse_args()

    kwargs = {}
    if a.cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)
        kwargs["tls_context"] = ctx
        kwargs["require_starttls"] = a.require_tls
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def check(server, session, envelope, mechanism, data):
            ok = isinstance(data, LoginPassword) and \
                data.login.decode() == user and data.password.decode() == pw
            return AuthResult(success=ok)
        kwargs["authenticator"] = check
        kwargs["auth_required"] = True
        kwargs["auth_require_tls"] = bool(a.cert)
    c = Controller(Sink(a.dir), hostname="127.0.0.1", port=a.port,
                   server_kwargs=kwargs, ready_timeout=30)
    c.start()
    print("listening on 127.0.0.1:%d" % a.port, flush=True)
    try:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        signal.sigwait({signal.SIGTERM, signal.SIGINT})
    finally:
        c.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
