#pragma once

#include "jwskey.h"
#include "serverconfig.h"

#include <optional>

namespace SignalGate::Server {

// The signing and verifying key a configuration names: the HS256 secret
// (--jwt-secret-file, or <data-dir>/jwt-secret) or the PEM pair of RS256,
// ES256 and EdDSA. The server and its token tools load it here, so a token
// the tools mint or judge is one the server would.
namespace KeyLoader {
// What to do when HS256 has no --jwt-secret-file and <data-dir>/jwt-secret
// does not exist yet: a starting server makes it; the token tools must not
// invent a key no server uses.
enum class Missing { Create, Refuse };
// On failure *error is one line naming the file and the fix.
std::optional<Jose::JwsKey> load(const ServerConfig &config, Missing missing, QString *error);
}   // namespace KeyLoader

}   // namespace SignalGate::Server
