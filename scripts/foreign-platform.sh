#!/usr/bin/env bash
# Lets the engine build and run linux/arm64 images on this amd64 machine, for the tests of non-native builds:
# Debian's qemu-user-static registered with binfmt_misc (the F flag: the kernel keeps the interpreter open, so it
# works inside containers), and a tiny arm64 test image, pier-test/busybox:arm64, imported from Debian's arm64
# busybox-static (fetched with an apt configuration of its own under /opt/pier-arm64; the system's apt
# configuration is left alone). Safe to run again. The engine is the one DOCKER_HOST names (else the default
# socket).
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
if ! dpkg -s qemu-user-static binfmt-support >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq qemu-user-static binfmt-support >/dev/null
fi
if [[ ! -e /proc/sys/fs/binfmt_misc/register ]]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
[[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]] || update-binfmts --enable qemu-aarch64
echo "binfmt: $(head -n 1 /proc/sys/fs/binfmt_misc/qemu-aarch64)" >&2

root=/opt/pier-arm64
busybox=$root/root/bin/busybox
if [[ ! -x $busybox ]]; then
    mkdir -p "$root/lists/partial" "$root/cache/archives/partial" "$root/debs" "$root/root"
    echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bookworm main" \
        >"$root/sources.list"
    apt_options=(-o "Dir::Etc::SourceList=$root/sources.list" -o Dir::Etc::SourceParts=/dev/null
        -o "Dir::State::Lists=$root/lists" -o "Dir::Cache=$root/cache" -o APT::Architecture=arm64
        -o APT::Architectures=arm64)
    apt-get "${apt_options[@]}" update -qq
    (cd "$root/debs" && apt-get "${apt_options[@]}" download busybox-static 2>/dev/null)
    dpkg-deb -x "$root"/debs/busybox-static_*_arm64.deb "$root/root"
fi

socket=/var/run/docker.sock
[[ "${DOCKER_HOST:-}" == unix://* ]] && socket=${DOCKER_HOST#unix://}
api() { curl -fsS --max-time 60 --unix-socket "$socket" "$@"; }
image=pier-test/busybox
architecture() { api "http://localhost/images/$image:arm64/json" 2>/dev/null |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["Architecture"])' 2>/dev/null; }
if [[ "$(architecture)" != arm64 ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp" "$work/rootfs/etc" "$work/image"
    cp "$busybox" "$work/rootfs/bin/busybox"
    for applet in sh ls cat echo uname mkdir true; do ln -s busybox "$work/rootfs/bin/$applet"; done
    printf 'root:x:0:0:root:/root:/bin/sh\n' >"$work/rootfs/etc/passwd"
    tar -C "$work/rootfs" --numeric-owner --owner=0 --group=0 -cf "$work/image/layer.tar" .
    # `docker save`'s layout, with an arm64 configuration (an import would be labelled with the host's).
    python3 - "$work/image" "$image:arm64" <<'PY'
import hashlib, json, os, sys
folder, tag = sys.argv[1], sys.argv[2]
layer = hashlib.sha256(open(os.path.join(folder, "layer.tar"), "rb").read()).hexdigest()
config = json.dumps({"architecture": "arm64", "os": "linux", "config": {"Cmd": ["sh"], "Env": ["PATH=/bin"]},
                     "rootfs": {"type": "layers", "diff_ids": [f"sha256:{layer}"]}}).encode()
name = hashlib.sha256(config).hexdigest() + ".json"
open(os.path.join(folder, name), "wb").write(config)
json.dump([{"Config": name, "RepoTags": [tag], "Layers": ["layer.tar"]}], open(os.path.join(folder, "manifest.json"), "w"))
PY
    tar -C "$work/image" -cf "$work/image.tar" .
    api -X DELETE "http://localhost/images/$image:arm64" >/dev/null 2>&1 || true
    api -X POST -H 'Content-Type: application/x-tar' --data-binary "@$work/image.tar" \
        "http://localhost/images/load?quiet=1" >/dev/null
fi
echo "image: $image:arm64 ($(architecture))" >&2
