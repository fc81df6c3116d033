"""Serves the dashboard page on 3000, with the API address it was given."""
import signal
import sys
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = open(os.path.join(os.path.dirname(__file__), "index.html")).read()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        data = PAGE.replace("%API%", os.environ.get("VITE_API_BASE_URL", "")).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
ThreadingHTTPServer(("0.0.0.0", 3000), Handler).serve_forever()
