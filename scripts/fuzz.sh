#!/usr/bin/env bash
# Runs the libFuzzer targets of Fuzz/ (built by `make fuzz-build`), each for FUZZ_TIME seconds (default 60),
# seeded from Tests/Fixtures (scripts/fuzz-seeds.py). The corpus each run grows is kept in .build-fuzz/corpus
# for the next run; a crash, a timeout (an input slower than 60 s: the shared machine can be slow, and a
# limit-sized input takes seconds under AddressSanitizer) or an input needing more than 2 GB is saved
# in .build-fuzz/findings/<target>/ and ends the script with status 1: turn each into a fixture.
#
#   FUZZ_TIME=300 FUZZ_TARGETS="FuzzLoader FuzzYAML" scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TIME="${FUZZ_TIME:-60}"
TARGETS="${FUZZ_TARGETS:-FuzzYAML FuzzInterpolation FuzzDotEnv FuzzMerge FuzzLoader}"
BUILD=.build-fuzz
BIN="$BUILD/release"
SEEDS="$BUILD/seeds"

# Swift's regex library keeps what it builds for the schema's patterns: not the loader's leak (scripts/lsan.supp).
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

rm -rf "$SEEDS"
python3 scripts/fuzz-seeds.py "$SEEDS"
failed=0
for target in $TARGETS; do
    corpus="$BUILD/corpus/$target"
    findings="$BUILD/findings/$target"
    mkdir -p "$corpus" "$findings"
    echo "== $target: $TIME s"
    # -max_len: room for the largest fixture project; -close_fd_mask: the targets print nothing worth keeping.
    if ! "$BIN/$target" -max_total_time="$TIME" -timeout=60 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$findings/" -print_final_stats=1 -close_fd_mask=1 "$corpus" "$SEEDS/$target" \
        2> "$BUILD/$target.log"; then
        failed=1
        echo "$target FOUND A PROBLEM: see $BUILD/$target.log and $findings/" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$BUILD/$target.log" >&2 || true
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$BUILD/$target.log" || true
done
exit "$failed"
