"""Read-only API: GET /v1/runs lists the recorded runs."""
from backend.db import health, require_schema, respond, sql

require_schema("query-api")


def app(environ, start_response):
    path = environ["PATH_INFO"]
    if path == "/health":
        return respond(start_response, *health("query-api"))
    if path == "/v1/runs" and environ["REQUEST_METHOD"] == "GET":
        return respond(start_response, "200 OK", {"runs": sql("SELECT id FROM runs ORDER BY created_at, id")})
    return respond(start_response, "404 Not Found", {"detail": "Not Found"})
