"""Dashtam app stand-in: HTTPS on 8000; /health reports the user it runs as,
the environment file's settings, and whether PostgreSQL and Redis answer."""
import signal
import sys
import argparse
import json
import os
import pwd
import ssl
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def run(command, **env):
    done = subprocess.run(command, capture_output=True, text=True, timeout=10, env={**os.environ, **env})
    return done.stdout.strip() if done.returncode == 0 else "error: " + done.stderr.strip()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/health":
            return self.reply(404, {"detail": "Not Found"})
        self.reply(200, {
            "status": "healthy",
            "user": pwd.getpwuid(os.getuid()).pw_name,
            "uid": os.getuid(),
            "debug": os.environ.get("DEBUG"),
            "postgres": run(
                ["psql", "-h", "postgres", "-U", os.environ["POSTGRES_USER"], "-d", os.environ["POSTGRES_DB"],
                 "-tAc", "SELECT current_user || '@' || current_database()"],
                PGPASSWORD=os.environ["POSTGRES_PASSWORD"]),
            "redis": run(["redis-cli", "-h", "redis", "ping"]),
        })

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--ssl-certfile")
    parser.add_argument("--ssl-keyfile")
    options = parser.parse_args()
    server = ThreadingHTTPServer(("0.0.0.0", 8000), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(options.ssl_certfile, options.ssl_keyfile)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    print("dashtam app on https://0.0.0.0:8000 as %s" % pwd.getpwuid(os.getuid()).pw_name, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    server.serve_forever()
