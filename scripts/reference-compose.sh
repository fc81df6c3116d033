#!/usr/bin/env bash
# Locates the reference Docker Compose binary (the real Go binary, never the
# pip wrapper, which always exits 0 and would hide failures).
#
#   scripts/reference-compose.sh            print the binary's path
#   scripts/reference-compose.sh --path     same
#   scripts/reference-compose.sh ARGS...    run the reference with ARGS
#
# Same lookup as the Swift tests: $PIER_REFERENCE_COMPOSE if set, else the
# binary next to the `compose` Python package. Does not install anything:
# scripts/install-reference.sh does.
set -euo pipefail

if [[ -n "${PIER_REFERENCE_COMPOSE:-}" ]]; then
    binary=$PIER_REFERENCE_COMPOSE
else
    package_dir=$(python3 -c 'import compose,os;print(os.path.dirname(compose.__file__))' 2>/dev/null || true)
    binary=${package_dir:+$package_dir/docker-compose}
fi

if [[ -z "$binary" || ! -x "$binary" ]]; then
    echo "reference docker-compose not found${binary:+ at $binary}; run scripts/install-reference.sh" >&2
    exit 1
fi

if [[ $# -eq 0 || "$*" == "--path" ]]; then
    echo "$binary"
else
    exec "$binary" "$@"
fi
