#!/usr/bin/env python3
"""A recording proxy in front of the engine: shows which requests a tool sends, in which order, on how many
connections, and how long the engine took to answer each.

    python3 bench/engine_trace.py SOCKET [--engine /var/run/docker.sock] [--log FILE]
    DOCKER_HOST=unix://SOCKET pier up -d      # in another shell, or:
    python3 bench/engine_trace.py --run SOCKET -- pier up -d

With --run the proxy starts, runs the command with DOCKER_HOST pointing at it, prints a summary (requests by
method and path pattern, connections, the time from the first request to the last answer) and exits with the
command's status. Each line of the log: seconds since the first request, connection number, the request line,
and the seconds until the first byte of the answer. Standard library only; the bytes pass through unchanged
(streams and hijacked connections too).
"""
import argparse
import asyncio
import collections
import os
import re
import subprocess
import sys
import time

REQUEST = re.compile(rb"^(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP/1\.[01]\r\n")
# Container, network, image and exec ids or names in paths, so that requests group by kind.
IDENTIFIERS = [
    (re.compile(r"^/v[0-9.]+"), ""),
    (re.compile(r"\?.*$"), ""),
    (re.compile(r"^/(containers|networks|volumes|exec|images)/(?!json$|create$|prune$)[^/]+"), r"/\1/{id}"),
]


class Trace:
    def __init__(self, log):
        self.log = log
        self.start = None
        self.connections = 0
        self.requests = []  # (seconds since start, connection, method, path)
        self.last_answer = 0.0

    def now(self):
        if self.start is None:
            self.start = time.perf_counter()
        return time.perf_counter() - self.start


async def pipe(reader, writer, on_chunk):
    try:
        while chunk := await reader.read(65536):
            on_chunk(chunk)
            writer.write(chunk)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        try:
            writer.close()
        except RuntimeError:
            pass


async def serve(trace, socket_path, engine):
    async def handle(client_reader, client_writer):
        trace.connections += 1
        number = trace.connections
        engine_reader, engine_writer = await asyncio.open_unix_connection(engine)
        pending = collections.deque()

        def request(chunk):
            match = REQUEST.match(chunk)
            if match:
                at = trace.now()
                method, path = match.group(1).decode(), match.group(2).decode()
                trace.requests.append((at, number, method, path))
                pending.append((at, f"{at:8.3f}  #{number:<3} {method} {path}"))

        def answer(chunk):
            if pending and chunk.startswith(b"HTTP/1."):
                at, line = pending.popleft()
                now = trace.now()
                trace.last_answer = max(trace.last_answer, now)
                if trace.log:
                    print(f"{line}  {now - at:.3f}s", file=trace.log, flush=True)

        await asyncio.gather(pipe(client_reader, engine_writer, request), pipe(engine_reader, client_writer, answer))

    if os.path.exists(socket_path):
        os.unlink(socket_path)
    return await asyncio.start_unix_server(handle, path=socket_path)


def summary(trace):
    kinds = collections.Counter()
    for _, _, method, path in trace.requests:
        for pattern, replacement in IDENTIFIERS:
            path = pattern.sub(replacement, path)
        kinds[f"{method} {path}"] += 1
    lines = [f"{len(trace.requests)} requests on {trace.connections} connections, "
             f"{trace.last_answer:.3f} s from the first request to the last answer"]
    lines += [f"  {count:4}  {kind}" for kind, count in kinds.most_common()]
    return "\n".join(lines)


async def main_async(options):
    log = open(options.log, "w") if options.log else (sys.stderr if options.verbose or not options.run else None)
    trace = Trace(log)
    server = await serve(trace, options.socket, options.engine)
    if not options.run:
        async with server:
            await server.serve_forever()
    env = {**os.environ, "DOCKER_HOST": f"unix://{os.path.abspath(options.socket)}"}
    process = await asyncio.create_subprocess_exec(*options.command, env=env)
    status = await process.wait()
    server.close()
    print(summary(trace), file=sys.stderr)
    os.unlink(options.socket)
    return status


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("socket", help="the unix socket the proxy listens on")
    parser.add_argument("--engine", default="/var/run/docker.sock", help="the engine's socket")
    parser.add_argument("--log", help="write the request log there (default: standard error)")
    parser.add_argument("--run", action="store_true", help="run the command after -- through the proxy")
    parser.add_argument("--verbose", action="store_true", help="with --run, also print each request")
    parser.add_argument("command", nargs="*")
    options = parser.parse_args()
    if options.run and not options.command:
        parser.error("--run needs a command after --")
    return asyncio.run(main_async(options))


if __name__ == "__main__":
    sys.exit(main())
