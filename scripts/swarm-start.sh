#!/usr/bin/env bash
# Starts a three-node Docker Swarm on this machine for Pier's Swarm tests: one
# manager and two workers, each a Docker Engine 26.1 in a network namespace of
# its own, the three on one host bridge (docs/scale-out.md, "Tests"). Safe to
# run again: a node that answers is kept. Prints the manager's DOCKER_HOST on
# stdout (everything else goes to stderr):
#   export PIER_SWARM_MANAGER=$(scripts/swarm-start.sh)
#
# Each node N (1 is the manager) has:
#   - the namespace pier-swarm-N, with eth0 at 10.200.0.1N/24 on the bridge
#     pierswarm (10.200.0.1), and a UTS namespace whose hostname is
#     pier-swarm-N (placement by node.hostname tells them apart);
#   - its own data root (/var/lib/pier-swarm-N), exec root, pid file and socket
#     (/run/pier-swarm-N/docker.sock), and log (/var/log/pier-swarm-N.log);
#   - the label pier.node=N, and the test image pier-test/busybox:latest,
#     copied from the engine on /var/run/docker.sock.
# Overlay networks take their subnets from 10.201.0.0/16. The kernel has no
# IPVS: tests use endpoint_mode dnsrr and mode: host ports. Nothing leaves the
# bridge: the namespaces have no route out (no default route).
#
# Docker 26.1's binaries are Debian 13's, unpacked into /opt/pier-engine26 by
# scripts/engine-start.sh 26.1 (run here when they are missing).
# scripts/swarm-stop.sh removes everything this made.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

home=${PIER_ENGINE26_HOME:-/opt/pier-engine26}
bridge=pierswarm
nodes=(1 2 3)
image=pier-test/busybox:latest
docker=/usr/bin/docker # Debian's docker CLI (docker.io), installed with the host engine

if [[ ! -x $home/root/usr/sbin/dockerd ]]; then
    echo "fetching Docker Engine 26.1 (scripts/engine-start.sh 26.1)" >&2
    scripts/engine-start.sh 26.1 >/dev/null
fi
command -v runc >/dev/null || { echo "runc is missing: run scripts/engine-start.sh 26.1" >&2; exit 1; }

socket() { echo "/run/pier-swarm-$1/docker.sock"; }
node_docker() {
    local node=$1
    shift
    "$docker" -H "unix://$(socket "$node")" "$@"
}
answers() { [[ "$(curl -sS --max-time 2 --unix-socket "$(socket "$1")" http://localhost/_ping 2>/dev/null)" == OK ]]; }

# The bridge, and traffic allowed across it (the host engine's FORWARD policy is DROP).
if ! ip link show "$bridge" >/dev/null 2>&1; then
    ip link add "$bridge" type bridge
    ip addr add 10.200.0.1/24 dev "$bridge"
    ip link set "$bridge" up
fi
chain=FORWARD
iptables -S DOCKER-USER >/dev/null 2>&1 && chain=DOCKER-USER
iptables -C "$chain" -i "$bridge" -o "$bridge" -j ACCEPT 2>/dev/null ||
    iptables -I "$chain" -i "$bridge" -o "$bridge" -j ACCEPT

for node in "${nodes[@]}"; do
    netns=pier-swarm-$node
    run=/run/pier-swarm-$node
    if [[ ! -e /var/run/netns/$netns ]]; then
        ip netns add "$netns"
        ip link add "ps$node-host" type veth peer name "ps$node-node"
        ip link set "ps$node-host" master "$bridge" up
        ip link set "ps$node-node" netns "$netns"
        ip -n "$netns" link set "ps$node-node" name eth0
        ip -n "$netns" addr add "10.200.0.1$node/24" dev eth0
        ip -n "$netns" link set eth0 up
        # No default route: nothing leaves the bridge, and the pull a node tries for each task (no registry
        # is reachable) fails at once instead of waiting for DNS.
        ip -n "$netns" link set lo up
    fi
    answers "$node" && continue
    mkdir -p "$run"
    # A dockerd killed with its session leaves its pid file behind.
    if [[ -f $run/docker.pid ]] && ! kill -0 "$(cat "$run/docker.pid")" 2>/dev/null; then rm -f "$run/docker.pid"; fi
    [[ -f $run/exec/containerd/containerd.pid ]] && ! kill -0 "$(cat "$run/exec/containerd/containerd.pid")" \
        2>/dev/null && rm -f "$run/exec/containerd/containerd.pid"
    echo '{}' >"$run/daemon.json"
    echo "starting node $node (log: /var/log/pier-swarm-$node.log)" >&2
    # nsenter, not `ip netns exec` (which remounts /sys: dockerd then finds no devices cgroup).
    setsid --fork nsenter "--net=/var/run/netns/$netns" unshare --uts sh -c "hostname pier-swarm-$node && exec env \
        PATH=$home/root/usr/bin:$home/root/usr/sbin:\$PATH dockerd --config-file $run/daemon.json \
        --data-root /var/lib/pier-swarm-$node --exec-root $run/exec --pidfile $run/docker.pid \
        -H unix://$(socket "$node")" >"/var/log/pier-swarm-$node.log" 2>&1 </dev/null
done

for node in "${nodes[@]}"; do
    for ((waited = 0; ; waited++)); do
        answers "$node" && break
        if ((waited >= 60)); then
            echo "node $node did not answer within ${waited}s; last lines of its log:" >&2
            tail -n 30 "/var/log/pier-swarm-$node.log" >&2
            exit 1
        fi
        sleep 1
    done
done

# The swarm: the manager initializes it, the workers join.
if [[ "$(node_docker 1 info --format '{{.Swarm.LocalNodeState}}')" != active ]]; then
    echo "initializing the swarm on node 1" >&2
    node_docker 1 swarm init --advertise-addr 10.200.0.11 --default-addr-pool 10.201.0.0/16 >/dev/null
fi
token=$(node_docker 1 swarm join-token -q worker)
for node in 2 3; do
    if [[ "$(node_docker "$node" info --format '{{.Swarm.LocalNodeState}}')" != active ]]; then
        echo "node $node joins the swarm" >&2
        node_docker "$node" swarm join --advertise-addr "10.200.0.1$node" --token "$token" 10.200.0.11:2377 >/dev/null
    fi
done
for node in "${nodes[@]}"; do
    id=$(node_docker "$node" info --format '{{.Swarm.NodeID}}')
    node_docker 1 node update --label-add "pier.node=$node" "$id" >/dev/null
done

# The test image on every node: no node reaches a registry.
for node in "${nodes[@]}"; do
    node_docker "$node" image inspect "$image" >/dev/null 2>&1 && continue
    echo "loading $image into node $node" >&2
    "$docker" save "$image" | node_docker "$node" load >/dev/null
done

ready=$(node_docker 1 node ls --format '{{.Status}}' | grep -c Ready || true)
echo "swarm: $ready of ${#nodes[@]} nodes ready; manager on $(socket 1)" >&2
echo "unix://$(socket 1)"
