"""Autopack backend stand-in on 8000: /health, and notes kept in PostgreSQL
(GET/POST /notes, also under /api/ as nginx forwards it)."""
import signal
import sys
import json
import os
import subprocess
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DATABASE_URL = os.environ["DATABASE_URL"]


def sql(query, *variables):
    command = ["psql", DATABASE_URL, "-v", "ON_ERROR_STOP=1", "-qtA"]
    for index, value in enumerate(variables):
        command += ["-v", "v%d=%s" % (index, value)]
    done = subprocess.run(command, input=query, capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout.strip()


class Handler(BaseHTTPRequestHandler):
    def route(self):
        path = self.path[len("/api"):] if self.path.startswith("/api/") else self.path
        return path.split("?", 1)[0]

    def do_GET(self):
        path = self.route()
        try:
            if path == "/health":
                return self.reply(200, {"status": "healthy", "database": sql("SELECT current_database()")})
            if path == "/notes":
                rows = sql("CREATE TABLE IF NOT EXISTS notes (text text); SELECT text FROM notes ORDER BY 1")
                return self.reply(200, {"notes": rows.splitlines()})
            if path == "/init-runs":
                return self.reply(200, {"init_runs": int(sql("SELECT count(*) FROM init_runs"))})
        except Exception as error:
            return self.reply(503, {"detail": str(error)})
        self.reply(404, {"detail": "Not Found"})

    def do_POST(self):
        if self.route() != "/notes":
            return self.reply(404, {"detail": "Not Found"})
        text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        try:
            sql("CREATE TABLE IF NOT EXISTS notes (text text); INSERT INTO notes VALUES (:'v0')", text)
        except Exception as error:
            return self.reply(503, {"detail": str(error)})
        self.reply(201, {"created": text})

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    print("autopack backend on 0.0.0.0:8000", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # PID 1: stop at once on `stop`
    ThreadingHTTPServer(("0.0.0.0", 8000), Handler).serve_forever()
