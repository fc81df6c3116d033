#!/usr/bin/env bash
# Installs PyPI's kubernetes-validate (1.37: schemas of Kubernetes 1.32 to 1.37,
# validated offline), which the Kubernetes conversion tests run on every
# manifest Pier writes. Safe to run again.
set -euo pipefail
version=1.37.0
if [[ "$(kubernetes-validate --version 2>/dev/null || true)" != *"$version"* ]]; then
    echo "installing kubernetes-validate $version" >&2
    python3 -m pip install --quiet --disable-pip-version-check "kubernetes-validate==$version" >&2
    # pyenv's shims see a new executable only after a rehash.
    if command -v pyenv >/dev/null; then pyenv rehash; fi
fi
echo "kubernetes-validate: $(kubernetes-validate --version)" >&2
