"""Stand-in for oauth2-proxy: proxies the --skip-auth-route requests to the
--upstream and refuses the rest (nobody can authenticate)."""
import signal
import re
import sys
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def parse(argv):
    flags = {"http-address": ["127.0.0.1:4180"], "upstream": [], "skip-auth-route": [], "api-route": []}
    for arg in argv:
        if arg.startswith("--") and "=" in arg:
            key, value = arg[2:].split("=", 1)
            if key in flags:
                flags[key] = [value] if key == "http-address" else flags[key] + [value]
    skips = []
    for route in flags["skip-auth-route"]:
        method, _, pattern = route.partition("=")
        skips.append((method, re.compile(pattern)) if pattern and method in METHODS else (None, re.compile(route)))
    host, _, port = flags["http-address"][-1].rpartition(":")
    return (host or "0.0.0.0", int(port)), flags["upstream"][0].rstrip("/"), skips, [re.compile(p) for p in flags["api-route"]]


ADDRESS, UPSTREAM, SKIPS, API_ROUTES = parse(sys.argv[1:])


class Handler(BaseHTTPRequestHandler):
    def handle_any(self):
        path = self.path.split("?", 1)[0]
        if path == "/ping":
            return self.reply(200, b"OK")
        if any((m is None or m == self.command) and p.search(path) for m, p in SKIPS):
            return self.forward()
        if any(p.search(path) for p in API_ROUTES):
            return self.reply(401, b"Unauthorized")
        self.send_response(302)
        self.send_header("Location", "/oauth2/sign_in?rd=" + self.path)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def forward(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        request = urllib.request.Request(UPSTREAM + self.path, data=body, method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                self.reply(response.status, response.read(), response.headers.get("Content-Type"))
        except urllib.error.HTTPError as error:
            self.reply(error.code, error.read(), error.headers.get("Content-Type"))
        except OSError as error:
            self.reply(502, ("upstream error: %s" % error).encode())

    def reply(self, status, data, content_type=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/plain")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = handle_any


if __name__ == "__main__":
    print("oauth2-proxy stand-in on %s:%d -> %s" % (ADDRESS + (UPSTREAM,)), flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    ThreadingHTTPServer(ADDRESS, Handler).serve_forever()
