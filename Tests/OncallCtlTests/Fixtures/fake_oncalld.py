#!/usr/bin/env python3
"""A tiny HTTP server for OncallCtlTests: echo routes for the curl wrapper and a fake oncalld API.

Usage: fake_oncalld.py [--unix PATH] [--drop-first-report | --drop-every-report]
Prints "LISTENING <port>" (TCP on 127.0.0.1, port chosen by the system) or "LISTENING unix" once it
accepts connections, and exits when its standard input closes (so a crashed test leaves nothing behind).
"""
import json
import os
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DROP_FIRST = "--drop-first-report" in sys.argv
DROP_EVERY = "--drop-every-report" in sys.argv
attempts = {}
lock = threading.Lock()


def incident(number=1, state="reported", level=2, subject="Database down", **extra):
    body = {
        "id": "INC-%06d" % number, "number": number, "level": level, "state": state, "subject": subject,
        "organisation": "Finance 财务处", "reporter": "Zhang San", "reported_at": "2026-11-25T00:05:00.000Z",
        "reported_by": "oncallctl",
        "timeline": [{"kind": "reported", "at": "2026-11-25T00:05:00.000Z", "actor": "oncallctl",
                      "details": {"level": str(level), "scope": "part"}}],
    }
    body.update(extra)
    return body


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def address_string(self):
        return "test"

    def send(self, status, value=None, raw=None, headers=()):
        data = raw if raw is not None else json.dumps(value, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, text in headers:
            self.send_header(name, text)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        parts = [p for p in path.split("/") if p]

        if parts[:1] == ["echo"] or parts[:1] == ["status"]:
            status = int(parts[1]) if parts[0] == "status" else 200
            self.send(status, {
                "method": self.command, "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"), "length": len(body),
            }, headers=[("X-Echo", "yes")])
        elif parts == ["healthz"]:
            self.send(200, {"status": "ok"})
        elif parts == ["v1", "incidents"] and self.command == "POST":
            key = self.headers.get("Idempotency-Key", "")
            with lock:
                attempts[key] = attempts.get(key, 0) + 1
                count = attempts[key]
            if DROP_EVERY or (DROP_FIRST and count == 1):
                self.close_connection = True  # read the report, then hang up without answering
                return
            report = json.loads(body)
            if "subject" not in report:
                self.send(422, {"error": {"code": "missing_field", "message": "'subject' is required", "field": "subject"}})
                return
            self.send(201, incident(subject=report["subject"], other="attempts=%d key=%s" % (count, key),
                                    outage_started=report.get("outage_started")))
        elif parts == ["v1", "incidents"] and self.command == "GET":
            self.send(200, {"incidents": [incident(2, subject="query=" + query, timeline=None),
                                          incident(1, subject="数据库连接超时，全部用户无法登录系统", level=1)]})
        elif len(parts) >= 3 and parts[:2] == ["v1", "incidents"]:
            number = int(parts[2].upper().replace("INC-", ""))
            if number == 503:
                self.send(502, raw=b"bad gateway")
                return
            if number == 404:
                self.send(404, {"error": {"code": "not_found", "message": "incident INC-000404 not found"}})
                return
            action = parts[3] if len(parts) > 3 else None
            states = {"ack": "acknowledged", "escalate": "escalated", "resolve": "resolved", "close": "closed"}
            if action is None:
                self.send(200, incident(number))
            elif action in states or action == "notes":
                if action in ("ack", "close") and body not in (b"", b"{}"):
                    self.send(400, {"error": {"code": "invalid_json", "message": "expected {}"}})
                    return
                self.send(200, incident(number, state=states.get(action, "reported"), level=1 if action == "escalate" else 2,
                                        other=body.decode()))
            else:
                self.send(404, {"error": {"code": "not_found", "message": "no route"}})
        else:
            self.send(404, {"error": {"code": "not_found", "message": "no route " + path}})

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = handle_any


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def main():
    if "--unix" in sys.argv:
        path = sys.argv[sys.argv.index("--unix") + 1]
        if os.path.exists(path):
            os.unlink(path)
        server = UnixServer(path, Handler)
        print("LISTENING unix", flush=True)
    else:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        print("LISTENING %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes our stdin (or dies)
    if "--unix" in sys.argv and os.path.exists(path):
        os.unlink(path)
    os._exit(0)


if __name__ == "__main__":
    main()
