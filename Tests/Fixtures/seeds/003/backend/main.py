"""ArgusAI backend stand-in on 8000: /api/v1/system/health, and events
(GET/POST /api/v1/events) kept in SQLite (sqlite:///data/app.db, in the named
volume) or PostgreSQL (postgresql://...), as DATABASE_URL says."""
import signal
import sys
import json
import os
import sqlite3
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATABASE_URL = os.environ.get("DATABASE_URL") or "sqlite:///data/app.db"
KIND = DATABASE_URL.split(":", 1)[0]
SCHEMA = "CREATE TABLE IF NOT EXISTS events (text TEXT)"


def query(statement, *values):
    """Runs one statement (after the schema); returns the first column of each row."""
    if KIND == "sqlite":
        with sqlite3.connect(DATABASE_URL[len("sqlite:///"):]) as db:
            db.execute(SCHEMA)
            return [str(row[0]) for row in db.execute(statement, values)]
    script = SCHEMA + ";\n" + statement.replace("?", ":'v0'") + ";\n"
    done = subprocess.run(
        ["psql", DATABASE_URL, "-qtA", "-v", "ON_ERROR_STOP=1"] + (["-v", "v0=" + values[0]] if values else []),
        input=script, capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout.splitlines()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            if self.path == "/api/v1/system/health":
                return self.reply(200, {"status": "healthy", "database": KIND, "user": os.getuid()})
            if self.path == "/api/v1/events":
                return self.reply(200, {"database": KIND, "events": query("SELECT text FROM events")})
        except Exception as error:
            return self.reply(503, {"detail": str(error)})
        self.reply(404, {"detail": "Not Found"})

    def do_POST(self):
        if self.path != "/api/v1/events":
            return self.reply(404, {"detail": "Not Found"})
        text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        try:
            query("INSERT INTO events VALUES (?)", text)
        except Exception as error:
            return self.reply(503, {"detail": str(error)})
        self.reply(201, {"created": text, "database": KIND})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    print("argusai backend on 0.0.0.0:8000 (%s)" % KIND, flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
