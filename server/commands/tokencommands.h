#pragma once

#include "serverconfig.h"

#include <QIODevice>
#include <QTextStream>

namespace SignalGate::Server {

// "token mint" and "token inspect" (PROTOCOL.md section 10.6). They load the
// key with the server's KeyLoader and judge with its AccessTokenVerifier and
// RevocationList, so their verdicts are the server's. Neither ever prints a
// signature, and mint prints nothing but the token.
namespace TokenCommands {
// Exit 0 with the token on out, or 2 with one line on err.
int mint(const ServerConfig &config, QTextStream &out, QTextStream &err);
// Reads one token from input. Exit 0 ok, 1 refused (the audit reason of
// PROTOCOL.md section 7 in "verdict"), 2 bad input or configuration.
int inspect(const ServerConfig &config, QIODevice &input, QTextStream &out, QTextStream &err);
}   // namespace TokenCommands

}   // namespace SignalGate::Server
