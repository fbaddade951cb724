#!/usr/bin/env python3
"""A scripted HTTP receiver for OncallIntegrationTests: webhooks and chat robots on 127.0.0.1.

Usage: http_receiver.py --log FILE [--port N] [--script JSON] [--control FILE] [--secret WORD]

Prints "LISTENING <port>" once it accepts connections: on --port, or on one the kernel picks (the
default, 0). A receiver started again on the port of one that was stopped appends to the same log.

--script maps a path to the answers for its requests, in order; the last answer repeats once the
list is used up: {"/hook": [503, 503, 200], "/bad": [400]}. An answer is a status or
{"status": S, "body": "…"}. Paths not in the script get 200. A 2xx answer's default body is
{"errcode":0,"errmsg":"ok"}, which chat robots (WeCom, DingTalk) take as success.

--control names a file that, when it exists, overrides the script: the same form, one answer per
path ({"/hook": 200}); it is read on every request, so a test can change the answers at any time
(write it to a temporary name and rename it into place).

--secret is the generic webhook's HMAC key: a request with X-Oncalld-Signature is checked against
HMAC-SHA256(secret, "<X-Oncalld-Timestamp>.<body>") and recorded with signature_ok true or false
(null when the request carries no signature).

Every request is appended to --log as one JSON line, before the answer is sent:
  {"seq", "at" (Unix seconds), "method", "path", "query", "headers" ({lowercase name: value}),
   "body" (UTF-8 text), "status" (what was answered), "signature_ok"}
Exits when the process that started it (--parent, by default its parent at start) goes away.
"""
import argparse
import hashlib
import hmac
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--parent", type=int, help="exit when this process is no longer our parent (default: the parent at start)")
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--script", default="{}")
parser.add_argument("--control")
parser.add_argument("--secret")
args = parser.parse_args()
script = {path: list(answers) for path, answers in json.loads(args.script).items()}
PARENT = os.getppid()
lock = threading.Lock()
count = 0
OK_BODY = '{"errcode":0,"errmsg":"ok"}'


def normalised(answer):
    if isinstance(answer, int):
        answer = {"status": answer}
    status = int(answer.get("status", 200))
    default = OK_BODY if 200 <= status < 300 else '{"error":"scripted %d"}' % status
    return status, answer.get("body", default)


def next_answer(path):
    """The control file's answer for `path`, else the next scripted one (the last repeats), else 200."""
    if args.control and os.path.exists(args.control):
        try:
            with open(args.control, encoding="utf-8") as handle:
                control = json.load(handle)
            if path in control:
                return normalised(control[path])
        except (OSError, ValueError):
            pass
    answers = script.get(path)
    if not answers:
        return normalised(200)
    return normalised(answers.pop(0) if len(answers) > 1 else answers[0])


def signature_ok(headers, body):
    signature = headers.get("X-Oncalld-Signature")
    if signature is None:
        return None
    if not args.secret:
        return False
    timestamp = headers.get("X-Oncalld-Timestamp") or ""
    expected = "sha256=" + hmac.new(args.secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature.strip())


class Handler(BaseHTTPRequestHandler):
    def handle_any(self):
        global count
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        parts = urlsplit(self.path)
        with lock:
            count += 1
            status, answer = next_answer(parts.path)
            record = {
                "seq": count,
                "at": time.time(),
                "method": self.command,
                "path": parts.path,
                "query": parts.query,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "status": status,
                "signature_ok": signature_ok(self.headers, body),
            }
            with open(args.log, "a", encoding="utf-8") as log:
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
        payload = answer.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def log_message(self, format, *arguments):
        pass


def exit_with_parent():
    parent = args.parent or PARENT
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)  # SO_REUSEADDR: a port just closed binds again
print("LISTENING %d" % server.server_address[1], flush=True)
threading.Thread(target=exit_with_parent, daemon=True).start()
server.serve_forever()
