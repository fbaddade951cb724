#!/usr/bin/env python3
"""A scripted HTTP receiver for OncallNotifyTests.

Binds 127.0.0.1:0 and prints "LISTENING <port>". Appends one JSON line per request to --log:
{"method", "path" (raw, as sent), "headers" ({lowercased name: value}), "body" (UTF-8 text), "body_b64"}.
Answers the Nth request with the Nth entry of --script (a JSON list of {"status", "body", "headers"}),
and 200 "ok" once the script is used up. Exits when its standard input closes.
"""
import argparse
import base64
import json
import os
import signal
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--script", default="[]")
args = parser.parse_args()
# The test runner may start us with signals blocked; stop() relies on SIGTERM working.
signal.pthread_sigmask(signal.SIG_SETMASK, [])
script = json.loads(args.script)
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        record = {
            "method": self.command,
            "path": self.path,
            "headers": {name.lower(): value for name, value in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "body_b64": base64.b64encode(body).decode("ascii"),
        }
        with lock:
            # Logged before answering, so the test sees the record once its request returns.
            with open(args.log, "a", encoding="utf-8") as log:
                log.write(json.dumps(record, ensure_ascii=False) + "\n")
            answer = script.pop(0) if script else {"status": 200, "body": "ok"}
        payload = answer.get("body", "").encode("utf-8")
        self.send_response(answer.get("status", 200))
        for name, value in answer.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

    def log_message(self, format, *arguments):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print("LISTENING %d" % server.server_address[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
server.serve_forever()
