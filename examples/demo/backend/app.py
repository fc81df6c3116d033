"""The demo's API on 8000: GET /api/health, GET and POST /api/notes, kept in
PostgreSQL (through psql, so that nothing needs installing)."""
import json
import os
import signal
import subprocess
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATABASE_URL = os.environ["DATABASE_URL"]


def sql(statement, text=""):
    done = subprocess.run(
        ["psql", DATABASE_URL, "-qtA", "-v", "ON_ERROR_STOP=1", "-v", "text=" + text],
        input=statement, capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout.splitlines()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            if self.path == "/api/health":
                return self.reply(200, {"status": "ok", "database": sql("SELECT version()")[0]})
            if self.path == "/api/notes":
                rows = sql("SELECT json_build_object('id', id, 'text', text) FROM notes ORDER BY id")
                return self.reply(200, {"title": os.environ.get("NOTES_TITLE", "Notes"),
                                        "notes": [json.loads(row) for row in rows]})
        except Exception as error:
            return self.reply(503, {"error": str(error)})
        self.reply(404, {"error": "not found"})

    def do_POST(self):
        if self.path != "/api/notes":
            return self.reply(404, {"error": "not found"})
        text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode().strip()
        if not text:
            return self.reply(400, {"error": "empty note"})
        try:
            note = sql("INSERT INTO notes (text) VALUES (:'text') RETURNING json_build_object('id', id, 'text', text)", text)
        except Exception as error:
            return self.reply(503, {"error": str(error)})
        self.reply(201, json.loads(note[0]))

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("backend listening on :8000", flush=True)
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
