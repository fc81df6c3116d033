"""Stand-in for qdrant: GET / (version), /healthz, /livez, /readyz, and
collection names (PUT/GET /collections/NAME, GET /collections) kept as files in
/qdrant/storage so that a volume there holds state."""
import signal
import sys
import json
import os
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

STORAGE = "/qdrant/storage/collections"
NAME = re.compile(r"^/collections/([A-Za-z0-9_-]+)$")


class Handler(BaseHTTPRequestHandler):
    def reply(self, status, body):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if not isinstance(body, bytes) else "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/":
            return self.reply(200, {"title": "qdrant - vector search engine (pier-seed stand-in)", "version": "1.12.5"})
        if self.path in ("/healthz", "/livez", "/readyz"):
            return self.reply(200, b"healthz check passed")
        if self.path == "/collections":
            names = sorted(os.listdir(STORAGE)) if os.path.isdir(STORAGE) else []
            return self.reply(200, {"result": {"collections": [{"name": n} for n in names]}, "status": "ok"})
        match = NAME.match(self.path)
        if match and os.path.exists(os.path.join(STORAGE, match.group(1))):
            return self.reply(200, {"result": {"status": "green"}, "status": "ok"})
        self.reply(404, {"status": {"error": "Not found"}})

    def do_PUT(self):
        match = NAME.match(self.path)
        if not match:
            return self.reply(404, {"status": {"error": "Not found"}})
        os.makedirs(STORAGE, exist_ok=True)
        open(os.path.join(STORAGE, match.group(1)), "w").close()
        self.reply(200, {"result": True, "status": "ok"})


if __name__ == "__main__":
    print("qdrant stand-in listening on 0.0.0.0:6333", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    ThreadingHTTPServer(("0.0.0.0", 6333), Handler).serve_forever()
