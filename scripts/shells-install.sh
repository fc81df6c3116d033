#!/usr/bin/env bash
# Installs the shells whose completion scripts the tests load (bash is always
# there): Debian's zsh and fish. Safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
command -v zsh >/dev/null || missing+=(zsh)
command -v fish >/dev/null || missing+=(fish)
if ((${#missing[@]})); then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "shells: $(command -v bash) $(command -v zsh) $(command -v fish)" >&2
