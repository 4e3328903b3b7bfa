# Two Debian packages from the install components (scripts/signalgate.sh
# package): signalgate-server with its unit and system user, and signalgate
# with the desktop client and signalgate-check. dpkg-shlibdeps finds the
# libraries the binaries link; what they load at run time is named here.
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server client)
set(CPACK_PACKAGE_NAME signalgate)
set(CPACK_PACKAGE_VENDOR "The SignalGate developers")
set(CPACK_PACKAGE_CONTACT "The SignalGate developers <dev@signalgate.org>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://signalgate.org")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
# Folders root owns and everyone reads, whatever umask the build had.
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME signalgate-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
# Qt loads the SQL drivers as plugins, which dpkg-shlibdeps cannot see;
# adduser makes the system user in postinst.
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, libqt6sql6-sqlite")
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "libqt6sql6-psql")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS "redis-server, postgresql, prometheus")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/server/postinst ${CMAKE_CURRENT_SOURCE_DIR}/debian/server/prerm
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/server/postrm ${CMAKE_CURRENT_SOURCE_DIR}/debian/server/conffiles)
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_COMPONENT_SERVER_DESCRIPTION "JWT-gated live signals over WebSocket
signalgate-server gates a broadcast pool of live signals behind JWT access
tokens on one port: the /ws WebSocket, and HTTP login, refresh with
rotation and logout. It checks Origin, limits connections and messages,
closes sessions on expiry or revocation and writes an audit log. Several
nodes share signals and revocations through Redis and users through
PostgreSQL.

The package runs it as the systemd service signalgate-server, as the
system user signalgate, configured in /etc/signalgate.")

set(CPACK_DEBIAN_CLIENT_PACKAGE_NAME signalgate)
set(CPACK_DEBIAN_CLIENT_PACKAGE_SECTION net)
# Plugins again: the X11/Wayland platform, the SVG icon engine; Qt's own
# German; and a Secret Service for the tokens.
set(CPACK_DEBIAN_CLIENT_PACKAGE_DEPENDS "qt6-qpa-plugins, libqt6svg6, qt6-translations-l10n")
set(CPACK_DEBIAN_CLIENT_PACKAGE_RECOMMENDS "gnome-keyring | keepassxc")
set(CPACK_COMPONENT_CLIENT_DESCRIPTION "desktop client and test console for SignalGate
signalgate shows the live signals of a SignalGate server as a table and as
charts. It keeps its tokens in the desktop keychain and renews them before
they expire. Its test console runs authentication-failure scenarios against
SignalGate and other WebSocket servers; signalgate-check runs the same
scenarios headless, for CI.")

include(CPack)
