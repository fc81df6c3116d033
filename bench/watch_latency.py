#!/usr/bin/env python3
"""Time from a file write on the host to the new content inside the container, under `watch`.

    bench/watch_latency.py [--rounds N] [--action sync|sync+restart]

Starts `watch` of Pier and of the reference Docker Compose in turn on the same one-service project (busybox,
`develop.watch` on ./app). The container prints the content of /app/f whenever it changes (checked every 5 ms);
the script writes a new token to app/f, and times until the container's log stream (`docker logs -f`, the same
for both tools) shows it. Prints the median and the quartiles of each, and the ratio pier/reference.

Pier: $PIER, else .build/release/pier. Reference: $PIER_REFERENCE_COMPOSE. Standard library only.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import uuid

REPO_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# `$$`: a `$` the compose file does not interpolate.
LOOP = ('last=; while :; do v=$$(cat /app/f 2>/dev/null); '
        'if [ "$$v" != "$$last" ]; then echo "seen $$v"; last=$$v; fi; usleep 5000; done')


def compose_file(action):
    return f"""services:
  web:
    image: pier-test/busybox
    command: ["sh", "-c", '{LOOP}']
    stop_signal: SIGKILL
    develop:
      watch:
        - {{action: "{action}", path: ./app, target: /app}}
"""


def wait_for(stream, text, deadline):
    """Reads lines of `stream` until one holds `text`; the time it came, or None at `deadline`."""
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            return None
        if text in line:
            return time.monotonic()
    return None


def measure(tool, action, rounds):
    directory = tempfile.mkdtemp(prefix="pier-watch-bench-")
    project = "wbench" + uuid.uuid4().hex[:8]
    os.makedirs(os.path.join(directory, "app"))
    with open(os.path.join(directory, "compose.yaml"), "w") as file:
        file.write(compose_file(action))
    base = [tool, "-p", project]
    watch = subprocess.Popen(base + ["watch"], cwd=directory, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    timings = []
    logs = None
    try:
        if wait_for(watch.stdout, "Watch enabled", time.monotonic() + 120) is None:
            raise SystemExit(f"{tool}: watch did not start")
        logs = subprocess.Popen(["docker", "logs", "-f", "--since", "0s", f"{project}-web-1"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        time.sleep(1)
        for index in range(rounds):
            token = f"{index}-{uuid.uuid4().hex[:6]}"
            path = os.path.join(directory, "app", "f")
            started = time.monotonic()
            with open(path, "w") as file:
                file.write(token + "\n")
            seen = wait_for(logs.stdout, "seen " + token, started + 30)
            if seen is None:
                raise SystemExit(f"{tool}: {token} never arrived")
            timings.append(seen - started)
            if action == "sync+restart":
                # A restart ends the log stream: follow the new one.
                logs.kill()
                logs.wait()
                time.sleep(0.5)
                logs = subprocess.Popen(["docker", "logs", "-f", "--since", "0s", f"{project}-web-1"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            time.sleep(0.5)
    finally:
        if logs:
            logs.kill()
        watch.send_signal(signal.SIGINT)
        try:
            watch.wait(timeout=20)
        finally:
            subprocess.run(base + ["down", "-t", "0"], cwd=directory, capture_output=True)
        shutil.rmtree(directory, ignore_errors=True)
    return timings


def summary(timings):
    quartiles = statistics.quantiles(timings, n=4)
    return statistics.median(timings), quartiles[0], quartiles[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--action", default="sync", choices=["sync", "sync+restart"])
    arguments = parser.parse_args()
    pier = os.environ.get("PIER", os.path.join(REPO_DIR, ".build/release/pier"))
    reference = os.environ["PIER_REFERENCE_COMPOSE"]
    results = {}
    for name, tool in [("pier", pier), ("reference", reference)]:
        results[name] = summary(measure(tool, arguments.action, arguments.rounds))
        median, low, high = results[name]
        print(f"{arguments.action:13} {name:10} median {median * 1000:7.1f} ms  (quartiles {low * 1000:.1f}-"
              f"{high * 1000:.1f})")
    print(f"ratio pier/reference: {results['pier'][0] / results['reference'][0]:.2f}")


if __name__ == "__main__":
    main()
