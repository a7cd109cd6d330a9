#!/usr/bin/env python3
"""smtp-sink.py PORT DIR: an SMTP server (aiosmtpd) on 127.0.0.1:PORT that writes each
message it accepts to DIR/N.eml, for the end-to-end mail test.

It prints "listening" once the port is open, and stops when its standard input closes, so
that a test that dies (or forgets) never leaves it running. A file appears whole: it is
written under a dot name, then renamed."""
import os, sys, threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode()
        envelope_lines = f"X-Sink-Mail-From: {envelope.mail_from}\nX-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\n"
        tmp = os.path.join(self.folder, f".{n}.tmp")
        with open(tmp, "wb") as f:
            f.write(envelope_lines.encode() + data)
        os.rename(tmp, os.path.join(self.folder, f"{n}.eml"))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("listening", flush=True)
    try:
        sys.stdin.read()  # until the test closes our stdin (or dies)
    finally:
        controller.stop()


main()
