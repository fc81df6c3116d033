#!/usr/bin/env bash
# Stops the dockerd that scripts/engine-start.sh started (by the pid in its pid
# file): SIGTERM, then SIGKILL if it has not exited after 30 s. Containers stop
# with it; images and volumes stay in its data root for the next start.
#
#   scripts/engine-stop.sh [20.10]   the engine on /var/run/docker.sock
#   scripts/engine-stop.sh 26.1      the engine on /run/pier-engine26/docker.sock;
#                                    its network namespace is removed too
#
# Environment: PIER_ENGINE (the version when no argument is given, default 20.10),
# PIER_ENGINE26_NAME (the 26.1 engine's name, as scripts/engine-start.sh takes it).
set -euo pipefail

version=${1:-${PIER_ENGINE:-20.10}}
netns=
case $version in
20 | 20.10) pidfile=/var/run/docker.pid ;;
26 | 26.1)
    name=${PIER_ENGINE26_NAME:-pier-engine26}
    pidfile=/run/$name/docker.pid
    netns=$name
    ;;
*)
    echo "unknown engine version '$version': use 20.10 or 26.1" >&2
    exit 2
    ;;
esac
# A live (not zombie) dockerd with this pid.
dockerd_alive() { [[ "$(ps -o stat=,comm= -p "$1" 2>/dev/null)" =~ ^[^Z].*dockerd$ ]]; }
# The namespace goes once its dockerd (and every container in it) is gone.
remove_netns() { [[ -z $netns || ! -e /var/run/netns/$netns ]] || ip netns delete "$netns"; }

pid=$(cat "$pidfile" 2>/dev/null || true)
if [[ -z "$pid" ]] || ! dockerd_alive "$pid"; then
    echo "dockerd $version is not running" >&2
    rm -f "$pidfile"
    remove_netns
    exit 0
fi

kill -TERM "$pid"
for ((waited = 0; waited < 30; waited++)); do
    dockerd_alive "$pid" || {
        echo "dockerd $version stopped" >&2
        remove_netns
        exit 0
    }
    sleep 1
done
echo "dockerd $version did not stop within 30s; killing it" >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
remove_netns
