#!/usr/bin/env bash
# Installs what the registry tests need: Debian's docker-registry (the
# distribution registry, which the tests start themselves on a free loopback
# port with a scratch storage folder) and apache2-utils (htpasswd, for the
# registry that wants a password). Safe to run again: installed packages are
# skipped. Nothing is started here.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v docker-registry >/dev/null || missing+=(docker-registry)
command -v htpasswd >/dev/null || missing+=(apache2-utils)
if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "registry: $(command -v docker-registry), htpasswd: $(command -v htpasswd)" >&2
