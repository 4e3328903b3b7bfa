#pragma once

#include "serverconfig.h"

#include <QTextStream>

namespace SignalGate::Server {

// The "user add" and "user del" subcommands. Return the process exit code
// (0 ok, 2 error with one line on err).
namespace UserCommands {
int add(const ServerConfig &config, QIODevice &passwordInput, QTextStream &out, QTextStream &err);
int remove(const ServerConfig &config, QTextStream &out, QTextStream &err);
}   // namespace UserCommands

}   // namespace SignalGate::Server
