#!/usr/bin/env python3
"""Engine proxy: listens on a unix socket and forwards each HTTP request to the engine's socket, one upstream
connection per request, keeping the client's connection alive as the engine would. It logs every request as a JSON
line (method and path, JSON body, the client connection it came on) and can inject faults into chosen requests:

    proxy.py [options] LISTEN.sock [LOG.jsonl [ENGINE.sock]]

  --delay MS            delay every chosen request by MS milliseconds before it is forwarded
  --drop N              close the client's connection instead of forwarding every Nth chosen request
  --drop-after N        forward every Nth chosen request, then close both connections before the answer
  --fail N              answer every Nth chosen request with 500 and a JSON message, not forwarding it
  --truncate N          forward every Nth chosen request, then only half of the answer's body, then close
  --cut-streams SECONDS close streamed answers (events, logs -f, progress) SECONDS after they began
  --hang REGEX          hold requests whose request line matches REGEX forever (never forwarded): a client
                        stopped there can be killed at a known point
  --only REGEX          choose only requests whose request line ("POST /v1.41/containers/create?name=…")
                        matches REGEX (default: every request)
  --ready FILE          write FILE once listening

Hijacked connections (exec, attach) and upgrades (BuildKit's /session) are forwarded untouched once the engine
answers 101. Every fault is counted over the chosen requests only, from 1: `--drop 10` drops the 10th, 20th, …
"""
import argparse, itertools, json, os, re, socket, sys, threading, time

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("listen")
parser.add_argument("log", nargs="?")
parser.add_argument("engine", nargs="?", default="/var/run/docker.sock")
parser.add_argument("--delay", type=int, default=0)
parser.add_argument("--drop", type=int, default=0)
parser.add_argument("--drop-after", type=int, default=0)
parser.add_argument("--fail", type=int, default=0)
parser.add_argument("--truncate", type=int, default=0)
parser.add_argument("--cut-streams", type=float, default=0)
parser.add_argument("--hang")
parser.add_argument("--only")
parser.add_argument("--ready")
options = parser.parse_args()

lock = threading.Lock()
chosen_count = itertools.count(1)
connection_count = itertools.count(1)


class Closed(Exception):
    """One side closed its connection."""


class Reader:
    """Buffered reads from a socket: lines, exact sizes, whatever is there."""

    def __init__(self, sock):
        self.sock, self.buffer = sock, b""

    def fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Closed()
        self.buffer += data

    def line(self):
        while b"\r\n" not in self.buffer:
            self.fill()
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line + b"\r\n"

    def exactly(self, size):
        while len(self.buffer) < size:
            self.fill()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def some(self):
        if not self.buffer:
            self.fill()
        data, self.buffer = self.buffer, b""
        return data


