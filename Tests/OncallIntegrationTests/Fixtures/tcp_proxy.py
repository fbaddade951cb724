#!/usr/bin/env python3
"""A TCP proxy that can cut the network: the test's stand-in for the wire between a node and its database.

    tcp_proxy.py --parent PID --target-port 5432 --control FILE

Listens on a free port of 127.0.0.1 (printed as `LISTENING <port>`) and forwards every connection to
127.0.0.1:<target-port>. When FILE holds `cut`, bytes stop flowing both ways and the sockets stay open,
as when a cable is pulled: the node's queries get no answer. When it holds `drop`, the server side of
every connection is closed, as the database server does once its keepalive gives up on the peer.
Exits when the process that started it goes away.
"""
import argparse
import os
import select
import socket
import threading
import time

parser = argparse.ArgumentParser()
parser.add_argument("--parent", type=int, required=True)
parser.add_argument("--target-port", type=int, required=True)
parser.add_argument("--control", required=True)
args = parser.parse_args()

lock = threading.Lock()
server_sides = []


def state():
    try:
        with open(args.control) as f:
            return f.read().strip()
    except FileNotFoundError:
        return ""


def pump(client, server):
    sockets = [client, server]
    while True:
        mode = state()
        if mode == "drop":
            break
        if mode == "cut":
            time.sleep(0.05)
            continue  # leave the bytes unread: nothing arrives either way
        readable, _, _ = select.select(sockets, [], [], 0.05)
        for sock in readable:
            try:
                data = sock.recv(65536)
            except OSError:
                data = b""
            if not data:
                client.close()
                server.close()
                return
            (server if sock is client else client).sendall(data)
    server.close()  # the server side goes; the node's side stays open and silent


def accept_loop(listener):
    while True:
        client, _ = listener.accept()
        if state() in ("cut", "drop"):
            continue  # a new connection cannot get through either (kept open, never answered)
        server = socket.create_connection(("127.0.0.1", args.target_port))
        threading.Thread(target=pump, args=(client, server), daemon=True).start()


def exit_with_parent():
    while True:
        if os.getppid() != args.parent:
            try:
                os.kill(args.parent, 0)
            except OSError:
                os._exit(0)
        time.sleep(0.5)


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(64)
print(f"LISTENING {listener.getsockname()[1]}", flush=True)
threading.Thread(target=exit_with_parent, daemon=True).start()
accept_loop(listener)
