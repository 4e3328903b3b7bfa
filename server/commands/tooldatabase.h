#pragma once

#include "serverconfig.h"

namespace SignalGate::Server {

class Database;

// The database a subcommand works on: the same one, with the same password,
// as the server that configuration runs. On failure *error is one line that
// ends with what to check.
bool openToolDatabase(const ServerConfig &config, Database &database, QString *error);

}   // namespace SignalGate::Server
