#!/usr/bin/env python3
"""A real SMTP server for OncallIntegrationTests (aiosmtpd), on 127.0.0.1 at a port the kernel picks.

Usage: smtp_sink.py --log FILE [--port N] [--maildir DIR]

Prints "LISTENING <port>" once it accepts connections: on --port, or on one the kernel picks (the
default, 0). A sink started again on the port of one that was stopped appends to the same log. Every message it accepts is parsed with
Python's email package (policy.default, which decodes RFC 2047 encoded words) and appended to --log
as one JSON line *before* the 250 reply, so a message the daemon counts as delivered is already there:
  {"seq", "at" (Unix seconds), "mail_from", "rcpt_tos", "from", "to" ([[name, address]…]),
   "subject" (decoded), "raw_subject" (as sent, unfolded), "message_id", "in_reply_to", "references",
   "incident" (X-Oncalld-Incident), "content_type", "text", "html", "defects"}
With --maildir the raw message is also kept there (like aiosmtpd's Mailbox handler), for reading by hand.
Exits when the process that started it (--parent, by default its parent at start) goes away.
"""
import argparse
import asyncio
import json
import mailbox
import os
import threading
import time
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--parent", type=int, help="exit when this process is no longer our parent (default: the parent at start)")
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--maildir")
args = parser.parse_args()
PARENT = os.getppid()
lock = threading.Lock()
count = 0


def raw_header(raw, name):
    """The header `name` exactly as it was sent (folding removed), or None."""
    head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0].decode("utf-8", "replace")
    lines = head.replace("\r\n", "\n").split("\n")
    unfolded = []
    for line in lines:
        if line[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += line
        else:
            unfolded.append(line)
    for line in unfolded:
        key, _, value = line.partition(":")
        if key.strip().lower() == name.lower():
            return value.strip()
    return None


def parse(raw):
    message = message_from_bytes(raw, policy=policy.default)

    def addresses(name):
        header = message[name]
        return [[a.display_name, a.addr_spec] for a in header.addresses] if header is not None else []

    def text(kind):
        part = message.get_body(preferencelist=(kind,))
        return part.get_content() if part is not None else None

    defects = [type(d).__name__ for d in message.defects]
    for part in message.walk():
        defects += [type(d).__name__ for d in part.defects if part is not message]
    return {
        "from": addresses("From"),
        "to": addresses("To"),
        "subject": str(message["Subject"] or ""),
        "raw_subject": raw_header(raw, "Subject"),
        "message_id": str(message["Message-ID"] or ""),
        "in_reply_to": str(message["In-Reply-To"] or ""),
        "references": str(message["References"] or ""),
        "incident": str(message["X-Oncalld-Incident"] or ""),
        "content_type": message.get_content_type(),
        "text": text("plain"),
        "html": text("html"),
        "defects": defects,
    }


class Handler:
    async def handle_DATA(self, server, session, envelope):
        global count
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        try:
            record = parse(raw)
        except Exception as error:  # a message Python cannot parse is recorded, and the test fails on it
            record = {"parse_error": repr(error)}
        with lock:
            count += 1
            record.update({
                "seq": count,
                "at": time.time(),
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
            })
            if args.maildir:
                mailbox.Maildir(args.maildir, create=True).add(raw)
            with open(args.log, "a", encoding="utf-8") as log:
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 Message accepted for delivery"


def exit_with_parent():
    parent = args.parent or PARENT
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


async def main():
    loop = asyncio.get_running_loop()
    handler = Handler()
    # reuse_address is on by default on Unix: a port just closed binds again.
    server = await loop.create_server(lambda: SMTP(handler, hostname="sink.oncall.test"), "127.0.0.1", args.port)
    print("LISTENING %d" % server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


threading.Thread(target=exit_with_parent, daemon=True).start()
asyncio.run(main())
