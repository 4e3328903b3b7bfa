#!/bin/sh
# One entry point for a fresh Debian 12 machine:
#   scripts/signalgate.sh run    install what is missing, build, start the server in --dev mode
#   scripts/signalgate.sh test   install what is missing, build, run the whole suite
#                                (default build, the ASan/UBSan build, then each
#                                libFuzzer target for SIGNALGATE_FUZZ_SECONDS, 60)
# Idempotent: on a machine that has everything it installs nothing and says little.
set -eu
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
run | test) ;;
*)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac

scripts/install-deps.sh cmake ninja-build g++ pkg-config qt6-base-dev qt6-websockets-dev \
    libqt6sql6-sqlite libssl-dev qtkeychain-qt6-dev gnome-keyring dbus-x11 libsecret-tools

build() {
    preset=$1
    log="build/$preset-configure.log"
    mkdir -p build
    if ! cmake --preset "$preset" -G Ninja >"$log" 2>&1; then
        cat "$log" >&2
        echo "== configure ($preset) failed; the log is above" >&2
        exit 1
    fi
    echo "== building ($preset)"
    cmake --build --preset "$preset" -- --quiet
}

run_tests() {
    preset=$1
    rm -f "build/$preset/test-results"/*.txt
    echo "== testing ($preset)"
    status=0
    # A private D-Bus session with an unlocked gnome-keyring and a throwaway
    # HOME: the token store is tested against a real keychain.
    scripts/with-keyring.sh ctest --preset "$preset" || status=$?
    # ctest counts executables; the Qt Test totals count every test function and data row.
    echo "== Qt Test totals ($preset)"
    for result in "build/$preset/test-results"/*.txt; do
        [ -e "$result" ] || continue
        printf '%-24s %s\n' "$(basename "$result" .txt)" "$(grep '^Totals:' "$result" || echo 'no totals: crashed?')"
    done
    awk '/^Totals:/ { p += $2; f += $4; s += $6 } END { printf "all: %d passed, %d failed, %d skipped\n", p, f, s }' \
        "build/$preset/test-results"/*.txt
    return $status
}

if [ "$mode" = run ]; then
    build default
    exec build/default/server/signalgate-server --dev
fi

build default
run_tests default
build asan
run_tests asan
echo "== fuzzing (${SIGNALGATE_FUZZ_SECONDS:-60} s per target)"
scripts/fuzz.sh "${SIGNALGATE_FUZZ_SECONDS:-60}"
