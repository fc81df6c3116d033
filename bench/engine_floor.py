#!/usr/bin/env python3
"""The engine's own floor for `up -d` of N services: create and start N containers in parallel straight
through the Engine API (no Compose logic), then remove them. Prints the seconds the create+start took.

    python3 bench/engine_floor.py [N]
Standard library only; talks to /var/run/docker.sock.
"""
import http.client
import json
import socket
import sys
import threading
import time
import uuid


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
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    prefix = "pier-floor-" + uuid.uuid4().hex[:8]
    ids = [None] * count

    def create_and_start(index):
        created = call("POST", f"/containers/create?name={prefix}-{index}",
                       {"Image": "pier-test/busybox", "Cmd": ["sleep", "3600"], "StopSignal": "SIGKILL"})
        ids[index] = created["Id"]
        call("POST", f"/containers/{created['Id']}/start")

    threads = [threading.Thread(target=create_and_start, args=(i,)) for i in range(count)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    for container in ids:
        if container:
            call("DELETE", f"/containers/{container}?force=true")
    print(f"{elapsed:.3f}")


if __name__ == "__main__":
    main()
