#!/bin/sh
# Runs a command with a real, unlocked Secret Service (gnome-keyring) on a
# private D-Bus session bus and a throwaway HOME, so keychain tests
# (tst_tokenstore) work headless and never touch the user's own keyring.
# QtKeychain on Linux talks to it through libsecret over D-Bus. Usage:
#   scripts/with-keyring.sh ctest --preset default
#   scripts/with-keyring.sh build/default/tests/client/tst_tokenstore -v2
# The exit status is the command's. Needs dbus-run-session (package
# dbus-daemon, pulled in by dbus-x11) and gnome-keyring.
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: $tool is missing (Debian packages: dbus-x11 gnome-keyring)" >&2
        exit 1
    fi
done

sandbox=$(mktemp -d "${TMPDIR:-/tmp}/signalgate-keyring.XXXXXX")
trap 'rm -rf "$sandbox"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -m 700 "$sandbox/home" "$sandbox/runtime"
HOME=$sandbox/home
# The keyring's control socket lives under XDG_RUNTIME_DIR: a private one, so
# a desktop session's own gnome-keyring-daemon is neither found nor replaced.
XDG_RUNTIME_DIR=$sandbox/runtime
export HOME XDG_RUNTIME_DIR
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME XDG_STATE_HOME GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS

status=0
# --unlock creates and unlocks the login keyring (the password only protects
# this throwaway file); --start then registers org.freedesktop.secrets on the
# bus at once, rather than by D-Bus activation on first use (which logs).
# The daemon ends with the bus when the command is done.
dbus-run-session -- sh -c '
    if ! printf ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null ||
        ! gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1; then
        echo "with-keyring.sh: could not start and unlock gnome-keyring-daemon" >&2
        exit 1
    fi
    exec "$@"
' sh "$@" || status=$?
exit "$status"
