"""PostgreSQL through psql, and the small WSGI plumbing both APIs share."""
import json
import os
import subprocess
import sys

DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://postgres:postgres@localhost:5433/agent_observability")


def sql(statement, *values):
    command = ["psql", DATABASE_URL, "-qtA", "-v", "ON_ERROR_STOP=1"]
    for index, value in enumerate(values):
        command += ["-v", "v%d=%s" % (index, value)]
    done = subprocess.run(command, input=statement, capture_output=True, text=True, timeout=10)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip())
    return done.stdout.splitlines()


def require_schema(service):
    """Exits when the database or its schema is not there: the service must start after both."""
    try:
        if sql("SELECT to_regclass('public.runs')") != ["runs"]:
            raise RuntimeError("table runs is missing")
    except Exception as error:
        print("%s: cannot start: %s" % (service, error), file=sys.stderr, flush=True)
        sys.exit(1)


def health(service):
    try:
        sql("SELECT 1")
        return "200 OK", {"status": "healthy", "service": service, "version": "0.1.0"}
    except Exception as error:
        return "503 Service Unavailable", {"detail": "Database connection failed: %s" % error}


def respond(start_response, status, body):
    data = json.dumps(body).encode()
    start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
    return [data]
