#pragma once

#include "configloader.h"

#include <QTextStream>

namespace SignalGate::Server {

// "config check" (PROTOCOL.md section 10.6), the unit's ExecStartPre: what
// ConfigLoader accepted, then every file the configuration names read as a
// start would read it (key, TLS pair, password files, data directory). It
// changes nothing and contacts no broker or database: a node may start
// before them and waits for them. Exit 0 with the effective settings (file
// names, never their contents), or 2 with the first problem on one line.
namespace ConfigCheck {
int run(const ConfigLoader::Result &loaded, QTextStream &out, QTextStream &err);
}   // namespace ConfigCheck

}   // namespace SignalGate::Server
