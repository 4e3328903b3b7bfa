#!/bin/sh
# Builds the two Debian packages (preset package: Release, prefix /usr) and
# checks them: the Depends dpkg-shlibdeps and dist/packaging.cmake give, the
# files each one holds, and lintian. Called by `signalgate.sh package` and, so
# CI builds them too, at the end of `signalgate.sh test`. The packages land in
# build/package/.
set -eu
cd "$(dirname "$0")/.."

log=build/package-configure.log
mkdir -p build
if ! cmake --preset package -G Ninja >"$log" 2>&1; then
    cat "$log" >&2
    echo "== configure (package) failed; the log is above" >&2
    exit 1
fi
echo "== building (package)"
cmake --build --preset package -- --quiet
rm -f build/package/*.deb
echo "== packaging"
(cd build/package && cpack -G DEB >cpack.log 2>&1) || {
    cat build/package/cpack.log >&2
    echo "== cpack failed; the log is above" >&2
    exit 1
}

fail() {
    echo "== package check failed: $*" >&2
    exit 1
}
server=$(ls build/package/signalgate-server_*.deb)
client=$(ls build/package/signalgate_*.deb)

# dpkg-deb --info: what apt will install with them.
server_depends=$(dpkg-deb --field "$server" Depends)
client_depends=$(dpkg-deb --field "$client" Depends)
for wanted in libqt6websockets6 libqt6sql6 libssl3 libhiredis0.14 adduser libqt6sql6-sqlite; do
    echo "$server_depends" | grep -q "$wanted" || fail "$server does not depend on $wanted: $server_depends"
done
for wanted in libqt6widgets6 libqt6charts6 libqt6keychain1 qt6-translations-l10n qt6-qpa-plugins libqt6svg6; do
    echo "$client_depends" | grep -q "$wanted" || fail "$client does not depend on $wanted: $client_depends"
done
echo "$client_depends" | grep -q "libqt6sql6" && fail "$client depends on Qt SQL, which only the server uses"

# dpkg-deb --contents: each file in its package, nothing of the other's.
contents() { dpkg-deb --contents "$1" | awk '{ print $6 }'; }
for file in ./usr/bin/signalgate-server ./lib/systemd/system/signalgate-server.service \
    ./etc/signalgate/signalgate-server.ini ./usr/share/man/man1/signalgate-server.1.gz \
    ./usr/share/signalgate/prometheus/signalgate-alerts.yml ./usr/share/doc/signalgate-server/copyright; do
    contents "$server" | grep -qx "$file" || fail "$server lacks $file"
done
for file in ./usr/bin/signalgate ./usr/bin/signalgate-check ./usr/share/applications/org.signalgate.SignalGate.desktop \
    ./usr/share/metainfo/org.signalgate.SignalGate.metainfo.xml ./usr/share/man/man1/signalgate-check.1.gz; do
    contents "$client" | grep -qx "$file" || fail "$client lacks $file"
done
contents "$client" | grep -q "signalgate-server" && fail "$client holds server files"
dpkg-deb --info "$server" | grep -q postinst || fail "$server has no postinst (the system user)"

# lintian: what it still says is written down in docs/OPERATIONS.md.
echo "== lintian"
lintian --fail-on error --suppress-tags-from-file dist/debian/lintian-accepted "$server" "$client"

echo "== packages:"
for deb in "$server" "$client"; do
    echo "   $deb"
    dpkg-deb --field "$deb" Package Version Depends | sed 's/^/     /'
done
