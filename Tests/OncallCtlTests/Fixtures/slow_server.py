#!/usr/bin/env python3
"""A threaded HTTP server that answers slowly and counts how many requests it handles at once (CurlMultiTests).

Routes:
  any method /sleep/<ms>/<tag>  waits <ms> milliseconds, then answers 200 with the body "<tag>"
  GET /stats                    {"current": n, "max": n, "total": n}: /sleep requests being handled now,
                                the most at once so far, and all so far
Prints "LISTENING <port>" (TCP on 127.0.0.1, port chosen by the system) once it accepts connections, and exits
when its standard input closes (so a crashed test leaves nothing behind).
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
stats = {"current": 0, "max": 0, "total": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, data):
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        parts = [p for p in self.path.split("?")[0].split("/") if p]
        if len(parts) == 3 and parts[0] == "sleep":
            with lock:
                stats["current"] += 1
                stats["total"] += 1
                stats["max"] = max(stats["max"], stats["current"])
            try:
                time.sleep(int(parts[1]) / 1000)
            finally:
                with lock:
                    stats["current"] -= 1
            self.send(200, parts[2].encode())
        elif parts == ["stats"]:
            with lock:
                data = json.dumps(stats).encode()
            self.send(200, data)
        else:
            self.send(404, b"no route")

    do_GET = do_POST = do_PUT = do_DELETE = handle_any


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default backlog of 5 would make a burst of connections wait for SYN retries


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print("LISTENING %d" % server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the test closes our stdin (or dies)
    os._exit(0)


if __name__ == "__main__":
    main()
