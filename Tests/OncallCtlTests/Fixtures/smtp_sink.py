#!/usr/bin/env python3
"""An SMTP sink for OncallCtlTests (Python's smtpd, present up to Python 3.11).

Prints "LISTENING <port>", then one JSON line per message received: {"from", "to", "data"}.
Exits when its standard input closes.
"""
import asyncore
import json
import os
import smtpd
import sys
import threading
import warnings

warnings.simplefilter("ignore")


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        print(json.dumps({"from": mailfrom, "to": rcpttos, "data": data.decode("utf-8", "replace")}), flush=True)


sink = Sink(("127.0.0.1", 0), None, decode_data=False)
print("LISTENING %d" % sink.socket.getsockname()[1], flush=True)
threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
asyncore.loop()
