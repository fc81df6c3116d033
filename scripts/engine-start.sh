#!/usr/bin/env bash
# Starts a Docker Engine for Pier's engine tests and benchmarks, and makes sure
# it has the tiny test image pier-test/busybox:latest. Safe to run again: every
# step is skipped when its result is already there. The engine is left running
# (scripts/engine-stop.sh stops it). Prints the engine's DOCKER_HOST on stdout
# (everything else goes to stderr), so callers can do:
#   export DOCKER_HOST=$(scripts/engine-start.sh 26.1)
#
#   scripts/engine-start.sh [20.10]  Debian 12's docker.io (API 1.41), installed
#                                    into the system, on /var/run/docker.sock.
#   scripts/engine-start.sh 26.1     Debian 13's docker.io and containerd (API
#                                    1.45), unpacked into $PIER_ENGINE26_HOME,
#                                    never installed: the system's apt
#                                    configuration is left as it is, and Debian
#                                    12's runc runs the containers (Debian 13's
#                                    needs a newer glibc). It has its own data
#                                    root, exec root, pid file and socket
#                                    (/run/pier-engine26/docker.sock), and runs
#                                    in the network namespace pier-engine26, so
#                                    that both engines run at once without their
#                                    bridges, iptables rules and published ports
#                                    meeting. Its published ports are on that
#                                    namespace's loopback: reach them from inside,
#                                    `nsenter --net=/var/run/netns/pier-engine26 …`.
#                                    The namespace has no route out.
#
# Environment: PIER_ENGINE (the version when no argument is given, default
# 20.10), PIER_DOCKERD_LOG (default /var/log/pier-dockerd.log, or
# pier-dockerd26.log), PIER_ENGINE26_HOME (default /opt/pier-engine26),
# PIER_ENGINE26_NAME (default pier-engine26: the 26.1 engine's namespace, and
# its folders /run/NAME and /var/lib/NAME; another name starts a private engine
# of one's own beside it, as the tests that restart an engine do, with
# /var/log/NAME.log; scripts/engine-stop.sh 26.1 stops it under the same name).
set -euo pipefail

version=${1:-${PIER_ENGINE:-20.10}}
image_repo=pier-test/busybox
image_tag=latest

export DEBIAN_FRONTEND=noninteractive
apt_updated=false
apt_install() {
    # Machines start with stale or empty package lists: update once per run.
    if ! $apt_updated; then
        apt-get update -qq
        apt_updated=true
    fi
    apt-get install -y -qq "$@" >/dev/null
}

# Whether PID is a live (not zombie) process named NAME: a zombie left by a
# killed engine still counts as running for dockerd's own pid file checks.
alive() { [[ "$(ps -o stat=,comm= -p "$1" 2>/dev/null)" =~ ^[^Z].*$2$ ]]; }

case $version in
20 | 20.10)
    socket=/var/run/docker.sock
    pidfile=/var/run/docker.pid
    containerd_pidfile=/var/run/docker/containerd/containerd.pid
    log=${PIER_DOCKERD_LOG:-/var/log/pier-dockerd.log}
    # Debian's docker.io: dockerd 20.10, containerd, runc, CLI.
    if ! command -v dockerd >/dev/null; then
        echo "installing docker.io" >&2
        apt_install docker.io
    fi
    dockerd=(dockerd)
    ;;
