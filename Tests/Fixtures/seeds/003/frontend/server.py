"""ArgusAI frontend stand-in on 3000: a page showing the backend's health,
fetched from NEXT_PUBLIC_API_URL."""
import signal
import sys
import os
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

API = os.environ.get("NEXT_PUBLIC_API_URL", "http://localhost:8000")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            with urllib.request.urlopen(API + "/api/v1/system/health", timeout=5) as response:
                backend = response.read().decode()
        except OSError as error:
            backend = "unreachable: %s" % error
        data = ("<!DOCTYPE html><html><head><title>ArgusAI</title></head><body><h1>ArgusAI</h1>"
                "<p>backend %s: %s</p></body></html>" % (API, backend)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(data)

    do_HEAD = do_GET


print("argusai frontend on 0.0.0.0:3000, backend %s" % API, flush=True)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
ThreadingHTTPServer(("0.0.0.0", 3000), Handler).serve_forever()
