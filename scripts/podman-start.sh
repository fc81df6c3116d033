#!/usr/bin/env bash
# Starts Podman's Docker-compatible API service on its own socket, for the tests
# that run Pier against an engine other than Docker's, and loads the test image
# pier-test/busybox:latest into it from the Docker engine (scripts/engine-start.sh
# must have run). Safe to run again: every step is skipped when its result is
# already there; the service is left running.
#
# Podman 4.3 (Debian 12) runs containers on these machines only with runc (crun
# refuses the hybrid cgroups) and explicit ulimits, which the configuration
# below sets. It cannot run healthchecks without systemd: tests against it use
# none.
#
# Environment: PIER_PODMAN_SOCKET (default /run/pier-podman.sock).
set -euo pipefail

socket=${PIER_PODMAN_SOCKET:-/run/pier-podman.sock}
config=/etc/pier-podman/containers.conf
log=/var/log/pier-podman.log
export CONTAINERS_CONF=$config

answers() { [[ "$(curl -sS --max-time 2 --unix-socket "$socket" http://localhost/_ping 2>/dev/null)" == OK ]]; }

if ! command -v podman >/dev/null; then
    echo "installing podman" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman >/dev/null
fi

mkdir -p "$(dirname "$config")"
cat >"$config" <<'EOF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
EOF

if ! answers; then
    echo "starting podman system service on $socket (log: $log)" >&2
    rm -f "$socket"
    # From /: the containers' monitors inherit the service's directory, which must outlive this checkout.
    # setsid -f: the service forks off at once, and nothing of this script's (CI's) output stays open in it.
    (cd / && setsid -f podman system service --time=0 "unix://$socket" >"$log" 2>&1 </dev/null)
    for ((waited = 0; ; waited++)); do
        answers && break
        if ((waited >= 30)); then
            echo "podman did not answer on $socket within ${waited}s; last lines of $log:" >&2
            tail -n 20 "$log" >&2 || true
            exit 1
        fi
        sleep 1
    done
fi

if ! podman image exists pier-test/busybox:latest; then
    docker save pier-test/busybox:latest | podman load >/dev/null
fi
echo "podman: $(podman --version) on $socket, image pier-test/busybox:latest ready" >&2