26 | 26.1)
    home=${PIER_ENGINE26_HOME:-/opt/pier-engine26}
    name=${PIER_ENGINE26_NAME:-pier-engine26}
    run=/run/$name
    socket=$run/docker.sock
    pidfile=$run/docker.pid
    containerd_pidfile=$run/exec/containerd/containerd.pid
    default_log=/var/log/pier-dockerd26.log
    [[ $name == pier-engine26 ]] || default_log=/var/log/$name.log
    log=${PIER_DOCKERD_LOG:-$default_log}
    netns=$name
    # Debian 12's runc, docker-init (tini) and iptables run beside Debian 13's binaries.
    command -v runc >/dev/null || apt_install runc
    [[ -x /usr/bin/tini-static ]] || apt_install tini
    if [[ ! -x $home/root/usr/sbin/dockerd ]]; then
        echo "fetching Debian 13's docker.io and containerd into $home" >&2
        rm -rf "$home"
        mkdir -p "$home"/{lists/partial,cache/archives/partial,debs,root}
        # A source list and apt state of its own: nothing of the system's apt configuration changes.
        echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main" \
            >"$home/sources.list"
        apt_options=(-o "Dir::Etc::SourceList=$home/sources.list" -o Dir::Etc::SourceParts=/dev/null
            -o "Dir::State::Lists=$home/lists" -o "Dir::Cache=$home/cache")
        apt-get "${apt_options[@]}" update -qq
        # _apt cannot write into a root-owned folder: download as root, without the warning.
        (cd "$home/debs" && apt-get "${apt_options[@]}" -o APT::Sandbox::User=root download -qq docker.io containerd)
        for package in "$home"/debs/*.deb; do dpkg-deb -x "$package" "$home/root"; done
        # The package's docker-init points at a tini-static beside it, which is Debian 12's here.
        ln -sf /usr/bin/tini-static "$home/root/usr/bin/docker-init"
        echo '{}' >"$home/daemon.json"
    fi
    if [[ ! -e /var/run/netns/$netns ]]; then
        ip netns add "$netns"
        ip -n "$netns" link set lo up
    fi
    mkdir -p "$run"
    # nsenter, not `ip netns exec`: the latter remounts /sys, and dockerd then finds no devices cgroup.
    dockerd=(nsenter "--net=/var/run/netns/$netns"
        env "PATH=$home/root/usr/bin:$home/root/usr/sbin:$PATH"
        dockerd --config-file "$home/daemon.json" --data-root "/var/lib/$name" --exec-root "$run/exec"
        --pidfile "$pidfile" -H "unix://$socket")
    ;;
*)
    echo "unknown engine version '$version': use 20.10 or 26.1" >&2
    exit 2
    ;;
esac

# Engine API over the unix socket; the path is the only argument most calls need.
api() { curl -fsS --max-time 30 --unix-socket "$socket" "$@"; }
engine_answers() { [[ "$(curl -sS --max-time 2 --unix-socket "$socket" http://localhost/_ping 2>/dev/null)" == OK ]]; }

# Start dockerd unless one already answers (or is still starting up).
if ! engine_answers; then
    # A dockerd killed with its session leaves its pid file behind, and a new
    # dockerd refuses to start while it exists; it would also wait for the
    # containerd named in its containerd's pid file instead of starting one.
    for stale in "$pidfile:dockerd" "$containerd_pidfile:containerd"; do
        file=${stale%:*}
        if [[ -f "$file" ]] && ! alive "$(cat "$file")" "${stale#*:}"; then
            echo "removing stale $file" >&2
            rm -f "$file"
        fi
    done
    dockerd_pid=
    if [[ -f "$pidfile" ]]; then
        dockerd_pid=$(cat "$pidfile")
        echo "waiting for the running dockerd ($dockerd_pid)" >&2
    else
        echo "starting dockerd $version (log: $log)" >&2
        # A session of its own, so that it outlives this script and the
        # terminal or job that ran it. (Its pid comes from its pid file: under
        # job control setsid forks, and $! would be setsid's.)
        setsid --fork "${dockerd[@]}" >"$log" 2>&1 </dev/null
    fi

    for ((waited = 0; ; waited++)); do
        engine_answers && break
        # dockerd writes its pid file first thing: no live one after a few seconds means it failed.
        [[ -n $dockerd_pid ]] || dockerd_pid=$(cat "$pidfile" 2>/dev/null || true)
        if ((waited >= 60)) || { ((waited >= 5)) && ! alive "${dockerd_pid:-0}" dockerd; }; then
            echo "dockerd did not answer on $socket within ${waited}s; last lines of $log:" >&2
            tail -n 30 "$log" >&2 || true
            exit 1
        fi
        sleep 1
    done
fi
echo "engine: $(api http://localhost/version | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v["Version"], "API", v["ApiVersion"])') on $socket" >&2

# The test image: busybox on an otherwise empty root, imported from a tar
# (no registry is reachable, so nothing can be pulled).
if ! api -o /dev/null "http://localhost/images/$image_repo:$image_tag/json" 2>/dev/null; then
    echo "building $image_repo:$image_tag" >&2
    # Only the static busybox runs in an empty root (Debian's `busybox` is dynamic).
    dpkg -s busybox-static >/dev/null 2>&1 || apt_install busybox-static

    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    root=$work/root
    mkdir -p "$root"/{bin,etc,root,tmp,proc,sys,dev,var,usr}
    chmod 1777 "$root/tmp"
    cp /bin/busybox "$root/bin/busybox"
    # Every applet busybox has (sh, httpd, wget, sleep, nc, nslookup, ...), so
    # tests never miss one; /usr/bin, /sbin and /usr/sbin point at /bin so that
    # paths like /usr/bin/env work too.
    for applet in $("$root/bin/busybox" --list); do
        [[ "$applet" == busybox ]] || ln -s busybox "$root/bin/$applet"
    done
    ln -s bin "$root/sbin"
    ln -s ../bin "$root/usr/bin"
    ln -s ../bin "$root/usr/sbin"
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
    tar -C "$root" --numeric-owner --owner=0 --group=0 -cf "$work/rootfs.tar" .

    # What `docker import` does, without needing a docker CLI that speaks this
    # engine's API version. A default command makes `docker run IMAGE` work.
    api -X POST -H 'Content-Type: application/x-tar' --data-binary "@$work/rootfs.tar" \
        --url-query "fromSrc=-" --url-query "repo=$image_repo" --url-query "tag=$image_tag" \
        --url-query 'changes=CMD ["sh"]' \
        --url-query 'changes=ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        http://localhost/images/create >"$work/import.log"
    # The import reports errors inside a 200 response: check the image is there.
    if ! api -o /dev/null "http://localhost/images/$image_repo:$image_tag/json"; then
        echo "import of $image_repo:$image_tag failed:" >&2
        cat "$work/import.log" >&2
        exit 1
    fi
fi
echo "image: $image_repo:$image_tag ready" >&2
echo "unix://$socket"
