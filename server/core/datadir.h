#pragma once

#include <QString>

namespace SignalGate::Server {

// The server's data directory (PROTOCOL.md section 10.5).
namespace DataDir {
// Creates every missing level of path mode 0700 from the start (no window in
// which another user could open it) and checks the result is a writable
// directory. On failure *error is one line naming the folder and the fix.
bool prepare(const QString &path, QString *error);
}   // namespace DataDir

}   // namespace SignalGate::Server
