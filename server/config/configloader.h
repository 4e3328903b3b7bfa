#pragma once

#include "serverconfig.h"

#include <QString>
#include <QStringList>

namespace SignalGate::Server {

// Flags (QCommandLineParser) over an optional INI file (--config) over
// defaults. Every problem is one line naming the flag and the fix.
class ConfigLoader
{
public:
    struct Result
    {
        ServerConfig config;
        QString error;      // non-empty: print it, exit 2
        QString helpText;   // non-empty: --help or --version was asked for; print it, exit 0
        bool ok() const { return error.isEmpty(); }
    };

    static Result load(const QStringList &arguments);
};

}   // namespace SignalGate::Server
