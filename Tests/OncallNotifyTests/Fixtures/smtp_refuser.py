#!/usr/bin/env python3
"""An aiosmtpd server for OncallNotifyTests that refuses some recipients.

RCPT TO an address starting with "unknown" gets "550 5.1.1 No such user", with "busy" gets
"450 4.2.1 Mailbox busy"; others are accepted and the message is discarded. DATA from a sender
starting with "spam" gets "554 5.7.1 Rejected as spam". Prints "LISTENING <port>" and exits when
its standard input closes.
"""
import os
import signal
import socket
import sys

from aiosmtpd.controller import Controller


# The test runner may start us with signals blocked; stop() relies on SIGTERM working.
signal.pthread_sigmask(signal.SIG_SETMASK, [])


class Refuser:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown"):
            return "550 5.1.1 No such user"
        if address.startswith("busy"):
            return "450 4.2.1 Mailbox busy"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if envelope.mail_from.startswith("spam"):
            return "554 5.7.1 Rejected as spam"
        return "250 2.0.0 Ok: queued"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Refuser(), hostname="127.0.0.1", port=port)
controller.start()
print("LISTENING %d" % port, flush=True)
sys.stdin.read()
controller.stop()
os._exit(0)
