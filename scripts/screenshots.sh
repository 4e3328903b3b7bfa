#!/bin/sh
# Renders every tab of the desktop client (English and German, 1280x800 and
# 900x600) against a dev-mode server, offscreen, into OUTDIR (default
# build/screenshots). Needs the default build.
set -eu
cd "$(dirname "$0")/.."
out=${1:-build/screenshots}
cmake --build --preset default --target signalgate-screenshots -- --quiet
exec scripts/with-keyring.sh build/default/tests/ui/signalgate-screenshots "$out"
