#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# A throwaway SMTP server for the tests (aiosmtpd, Debian's python3-aiosmtpd):
# listens on 127.0.0.1 at a free port, which it prints on stdout, and stores
# each message it accepts whole into a Maildir, with "FROM TO" lines for the
# envelope in MAILDIR/envelopes. Stops on SIGTERM or after --timeout seconds.
# --delay waits after each message's data before storing it and answering
# 250, --rcpt-delay before answering each RCPT TO, so that a test can stop
# mailout while it waits for a reply; a client that leaves during the wait
# loses that message (aiosmtpd cancels the handler), as one that leaves
# before the data is complete does. --data-reply ADDR=REPLY answers a
# message for ADDR with REPLY after its data (e.g. "554 5.7.1 spam"),
# --defer ADDR answers its RCPT TO with a 451.
#
#   smtp-server.py [--timeout S] [--delay S] [--rcpt-delay S] [--reject ADDR]...
#                  [--data-reply ADDR=REPLY]... [--defer ADDR]... MAILDIR
import argparse
import asyncio
import os
import signal
import socket
import sys
import threading
import time

from aiosmtpd.controller import Controller


class MaildirHandler:
    def __init__(self, maildir, reject, delay=0.0, rcpt_delay=0.0, data_reply=(), defer=()):
        self.maildir = maildir
        self.reject = {a.lower() for a in reject}
        self.defer = {a.lower() for a in defer}
        self.data_reply = {}
        for item in data_reply:
            addr, reply = item.split("=", 1)
            self.data_reply[addr.lower()] = reply
        self.delay = delay
        self.rcpt_delay = rcpt_delay
        self.count = 0
        for sub in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, sub), exist_ok=True)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rcpt_delay > 0:
            await asyncio.sleep(self.rcpt_delay)
        if address.lower() in self.reject:
            return "550 5.1.1 <%s>: recipient rejected by the test server" % address
        if address.lower() in self.defer:
            return "451 4.3.0 <%s>: try again later, says the test server" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        for rcpt in envelope.rcpt_tos:
            if rcpt.lower() in self.data_reply:
                return self.data_reply[rcpt.lower()]
        self.count += 1
        name = "%d.P%dQ%d.test" % (time.time(), os.getpid(), self.count)
        tmp = os.path.join(self.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content)
        os.rename(tmp, os.path.join(self.maildir, "new", name))
        with open(os.path.join(self.maildir, "envelopes"), "a") as f:
            for rcpt in envelope.rcpt_tos:
                f.write("%s %s\n" % (envelope.mail_from, rcpt))
        return "250 2.0.0 queued as %s" % name


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    p = argparse.ArgumentParser(description="test SMTP server into a Maildir")
    p.add_argument("maildir")
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--reject", action="append", default=[],
                   help="answer 550 to RCPT TO this address")
    p.add_argument("--delay", type=float, default=0.0,
                   help="wait this long after each message's data before storing it and answering")
    p.add_argument("--rcpt-delay", type=float, default=0.0,
                   help="wait this long before answering each RCPT TO")
    p.add_argument("--data-reply", action="append", default=[], metavar="ADDR=REPLY",
                   help="answer a message for ADDR with REPLY after its data")
    p.add_argument("--defer", action="append", default=[],
                   help="answer 451 to RCPT TO this address")
    args = p.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    signal.signal(signal.SIGINT, lambda signum, frame: stop.set())
    handler = MaildirHandler(args.maildir, args.reject, args.delay, args.rcpt_delay,
                             args.data_reply, args.defer)
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    print(port, flush=True)
    stop.wait(args.timeout)
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
