#!/usr/bin/env bash
# Builds, without any registry, the images the seed stacks name (PostgreSQL,
# nginx, Redis, Python, and stand-ins for qdrant and oauth2-proxy), so that
# Tests/Fixtures/seeds and examples/demo run as written. Safe to run again: an
# image whose tag exists is kept (PIER_SEED_REBUILD=1 rebuilds them all).
#
#   1. pier-seed/debian:bookworm   debootstrap --variant=minbase, imported; the
#                                  rootfs tarball is cached under $cache
#   2. pier-seed/runtime:bookworm  one apt layer with every package the images
#                                  use (PostgreSQL 15, nginx, Redis, Python 3, curl...)
#   3. the seed names, each a thin layer on the runtime (scripts/seed-images/<dir>):
#      postgres/      Debian's postgresql-15 behind an entrypoint like the official
#                     image's (POSTGRES_USER/PASSWORD/DB, PGDATA, initdb.d)
#      nginx/         Debian's nginx with the official image's layout
#      redis/         Debian's redis-server
#      python/        Debian's python3 (3.11) as `python`, with psql and curl
#      qdrant/        STAND-IN: a small Python server answering qdrant's health
#                     and root endpoints on 6333, storing nothing of value
#      oauth2-proxy/  STAND-IN: a small Python reverse proxy taking oauth2-proxy's
#                     --http-address/--upstream/--skip-auth-route/--api-route
#                     flags; routes not skipped get 401 (API) or a 302 to a login
#   The versions in the tags are the seeds' (postgres:16-alpine runs 15, for
#   example): what matters is that the compose files run unchanged. On a machine
#   with registry access, leave these tags absent and the real images are pulled.
#
# Measured on 2 shared cores: about 150 s from nothing (debootstrap, then one
# apt layer of ~450 MB), 3 s when the images are there.
#
#   scripts/seed-images.sh        builds them on the engine at /var/run/docker.sock
#                                 (or DOCKER_HOST)
#   scripts/seed-images.sh 26.1   builds them there too (the builds need the
#                                 Debian mirror, which only that engine's
#                                 containers reach), then copies the tags the
#                                 Engine 26.1 of scripts/engine-start.sh lacks
#                                 with `docker save | docker load`
#
# Environment: PIER_SEED_CACHE (default /var/cache/pier-seed), PIER_SEED_REBUILD.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/seed-images"

case ${1:-} in
"") target= ;;
26 | 26.1) target=unix:///run/pier-engine26/docker.sock ;;
*)
    echo "unknown engine version '$1': use 26.1, or nothing for the default engine" >&2
    exit 2
    ;;
esac
# The builds run on the default engine even when DOCKER_HOST names the target.
[[ -z $target || ${DOCKER_HOST:-} != "$target" ]] || unset DOCKER_HOST

cache=${PIER_SEED_CACHE:-/var/cache/pier-seed}
rebuild=${PIER_SEED_REBUILD:-0}
mirror=http://deb.debian.org/debian
export DOCKER_BUILDKIT=0 # the engine's classic builder: no buildx here
start=$SECONDS

have() { [[ $rebuild != 1 ]] && docker image inspect "$1" >/dev/null 2>&1; }
log() { echo "seed-images: $*" >&2; }

# Every tag this script makes, for the copy to another engine.
made=()

# build DIR TAG... : builds DIR once and tags the result with every TAG.
build() {
    local dir=$1 missing=()
    shift
    made+=("$@")
    for tag in "$@"; do have "$tag" || missing+=("$tag"); done
    ((${#missing[@]})) || return 0
    log "building $dir as ${missing[*]}"
    local args=()
    for tag in "${missing[@]}"; do args+=(-t "$tag"); done
    local output
    output=$(docker build "${args[@]}" "$dir" 2>&1) || {
        echo "$output" >&2
        return 1
    }
}

# 1. The Debian base.
base=pier-seed/debian:bookworm
if ! have "$base"; then
    tarball=$cache/bookworm-minbase.tar
    if [[ ! -s $tarball ]]; then
        command -v debootstrap >/dev/null || {
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
        }
        log "debootstrap bookworm (cached in $tarball)"
        work=$(mktemp -d)
        trap 'rm -rf "$work"' EXIT
        debootstrap --variant=minbase bookworm "$work/root" "$mirror" >"$work/debootstrap.log" 2>&1 || {
            tail -n 20 "$work/debootstrap.log" >&2
            exit 1
        }
        rm -rf "$work"/root/var/cache/apt/archives/*.deb "$work"/root/var/lib/apt/lists/*
        mkdir -p "$cache"
        tar -C "$work/root" --numeric-owner -cf "$tarball.tmp" .
        mv "$tarball.tmp" "$tarball"
        rm -rf "$work"
        trap - EXIT
    fi
    log "importing $base"
    docker import -c 'CMD ["bash"]' -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        "$tarball" "$base" >/dev/null
fi

# 2. The shared apt layer, then 3. the images the seeds name.
build runtime pier-seed/runtime:bookworm
build postgres postgres:16-alpine postgres:15.10-alpine postgres:15-alpine postgres:17.6 \
    mirror.gcr.io/library/postgres:16 pier-seed/postgres:15
build nginx nginx:alpine pier-seed/nginx:bookworm
build redis redis:8.2.1 pier-seed/redis:bookworm
build python python:3.10-slim python:3.11-slim python:3.13-slim \
    mirror.gcr.io/library/python:3.13-slim pier-seed/python:3.11
build qdrant qdrant/qdrant:v1.12.5
build oauth2-proxy quay.io/oauth2-proxy/oauth2-proxy:v7.5.1


# 4. The copy to another engine: one archive, so the layers the tags share travel once.
if [[ -n $target ]]; then
    missing=()
    for tag in "$base" "${made[@]}"; do
        [[ $rebuild != 1 ]] && docker -H "$target" image inspect "$tag" >/dev/null 2>&1 || missing+=("$tag")
    done
    if ((${#missing[@]})); then
        log "copying ${#missing[@]} images to $target"
        docker save "${missing[@]}" | docker -H "$target" load >/dev/null
    fi
fi

log "images ready${target:+ on $target too} ($((SECONDS - start)) s)"
