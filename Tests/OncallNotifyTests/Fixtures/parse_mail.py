#!/usr/bin/env python3
"""Parses one message file with Python's email package and prints what OncallNotifyTests checks, as JSON."""
import json
import sys
from email import message_from_bytes, policy

with open(sys.argv[1], "rb") as handle:
    message = message_from_bytes(handle.read(), policy=policy.default)


def addresses(name):
    header = message[name]
    return [[a.display_name, a.addr_spec] for a in header.addresses] if header is not None else []


plain = message.get_body(preferencelist=("plain",))
html = message.get_body(preferencelist=("html",))
print(json.dumps({
    "subject": str(message["Subject"]),
    "from": addresses("From"),
    "to": addresses("To"),
    "message_id": str(message["Message-ID"]),
    "in_reply_to": str(message["In-Reply-To"] or ""),
    "references": str(message["References"] or ""),
    "auto_submitted": str(message["Auto-Submitted"] or ""),
    "content_type": message.get_content_type(),
    "envelope_from": str(message["X-MailFrom"] or ""),
    "envelope_to": str(message["X-RcptTo"] or ""),
    "text": plain.get_content() if plain is not None else None,
    "html": html.get_content() if html is not None else None,
    "defects": [type(d).__name__ for d in message.defects],
}, ensure_ascii=False))
