#!/bin/sh
# One entry point for a fresh Debian 12 machine:
#   scripts/signalgate.sh run    install what is missing, build, start the server in --dev mode
#                                and the desktop client signed in to it as demo
#   scripts/signalgate.sh cluster  install what is missing, build, start Redis, PostgreSQL
#                                and two nodes on this machine (scripts/cluster.sh)
#   scripts/signalgate.sh test   install what is missing, build, run the whole suite
#                                (default build, the ASan/UBSan build, the threaded
#                                code under TSan, each libFuzzer target for
#                                SIGNALGATE_FUZZ_SECONDS, 60, then the packages)
#   scripts/signalgate.sh package  install what is missing, build the two Debian
#                                packages into build/package/ and check them
#                                (scripts/package.sh, docs/OPERATIONS.md)
# Idempotent: on a machine that has everything it installs nothing and says little.
set -eu
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
run | test | cluster | package) ;;
*)
    echo "usage: $0 run|test|cluster|package" >&2
    exit 2
    ;;
esac

# What building and running needs; `run` installs only these.
# qt6-translations-l10n holds Qt's own German (buttons, key names).
# qt6-charts-dev needs libqt6opengl6-dev for its CMake package but does not
# depend on it in Debian 12; libqt6svg6 draws the SVG icons. gnome-keyring and
# dbus-x11 are the keychain the desktop client keeps its tokens in.
build_packages="cmake ninja-build g++ pkg-config curl qt6-base-dev qt6-websockets-dev \
    libqt6sql6-sqlite libssl-dev qtkeychain-qt6-dev gnome-keyring dbus-x11 \
    qt6-charts-dev libqt6opengl6-dev qt6-tools-dev qt6-l10n-tools qt6-translations-l10n libqt6svg6 openssl \
    libhiredis-dev libsystemd-dev help2man"
# What only the suite needs. The python3 packages run the foreign peer servers
# of tests/peers/; redis-server, postgresql and libqt6sql6-psql are the engines
# the several-node tests start for themselves (tests/support/redisserver.h,
# postgresserver.h); libsecret-tools asks the keychain behind QtKeychain's back.
# The install test validates what it installs with desktop-file-utils,
# appstream and systemd (systemd-analyze); prometheus brings promtool for the
# alert rules.
test_packages="python3-fastapi python3-uvicorn python3-websockets python3-multipart libsecret-tools \
    redis-server postgresql libqt6sql6-psql desktop-file-utils appstream systemd prometheus"
# What cpack needs: dpkg-shlibdeps (dpkg-dev, file) finds the Depends,
# lintian checks the result.
package_packages="dpkg-dev file lintian"
case "$mode" in
run) packages=$build_packages ;;
package) packages="$build_packages $package_packages" ;;
*) packages="$build_packages $test_packages $package_packages" ;;
esac
# shellcheck disable=SC2086 # one word per package
scripts/install-deps.sh $packages

# build PRESET [TARGET...]: configure, then build the targets (all when none).
build() {
    preset=$1
    shift
    log="build/$preset-configure.log"
    mkdir -p build
    if ! cmake --preset "$preset" -G Ninja >"$log" 2>&1; then
        cat "$log" >&2
        echo "== configure ($preset) failed; the log is above" >&2
        exit 1
    fi
    echo "== building ($preset)"
    if [ $# -gt 0 ]; then
        cmake --build --preset "$preset" --target "$@" -- --quiet
    else
        cmake --build --preset "$preset" -- --quiet
    fi
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
    # Only what it starts: the test executables are most of a full build.
    build default signalgate-server signalgate
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "== no display (DISPLAY and WAYLAND_DISPLAY are unset): starting only the server;" \
            "run build/default/ui/signalgate on a desktop to watch it" >&2
        exec build/default/server/signalgate-server --dev
    fi
    build/default/server/signalgate-server --dev &
    server=$!
    trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    tries=0
    until curl -fs http://127.0.0.1:8765/healthz >/dev/null 2>&1; do
        if ! kill -0 "$server" 2>/dev/null; then
            echo "== the server did not start (its message is above)" >&2
            exit 1
        fi
        tries=$((tries + 1))
        if [ "$tries" -gt 100 ]; then
            echo "== the server did not answer on http://127.0.0.1:8765 within 10 s" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "== starting the desktop client as demo (closing it stops the server)"
    printf 'demo\n' | build/default/ui/signalgate --server http://127.0.0.1:8765 --user demo --password-stdin
    exit 0
fi

if [ "$mode" = package ]; then
    exec scripts/package.sh
fi

if [ "$mode" = cluster ]; then
    build default signalgate-server signalgate
    exec scripts/cluster.sh
fi

build default
run_tests default
build asan
run_tests asan
build tsan
run_tests tsan
echo "== fuzzing (${SIGNALGATE_FUZZ_SECONDS:-60} s per target)"
scripts/fuzz.sh "${SIGNALGATE_FUZZ_SECONDS:-60}"
scripts/package.sh
