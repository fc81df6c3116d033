#!/usr/bin/env bash
# Stops the dockerd that scripts/engine-start.sh started (by the pid in its pid
# file): SIGTERM, then SIGKILL if it has not exited after 30 s. Containers stop
# with it; images and volumes stay in /var/lib/docker for the next start.
set -euo pipefail

pidfile=/var/run/docker.pid
# A live (not zombie) dockerd with this pid.
dockerd_alive() { [[ "$(ps -o stat=,comm= -p "$1" 2>/dev/null)" =~ ^[^Z].*dockerd$ ]]; }

pid=$(cat "$pidfile" 2>/dev/null || true)
if [[ -z "$pid" ]] || ! dockerd_alive "$pid"; then
    echo "dockerd is not running" >&2
    rm -f "$pidfile"
    exit 0
fi

kill -TERM "$pid"
for ((waited = 0; waited < 30; waited++)); do
    dockerd_alive "$pid" || { echo "dockerd stopped" >&2; exit 0; }
    sleep 1
done
echo "dockerd did not stop within 30s; killing it" >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
