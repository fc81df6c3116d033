#!/usr/bin/env bash
# Removes the three-node Swarm scripts/swarm-start.sh made: each node's dockerd
# (SIGTERM, then SIGKILL after 30 s), its namespace and data, the bridge and its
# iptables rule. Never touches any other engine.
set -euo pipefail

bridge=pierswarm
dockerd_alive() { [[ "$(ps -o stat=,comm= -p "$1" 2>/dev/null)" =~ ^[^Z].*dockerd$ ]]; }

for node in 1 2 3; do
    run=/run/pier-swarm-$node
    pid=$(cat "$run/docker.pid" 2>/dev/null || true)
    if [[ -n $pid ]] && dockerd_alive "$pid"; then
        kill -TERM "$pid"
        for ((waited = 0; waited < 30; waited++)); do
            dockerd_alive "$pid" || break
            sleep 1
        done
        dockerd_alive "$pid" && kill -KILL "$pid" 2>/dev/null || true
    fi
    # Containers a killed dockerd left mounted keep the data root busy.
    grep -o " /var/lib/pier-swarm-$node[^ ]*\| $run[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$run" "/var/lib/pier-swarm-$node"
    [[ -e /var/run/netns/pier-swarm-$node ]] && ip netns delete "pier-swarm-$node"
    ip link show "ps$node-host" >/dev/null 2>&1 && ip link delete "ps$node-host"
done
for chain in DOCKER-USER FORWARD; do
    while iptables -C "$chain" -i "$bridge" -o "$bridge" -j ACCEPT 2>/dev/null; do
        iptables -D "$chain" -i "$bridge" -o "$bridge" -j ACCEPT
    done
done
ip link show "$bridge" >/dev/null 2>&1 && ip link delete "$bridge"
echo "swarm removed" >&2
