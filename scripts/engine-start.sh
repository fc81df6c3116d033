#!/usr/bin/env bash
# Starts a Docker Engine for Pier's engine tests and benchmarks, and makes sure
# it has the tiny test image pier-test/busybox:latest. Safe to run again: every
# step is skipped when its result is already there. The engine is left running
# (scripts/engine-stop.sh stops it).
#
# Environment: PIER_DOCKERD_LOG (default /var/log/pier-dockerd.log).
set -euo pipefail

socket=/var/run/docker.sock
pidfile=/var/run/docker.pid
log=${PIER_DOCKERD_LOG:-/var/log/pier-dockerd.log}
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

# Engine API over the unix socket; the path is the only argument most calls need.
api() { curl -fsS --max-time 30 --unix-socket "$socket" "$@"; }
engine_answers() { [[ "$(curl -sS --max-time 2 --unix-socket "$socket" http://localhost/_ping 2>/dev/null)" == OK ]]; }
# Whether PID is a live (not zombie) process named NAME: a zombie left by a
# killed engine still counts as running for dockerd's own pid file checks.
alive() { [[ "$(ps -o stat=,comm= -p "$1" 2>/dev/null)" =~ ^[^Z].*$2$ ]]; }

# 1. Install the engine (Debian's docker.io: dockerd 20.10, containerd, runc, CLI).
if ! command -v dockerd >/dev/null; then
    echo "installing docker.io" >&2
    apt_install docker.io
fi

# 2. Start dockerd unless one already answers (or is still starting up).
if ! engine_answers; then
    # A dockerd killed with its session leaves its pid file behind, and a new
    # dockerd refuses to start while it exists; it would also wait for the
    # containerd named in its containerd's pid file instead of starting one.
    for stale in "$pidfile:dockerd" /var/run/docker/containerd/containerd.pid:containerd; do
        file=${stale%:*}
        if [[ -f "$file" ]] && ! alive "$(cat "$file")" "${stale#*:}"; then
            echo "removing stale $file" >&2
            rm -f "$file"
        fi
    done
    if [[ -f "$pidfile" ]]; then
        dockerd_pid=$(cat "$pidfile")
        echo "waiting for the running dockerd ($dockerd_pid)" >&2
    else
        echo "starting dockerd (log: $log)" >&2
        # setsid: its own session, so that it outlives this script and the
        # terminal or job that ran it.
        setsid dockerd >"$log" 2>&1 </dev/null &
        dockerd_pid=$!
    fi

    for ((waited = 0; ; waited++)); do
        engine_answers && break
        if ((waited >= 60)) || ! alive "$dockerd_pid" dockerd; then
            echo "dockerd did not answer on $socket within ${waited}s; last lines of $log:" >&2
            tail -n 30 "$log" >&2 || true
            exit 1
        fi
        sleep 1
    done
fi
echo "engine: $(api http://localhost/version | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v["Version"], "API", v["ApiVersion"])')" >&2

# 3. The test image: busybox on an otherwise empty root, imported from a tar
#    (no registry is reachable, so nothing can be pulled).
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
