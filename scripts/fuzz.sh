#!/bin/sh
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan) and runs each
# one for SECONDS (default 60):
#   scripts/fuzz.sh [SECONDS]
# Every target starts from a fresh temporary copy of its seeds in fuzz/corpus/<name>
# (the repository is never written to); crash files go to build/fuzz/artifacts/<name>/.
# Prints one line per target and exits non-zero if any target crashed (or found a
# leak, a timeout or an out-of-memory). See fuzz/README.md for longer runs,
# reproducing and minimizing.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${1:-60}
case "$seconds" in
'' | *[!0-9]* | 0)
    echo "usage: $0 [SECONDS per target, a positive integer; default 60]" >&2
    exit 2
    ;;
esac

targets="jwt clientmessage httphead"
build_dir="$root/build/fuzz"

"$root/scripts/install-deps.sh" cmake ninja-build clang libclang-rt-14-dev pkg-config \
    qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite libssl-dev qtkeychain-qt6-dev libhiredis-dev libsystemd-dev

mkdir -p "$build_dir"
log="$root/build/fuzz-build.log"
generator=""
# Ninja for a new build directory; an existing one keeps the generator it was made with.
[ -f "$build_dir/CMakeCache.txt" ] || generator="-G Ninja"
# Only the fuzz executables (and the libraries they link) are built: the fuzzers
# do not depend on the rest of the server. `cmake --build --preset fuzz` builds all.
# shellcheck disable=SC2086 # $generator is empty or two words on purpose
if ! { cmake --preset fuzz $generator && cmake --build --preset fuzz --target fuzzers; } >"$log" 2>&1; then
    cat "$log" >&2
    echo "== building the fuzz preset failed; the log is above (also in $log)" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/signalgate-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

failed=0
for name in $targets; do
    fuzzer="$build_dir/fuzz/${name}_fuzzer"
    artifacts="$build_dir/artifacts/$name"
    corpus="$work/corpus/$name"
    out="$work/$name.log"
    mkdir -p "$artifacts" "$corpus"
    cp "$root/fuzz/corpus/$name"/* "$corpus"/
    dict=""
    [ -f "$root/fuzz/$name.dict" ] && dict="-dict=$root/fuzz/$name.dict"

    status=0
    # Run from the temporary directory so nothing (a stray crash-* or fuzz-*.log)
    # can land in the repository. -timeout: one input taking 30 s is a hang.
    # shellcheck disable=SC2086 # $dict is empty or one word
    (cd "$work" && "$fuzzer" -max_total_time="$seconds" -print_final_stats=1 -timeout=30 \
        -artifact_prefix="$artifacts/" $dict "$corpus") >"$out" 2>&1 || status=$?

    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$out" | tail -n 1)
    units=$(sed -n 's/.* corp: \([0-9]*\)\/\([0-9A-Za-z]*\) .*/\1 (\2)/p' "$out" | tail -n 1)
    printf '%-14s %10s execs %8s exec/s   corpus %s\n' "$name" "${execs:--}" "${rate:--}" "${units:--}"

    if [ "$status" -ne 0 ]; then
        failed=1
        echo "== $name: the fuzzer failed (exit $status); its report:" >&2
        # From the sanitizer's or libFuzzer's first error line on; else the last lines.
        awk '/ERROR: |runtime error:|WARNING: .*Sanitizer/ { found = 1 } found { print; n++ } END { exit !n }' \
            "$out" >&2 || tail -n 60 "$out" >&2
        crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out" | tail -n 1)
        if [ -n "$crash" ]; then
            echo "== $name: crash input: $crash" >&2
            echo "== reproduce: $fuzzer $crash" >&2
            echo "== minimize:  $fuzzer -minimize_crash=1 -runs=100000 -artifact_prefix=$artifacts/ $crash" >&2
        else
            echo "== $name: no crash input was written (see the output above)" >&2
        fi
    fi
done

exit "$failed"
