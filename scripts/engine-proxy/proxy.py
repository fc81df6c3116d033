#!/usr/bin/env python3
"""Logging proxy: listens on a unix socket, forwards bytes to the engine's socket
(the third argument, default /var/run/docker.sock), and logs every request
(method, path, body) parsed from the client stream as JSON lines."""
import json, os, socket, sys, threading

LISTEN, LOG = sys.argv[1], sys.argv[2]
UPSTREAM = sys.argv[3] if len(sys.argv) > 3 else "/var/run/docker.sock"
lock = threading.Lock()

class Parser:
    def __init__(self):
        self.buf = b""
    def feed(self, data):
        self.buf += data
        while True:
            idx = self.buf.find(b"\r\n\r\n")
            if idx < 0:
                return
            head = self.buf[:idx].decode("latin1").split("\r\n")
            headers = {}
            for line in head[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
            rest = self.buf[idx + 4:]
            if "content-length" in headers:
                n = int(headers["content-length"])
                if len(rest) < n:
                    return
                body, rest = rest[:n], rest[n:]
            elif headers.get("transfer-encoding") == "chunked":
                body = b""; pos = 0; complete = False
                while True:
                    e = rest.find(b"\r\n", pos)
                    if e < 0: break
                    size = int(rest[pos:e].split(b";")[0], 16)
                    if len(rest) < e + 2 + size + 2: break
                    body += rest[e + 2:e + 2 + size]
                    pos = e + 2 + size + 2
                    if size == 0:
                        complete = True; break
                if not complete:
                    return
                rest = rest[pos:]
            else:
                body = b""
            self.buf = rest
            entry = {"request": head[0]}
            if body:
                try: entry["body"] = json.loads(body)
                except Exception: entry["body_raw"] = body[:2000].decode("latin1")
            with lock:
                with open(LOG, "a") as f:
                    f.write(json.dumps(entry) + "\n")

def pump(src, dst, parser=None):
    try:
        while True:
            data = src.recv(65536)
            if not data: break
            if parser:
                try: parser.feed(data)
                except Exception as e: print("parse error", e, file=sys.stderr)
            dst.sendall(data)
    except OSError:
        pass
    finally:
        try: dst.shutdown(socket.SHUT_WR)
        except OSError: pass

def handle(client):
    up = socket.socket(socket.AF_UNIX); up.connect(UPSTREAM)
    t = threading.Thread(target=pump, args=(up, client), daemon=True); t.start()
    pump(client, up, Parser()); t.join(); client.close(); up.close()

if os.path.exists(LISTEN): os.unlink(LISTEN)
srv = socket.socket(socket.AF_UNIX); srv.bind(LISTEN); srv.listen(64)
while True:
    c, _ = srv.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
