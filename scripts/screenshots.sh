#!/bin/sh
# scripts/screenshots.sh [OUTDIR]: renders every tab of the desktop client
# (English and German, 1280x800 and 900x600) against a dev-mode server,
# offscreen, into OUTDIR (default build/screenshots).
# scripts/screenshots.sh --readme: renews the README's three pictures in
# docs/images/ (signals, the connection log after a revoke, the console after
# a run), under Xvfb so they show the desktop platform's rendering.
# Needs the default build.
set -eu
cd "$(dirname "$0")/.."
cmake --build --preset default --target signalgate-screenshots -- --quiet
if [ "${1:-}" = --readme ]; then
    scripts/install-deps.sh xvfb xauth
    exec scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" \
        build/default/tests/ui/signalgate-screenshots --readme docs/images
fi
exec scripts/with-keyring.sh build/default/tests/ui/signalgate-screenshots "${1:-build/screenshots}"
