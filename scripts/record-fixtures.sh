#!/usr/bin/env bash
# Regenerate the human-readable reference outputs of the `pier config`
# differential fixtures (Tests/Fixtures/config/<case>/) from the reference
# Docker Compose binary.
#
# Usage: scripts/record-fixtures.sh [case-name...]
#   COMPOSE_REF=/path/to/docker-compose  (default: $PIER_REFERENCE_COMPOSE, else compose-ref)
#
# For each case directory it runs, with the case directory as working
# directory and a clean environment (only PATH, HOME and the lines of `env`):
#   $COMPOSE_REF $(cat args) config --format json $(cat services) < stdin
# and writes reference.json (success) or reference.err (stderr, on failure).
# It reports cases whose outcome contradicts the presence of `expect-error`.
set -u

REF="${COMPOSE_REF:-${PIER_REFERENCE_COMPOSE:-compose-ref}}"
# The reference hangs on some inputs that Pier bounds (see EXCEPTIONS) and ignores SIGTERM meanwhile.
TIMEOUT="${RECORD_TIMEOUT:-60}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/Tests/Fixtures/config"

if ! command -v "$REF" >/dev/null 2>&1; then
  echo "reference binary not found: $REF (set COMPOSE_REF)" >&2
  exit 2
fi
"$REF" version >&2 || true

total=0; errors=0; bad=0
for case_dir in "$DIR"/*/; do
  case_dir="${case_dir%/}"
  name="$(basename "$case_dir")"
  if [ "$#" -gt 0 ]; then
    match=0
    for want in "$@"; do [ "$want" = "$name" ] && match=1; done
    [ "$match" = 1 ] || continue
  fi
  total=$((total + 1))
  (
    set -f # no globbing when splitting args/services (e.g. `--profile *`)
    cd "$case_dir" || exit 2
    rm -f reference.json reference.err
    args=(); [ -f args ] && args=($(cat args))
    services=(); [ -f services ] && services=($(cat services))
    envs=()
    if [ -f env ]; then
      while IFS= read -r line || [ -n "$line" ]; do
        [ -n "$line" ] && envs+=("$line")
      done < env
    fi
    input=/dev/null; [ -f stdin ] && input=stdin
    tmp_err="$(mktemp)"
    env -i PATH="$PATH" HOME="$HOME" "${envs[@]}" \
      timeout -s KILL "$TIMEOUT" "$REF" "${args[@]}" config --format json "${services[@]}" \
      < "$input" > reference.json 2> "$tmp_err"
    rc=$?
    if [ "$rc" -eq 0 ]; then
      rm -f "$tmp_err"
      if [ -f expect-error ]; then
        echo "MISMATCH $name: expect-error present but reference succeeded" >&2
        exit 1
      fi
    else
      rm -f reference.json
      cat "$tmp_err" > reference.err; rm -f "$tmp_err"
      [ "$rc" -eq 137 ] && echo "(killed after ${TIMEOUT} s)" >> reference.err
      if [ ! -f expect-error ]; then
        echo "MISMATCH $name: reference failed (rc=$rc): $(head -c 300 reference.err)" >&2
        exit 1
      fi
    fi
    exit 0
  ) || bad=$((bad + 1))
  [ -f "$case_dir/expect-error" ] && errors=$((errors + 1))
done
echo "recorded $total case(s), $errors error case(s), $bad mismatch(es)"
[ "$bad" -eq 0 ]
