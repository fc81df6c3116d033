"""Tarsy backend stand-in: needs PostgreSQL at start (exits otherwise), reads
its read-only configuration, answers /health and /api/v1/history/health."""
import signal
import json
import os
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATABASE_URL = os.environ["DATABASE_URL"]


def sql(query):
    done = subprocess.run(["psql", DATABASE_URL, "-tAc", query], capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout.strip()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path not in ("/health", "/api/v1/history/health"):
            return self.reply(404, {"detail": "Not Found"})
        try:
            self.reply(200, {
                "status": "healthy",
                "service": "tarsy-backend",
                "database": sql("SELECT current_database()"),
                "history_enabled": os.environ.get("HISTORY_ENABLED"),
                "config": sorted(os.listdir("/app/config")),
            })
        except Exception as error:
            self.reply(503, {"detail": "Database connection failed: %s" % error})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    try:
        sql("CREATE TABLE IF NOT EXISTS alert_history (id serial PRIMARY KEY, created_at timestamptz DEFAULT now())")
    except Exception as error:
        print("database not ready at start: %s" % error, file=sys.stderr)
        sys.exit(1)
    print("tarsy-backend listening on 0.0.0.0:8000", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
