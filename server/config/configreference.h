#pragma once

#include <QString>

namespace SignalGate::Server {

// The configuration reference, made from the option and command tables
// (serverOptions(), serverCommands()) so it cannot drift from --help and the
// INI reader: docs/CONFIG.md and the signalgate-server(1) man page. A test
// fails when the committed docs/CONFIG.md differs from markdown().
namespace ConfigReference {
QString markdown();
// roff for man(7); version goes into the page's footer.
QString manPage(const QString &version);
}   // namespace ConfigReference

}   // namespace SignalGate::Server
