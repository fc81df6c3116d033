#!/usr/bin/env bash
# Runs one test phase of CI with a time bound, so that a test that hangs costs its phase, not the whole run:
#
#   scripts/bounded-tests.sh MINUTES NAME command [arguments...]
#
# The command's output is shown as it comes and kept in .build/ci-NAME.log. When the phase ends (passed, failed or
# stopped at its bound), the tests that started and never finished are listed by name: the ones a hang holds.
# The exit status is the command's (124 when the bound stopped it).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

minutes=$1
name=$2
shift 2
log=".build/ci-$name.log"
mkdir -p .build

start=$SECONDS
# timeout signals the command's whole process group (swift test, the test binary, the pier and engine clients it
# started); --kill-after ends what ignores SIGTERM.
timeout --kill-after=30 "$((minutes * 60))" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo "== $name took $((SECONDS - start)) s (status $status)"
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "== $name was stopped at its bound of $minutes minutes"
fi

# Swift Testing prints `◇ Test f() started.` and later `✔ Test f() passed…`, `✘ Test f() failed…` or `➜ …skipped`.
unfinished=$(awk '
    # The cases of a parameterized test end with the test, not one by one; the run is not a test.
    /^◇ Test case / || /^◇ Test run started/ { next }
    /^◇ Test .* started\.$/ { name = $0; sub(/^◇ Test /, "", name); sub(/ started\.$/, "", name); open[name]++ }
    /^(✔|✘|➜) Test / {
        name = $0; sub(/^(✔|✘|➜) Test /, "", name); sub(/ (with [0-9]+ test cases? )?(passed|failed|skipped).*$/, "", name)
        if (open[name] > 0) open[name]--
    }
    END { for (name in open) if (open[name] > 0) print "   " name }
' "$log")
if [ -n "$unfinished" ]; then
    echo "== $name: tests that started and never finished:"
    echo "$unfinished"
fi
exit "$status"