def read_head(reader):
    """The head's raw bytes, its first line and its headers (lowercased names)."""
    lines = [reader.line()]
    while lines[-1] != b"\r\n":
        lines.append(reader.line())
    headers = {}
    for line in lines[1:-1]:
        name, _, value = line.decode("latin1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return b"".join(lines), lines[0].decode("latin1").strip(), headers


def relay_body(reader, headers, send, limit=None):
    """Relays a body framed by `headers` through `send`; returns the body, or None when it is not framed (delimited
    by closing). `limit` stops after about that many body bytes and raises Closed (the answer was cut)."""
    body = bytearray()
    out = send

    if "content-length" in headers:
        remaining = int(headers["content-length"])
        if limit is not None and limit < remaining:
            out(reader.exactly(limit))
            raise Closed()
        while remaining:
            chunk = reader.exactly(min(remaining, 65536))
            remaining -= len(chunk)
            body += chunk
            out(chunk)
        return bytes(body)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        sent = 0
        while True:
            size_line = reader.line()
            size = int(size_line.split(b";")[0], 16)
            data = reader.exactly(size + 2)
            if limit is not None and sent + size >= limit and size:
                out(size_line + data[: max(1, size // 2)])
                raise Closed()
            sent += size
            body += data[:size]
            out(size_line + data)
            if size == 0:
                return bytes(body)
    return None


def log(connection, request_line, body):
    if not options.log:
        return
    entry = {"request": request_line, "connection": connection}
    if body:
        try:
            entry["body"] = json.loads(body)
        except ValueError:
            entry["body_raw"] = body[:2000].decode("latin1")
    with lock, open(options.log, "a") as file:
        file.write(json.dumps(entry) + "\n")


def answer_500(client):
    body = json.dumps({"message": "fault injected by engine-proxy"}).encode()
    client.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                   + b"Content-Length: %d\r\n\r\n" % len(body) + body)


def pump(source, destination):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            destination.sendall(data)
    except OSError:
        pass
    finally:
        try:
            destination.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def tunnel(client, client_reader, upstream, upstream_reader):
    """Raw bytes both ways (after 101), starting with what either reader already holds."""
    if client_reader.buffer:
        upstream.sendall(client_reader.buffer)
    if upstream_reader.buffer:
        client.sendall(upstream_reader.buffer)
    other = threading.Thread(target=pump, args=(upstream, client), daemon=True)
    other.start()
    pump(client, upstream)
    other.join()


def exchange(client, client_reader, connection):
    """One request and its answer; returns whether the client connection stays usable."""
    head, request_line, headers = read_head(client_reader)
    chunks = []
    body = relay_body(client_reader, headers, chunks.append)
    log(connection, request_line, body)
    if options.hang and re.search(options.hang, request_line):
        while client.recv(65536):
            pass
        return False
    number = next(chosen_count) if not options.only or re.search(options.only, request_line) else None

    def due(every):
        return number is not None and every > 0 and number % every == 0

    if due(options.drop):
        return False
    if due(options.fail):
        answer_500(client)
        return True
    if number is not None and options.delay:
        time.sleep(options.delay / 1000)
    upstream = socket.socket(socket.AF_UNIX)
    upstream.connect(options.engine)
    cut = None
    try:
        upstream.sendall(head + b"".join(chunks))
        upstream_reader = Reader(upstream)
        response_head, status_line, response_headers = read_head(upstream_reader)
        if due(options.drop_after):
            return False
        client.sendall(response_head)
        status = int(status_line.split()[1])
        if status == 101:
            tunnel(client, client_reader, upstream, upstream_reader)
            return False
        if request_line.startswith("HEAD ") or status in (204, 304) or 100 <= status < 200:
            return True
        framed = "content-length" in response_headers or "chunked" in response_headers.get("transfer-encoding", "")
        limit = None
        if due(options.truncate):
            limit = int(response_headers.get("content-length", "0")) // 2 if "content-length" in response_headers else 1
        if options.cut_streams and "content-length" not in response_headers:
            # An answer still streaming then (events, logs -f, progress) is cut, idle or not.
            cut = threading.Timer(options.cut_streams, lambda: [close_both(client, upstream)])
            cut.daemon = True
            cut.start()
        if framed:
            relay_body(upstream_reader, response_headers, client.sendall, limit=limit)
            return response_headers.get("connection", "").lower() != "close"
        # Delimited by the engine closing its end.
        while True:
            client.sendall(upstream_reader.some())
    finally:
        if cut:
            cut.cancel()
        upstream.close()


def close_both(*sockets):
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def handle(client):
    connection = next(connection_count)
    reader = Reader(client)
    try:
        while exchange(client, reader, connection):
            pass
    except (Closed, OSError):
        pass
    finally:
        client.close()


if os.path.exists(options.listen):
    os.unlink(options.listen)
server = socket.socket(socket.AF_UNIX)
server.bind(options.listen)
server.listen(128)
if options.ready:
    open(options.ready, "w").close()
while True:
    accepted, _ = server.accept()
    threading.Thread(target=handle, args=(accepted,), daemon=True).start()
