#!/usr/bin/env python3
"""A stand-in engine that only receives build contexts, to time a tool's context packing alone.

    build_sink.py SOCKET

Listens on the unix socket SOCKET and answers what `build` needs: `/_ping`, `/version`, and `POST /build`,
whose body (the context tar, chunked or not) it reads and discards as fast as it comes before answering with a
one-step build. Every other request gets a 404. For each build it prints one JSON line on stdout:
{"bytes": N, "first_byte": T, "last_byte": T} (time.time() seconds), so that the caller can tell how long the
tool took from its start to the last byte of its context. Standard library only.
"""

import json
import os
import socket
import sys
import threading
import time

API = "1.41"
VERSION = {"Version": "20.10.24", "ApiVersion": API, "MinAPIVersion": "1.12", "Os": "linux", "Arch": "amd64"}
BUILD_OUTPUT = (
    b'{"stream":"Step 1/1 : FROM scratch\\n"}\r\n{"stream":" ---> 0123456789ab\\n"}\r\n'
    b'{"aux":{"ID":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}\r\n'
    b'{"stream":"Successfully built 0123456789ab\\n"}\r\n'
)


class Connection:
    def __init__(self, sock):
        self.sock = sock
        self.buffer = bytearray()

    def fill(self):
        data = self.sock.recv(1 << 20)
        if not data:
            raise EOFError
        self.buffer += data

    def line(self):
        while (end := self.buffer.find(b"\r\n")) < 0:
            self.fill()
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 2]
        return line

    def discard(self, count, progress):
        while count > 0:
            if not self.buffer:
                self.fill()
            taken = min(count, len(self.buffer))
            del self.buffer[:taken]
            count -= taken
            progress(taken)

    def respond(self, status, body, content_type="application/json", head_only=False):
        headers = (f"HTTP/1.1 {status}\r\nApi-Version: {API}\r\nContent-Type: {content_type}\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n")
        self.sock.sendall(headers.encode() + (b"" if head_only else body))


def serve(sock):
    connection = Connection(sock)
    try:
        while True:
            request = connection.line().decode("latin1")
            headers = {}
            while line := connection.line():
                name, _, value = line.decode("latin1").partition(":")
                headers[name.strip().lower()] = value.strip()
            method, target, _ = request.split(" ", 2)
            path = target.split("?")[0]
            received = {"bytes": 0, "first_byte": None, "last_byte": None}

            def progress(count):
                now = time.time()
                received["first_byte"] = received["first_byte"] or now
                received["last_byte"] = now
                received["bytes"] += count

            if headers.get("transfer-encoding") == "chunked":
                while size := int(connection.line().split(b";")[0], 16):
                    connection.discard(size, progress)
                    connection.line()
                connection.line()
            else:
                connection.discard(int(headers.get("content-length", "0")), progress)
            if path.endswith("/_ping"):
                connection.respond("200 OK", b"OK", "text/plain", head_only=method == "HEAD")
            elif path.endswith("/version"):
                connection.respond("200 OK", json.dumps(VERSION).encode())
            elif path.endswith("/build") and method == "POST":
                connection.respond("200 OK", BUILD_OUTPUT)
                print(json.dumps(received), flush=True)
            else:
                connection.respond("404 Not Found", json.dumps({"message": f"no {method} {path} here"}).encode())
    except (EOFError, ConnectionError):
        pass
    finally:
        sock.close()


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    while True:
        sock, _ = server.accept()
        threading.Thread(target=serve, args=(sock,), daemon=True).start()


if __name__ == "__main__":
    main()
