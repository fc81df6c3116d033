"""Write-only API: POST /v1/runs records a run (the id from the JSON body, or a new one)."""
import json
import socket

from backend.db import health, require_schema, respond, sql

require_schema("ingest-api")


def app(environ, start_response):
    path, method = environ["PATH_INFO"], environ["REQUEST_METHOD"]
    if path == "/health":
        status, body = health("ingest-api")
        return respond(start_response, status, dict(body, hostname=socket.gethostname()))
    if path == "/v1/runs" and method == "POST":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        run = json.loads(environ["wsgi.input"].read(length) or b"{}")
        rows = sql("INSERT INTO runs (id) VALUES (COALESCE(NULLIF(:'v0', '')::uuid, gen_random_uuid())) RETURNING id",
                   run.get("id", ""))
        return respond(start_response, "201 Created", {"id": rows[0]})
    return respond(start_response, "404 Not Found", {"detail": "Not Found"})
