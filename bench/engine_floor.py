#!/usr/bin/env python3
"""The engine's own floor for `up -d` of N services: create and start N containers in parallel straight
through the Engine API (no Compose logic) on a network of their own, as Compose's containers join the project's
network, then remove them. Prints the seconds the create+start took.

    python3 bench/engine_floor.py [N] [--default-bridge]

--default-bridge leaves the containers on the engine's default bridge instead: less work for the engine (no
network of the project's, no embedded DNS), so less than any Compose `up` can take.
Standard library only; talks to /var/run/docker.sock.
"""
import http.client
import json
import socket
import sys
import threading
import time
import uuid

# Waits, and ends at once on SIGTERM (as bench/generate.py's services do).
COMMAND = ["sh", "-c", 'trap "exit 0" TERM; sleep 3600 & wait']


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path="/var/run/docker.sock"):
        super().__init__("localhost")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def call(method, path, body=None):
    connection = UnixConnection()
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, "/v1.41" + path, json.dumps(body) if body is not None else None, headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {data[:200]!r}")
    return json.loads(data) if data else None


def main():
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    count = int(arguments[0]) if arguments else 20
    prefix = "pier-floor-" + uuid.uuid4().hex[:8]
    body = {"Image": "pier-test/busybox", "Cmd": COMMAND}
    network = None
    if "--default-bridge" not in sys.argv:
        network = call("POST", "/networks/create", {"Name": prefix, "Driver": "bridge"})["Id"]
        body["HostConfig"] = {"NetworkMode": prefix}
    ids = [None] * count

    def create_and_start(index):
        created = call("POST", f"/containers/create?name={prefix}-{index}", body)
        ids[index] = created["Id"]
        call("POST", f"/containers/{created['Id']}/start")

    threads = [threading.Thread(target=create_and_start, args=(i,)) for i in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start

    # Stopped (they end at once on SIGTERM), then removed: killing and removing at once sometimes leaves Engine
    # 20.10 with a network endpoint it never frees.
    def remove(container):
        call("POST", f"/containers/{container}/stop?t=10")
        call("DELETE", f"/containers/{container}")

    removals = [threading.Thread(target=remove, args=(c,)) for c in ids if c]
    for thread in removals:
        thread.start()
    for thread in removals:
        thread.join()
    if network:
        call("DELETE", f"/networks/{network}")
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
